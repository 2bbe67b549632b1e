import {describeNative, describeSlowdown, measureSlowdown, timeLoop, type Slowdown, type SpeedOps, type SpeedTarget} from './emulation-speed.js';

/** How a measuring step shows itself; the fix flow maps it onto its own step rows. */
export type MeasureReport = (status: 'running' | 'waiting' | 'done' | 'failed' | 'skipped', detail?: string) => void;

export const MEASURE_TITLE = 'Measure how much slower emulation is here';
export const NATIVE_TITLE = 'Measure the native speed';

/**
 * Before the container moves: asks (a few seconds of CPU in two throwaway containers), then times
 * the loop in the old, emulated image and the new, native one. A "no" or a failure never stops the
 * fix; it only leaves the figure out.
 */
export async function measureBeforeFix(options: {
	readonly ops: SpeedOps;
	readonly emulated: SpeedTarget;
	readonly native: SpeedTarget;
	readonly ask: () => Promise<boolean>;
	readonly report: MeasureReport;
	readonly signal?: AbortSignal;
}): Promise<Slowdown | undefined> {
	options.report('waiting');
	if (!(await options.ask())) {
		options.report('skipped', 'not measured');
		return undefined;
	}
	options.report('running');
	const result = await measureSlowdown(options.ops, options.emulated, options.native, options.signal ? {signal: options.signal} : {});
	// The emulated image did not run the loop at all: nothing to compare, and nothing went wrong with the fix.
	if (!result.ok && result.emulatedS === undefined) options.report('skipped', `not measured: ${result.message}`);
	else options.report(result.ok ? 'done' : 'failed', describeSlowdown(result));
	return result;
}

/** After the fix, on the image the container now runs: the native figure, beside the emulated one. */
export async function measureAfterFix(options: {
	readonly ops: SpeedOps;
	readonly native: SpeedTarget;
	readonly before?: Slowdown;
	readonly report: MeasureReport;
	readonly signal?: AbortSignal;
}): Promise<void> {
	options.report('running');
	const timing = await timeLoop(options.ops, options.native, options.signal ? {signal: options.signal} : {});
	options.report(timing.ok ? 'done' : 'failed', describeNative(timing, options.before));
}
