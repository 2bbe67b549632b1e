import type {ContainerOps} from '../facts/engine/container-ops.js';

/**
 * "Slow" made concrete: the same short CPU-bound loop in the emulated image and in the native one,
 * timed inside the container so neither the engine nor container start-up counts. ChatMock's image
 * is Python, so Python runs the loop; an image without Python (busybox-style) runs a shell loop
 * timed with /proc/uptime (the kernel's clock, also under QEMU). Both images must run the same
 * kind of loop to be compared. Each run is capped, and the throwaway container is never kept.
 */

export const PYTHON_LOOP = 300_000;
export const SHELL_LOOP = 100_000;

const PYTHON = `import time
t=time.perf_counter()
s=0
for i in range(${PYTHON_LOOP}): s+=i*i
print("python", time.perf_counter()-t)`;

/** sh -c: Python when the image has it, else the shell loop (sized so its native run spans ~10 ticks of /proc/uptime). */
export const SPEED_SCRIPT = [
	`if command -v python3 >/dev/null 2>&1; then exec python3 -c '${PYTHON}'; fi`,
	`read a b < /proc/uptime; i=0; while [ $i -lt ${SHELL_LOOP} ]; do i=$((i+1)); done; read c d < /proc/uptime; echo "sh $a $c"`,
].join('\n');

export type SpeedOps = Pick<ContainerOps, 'trialRun'>;

export type LoopKind = 'python' | 'sh';

export type Timing = {readonly ok: true; readonly kind: LoopKind; readonly seconds: number} | {readonly ok: false; readonly message: string};

export interface SpeedTarget {
	/** Image ID or reference. */
	readonly ref: string;
	readonly platform: string;
}

/** Times the loop once in `target`; a run over `capMs` counts as failed (the run is stopped). */
export async function timeLoop(ops: SpeedOps, target: SpeedTarget, options: {readonly capMs?: number; readonly signal?: AbortSignal} = {}): Promise<Timing> {
	const run = await ops.trialRun(target.ref, {
		platform: target.platform,
		command: ['sh', '-c', SPEED_SCRIPT],
		windowMs: options.capMs ?? 20_000,
		...(options.signal ? {signal: options.signal} : {}),
	});
	if (!run.ok) return {ok: false, message: run.error.message};
	if (run.value.exitCode !== 0) {
		const why = run.value.running ? 'took too long' : (run.value.error ?? run.value.output.at(-1) ?? `exit ${run.value.exitCode ?? 'unknown'}`);
		return {ok: false, message: `the timing loop did not run in ${target.ref}: ${why}`};
	}
	return parseTiming(run.value.output);
}

/** `python 0.0312` or `sh <uptime before> <uptime after>`. */
export function parseTiming(output: readonly string[]): Timing {
	for (const line of [...output].reverse()) {
		const python = /^python ([\d.eE+-]+)\s*$/.exec(line.trim());
		if (python) return positive('python', Number(python[1]));
		const sh = /^sh ([\d.]+) ([\d.]+)\s*$/.exec(line.trim());
		// /proc/uptime counts hundredths: a loop faster than that still took some time.
		if (sh) return positive('sh', Math.max(Number(sh[2]) - Number(sh[1]), 0.005));
	}
	return {ok: false, message: 'the timing loop printed no time'};
}

function positive(kind: LoopKind, seconds: number): Timing {
	return Number.isFinite(seconds) && seconds > 0 ? {ok: true, kind, seconds} : {ok: false, message: 'the timing loop printed no usable time'};
}

export type Slowdown =
	| {readonly ok: true; readonly kind: LoopKind; readonly emulatedS: number; readonly nativeS: number; readonly ratio: number}
	| {readonly ok: false; readonly message: string; readonly emulatedS?: number; readonly nativeS?: number};

/** The emulated image against the native one, one after the other (never both at once: they would share the CPU). */
export async function measureSlowdown(ops: SpeedOps, emulated: SpeedTarget, native: SpeedTarget, options: {readonly capMs?: number; readonly signal?: AbortSignal} = {}): Promise<Slowdown> {
	const slow = await timeLoop(ops, emulated, options);
	if (!slow.ok) return slow;
	const fast = await timeLoop(ops, native, options);
	if (!fast.ok) return {...fast, emulatedS: slow.seconds};
	if (fast.kind !== slow.kind) return {ok: false, message: `the images run different loops (${slow.kind} and ${fast.kind}): not comparable`, emulatedS: slow.seconds, nativeS: fast.seconds};
	return {ok: true, kind: slow.kind, emulatedS: slow.seconds, nativeS: fast.seconds, ratio: slow.seconds / fast.seconds};
}

/** "runs 9.4× slower emulated here (2.31 s against 0.25 s for the same Python loop)" */
export function describeSlowdown(result: Slowdown): string {
	if (!result.ok) return `could not measure: ${result.message}`;
	const loop = result.kind === 'python' ? 'the same Python loop' : 'the same shell loop';
	const figures = `${seconds(result.emulatedS)} against ${seconds(result.nativeS)} for ${loop}`;
	if (result.ratio < 1.2) return `runs about as fast emulated here (${figures})`;
	return `runs ${ratio(result.ratio)}× slower emulated here (${figures})`;
}

/** After the fix: the native figure, beside the emulated one measured before. */
export function describeNative(native: Timing, before?: Slowdown): string {
	if (!native.ok) return `could not measure the native speed: ${native.message}`;
	const was = before?.ok && before.kind === native.kind ? `; it took ${seconds(before.emulatedS)} emulated, ${ratio(before.emulatedS / native.seconds)}× longer` : '';
	return `runs natively now: the loop takes ${seconds(native.seconds)}${was}`;
}

function seconds(value: number): string {
	return value >= 10 ? `${value.toFixed(0)} s` : value >= 1 ? `${value.toFixed(1)} s` : `${value.toFixed(2)} s`;
}

function ratio(value: number): string {
	return value >= 10 ? value.toFixed(0) : value.toFixed(1);
}
