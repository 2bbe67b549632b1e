import type {CallOptions, EngineApi, EngineConnector, EngineError, EngineResult, PullOptions} from '../facts/engine/engine-api.js';
import type {EngineMethod, EngineRecording, RecordedCall} from './snapshot.js';

const notRecorded = (what: string): EngineError => ({code: 'error', message: `${what}: not recorded in the snapshot`});

/**
 * A connector that answers from a recording: the same endpoint gets the same client, each call
 * the recorded answer or error for the same arguments (in order when asked twice). Anything
 * not recorded fails; nothing ever reaches a real engine.
 */
export function replayEngine(recording: EngineRecording): EngineConnector {
	return endpoint => {
		const connection = recording.connections.find(c => c.endpoint.host === endpoint.host);
		if (!connection) return {ok: false, error: {code: 'unreachable', message: `${endpoint.host}: not recorded in the snapshot`}};
		if (!connection.result.ok) return {ok: false, error: connection.result.error};
		return {ok: true, value: replayApi(connection.result.endpoint, connection.result.apiVersion, recording.calls)};
	};
}

function replayApi(endpoint: string, initialApiVersion: string | undefined, calls: readonly RecordedCall[]): EngineApi {
	let apiVersion = initialApiVersion;
	const queues = new Map<string, RecordedCall[]>();
	for (const call of calls) {
		if (call.endpoint !== endpoint) continue;
		const key = callKey(call.method, call.args);
		queues.set(key, [...(queues.get(key) ?? []), call]);
	}
	const used = new Map<string, number>();

	async function answer<T>(method: EngineMethod, args: readonly unknown[], options?: CallOptions | PullOptions): Promise<EngineResult<T>> {
		if (options?.signal?.aborted) return {ok: false, error: {code: 'aborted', message: 'aborted'}};
		const key = callKey(method, args);
		const queue = queues.get(key);
		if (!queue || queue.length === 0) return {ok: false, error: notRecorded(`${method}(${args.map(a => JSON.stringify(a)).join(', ')})`)};
		const index = used.get(key) ?? 0;
		used.set(key, index + 1);
		// Asked more often than recorded: the last answer stands.
		const call = queue[Math.min(index, queue.length - 1)]!;
		if (call.apiVersion !== undefined) apiVersion = call.apiVersion;
		if (method === 'pull') for (const event of call.progress ?? []) (options as PullOptions | undefined)?.onProgress?.(event);
		return structuredClone(call.result) as EngineResult<T>;
	}

	return {
		endpoint,
		get apiVersion() {
			return apiVersion;
		},
		ping: options => answer('ping', [], options),
		version: options => answer('version', [], options),
		info: options => answer('info', [], options),
		listImages: (filters, options) => answer('listImages', [filters], options),
		inspectImage: (name, options) => answer('inspectImage', [name], options),
		listContainers: (filters, all, options) => answer('listContainers', [filters, all], options),
		inspectContainer: (id, options) => answer('inspectContainer', [id], options),
		containerLogs: (id, tail, options) => answer('containerLogs', [id, tail], options),
		distribution: (ref, options) => answer('distribution', [ref], options),
		pull: (ref, platform, options) => answer('pull', [ref, platform], options),
		verifyRun: (ref, options) => answer('verifyRun', [ref, {platform: options?.platform, command: options?.command}], options),
		removeImage: (name, options) => answer('removeImage', [name, {noprune: options?.noprune}], options),
		tagImage: (source, repo, tag, options) => answer('tagImage', [source, repo, tag], options),
	};
}

/** Arguments compared as their JSON (what the snapshot holds), object keys in any order. */
function callKey(method: EngineMethod, args: readonly unknown[]): string {
	return `${method} ${JSON.stringify(args, (_key, value: unknown) =>
		value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : value,
	)}`;
}
