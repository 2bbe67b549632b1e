import type {CollectOptions} from './collect-types.js';
import {collectEngineFacts} from './engine/collect-engine.js';
import {sharesThisMachine} from './engine/engine-host.js';
import type {EngineApi} from './engine/engine-api.js';
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
	const facts: Facts = {origin, host: elsewhere ? {} : probedHost, ...engineFacts, signals: engineFacts.signals ?? []};
	return api ? {facts, engine: api} : {facts};
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
