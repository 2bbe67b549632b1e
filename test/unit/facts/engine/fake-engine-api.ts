import type {EngineApi, EngineConnector, EngineError, EngineResult} from '../../../../source/facts/engine/engine-api.js';

const notImplemented = async (): Promise<EngineResult<never>> => ({ok: false, error: {code: 'error', message: 'not in this fake'}});

/** An EngineApi whose methods tests override; every call is recorded. */
export function fakeEngineApi(overrides: Partial<EngineApi> = {}, calls: string[] = []): EngineApi {
	const base: EngineApi = {
		endpoint: 'unix:///fake.sock',
		apiVersion: '1.41',
		ping: async () => ({ok: true, value: {apiVersion: '1.41', osType: 'linux'}}),
		version: async () => ({ok: true, value: {Version: '24.0.7', ApiVersion: '1.43', Arch: 'arm64', Os: 'linux'}}),
		info: async () => ({ok: true, value: {OSType: 'linux', Architecture: 'aarch64', OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', KernelVersion: '6.1.0'}}),
		listImages: async () => ({ok: true, value: []}),
		inspectImage: notImplemented,
		listContainers: async () => ({ok: true, value: []}),
		inspectContainer: notImplemented,
		containerLogs: async () => ({ok: true, value: []}),
		distribution: notImplemented,
		pull: notImplemented,
		verifyRun: notImplemented,
		removeImage: notImplemented,
		tagImage: notImplemented,
	};
	const merged = {...base, ...overrides};
	return new Proxy(merged, {
		get(target, key, receiver) {
			const value = Reflect.get(target, key, receiver) as unknown;
			if (typeof value !== 'function') return value;
			return (...args: unknown[]) => {
				calls.push(`${String(key)} ${JSON.stringify(args.filter(a => typeof a !== 'object' || Array.isArray(a)))}`);
				return (value as (...a: unknown[]) => unknown).apply(target, args);
			};
		},
	});
}

export function connectorOf(api: EngineApi): EngineConnector {
	return () => ({ok: true, value: api});
}

export function failing(error: EngineError) {
	return async () => ({ok: false as const, error});
}
