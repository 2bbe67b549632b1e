import {collectFacts} from '../facts/collect.js';
import type {CollectOptions} from '../facts/collect-types.js';
import {resolveEndpoint} from '../facts/engine/endpoint.js';
import type {EngineApi} from '../facts/engine/engine-api.js';
import {sharesThisMachine} from '../facts/engine/engine-host.js';
import {isSshEndpoint, sshConnectAllowanceMs} from '../facts/engine/ssh-dial.js';
import {probeHost} from '../facts/host/probe-host.js';
import type {Facts} from '../facts/types.js';
import type {EngineTarget} from './engine-targets.js';

export interface FleetMember {
	readonly target: EngineTarget;
	readonly facts: Facts;
	/** The connected client, for a fix on this engine; absent when it was not reached. */
	readonly engine?: EngineApi;
	/** True when the engine is on another machine: its verdict rests on what the engine says, not on this machine. */
	readonly remote: boolean;
}

export interface FleetOptions extends Omit<CollectOptions, 'dockerContext' | 'dockerHost' | 'onStep'> {
	/** Reported as each engine finishes, for a live screen. */
	readonly onMember?: (member: FleetMember) => void;
}

/**
 * How long one engine may take in all, from the deadline of each call: a dead Pi never holds the
 * others back longer. Over ssh:// its connection's own allowance comes on top (see ssh-dial.ts).
 */
export function engineDeadlineMs(timeoutMs: number, overSsh = false): number {
	return timeoutMs * 3 + 1000 + (overSsh ? sshConnectAllowanceMs(timeoutMs) : 0);
}

/** Checks every engine at once, each with its own deadline, each exactly as a single check of that context. */
export async function collectFleet(targets: readonly EngineTarget[], options: FleetOptions): Promise<FleetMember[]> {
	return Promise.all(
		targets.map(async target => {
			const member = await collectMember(target, options);
			options.onMember?.(member);
			return member;
		}),
	);
}

async function collectMember(target: EngineTarget, options: FleetOptions): Promise<FleetMember> {
	const {onMember: _unused, ...collect} = options;
	// Where the context points, known before the engine is asked: its deadline, and what is said if that passes.
	const where = await resolveEndpoint(options.host, {dockerContext: target.name});
	const deadline = new AbortController();
	const stopOnParent = () => deadline.abort();
	options.signal?.addEventListener('abort', stopOnParent, {once: true});
	const limitMs = engineDeadlineMs(options.timeoutMs, where.ok && isSshEndpoint(where.endpoint.host));
	let timer: ReturnType<typeof setTimeout> | undefined;
	const expired = new Promise<'expired'>(resolve => {
		timer = setTimeout(() => {
			deadline.abort();
			resolve('expired');
		}, limitMs);
	});
	try {
		const collecting = collectFacts({...collect, dockerContext: target.name, signal: deadline.signal});
		collecting.catch(() => undefined);
		const outcome = await Promise.race([collecting, expired]);
		if (outcome !== 'expired') {
			const endpoint = outcome.facts.endpoint?.host;
			const remote = endpoint === undefined || !sharesThisMachine(endpoint);
			return outcome.engine ? {target, facts: outcome.facts, engine: outcome.engine, remote} : {target, facts: outcome.facts, remote};
		}
		// Past its deadline: what is known without the engine, as a check that timed out would say.
		const remote = !(where.ok && sharesThisMachine(where.endpoint.host));
		const host = remote ? {} : await probeHost(options.host, {});
		return {target, remote, facts: {origin: 'live', host, endpoint: where.facts, ...timedOut(target, limitMs)}};
	} finally {
		clearTimeout(timer);
		options.signal?.removeEventListener('abort', stopOnParent);
	}
}

function timedOut(target: EngineTarget, limitMs: number): Pick<Facts, 'engine' | 'engineFailure' | 'signals'> {
	return {
		engine: null,
		engineFailure: {
			code: 'docker.timeout',
			message: `context ${target.name} gave no complete answer within ${(limitMs / 1000).toFixed(1)} s; the other engines were not held back`,
			source: {kind: 'derived', ref: `context ${target.name}`},
		},
		signals: [],
	};
}
