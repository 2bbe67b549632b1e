import type {CollectOptions} from './collect-types.js';
import {collectEngineFacts} from './engine/collect-engine.js';
import {sharesThisMachine} from './engine/engine-host.js';
import type {EngineApi} from './engine/engine-api.js';
import {hasContainerOps} from './engine/container-ops.js';
import {probeEngineHost, type EngineHostProbe} from './engine/remote-host-probe.js';
import {probeHost} from './host/probe-host.js';
import type {Facts, FactsOrigin} from './types.js';

export interface Collected {
	readonly facts: Facts;
	/** The connected engine, for fixes; absent when none answered or --no-engine. */
	readonly engine?: EngineApi;
}

/** Runs the host probe and the engine probes concurrently; each reports its checklist row. */
export async function collectFacts(options: CollectOptions): Promise<Collected> {
	const {host, onStep} = options;
	const startedAt = Date.now();
	const origin: FactsOrigin = host.kind === 'replay' ? 'snapshot' : host.kind === 'root' ? 'root' : 'live';
	onStep?.({step: 'host', status: 'running'});
	const hostPart = probeHost(host, options.signal ? {signal: options.signal} : {}).then(facts => {
		onStep?.({step: 'host', status: 'ok', summary: hostSummary(facts)});
		return facts;
	});
	// --no-engine still reads what needs no engine: the chosen image and the built-in list of its published platforms.
	const enginePart = options.noEngine || host.engine ? collectEngineFacts(options) : Promise.resolve(undefined);
	if (!options.noEngine && !host.engine) {
		for (const step of ['engine', 'emulation', 'images', 'containers', 'published'] as const) onStep?.({step, status: 'skipped', summary: 'no engine on this host'});
	}
	const [probedHost, engine] = await Promise.all([hostPart, enginePart]);
	const {api, ...engineFacts} = engine ?? {signals: []};
	// An engine on another machine (ssh://, a remote address, a context that names no known place) is judged
	// on what it says of itself: this machine's CPU would be another machine's verdict. A replay does as its
	// recording did; a --root folder is the machine the user named.
	const endpoint = engineFacts.endpoint?.host;
	const elsewhere = host.kind !== 'root' && endpoint !== undefined && !sharesThisMachine(endpoint);
	// Only when the user allowed it (--probe-host): that machine's own files, read by a container on it.
	const remote = elsewhere && options.probeRemoteHost && api && engineFacts.engine ? await probeRemoteMachine(options, api, engineFacts, startedAt) : undefined;
	const facts: Facts = {
		origin,
		host: remote ? remote.host : elsewhere ? {} : probedHost,
		...engineFacts,
		...(remote?.emulation ? {emulation: remote.emulation} : {}),
		...(remote ? {hostProbe: remote.probe} : {}),
		signals: engineFacts.signals ?? [],
	};
	return api ? {facts, engine: api} : {facts};
}

/**
 * The probe has what is left of three times --timeout from the check's start (the engine part has one),
 * so a fleet's engine (3 x --timeout + 1 s) still has a second to remove the container in time.
 */
async function probeRemoteMachine(options: CollectOptions, api: EngineApi, engineFacts: Omit<Facts, 'origin' | 'host'>, startedAt: number): Promise<EngineHostProbe> {
	const engine = engineFacts.engine!;
	options.onStep?.({step: 'host', status: 'running', summary: "reading the engine's machine with a throwaway container"});
	const probed: EngineHostProbe =
		engine.osType?.value !== undefined && engine.osType.value !== 'linux'
			? {host: {}, probe: {status: 'failed', durationMs: 0, message: `the engine runs ${engine.osType.value} containers: the host probe reads a Linux machine`}}
			: !hasContainerOps(api)
				? {host: {}, probe: {status: 'failed', durationMs: 0, message: 'this engine connection cannot run containers'}}
				: await probeEngineHost(api, engine, {
						deadlineAt: startedAt + options.timeoutMs * 3,
						mayPull: true,
						...(options.signal ? {signal: options.signal} : {}),
						...(options.probeImage === undefined ? {} : {image: options.probeImage}),
						...(engineFacts.images ? {chatmockImages: engineFacts.images} : {}),
					});
	const {probe} = probed;
	const ran = probe.image === undefined ? '' : ` (${probe.image}, ${probe.platform ?? 'its platform'}, ${(probe.durationMs / 1000).toFixed(1)} s)`;
	options.onStep?.({
		step: 'host',
		status: probe.status === 'read' ? 'ok' : 'warning',
		summary: probe.status === 'failed' ? `the engine's machine was not read: ${probe.message ?? 'unknown'}` : `the engine's machine: ${hostSummary(probed.host)}${ran}`,
	});
	return probed;
}

function hostSummary(facts: Facts['host']): string {
	const parts = [
		facts.boardModel?.value ?? facts.cpuModel?.value,
		facts.kernelMachine ? `${facts.kernelMachine.value} kernel` : undefined,
		facts.dpkgArch ? `${facts.dpkgArch.value} userland` : facts.userlandElf ? `${facts.userlandElf.value.bits}-bit userland` : undefined,
		facts.wsl && facts.wsl.value !== 'none' ? facts.wsl.value.toUpperCase() : undefined,
	].filter(Boolean);
	return parts.join(', ') || 'nothing known';
}
