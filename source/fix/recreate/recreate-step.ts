import type {ContainerSummary} from '../../facts/engine/engine-api.js';
import type {FixFlowOptions, FixStep, Verified} from '../fix-flow.js';
import {systemClock} from '../throttle.js';
import {dockerRunCommand} from '../../facts/engine/docker-run-command.js';
import {ASIDE_SUFFIX, recreateContainer, type RecreateEvent} from './recreate-flow.js';
import {runStrategy} from './run-strategy.js';
import {MEASURE_TITLE, measureAfterFix, measureBeforeFix, NATIVE_TITLE} from '../measure-step.js';
import {howMade} from './strategy.js';
import type {ServingContainer} from './health-proof.js';
import {composeByHand, keepingComposeLabels, type ComposeByHand} from './compose-elsewhere.js';
import {engineCli} from '../../diagnosis/findings/engine-cli.js';

export interface RecreateStepResult {
	/** Recreated and proven to serve, each with what its /health said. */
	readonly serving: readonly ServingContainer[];
	readonly rolledBack: readonly string[];
	readonly cancelled: boolean;
	/** Compose projects of an engine on another machine: their files were left to the user. */
	readonly byHand: readonly ComposeByHand[];
}

/**
 * The fix flow's recreate stage for one verified image: every container still on the image its
 * tag named before (or made from the tag) is recreated the way it was made, after the user says
 * yes, and proven to serve.
 */
export async function recreateOn(image: Verified, options: FixFlowOptions, emit: (step: FixStep) => void): Promise<RecreateStepResult> {
	const {engine, signal} = options;
	const cli = options.cli ?? engineCli(undefined);
	const serving: ServingContainer[] = [];
	const rolledBack: string[] = [];
	const byHand: ComposeByHand[] = [];
	const result = (cancelled: boolean): RecreateStepResult => ({serving, rolledBack, cancelled, byHand});
	const listed = await engine.listContainers({}, true, signal ? {signal} : {});
	if (!listed.ok) {
		emit({key: `recreate:${image.ref}`, kind: 'recreate', status: 'failed', title: `Recreate the containers of ${image.ref}`, detail: listed.error.message});
		return result(false);
	}
	for (const summary of listed.value.filter(container => isOn(container, image))) {
		if (signal?.aborted) return result(true);
		const inspected = await engine.inspectContainerSpec(summary.id, signal ? {signal} : {});
		const name = summary.names[0] ?? summary.id.slice(0, 12);
		const key = `recreate:${name}`;
		const title = `Recreate ${name} on ${image.platform}`;
		if (!inspected.ok) {
			emit({key, kind: 'recreate', status: 'failed', title, detail: inspected.error.message});
			continue;
		}
		const old = inspected.value;
		if (sameId(old.imageId, image.imageId)) continue;
		const how = howMade(old);
		const oldImage = await engine.inspectImageConfig(old.imageId, {timeoutMs: 10_000});
		const oldConfig = oldImage.ok ? oldImage.value : undefined;
		const fallback = runStrategy(engine, old, oldConfig);
		// Another machine's compose file is never opened here: the Engine API recreates it, the file is left to the user.
		const elsewhere = how.kind === 'compose' ? composeByHand(how, image.platform, engine.endpoint) : undefined;
		if (elsewhere) byHand.push(elsewhere);
		const strategy =
			how.kind === 'compose' && elsewhere
				? keepingComposeLabels(fallback, how, elsewhere)
				: ((how.kind === 'compose'
						? await options.composeStrategy?.(old, how, image.platform, {fallback, dockerHost: engine.endpoint, ...(options.engineContext === undefined ? {} : {context: options.engineContext})})
						: undefined) ?? fallback);
		const oldPlatform = oldConfig ? [oldConfig.os, oldConfig.architecture, oldConfig.variant].filter(Boolean).join('/') : undefined;
		// The check found its image running under an emulator (a running container alone proves nothing:
		// one that dies of exec format error is "running" between restarts). Measured only after a yes.
		const emulated =
			old.state.running &&
			oldPlatform !== undefined &&
			!samePlatform(oldPlatform, image.platform) &&
			options.before.some(finding => finding.id === 'emulated-image' && (finding.imageId === undefined || sameId(finding.imageId, old.imageId)));
		const before = emulated
			? await measureBeforeFix({
					ops: engine,
					emulated: {ref: old.imageId, platform: oldPlatform},
					native: {ref: image.imageId, platform: image.platform},
					ask: () => options.confirm({kind: 'measure', name, emulated: oldPlatform, native: image.platform}),
					report: (status, detail) => emit({key: `measure:${name}`, kind: 'measure', status, title: MEASURE_TITLE, ...(detail ? {detail} : {})}),
					...(signal ? {signal} : {}),
				})
			: undefined;
		if (signal?.aborted) return result(true);
		const runByHand = how.kind === 'run' ? dockerRunCommand(old, oldConfig, image.ref, image.platform) : undefined;
		emit({key, kind: 'recreate', status: 'waiting', title, lines: strategy.describe()});
		const yes = await options.confirm({
			kind: 'recreate',
			name,
			image: image.ref,
			platform: image.platform,
			how: strategy.kind,
			lines: strategy.describe(),
			...(runByHand ? {command: cli.onEngine(runByHand.command)} : {}),
		});
		if (signal?.aborted) return result(true);
		if (!yes) {
			emit({
				key,
				kind: 'recreate',
				status: 'skipped',
				title,
				detail: `${name} left as it is`,
				...(runByHand ? {lines: [`by hand: ${cli.docker} stop ${name} && ${cli.docker} rename ${name} ${name}-old && ${cli.onEngine(runByHand.command)}`]} : {}),
				...(elsewhere ? {lines: [elsewhere.line]} : {}),
			});
			continue;
		}
		const clock = options.clock ?? systemClock;
		const outcome = await recreateContainer({
			engine,
			strategy,
			old,
			image: image.ref,
			platform: image.platform,
			prove: {
				endpoint: engine.endpoint,
				...(options.probeHttp ? {probeHttp: options.probeHttp} : {}),
				...(options.proveDeadlineMs === undefined ? {} : {deadlineMs: options.proveDeadlineMs}),
				now: () => clock.now(),
				sleep: (ms, sleepSignal) => sleep(clock, ms, sleepSignal),
			},
			onEvent: event => emit(stepOf(name, image, event)),
			...(signal ? {signal} : {}),
		});
		if (outcome.ok) {
			serving.push({name, health: outcome.health});
			if (elsewhere)
				emit({
					key: `compose:${name}`,
					kind: 'compose',
					status: 'skipped',
					title: `Pin platform: ${image.platform} in the compose file on ${elsewhere.machine}`,
					detail: 'left to you: the file is on that machine',
					lines: [elsewhere.line, elsewhere.why],
				});
			if (before)
				await measureAfterFix({
					ops: engine,
					native: {ref: image.imageId, platform: image.platform},
					before,
					report: (status, detail) => emit({key: `native:${name}`, kind: 'measure', status, title: NATIVE_TITLE, ...(detail ? {detail} : {})}),
					...(signal ? {signal} : {}),
				});
		} else {
			if (outcome.rolledBack) rolledBack.push(name);
			if (outcome.cancelled) return result(true);
		}
	}
	return result(false);
}

function stepOf(name: string, image: Verified, event: RecreateEvent): FixStep {
	const status = event.status;
	const extra = {...(event.detail ? {detail: event.detail} : {}), ...(event.lines ? {lines: event.lines} : {})};
	if (event.phase === 'prove') return {key: `prove:${name}`, kind: 'prove', status, title: `${name} serves on ${image.platform}`, ...extra};
	if (event.phase === 'rollback') return {key: `rollback:${name}`, kind: 'rollback', status, title: `Put the old ${name} back`, ...extra};
	if (event.phase === 'commit') return {key: `commit:${name}`, kind: 'recreate', status, title: `Remove the old ${name} container`, ...extra};
	return {key: `recreate:${name}`, kind: 'recreate', status: status === 'done' && event.phase === 'stop' ? 'running' : status, title: `Recreate ${name} on ${image.platform}`, ...extra};
}

function isOn(container: ContainerSummary, image: Verified): boolean {
	if (container.names.some(name => name.endsWith(ASIDE_SUFFIX))) return false;
	if (image.previousId !== undefined && sameId(container.imageId, image.previousId)) return true;
	return container.image === image.ref && !sameId(container.imageId, image.imageId);
}

/** linux/arm64 and linux/arm64/v8 are one platform. */
function samePlatform(a: string, b: string): boolean {
	const tidy = (platform: string) => platform.replace(/^linux\/arm64\/v8$/, 'linux/arm64');
	return tidy(a) === tidy(b);
}

function sameId(a: string | undefined, b: string | undefined): boolean {
	if (!a || !b) return false;
	const strip = (id: string) => id.replace(/^sha256:/, '');
	return strip(a) === strip(b);
}

function sleep(clock: Pick<FixFlowOptions['clock'] & object, 'setTimeout' | 'clearTimeout'>, ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise(resolve => {
		if (signal?.aborted) return resolve();
		const handle = clock.setTimeout(() => {
			signal?.removeEventListener('abort', onAbort);
			resolve();
		}, ms);
		function onAbort() {
			clock.clearTimeout(handle);
			resolve();
		}
		signal?.addEventListener('abort', onAbort, {once: true});
	});
}
