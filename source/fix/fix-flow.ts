import type {EngineApi, PullProgress} from '../facts/engine/engine-api.js';
import type {ContainerOps, ContainerSpec} from '../facts/engine/container-ops.js';
import type {Diagnosis, Finding, FixAction} from '../diagnosis/types.js';
import {dropCandidate, promoteCandidate, pullCandidate} from './candidate-pull.js';
import {applyComposeEdit, planComposeEdit, type ComposeEdit, type ComposeFs} from './compose.js';
import {compareFindings, describeComparison, type FindingComparison} from './recheck.js';
import type {ServingContainer} from './recreate/health-proof.js';
import type {ProbeHttp} from './recreate/prove.js';
import {recreateOn} from './recreate/recreate-step.js';
import type {HowMade, RecreateStrategy} from './recreate/strategy.js';
import type {ComposeByHand} from './recreate/compose-elsewhere.js';
import {checkRemoval, removeOldImage} from './remove.js';
import type {Clock} from './throttle.js';
import {describeVerify, engineMessage, verifyImage} from './verify.js';
import type {EngineCli} from '../diagnosis/findings/engine-cli.js';

type PullAction = Extract<FixAction, {kind: 'pull-platform'}>;
type RemoveAction = Extract<FixAction, {kind: 'remove-image'}>;

/** The fixes the doctor can carry out itself, gathered from findings and put in a safe order. */
export interface FixPlan {
	readonly pulls: readonly PullAction[];
	readonly removals: readonly RemoveAction[];
	readonly composePlatform?: string;
}

export function planFixes(findings: readonly Finding[]): FixPlan {
	const pulls = new Map<string, PullAction>();
	const removals = new Map<string, RemoveAction>();
	let composePlatform: string | undefined;
	for (const finding of findings) {
		for (const action of finding.fix.actions ?? []) {
			if (action.kind === 'pull-platform') pulls.set(`${action.ref}@${action.platform}`, action);
			else if (action.kind === 'remove-image') removals.set(action.imageId, action);
			else composePlatform ??= action.platform;
		}
	}
	return {pulls: [...pulls.values()], removals: [...removals.values()], ...(composePlatform ? {composePlatform} : {})};
}

export function isEmptyPlan(plan: FixPlan): boolean {
	return plan.pulls.length === 0 && plan.removals.length === 0 && plan.composePlatform === undefined;
}

export type FixStepKind = 'pull' | 'verify' | 'tag' | 'measure' | 'recreate' | 'prove' | 'rollback' | 'remove' | 'compose' | 'recheck';
export type FixStepStatus = 'running' | 'waiting' | 'done' | 'failed' | 'skipped' | 'cancelled';

/** One row of a fix as screens and plain output show it. Text from the engine is raw: sanitize to show. */
export interface FixStep {
	readonly key: string;
	readonly kind: FixStepKind;
	readonly status: FixStepStatus;
	readonly title: string;
	readonly detail?: string;
	/** Extra lines: the containers that use an image, a command's output. */
	readonly lines?: readonly string[];
}

export type ConfirmRequest =
	| {readonly kind: 'remove'; readonly ref: string; readonly imageId: string}
	| {readonly kind: 'compose'; readonly edit: ComposeEdit}
	/** A few seconds of CPU in two throwaway containers: the same loop in the emulated and the native image. */
	| {readonly kind: 'measure'; readonly name: string; readonly emulated: string; readonly native: string}
	| {
			readonly kind: 'recreate';
			readonly name: string;
			readonly image: string;
			readonly platform: string;
			readonly how: 'compose' | 'run';
			/** What will happen, in plain lines. */
			readonly lines: readonly string[];
			/** The same by hand: an equivalent `docker run …` (docker run containers only). */
			readonly command?: string;
	  };

export type FixEngine = Pick<EngineApi, 'endpoint' | 'pull' | 'inspectImage' | 'listContainers' | 'removeImage' | 'tagImage' | 'containerLogs'> &
	Pick<ContainerOps, 'trialRun' | 'inspectImageConfig' | 'inspectContainerSpec' | 'createContainer' | 'startContainer' | 'stopContainer' | 'renameContainer' | 'removeContainer' | 'connectNetwork'> &
	Partial<Pick<ContainerOps, 'execInContainer'>>;

/** Makes the compose way of recreating a compose-managed container; undefined = recreate it through the Engine API. */
export type ComposeStrategyFactory = (
	old: ContainerSpec,
	how: Extract<HowMade, {kind: 'compose'}>,
	platform: string,
	/** fallback: the Engine-API way, used when the machine has no compose CLI; dockerHost: the engine the doctor checked. */
	extras?: {readonly fallback?: RecreateStrategy; readonly dockerHost?: string; readonly context?: string},
) => Promise<RecreateStrategy | undefined> | RecreateStrategy | undefined;

export interface FixFlowOptions {
	readonly engine: FixEngine;
	/** The verdict's native platforms: decides "runs natively" after the verify run. */
	readonly nativePlatforms: readonly string[];
	readonly before: readonly Finding[];
	/** Collects and diagnoses again; undefined result = the check itself failed. */
	readonly recheck?: (signal?: AbortSignal) => Promise<Diagnosis | undefined>;
	readonly composeFs?: ComposeFs;
	readonly composeStrategy?: ComposeStrategyFactory;
	/** The docker context the engine was reached through (facts.endpoint.context): compose must use it too. */
	readonly engineContext?: string;
	/** How a docker line the fix prints reaches the checked engine when pasted (the findings' own rule); plain `docker` without it. */
	readonly cli?: EngineCli;
	readonly cwd?: string;
	/** The /health probe over HTTP (injected by the CLI); without it the proof rests on the container's state and healthcheck. */
	readonly probeHttp?: ProbeHttp;
	/** How long a recreated container may take to become healthy (default 90 s). */
	readonly proveDeadlineMs?: number;
	/** How long the verify run watches the image start (default 3 s). */
	readonly verifyWindowMs?: number;
	readonly clock?: Pick<Clock, 'now' | 'setTimeout' | 'clearTimeout'>;
	/** Asks before anything destructive; resolves false to keep things as they are. */
	readonly confirm: (request: ConfirmRequest) => Promise<boolean>;
	readonly onStep: (step: FixStep) => void;
	readonly onPullProgress?: (stepKey: string, event: PullProgress) => void;
	readonly signal?: AbortSignal;
}

export interface FixOutcome {
	readonly steps: readonly FixStep[];
	readonly cancelled: boolean;
	readonly after?: Diagnosis;
	readonly comparison?: FindingComparison;
	/** Containers recreated on the verified image and proven to serve, each with whether its /health answered. */
	readonly serving?: readonly ServingContainer[];
	/** Containers whose replacement failed and that were put back as they were. */
	readonly rolledBack?: readonly string[];
	/** Left to the user: the platform line for compose files on the engine's machine (another one), one line each. */
	readonly byHand?: readonly string[];
}

export interface Verified {
	readonly ref: string;
	readonly platform: string;
	readonly imageId: string;
	readonly previousId?: string;
	readonly native: boolean;
}

/**
 * Pull (to a candidate) → verify → move the tag → recreate the containers on it and prove them →
 * (remove the old image) → (compose platform line) → check again. A pull that is cancelled or
 * fails stops there: the image and the tag are left as they were. Nothing is removed unless the
 * new image was verified, the containers serve on it, and the user confirmed.
 */
export async function runFixFlow(plan: FixPlan, options: FixFlowOptions): Promise<FixOutcome> {
	const {engine, signal} = options;
	const steps = new Map<string, FixStep>();
	const emit = (step: FixStep) => {
		steps.set(step.key, step);
		options.onStep(step);
	};
	const serving: ServingContainer[] = [];
	const rolledBack: string[] = [];
	const byHand: ComposeByHand[] = [];
	const done = (cancelled: boolean, extra: Partial<FixOutcome> = {}): FixOutcome => ({
		steps: [...steps.values()],
		cancelled,
		...(serving.length > 0 ? {serving} : {}),
		...(rolledBack.length > 0 ? {rolledBack} : {}),
		...(byHand.length > 0 ? {byHand: [...new Set(byHand.map(item => item.line))]} : {}),
		...extra,
	});
	const verified = new Set<string>();
	const verifiedPlatforms = new Set<string>();
	const promoted: Verified[] = [];

	for (const pull of plan.pulls) {
		const key = `pull:${pull.ref}@${pull.platform}`;
		const title = `Pull ${pull.ref} for ${pull.platform}`;
		const current = await engine.inspectImage(pull.ref, signal ? {signal} : {});
		const notice = current.ok
			? [
					`${pull.ref} names ${shortId(current.value.id)} (${[current.value.os, current.value.architecture, current.value.variant].filter(Boolean).join('/')}) now;`,
					`it moves to the ${pull.platform} image only after that image passes verification`,
				]
			: [];
		emit({key, kind: 'pull', status: 'running', title, ...(notice.length > 0 ? {lines: notice} : {})});
		const pulled = await pullCandidate(engine, pull.ref, pull.platform, {
			onProgress: event => options.onPullProgress?.(key, event),
			...(signal ? {signal} : {}),
		});
		if (!pulled.ok) {
			emit({key, kind: 'pull', status: pulled.aborted ? 'cancelled' : 'failed', title, detail: pulled.message});
			if (pulled.aborted) return done(true);
			continue;
		}
		const candidate = pulled.candidate;
		emit({key, kind: 'pull', status: 'done', title, detail: candidate.status});

		const verifyKey = `verify:${pull.ref}@${pull.platform}`;
		const verifyTitle = `Start ${pull.ref} (${pull.platform}) once, without network`;
		emit({key: verifyKey, kind: 'verify', status: 'running', title: verifyTitle});
		const outcome = await verifyImage(engine, candidate.imageId, pull.platform, options.nativePlatforms, signal, options.verifyWindowMs);
		const tagKey = `tag:${pull.ref}`;
		const tagTitle = `Point ${pull.ref} at the verified image`;
		if (!outcome.ok) {
			await dropCandidate(engine, candidate);
			const kept = candidate.previousId ? `${pull.ref} still names ${shortId(candidate.previousId)}` : `${pull.ref} was not tagged`;
			if (outcome.reason === 'aborted') {
				emit({key: verifyKey, kind: 'verify', status: 'cancelled', title: verifyTitle, detail: `cancelled; ${kept}`});
				return done(true);
			}
			emit({key: verifyKey, kind: 'verify', status: 'failed', title: verifyTitle, detail: describeVerify(outcome), lines: outcome.output.slice(-3)});
			emit({key: tagKey, kind: 'tag', status: 'skipped', title: tagTitle, detail: `unchanged: ${kept}`});
			continue;
		}
		emit({key: verifyKey, kind: 'verify', status: 'done', title: verifyTitle, detail: describeVerify(outcome)});
		const tagged = await promoteCandidate(engine, candidate);
		if (!tagged.ok) {
			emit({key: tagKey, kind: 'tag', status: 'failed', title: tagTitle, detail: engineMessage(tagged.error)});
			continue;
		}
		emit({key: tagKey, kind: 'tag', status: 'done', title: tagTitle, detail: `${pull.ref} now names ${shortId(candidate.imageId)}`});
		verified.add(pull.ref);
		verifiedPlatforms.add(pull.platform);
		promoted.push({
			ref: pull.ref,
			platform: pull.platform,
			imageId: candidate.imageId,
			native: outcome.native,
			...(candidate.previousId ? {previousId: candidate.previousId} : {}),
		});
	}

	for (const image of promoted) {
		if (signal?.aborted) return done(true);
		const recreated = await recreateOn(image, options, emit);
		serving.push(...recreated.serving);
		rolledBack.push(...recreated.rolledBack);
		byHand.push(...recreated.byHand);
		if (recreated.cancelled) return done(true);
	}

	for (const removal of plan.removals) {
		if (signal?.aborted) return done(true);
		const key = `remove:${removal.imageId}`;
		const title = `Remove the old image ${shortId(removal.imageId)} (${removal.ref})`;
		if (!verified.has(removal.ref)) {
			emit({key, kind: 'remove', status: 'skipped', title, detail: 'kept: the new image was not verified'});
			continue;
		}
		emit({key, kind: 'remove', status: 'running', title});
		const check = await checkRemoval(engine, removal.ref, removal.imageId, signal);
		if (check.kind === 'in-use') {
			emit({key, kind: 'remove', status: 'skipped', title, detail: 'kept: containers use it; remove them first if you want it gone', lines: check.containers});
			continue;
		}
		if (check.kind === 'tagged') {
			emit({key, kind: 'remove', status: 'skipped', title, detail: 'kept: other tags name it; untag them first if you want it gone', lines: check.tags});
			continue;
		}
		if (check.kind === 'is-current' || check.kind === 'gone') {
			emit({key, kind: 'remove', status: 'skipped', title, detail: check.kind === 'gone' ? 'already gone' : 'kept: it is the image the tag points to now'});
			continue;
		}
		if (check.kind === 'error') {
			emit({key, kind: 'remove', status: 'failed', title, detail: check.message});
			continue;
		}
		emit({key, kind: 'remove', status: 'waiting', title});
		const yes = await options.confirm({kind: 'remove', ref: removal.ref, imageId: check.imageId});
		if (signal?.aborted) return done(true);
		if (!yes) {
			emit({key, kind: 'remove', status: 'skipped', title, detail: 'kept'});
			continue;
		}
		emit({key, kind: 'remove', status: 'running', title});
		const removed = await removeOldImage(engine, check.imageId, signal);
		emit({key, kind: 'remove', status: removed.ok ? 'done' : 'failed', title, detail: removed.ok ? 'removed' : removed.message});
	}

	if (plan.composePlatform && options.composeFs && options.cwd !== undefined) {
		if (signal?.aborted) return done(true);
		const platform = plan.composePlatform;
		const key = 'compose';
		const title = `Pin platform: ${platform} in the compose file`;
		const pulledOther = plan.pulls.some(pull => pull.platform === platform) && !verifiedPlatforms.has(platform);
		if (pulledOther) {
			emit({key, kind: 'compose', status: 'skipped', title, detail: `unchanged: ${platform} was not verified`});
		} else if (byHand.length > 0) {
			// The ChatMock fixed is compose's on the engine's machine: a compose file here is not its file (at most a copy), so it is not even read.
			emit({key, kind: 'compose', status: 'skipped', title, detail: `nothing here edited: the compose files are on ${byHand[0]!.machine}`});
		} else {
			const composePlan = await planComposeEdit(options.composeFs, options.cwd, platform);
			if (composePlan.kind === 'none') {
				emit({key, kind: 'compose', status: 'skipped', title, detail: 'no compose file here runs a ChatMock image'});
			} else if (composePlan.kind === 'already') {
				emit({key, kind: 'compose', status: 'done', title, detail: `${composePlan.path} already names ${platform}`});
			} else {
				emit({key, kind: 'compose', status: 'waiting', title, detail: composePlan.edit.path});
				const yes = await options.confirm({kind: 'compose', edit: composePlan.edit});
				if (signal?.aborted) return done(true);
				if (!yes) {
					emit({key, kind: 'compose', status: 'skipped', title, detail: `${composePlan.edit.path} unchanged`});
				} else {
					const written = await applyComposeEdit(options.composeFs, composePlan.edit);
					emit({
						key,
						kind: 'compose',
						status: written.ok ? 'done' : 'failed',
						title,
						detail: written.ok ? `${composePlan.edit.path} updated; the old one is ${written.backup}` : written.message,
					});
				}
			}
		}
	}

	if (!options.recheck) return done(false);
	if (signal?.aborted) return done(true);
	const key = 'recheck';
	const title = 'Check again';
	emit({key, kind: 'recheck', status: 'running', title});
	const after = await options.recheck(signal);
	if (!after) {
		emit({key, kind: 'recheck', status: signal?.aborted ? 'cancelled' : 'failed', title, detail: 'the check did not finish'});
		return done(signal?.aborted === true);
	}
	const comparison = compareFindings(options.before, after.findings);
	emit({key, kind: 'recheck', status: 'done', title, detail: describeComparison(comparison)});
	return done(false, {after, comparison});
}

export function shortId(id: string): string {
	return id.replace(/^sha256:/, '').slice(0, 12);
}
