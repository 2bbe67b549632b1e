import type {CallOptions, EngineApi, EngineError, EngineResult} from './engine-api.js';

/**
 * One deadline for the whole engine check, not one per call: a busy or hung engine with hundreds
 * of containers would otherwise take (calls ÷ concurrency) × timeout. Each call gets what is left
 * of the budget; once it is spent, calls fail at once as timeouts (and are reported as such).
 * The fixer gets the unwrapped client: a pull has its own stall deadline.
 */
export function withDeadline(api: EngineApi, deadlineAt: number): EngineApi {
	const left = () => deadlineAt - Date.now();
	const spent = (): EngineResult<never> => ({
		ok: false,
		error: {code: 'timeout', cause: 'answer-timeout', message: 'not asked: the check\'s overall deadline (--timeout) had passed'} satisfies EngineError,
	});
	const bounded = <O extends CallOptions | undefined>(options: O): O & CallOptions => {
		const remaining = Math.max(1, Math.floor(left()));
		return {...(options ?? {}), timeoutMs: Math.min(options?.timeoutMs ?? remaining, remaining)} as O & CallOptions;
	};
	const wrap =
		<A extends unknown[], R>(call: (...args: A) => Promise<EngineResult<R>>, optionsAt: number) =>
		async (...args: A): Promise<EngineResult<R>> => {
			if (left() <= 0) return spent();
			const bounds = [...args] as unknown[];
			bounds[optionsAt] = bounded(args[optionsAt] as CallOptions | undefined);
			return call(...(bounds as A));
		};
	return {
		endpoint: api.endpoint,
		get apiVersion() {
			return api.apiVersion;
		},
		ping: wrap(api.ping.bind(api), 0),
		version: wrap(api.version.bind(api), 0),
		info: wrap(api.info.bind(api), 0),
		listImages: wrap(api.listImages.bind(api), 1),
		inspectImage: wrap(api.inspectImage.bind(api), 1),
		listContainers: wrap(api.listContainers.bind(api), 2),
		inspectContainer: wrap(api.inspectContainer.bind(api), 1),
		containerLogs: wrap(api.containerLogs.bind(api), 2),
		distribution: wrap(api.distribution.bind(api), 1),
		pull: api.pull.bind(api),
		verifyRun: api.verifyRun.bind(api),
		removeImage: api.removeImage.bind(api),
		tagImage: api.tagImage.bind(api),
	};
}
