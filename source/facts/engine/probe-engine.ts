import {fact, type Source} from '../fact.js';
import {engineFactsFromApi} from '../parse/docker-api.js';
import type {Host} from '../seam/host.js';
import type {EndpointFacts, EngineFacts, EngineFailure, EngineFailureCode, IncompleteCheck, Signal} from '../types.js';
import {neutralizeLine} from '../../text/sanitize.js';
import {MIN_API_VERSION, compareApiVersions, isApiVersion} from './api-version.js';
import type {EngineApi, EngineConnector, EngineError, PingResult} from './engine-api.js';
import {resolveEndpoint, type EndpointOptions} from './endpoint.js';

export interface EngineProbeOptions extends EndpointOptions {
	readonly timeoutMs: number;
	readonly signal?: AbortSignal;
	/** Defaults to the host's own connector. */
	readonly connector?: EngineConnector;
	/** Called once the engine answered its ping: the next probes may start while /version and /info are asked. */
	readonly onPing?: (api: EngineApi, ping: PingResult) => void;
}

export interface EngineProbe {
	/** null: looked and failed (see failure). */
	readonly engine: EngineFacts | null;
	readonly endpoint: EndpointFacts;
	/** Set with engine null, or beside engine facts for docker.api-too-old. */
	readonly failure?: EngineFailure;
	/** The connected client, for the next probes and the fixer; absent when the engine was not reached. */
	readonly api?: EngineApi;
	readonly ping?: PingResult;
	/** Evidence seen on the way (the WSL stub's message). */
	readonly signals: readonly Signal[];
	/** /version or /info failed while the other answered: the engine facts are partial. */
	readonly incomplete?: readonly IncompleteCheck[];
}

const WSL_STUB = /could not be found in this WSL/i;

export async function probeEngine(host: Host, options: EngineProbeOptions): Promise<EngineProbe> {
	const resolution = await resolveEndpoint(host, options);
	if (!resolution.ok) return {engine: null, endpoint: resolution.facts, failure: resolution.failure, signals: []};
	const {endpoint, facts: endpointFacts} = resolution;
	const connector = options.connector ?? host.engine;
	if (!connector) {
		return failed(endpointFacts, {code: 'docker.error', message: `${host.label} cannot connect to an engine`, endpoint: endpoint.host, source: derived()});
	}
	const connected = connector(endpoint, {timeoutMs: options.timeoutMs, ...(options.signal ? {signal: options.signal} : {})});
	if (!connected.ok) {
		return failed(endpointFacts, toFailure(connected.error, endpoint.host, {kind: 'derived', ref: `connect ${endpoint.host}`}));
	}
	const api = connected.value;
	const call = {timeoutMs: options.timeoutMs, ...(options.signal ? {signal: options.signal} : {})};
	// /version and /info go out with the ping, unversioned (the engine answers in its own API version,
	// with the same fields): they are dockerd's slowest answers, and waiting for the ping would add its round trip.
	const asking = Promise.all([api.version(call), api.info(call)]);
	const ping = await api.ping(call);
	if (!ping.ok) {
		const failure = toFailure(ping.error, endpoint.host, engineSource('/_ping', ping.error.message));
		if (failure.code === 'docker.unreachable') {
			const stub = await wslStub(host, options.signal);
			if (stub) return {engine: null, endpoint: endpointFacts, failure: stub.failure, signals: [stub.signal]};
		}
		return failed(endpointFacts, failure);
	}
	// The next probes, asked in the API version the ping negotiated, start meanwhile.
	options.onPing?.(api, ping.value);
	const [version, info] = await asking;
	// A dead /version and /info after a good ping is the same engine failing: report the first failure.
	if (!version.ok && !info.ok) {
		return failed(endpointFacts, toFailure(version.error, endpoint.host, engineSource('/version', version.error.message)));
	}
	const engine: EngineFacts = {
		...engineFactsFromApi(version.ok ? version.value : undefined, info.ok ? info.value : undefined, {
			version: engineSource('/version'),
			info: engineSource('/info'),
		}),
		...(ping.value.libpodApiVersion === undefined
			? {}
			: {
					libpodApi: fact(true, engineSource('/_ping', `Libpod-Api-Version: ${ping.value.libpodApiVersion}`)),
					productHint: fact('podman', engineSource('/_ping', `Libpod-Api-Version: ${ping.value.libpodApiVersion}`)),
				}),
	};
	const unanswered = [version.ok ? undefined : (['/version', version.error] as const), info.ok ? undefined : (['/info', info.error] as const)].filter(x => x !== undefined);
	const incomplete: IncompleteCheck[] = unanswered.map(([path, error]) => ({
		part: 'engine',
		message: `${path} failed: ${neutralizeLine(error.message, 200)}`,
		source: engineSource(path, error.message),
	}));
	const base = {engine, endpoint: endpointFacts, api, ping: ping.value, signals: [] as Signal[], ...(incomplete.length === 0 ? {} : {incomplete})};
	const apiVersion = engine.apiVersion?.value ?? ping.value.apiVersion;
	if (isApiVersion(apiVersion) && compareApiVersions(apiVersion, MIN_API_VERSION) < 0) {
		return {
			...base,
			failure: {
				code: 'docker.api-too-old',
				message: `engine API ${apiVersion} is older than ${MIN_API_VERSION}`,
				endpoint: endpoint.host,
				source: engine.apiVersion?.source ?? engineSource('/_ping', `Api-Version: ${apiVersion}`),
			},
		};
	}
	return base;
}

/** Engine client errors → the failure codes the diagnosis knows. */
export function failureCode(error: EngineError): EngineFailureCode {
	switch (error.code) {
		case 'unreachable':
			return 'docker.unreachable';
		case 'eacces':
			return 'docker.eacces';
		case 'timeout':
			return 'docker.timeout';
		case 'bad-endpoint':
			return 'docker.bad-endpoint';
		default:
			return 'docker.error';
	}
}

function toFailure(error: EngineError, endpoint: string, source: Source): EngineFailure {
	const errno = error.errno === undefined || error.message.includes(error.errno) ? '' : ` (${error.errno})`;
	const status = error.status === undefined || error.message.includes(String(error.status)) ? '' : ` (HTTP ${error.status})`;
	// A garbled answer (invalid JSON, an unexpected shape) means something other than an engine answered.
	const cause = error.cause ?? (error.code === 'protocol' ? 'not-an-engine' : error.code === 'http' ? 'http' : undefined);
	return {code: failureCode(error), ...(cause === undefined ? {} : {cause}), message: `${error.message}${errno}${status}`, endpoint, source};
}

/** On WSL with Desktop's integration off, `docker` on PATH is a stub script that says so. */
async function wslStub(host: Host, signal: AbortSignal | undefined): Promise<{failure: EngineFailure; signal: Signal} | undefined> {
	const onWsl = host.env['WSL_DISTRO_NAME'] !== undefined || host.env['WSL_INTEROP'] !== undefined || /microsoft/i.test((await host.readText('/proc/version', {maxBytes: 4096})) ?? '');
	if (!onWsl) return undefined;
	const result = await host.run('docker', ['version'], {timeoutMs: 2000, ...(signal ? {signal} : {})});
	const text = `${result.stdout ?? ''}\n${result.stderr ?? ''}`;
	const line = text.split('\n').find(l => WSL_STUB.test(l));
	if (line === undefined) return undefined;
	const source: Source = {kind: 'command', ref: 'docker version', excerpt: line.trim().slice(0, 200)};
	return {
		failure: {code: 'docker.wsl-integration-disabled', message: "Docker Desktop's WSL integration is off for this distro", source},
		signal: {kind: 'wsl-integration-stub', source},
	};
}

function failed(endpoint: EndpointFacts, failure: EngineFailure): EngineProbe {
	return {engine: null, endpoint, failure, signals: []};
}

function engineSource(ref: string, excerpt?: string): Source {
	return excerpt === undefined ? {kind: 'engine', ref} : {kind: 'engine', ref, excerpt: excerpt.slice(0, 200)};
}

function derived(): Source {
	return {kind: 'derived', ref: 'engine connector'};
}
