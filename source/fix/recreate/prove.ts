import type {EngineApi} from '../../facts/engine/engine-api.js';
import type {ContainerOps, ContainerSpec} from '../../facts/engine/container-ops.js';
import {createHealthAsker, type HealthEngine} from './health-ask.js';
import type {ProbeHttp} from './health-url.js';
import {healthProofLine, type HealthProof} from './health-proof.js';

export {HEALTH_PATH, healthUrl, hostOfEndpoint, type ProbeHttp} from './health-url.js';

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

export type ProveResult =
	| {readonly ok: true; readonly lines: readonly string[]; readonly health: HealthProof}
	| {readonly ok: false; readonly message: string; readonly aborted?: boolean; readonly logTail: readonly string[]};

/**
 * How long a silent /health on the container's own address may keep the proof waiting once all
 * else holds, when nothing else can ask: that address may not be reachable from here at all.
 */
const UNREACHABLE_GRACE_MS = 10_000;

/**
 * Proves a new container serves, the way ChatMock is judged: it stays up without restarting, its
 * healthcheck (when the image has one) turns healthy, and /health answers: on its published port,
 * else on its address on its network or from inside it (see health-ask.ts). When nothing can ask,
 * the proof says so, in its lines and in `health`, instead of counting /health as answered.
 * A failure carries the log tail, so the user sees why before the rollback.
 */
export async function proveServing(engine: Pick<ContainerOps, 'inspectContainerSpec'> & Pick<EngineApi, 'containerLogs'> & HealthEngine, id: string, options: ProveOptions): Promise<ProveResult> {
	const {now, sleep, signal} = options;
	const deadline = options.deadlineMs ?? 90_000;
	const stable = options.stableMs ?? 3000;
	const poll = options.pollMs ?? 500;
	const ask = createHealthAsker(engine, {endpoint: options.endpoint, ...(options.probeHttp ? {probeHttp: options.probeHttp} : {}), ...(signal ? {signal} : {})});
	const started = now();
	let restarts: number | undefined;
	let readySince: number | undefined;
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
		const upFor = now() - started;
		const answer = await ask(spec);
		if (signal?.aborted) return fail('cancelled', true);
		const answeredOk = answer.kind === 'answered' && (answer.status === 'ok' || (answer.status >= 200 && answer.status < 300));
		const summary = (health: HealthProof): ProveResult => ({
			ok: true,
			lines: [`up ${Math.round(upFor / 100) / 10} s without a restart`, checks ? 'healthcheck: healthy' : 'the image has no healthcheck', healthProofLine(health)],
			health,
		});
		if (healthy && upFor >= stable) {
			if (answer.kind === 'answered' && answeredOk) return summary({asked: true, how: answer.how, status: answer.status});
			// Nothing can ask: serving on its state and healthcheck alone, and the proof says /health was not asked.
			if (answer.kind === 'cannot') return summary({asked: false, why: answer.why});
			readySince ??= now();
			if (answer.kind === 'silent' && answer.maybeUnreachable && now() - readySince >= UNREACHABLE_GRACE_MS) {
				return summary({asked: false, why: answer.maybeUnreachable});
			}
		}
		last = !healthy
			? `its healthcheck says ${spec.state.health ?? 'starting'}`
			: answer.kind === 'answered' && !answeredOk
				? `${answer.how} answered ${answer.status}`
				: answer.kind === 'silent'
					? `${answer.how} does not answer`
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
