import type {EngineApi} from '../../facts/engine/engine-api.js';
import type {ContainerOps, ContainerSpec} from '../../facts/engine/container-ops.js';

/** GET a URL; resolves with the HTTP status, or undefined when nothing answered. Injected by the CLI. */
export type ProbeHttp = (url: string, options: {readonly timeoutMs: number; readonly signal?: AbortSignal}) => Promise<number | undefined>;

export interface ProveOptions {
	/** The engine's endpoint: published ports are reached on its host. */
	readonly endpoint: string;
	readonly probeHttp?: ProbeHttp;
	/** How long the container may take to become healthy (default 90 s). */
	readonly deadlineMs?: number;
	/** How long it must stay up, without a restart, to count (default 3 s). */
	readonly stableMs?: number;
	readonly pollMs?: number;
	readonly now: () => number;
	readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
	readonly signal?: AbortSignal;
}

export type ProveResult = {readonly ok: true; readonly lines: readonly string[]} | {readonly ok: false; readonly message: string; readonly aborted?: boolean; readonly logTail: readonly string[]};

/** ChatMock answers here when it serves. */
export const HEALTH_PATH = '/health';
const CHATMOCK_PORT = '8000/tcp';

/**
 * Proves a new container serves, the way ChatMock is judged: it stays up without restarting, its
 * healthcheck (when the image has one) turns healthy, and /health answers on its published port.
 * A failure carries the log tail, so the user sees why before the rollback.
 */
export async function proveServing(engine: Pick<ContainerOps, 'inspectContainerSpec'> & Pick<EngineApi, 'containerLogs'>, id: string, options: ProveOptions): Promise<ProveResult> {
	const {now, sleep, signal} = options;
	const deadline = options.deadlineMs ?? 90_000;
	const stable = options.stableMs ?? 3000;
	const poll = options.pollMs ?? 500;
	const started = now();
	let restarts: number | undefined;
	let last: string;
	const fail = async (message: string, aborted = false): Promise<ProveResult> => {
		const logs = await engine.containerLogs(id, 20, {timeoutMs: 5000});
		return {ok: false, message, ...(aborted ? {aborted} : {}), logTail: logs.ok ? logs.value : []};
	};
	for (;;) {
		if (signal?.aborted) return fail('cancelled', true);
		const inspected = await engine.inspectContainerSpec(id, {timeoutMs: 5000, ...(signal ? {signal} : {})});
		if (!inspected.ok) return inspected.error.code === 'aborted' ? fail('cancelled', true) : fail(`cannot inspect it: ${inspected.error.message}`);
		const spec = inspected.value;
		restarts ??= spec.restartCount;
		if (spec.state.restarting || spec.restartCount > restarts) return fail('it keeps restarting');
		if (!spec.state.running) return fail(`it exited with code ${spec.state.exitCode ?? '?'}${spec.state.error ? `: ${spec.state.error}` : ''}`);
		const checks = hasHealthcheck(spec);
		if (checks && spec.state.health === 'unhealthy') return fail('its healthcheck reports unhealthy');
		const healthy = !checks || spec.state.health === 'healthy';
		const url = healthUrl(spec, options.endpoint);
		let answered: number | undefined;
		if (url && options.probeHttp) answered = await options.probeHttp(url, {timeoutMs: 2000, ...(signal ? {signal} : {})});
		const serving = !url || !options.probeHttp || (answered !== undefined && answered >= 200 && answered < 300);
		const upFor = now() - started;
		if (healthy && serving && upFor >= stable) {
			return {
				ok: true,
				lines: [
					`up ${Math.round(upFor / 100) / 10} s without a restart`,
					checks ? 'healthcheck: healthy' : 'the image has no healthcheck',
					url && options.probeHttp ? `GET ${url} answered ${answered}` : 'no published port to ask /health on',
				],
			};
		}
		last = !healthy
			? `its healthcheck says ${spec.state.health ?? 'starting'}`
			: !serving
				? `${url} ${answered === undefined ? 'does not answer' : `answers ${answered}`}`
				: 'it has not been up long enough';
		if (now() - started >= deadline) return fail(`not healthy within ${Math.round(deadline / 1000)} s: ${last}`);
		await sleep(poll, signal);
	}
}

export function hasHealthcheck(spec: Pick<ContainerSpec, 'config'>): boolean {
	const health = spec.config['Healthcheck'];
	const test = typeof health === 'object' && health !== null ? (health as Record<string, unknown>)['Test'] : undefined;
	return Array.isArray(test) && test.length > 0 && test[0] !== 'NONE';
}

/**
 * Where /health is reached from here: ChatMock's port 8000 (else the only published tcp port), on
 * the engine's host. undefined when nothing is published or it is bound where this machine cannot reach.
 */
export function healthUrl(spec: Pick<ContainerSpec, 'ports'>, endpoint: string): string | undefined {
	const published = Object.entries(spec.ports).filter(([port, bindings]) => port.endsWith('/tcp') && bindings.length > 0);
	const chosen = published.find(([port]) => port === CHATMOCK_PORT) ?? (published.length === 1 ? published[0] : undefined);
	if (!chosen) return undefined;
	const engineHost = hostOfEndpoint(endpoint);
	for (const binding of chosen[1]) {
		const colon = binding.lastIndexOf(':');
		const ip = binding.slice(0, colon);
		const port = binding.slice(colon + 1);
		if (port === '') continue;
		const any = ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '[::]';
		const local = ip === '127.0.0.1' || ip === '::1';
		if (any && engineHost) return `http://${engineHost}:${port}${HEALTH_PATH}`;
		if (local && engineHost === '127.0.0.1') return `http://127.0.0.1:${port}${HEALTH_PATH}`;
		if (!any && !local && engineHost) return `http://${ip.includes(':') ? `[${ip}]` : ip}:${port}${HEALTH_PATH}`;
	}
	return undefined;
}

/** A local socket or pipe means this machine; tcp:// and ssh:// name the engine's host. */
export function hostOfEndpoint(endpoint: string): string | undefined {
	if (endpoint.startsWith('unix:') || endpoint.startsWith('npipe:')) return '127.0.0.1';
	try {
		const url = new URL(endpoint);
		return url.hostname === '' ? undefined : url.hostname;
	} catch {
		return undefined;
	}
}
