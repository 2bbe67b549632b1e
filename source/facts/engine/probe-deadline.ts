import {hasContainerOps, type ContainerOps} from './container-ops.js';
import type {CallOptions, EngineApi, EngineError, EngineResult} from './engine-api.js';

/**
 * One deadline for the whole engine check, not one per call: a busy or hung engine with hundreds
 * of containers would otherwise take (calls ÷ concurrency) × timeout. Each call gets what is left
 * of the budget; once it is spent, calls fail at once as timeouts (and are reported as such).
 * The fixer gets the unwrapped client: a pull has its own stall deadline.
 *
 * A client that can recreate containers stays one (`hasContainerOps`): the check reads how each
 * ChatMock container was made (its full inspect, the image's config) within the same deadline.
 * The calls that change the engine are carried through unbounded and the check never makes them:
 * a recreate cut off by a check's leftover budget would stop a container and never start its
 * replacement.
 */
export function withDeadline(api: EngineApi, deadlineAt: number | (() => number)): EngineApi {
	// A function when the deadline moves (over ssh it starts when the engine first answers).
	const left = () => (typeof deadlineAt === 'function' ? deadlineAt() : deadlineAt) - Date.now();
	const spent = (): EngineResult<never> => ({
		ok: false,
		error: {code: 'timeout', cause: 'answer-timeout', message: "not asked: the check's overall deadline (--timeout) had passed"} satisfies EngineError,
	});
	const bounded = <O extends CallOptions | undefined>(options: O): O & CallOptions => {
		const remaining = Math.max(1, Math.floor(left()));
		return {...(options ?? {}), timeoutMs: Math.min(options?.timeoutMs ?? remaining, remaining)} as O & CallOptions;
	};
	// Methods are looked up at call time: a partial client (a test's fake) wraps as well as a full one.
	type Method = 'ping' | 'version' | 'info' | 'listImages' | 'inspectImage' | 'listContainers' | 'inspectContainer' | 'containerLogs' | 'distribution';
	const wrap =
		(name: Method, optionsAt: number) =>
		async (...args: unknown[]): Promise<EngineResult<never>> => {
			if (left() <= 0) return spent();
			const bounds = [...args];
			while (bounds.length <= optionsAt) bounds.push(undefined);
			bounds[optionsAt] = bounded(args[optionsAt] as CallOptions | undefined);
			return (api[name] as (...a: unknown[]) => Promise<EngineResult<never>>)(...bounds);
		};
	const bounded_: EngineApi = {
		endpoint: api.endpoint,
		get apiVersion() {
			return api.apiVersion;
		},
		ping: wrap('ping', 0),
		version: wrap('version', 0),
		info: wrap('info', 0),
		listImages: wrap('listImages', 1),
		inspectImage: wrap('inspectImage', 1),
		listContainers: wrap('listContainers', 2),
		inspectContainer: wrap('inspectContainer', 1),
		containerLogs: wrap('containerLogs', 2),
		distribution: wrap('distribution', 1),
		pull: (...args) => api.pull(...args),
		verifyRun: (...args) => api.verifyRun(...args),
		removeImage: (...args) => api.removeImage(...args),
		tagImage: (...args) => api.tagImage(...args),
	};
	if (!hasContainerOps(api)) return bounded_;
	const ops: ContainerOps = api;
	const withOps: EngineApi & ContainerOps = {
		...bounded_,
		inspectContainerSpec: async (id, options) => (left() <= 0 ? spent() : ops.inspectContainerSpec(id, bounded(options))),
		inspectImageConfig: async (ref, options) => (left() <= 0 ? spent() : ops.inspectImageConfig(ref, bounded(options))),
		createContainer: (...args) => ops.createContainer(...args),
		startContainer: (...args) => ops.startContainer(...args),
		stopContainer: (...args) => ops.stopContainer(...args),
		renameContainer: (...args) => ops.renameContainer(...args),
		removeContainer: (...args) => ops.removeContainer(...args),
		waitContainer: (...args) => ops.waitContainer(...args),
		connectNetwork: (...args) => ops.connectNetwork(...args),
		trialRun: (...args) => ops.trialRun(...args),
		execInContainer: (...args) => ops.execInContainer(...args),
	};
	return withOps;
}
