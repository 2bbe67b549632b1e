import type {EngineApi} from '../../facts/engine/engine-api.js';
import type {ContainerOps, ContainerSpec} from '../../facts/engine/container-ops.js';
import {proveServing, type ProveOptions} from './prove.js';
import {buildRunSpec} from '../../facts/engine/run-spec.js';
import type {RecreateStrategy} from './strategy.js';
import type {HealthProof} from './health-proof.js';

export type RecreateEngine = Pick<ContainerOps, 'inspectContainerSpec' | 'createContainer' | 'startContainer' | 'stopContainer' | 'renameContainer' | 'removeContainer' | 'connectNetwork'> &
	Pick<EngineApi, 'containerLogs' | 'listContainers'> &
	Partial<Pick<ContainerOps, 'execInContainer'>>;

export type RecreatePhase = 'stop' | 'replace' | 'prove' | 'commit' | 'rollback';

export interface RecreateEvent {
	readonly phase: RecreatePhase;
	readonly status: 'running' | 'done' | 'failed';
	readonly detail?: string;
	/** Raw (engine text, log lines): sanitize to show. */
	readonly lines?: readonly string[];
}

export type RecreateOutcome =
	| {readonly ok: true; readonly id: string; readonly health: HealthProof}
	| {readonly ok: false; readonly message: string; readonly cancelled: boolean; readonly rolledBack: boolean; readonly lines: readonly string[]};

export interface RecreateOptions {
	readonly engine: RecreateEngine;
	readonly strategy: RecreateStrategy;
	readonly old: ContainerSpec;
	/** The verified image, by the user's tag. */
	readonly image: string;
	readonly platform: string;
	readonly prove: Omit<ProveOptions, 'signal'>;
	readonly onEvent: (event: RecreateEvent) => void;
	readonly signal?: AbortSignal;
}

const CALL = {timeoutMs: 30_000};

export const ASIDE_SUFFIX = '-chatmock-doctor-old';

/** The name the old container waits under while its replacement is proven. */
export function asideName(name: string): string {
	return `${name}${ASIDE_SUFFIX}`;
}

/**
 * Stop the old container and set it aside → the strategy makes the new one → prove it serves →
 * remove the old one (never its volumes, never forced). If anything after the stop fails, the new
 * one goes and the old one is put back under its name and started again, and the outcome says so.
 * Once the old container is stopped, a cancel no longer interrupts: it rolls back instead.
 */
export async function recreateContainer(options: RecreateOptions): Promise<RecreateOutcome> {
	const {engine, strategy, old, onEvent, signal} = options;
	const name = old.name;
	const wasRunning = old.state.running || old.state.restarting;

	const prepared = await strategy.prepare(signal);
	if (!prepared.ok) return {ok: false, message: prepared.message, cancelled: false, rolledBack: false, lines: prepared.lines ?? []};
	if (signal?.aborted) {
		await strategy.undo();
		return {ok: false, message: 'cancelled before anything was stopped', cancelled: true, rolledBack: false, lines: []};
	}

	onEvent({phase: 'stop', status: 'running', detail: `stopping ${name}`});
	const stopped = await engine.stopContainer(old.id, {...CALL, graceS: 10});
	if (!stopped.ok) {
		await strategy.undo();
		onEvent({phase: 'stop', status: 'failed', detail: stopped.error.message});
		return {ok: false, message: `could not stop ${name}: ${stopped.error.message}`, cancelled: false, rolledBack: false, lines: []};
	}
	let oldName = name;
	if (strategy.keepsOld) {
		const renamed = await engine.renameContainer(old.id, asideName(name), CALL);
		if (!renamed.ok) {
			if (wasRunning) await engine.startContainer(old.id, CALL);
			await strategy.undo();
			onEvent({phase: 'stop', status: 'failed', detail: renamed.error.message});
			return {ok: false, message: `could not set ${name} aside: ${renamed.error.message}`, cancelled: false, rolledBack: true, lines: []};
		}
		oldName = asideName(name);
	}
	onEvent({phase: 'stop', status: 'done', detail: strategy.keepsOld ? `${name} stopped, kept as ${oldName}` : `${name} stopped`});

	onEvent({phase: 'replace', status: 'running', detail: `creating ${name} on ${options.image} (${options.platform})`});
	const replaced = await strategy.replace({old, oldName, image: options.image, platform: options.platform});
	if (!replaced.ok) {
		onEvent({phase: 'replace', status: 'failed', detail: replaced.message, ...(replaced.lines ? {lines: replaced.lines} : {})});
		const back = await rollback(options, undefined, oldName, wasRunning);
		return {ok: false, message: replaced.message, cancelled: false, rolledBack: back.ok, lines: [...(replaced.lines ?? []), ...back.lines]};
	}
	onEvent({phase: 'replace', status: 'done', detail: `${name} created and started`, ...(replaced.lines ? {lines: replaced.lines} : {})});

	onEvent({phase: 'prove', status: 'running', detail: 'waiting for it to serve'});
	const proof = await proveServing(engine, replaced.id, {...options.prove, ...(signal ? {signal} : {})});
	if (!proof.ok) {
		onEvent({phase: 'prove', status: 'failed', detail: proof.message, lines: proof.logTail.slice(-10)});
		const back = await rollback(options, replaced.id, oldName, wasRunning);
		return {ok: false, message: proof.message, cancelled: proof.aborted === true, rolledBack: back.ok, lines: [...proof.logTail.slice(-10), ...back.lines]};
	}
	onEvent({phase: 'prove', status: 'done', detail: 'serving', lines: proof.lines});

	if (strategy.keepsOld) {
		onEvent({phase: 'commit', status: 'running', detail: `removing the old container ${oldName}`});
		const removed = await engine.removeContainer(old.id, CALL);
		onEvent(
			removed.ok
				? {phase: 'commit', status: 'done', detail: `${oldName} removed; its volumes are untouched`}
				: {phase: 'commit', status: 'failed', detail: `${oldName} kept: ${removed.error.message}`},
		);
	}
	return {ok: true, id: replaced.id, health: proof.health};
}

/** The new container goes (stopped, removed without its volumes); the old one comes back under its name. */
async function rollback(options: RecreateOptions, newId: string | undefined, oldName: string, wasRunning: boolean): Promise<{ok: boolean; lines: string[]}> {
	const {engine, strategy, old, onEvent} = options;
	const name = old.name;
	const lines: string[] = [];
	onEvent({phase: 'rollback', status: 'running', detail: `putting the old ${name} back`});
	// Whatever now holds the name (the new container, or one a compose run left) is not the user's.
	const holder = newId ?? (await holderOf(engine, name, old.id));
	if (holder !== undefined) {
		await engine.stopContainer(holder, {...CALL, graceS: 5});
		const removed = await engine.removeContainer(holder, CALL);
		lines.push(removed.ok ? `the new ${name} was removed` : `the new ${name} could not be removed: ${removed.error.message}`);
	}
	let back: boolean;
	if (strategy.keepsOld) {
		const renamed = await engine.renameContainer(old.id, name, CALL);
		back = renamed.ok;
		lines.push(renamed.ok ? `the old container is ${name} again` : `the old container stays as ${oldName}: ${renamed.error.message}`);
		if (renamed.ok && wasRunning) {
			const started = await engine.startContainer(old.id, CALL);
			lines.push(started.ok ? `${name} started again` : `${name} did not start: ${started.error.message}`);
		}
	} else {
		// The tool removed the old container itself: made again from its inspect, on its own image.
		const built = buildRunSpec(old, undefined, old.imageId);
		const created = built.ok ? await engine.createContainer(built.spec.body, {...CALL, name}) : undefined;
		back = created?.ok === true;
		if (created?.ok) {
			for (const network of built.ok ? built.spec.extraNetworks : []) await engine.connectNetwork(network.name, created.value.id, network.endpoint, CALL);
			if (wasRunning) await engine.startContainer(created.value.id, CALL);
			lines.push(`${name} made again as it was, on its old image`);
		} else lines.push(`${name} could not be made again: ${created && !created.ok ? created.error.message : built.ok ? '' : built.message}`);
	}
	const undone = await strategy.undo();
	if (!undone.ok) lines.push(undone.message);
	else if (undone.lines) lines.push(...undone.lines);
	onEvent({phase: 'rollback', status: back ? 'done' : 'failed', detail: back ? `the old ${name} is back` : `the old ${name} is not back`, lines});
	return {ok: back, lines};
}

async function holderOf(engine: RecreateEngine, name: string, oldId: string): Promise<string | undefined> {
	const listed = await engine.listContainers({name: [`^/${name}$`]}, true, CALL);
	return listed.ok ? listed.value.find(container => container.id !== oldId)?.id : undefined;
}
