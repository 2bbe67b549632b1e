import type {EngineApi, PullProgress} from '../facts/engine/engine-api.js';
import type {Diagnosis, Finding, FixAction} from '../diagnosis/types.js';
import {applyComposeEdit, planComposeEdit, type ComposeEdit, type ComposeFs} from './compose.js';
import {compareFindings, describeComparison, type FindingComparison} from './recheck.js';
import {checkRemoval, removeOldImage} from './remove.js';
import {describeVerify, engineMessage, verifyImage} from './verify.js';

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

export type FixStepKind = 'pull' | 'verify' | 'remove' | 'compose' | 'recheck';
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

export type ConfirmRequest = {readonly kind: 'remove'; readonly ref: string; readonly imageId: string} | {readonly kind: 'compose'; readonly edit: ComposeEdit};

export type FixEngine = Pick<EngineApi, 'pull' | 'verifyRun' | 'inspectImage' | 'listContainers' | 'removeImage'>;

export interface FixFlowOptions {
	readonly engine: FixEngine;
	/** The verdict's native platforms: decides "runs natively" after the verify run. */
	readonly nativePlatforms: readonly string[];
	readonly before: readonly Finding[];
	/** Collects and diagnoses again; undefined result = the check itself failed. */
	readonly recheck?: (signal?: AbortSignal) => Promise<Diagnosis | undefined>;
	readonly composeFs?: ComposeFs;
	readonly cwd?: string;
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
}

/**
 * Pull → verify → (remove the old image) → (compose platform line) → check again. A pull that is
 * cancelled or fails stops there: the old image is left as it was. Nothing is removed unless
 * the new image was verified and the user confirmed.
 */
export async function runFixFlow(plan: FixPlan, options: FixFlowOptions): Promise<FixOutcome> {
	const {engine, signal} = options;
	const steps = new Map<string, FixStep>();
	const emit = (step: FixStep) => {
		steps.set(step.key, step);
		options.onStep(step);
	};
	const done = (cancelled: boolean, extra: Partial<FixOutcome> = {}): FixOutcome => ({steps: [...steps.values()], cancelled, ...extra});
	const verified = new Set<string>();
	const verifiedPlatforms = new Set<string>();

	for (const pull of plan.pulls) {
		const key = `pull:${pull.ref}@${pull.platform}`;
		const title = `Pull ${pull.ref} for ${pull.platform}`;
		emit({key, kind: 'pull', status: 'running', title});
		const pulled = await engine.pull(pull.ref, pull.platform, {
			onProgress: event => options.onPullProgress?.(key, event),
			...(signal ? {signal} : {}),
		});
		if (!pulled.ok) {
			const aborted = pulled.error.code === 'aborted' || signal?.aborted === true;
			emit({key, kind: 'pull', status: aborted ? 'cancelled' : 'failed', title, detail: aborted ? 'cancelled; the image you had is unchanged' : engineMessage(pulled.error)});
			if (aborted) return done(true);
			continue;
		}
		emit({key, kind: 'pull', status: 'done', title, detail: pulled.value.status});

		const verifyKey = `verify:${pull.ref}@${pull.platform}`;
		const verifyTitle = `Run ${pull.ref} once (uname -m)`;
		emit({key: verifyKey, kind: 'verify', status: 'running', title: verifyTitle});
		const outcome = await verifyImage(engine, pull.ref, pull.platform, options.nativePlatforms, signal);
		if (!outcome.ok && outcome.reason === 'aborted') {
			emit({key: verifyKey, kind: 'verify', status: 'cancelled', title: verifyTitle, detail: 'cancelled'});
			return done(true);
		}
		emit({
			key: verifyKey,
			kind: 'verify',
			status: outcome.ok ? 'done' : 'failed',
			title: verifyTitle,
			detail: describeVerify(outcome),
			...(outcome.ok ? {} : {lines: outcome.output.slice(-3)}),
		});
		if (outcome.ok) {
			verified.add(pull.ref);
			verifiedPlatforms.add(pull.platform);
		}
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
