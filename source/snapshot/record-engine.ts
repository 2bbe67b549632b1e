import type {EngineApi, EngineConnector, EngineResult, PullProgress} from '../facts/engine/engine-api.js';
import type {EngineMethod, RecordedCall, RecordedConnection} from './snapshot.js';

export interface EngineRecorder {
	readonly connector: EngineConnector;
	readonly connections: RecordedConnection[];
	readonly calls: RecordedCall[];
}

/**
 * Wraps a connector so that every engine answer and error is recorded. Container environments
 * are dropped from anything recorded, whatever the client returns (defence in depth: the
 * client already keeps no Config.Env).
 */
export function recordEngine(inner: EngineConnector): EngineRecorder {
	const connections: RecordedConnection[] = [];
	const calls: RecordedCall[] = [];
	const connector: EngineConnector = (endpoint, options) => {
		const connected = inner(endpoint, options);
		const recordedEndpoint = {
			host: endpoint.host,
			reason: endpoint.reason,
			...(endpoint.context === undefined ? {} : {context: endpoint.context}),
			...(endpoint.tls === undefined ? {} : {tls: {verify: endpoint.tls.verify}}),
		};
		if (!connected.ok) {
			connections.push({endpoint: recordedEndpoint, result: {ok: false, error: connected.error}});
			return connected;
		}
		const api = connected.value;
		connections.push({
			endpoint: recordedEndpoint,
			result: {ok: true, endpoint: api.endpoint, ...(api.apiVersion === undefined ? {} : {apiVersion: api.apiVersion})},
		});
		return {ok: true, value: recordingApi(api, calls)};
	};
	return {connector, connections, calls};
}

function recordingApi(api: EngineApi, calls: RecordedCall[]): EngineApi {
	async function record<T>(method: EngineMethod, args: readonly unknown[], answer: Promise<EngineResult<T>>, progress?: PullProgress[]) {
		const result = await answer;
		calls.push({
			endpoint: api.endpoint,
			method,
			args: plain(args) as unknown[],
			result: plain(result.ok ? {ok: true, value: withoutEnv(result.value)} : result) as EngineResult<unknown>,
			...(api.apiVersion === undefined ? {} : {apiVersion: api.apiVersion}),
			...(progress ? {progress} : {}),
		});
		return result;
	}
	return {
		get endpoint() {
			return api.endpoint;
		},
		get apiVersion() {
			return api.apiVersion;
		},
		ping: options => record('ping', [], api.ping(options)),
		version: options => record('version', [], api.version(options)),
		info: options => record('info', [], api.info(options)),
		listImages: (filters, options) => record('listImages', [filters], api.listImages(filters, options)),
		inspectImage: (name, options) => record('inspectImage', [name], api.inspectImage(name, options)),
		listContainers: (filters, all, options) => record('listContainers', [filters, all], api.listContainers(filters, all, options)),
		inspectContainer: (id, options) => record('inspectContainer', [id], api.inspectContainer(id, options)),
		containerLogs: (id, tail, options) => record('containerLogs', [id, tail], api.containerLogs(id, tail, options)),
		distribution: (ref, options) => record('distribution', [ref], api.distribution(ref, options)),
		pull(ref, platform, options) {
			const progress: PullProgress[] = [];
			const onProgress = (event: PullProgress) => {
				progress.push(event);
				options?.onProgress?.(event);
			};
			return record('pull', [ref, platform], api.pull(ref, platform, {...options, onProgress}), progress);
		},
		verifyRun: (ref, options) => record('verifyRun', [ref, {platform: options?.platform, command: options?.command}], api.verifyRun(ref, options)),
		removeImage: (name, options) => record('removeImage', [name, {noprune: options?.noprune}], api.removeImage(name, options)),
		tagImage: (source, repo, tag, options) => record('tagImage', [source, repo, tag], api.tagImage(source, repo, tag, options)),
	};
}

/** A JSON round trip: what a snapshot file will hold (undefined members gone, no shared references). */
function plain(value: unknown): unknown {
	return value === undefined ? undefined : JSON.parse(JSON.stringify(value));
}

/** Drops every `Env`/`env` member and `Config.Env`, at any depth. */
export function withoutEnv(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(withoutEnv);
	if (value === null || typeof value !== 'object') return value;
	const out: Record<string, unknown> = {};
	for (const [key, item] of Object.entries(value)) {
		if (key === 'Env' || key === 'env') continue;
		out[key] = withoutEnv(item);
	}
	return out;
}
