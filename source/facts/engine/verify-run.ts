import type {EngineResult, VerifyRunOptions, VerifyRunResult} from './engine-api.js';
import type {ContainerOps} from './container-ops.js';
import {compactObject} from './engine-json.js';
import {fail} from './transport.js';

const DEFAULT_VERIFY_MS = 30_000;

/**
 * The throwaway run with a command of the caller's (default `uname -m`), on top of the trial run:
 * no network, tmpfs over the image's volumes, stopped and removed without force afterwards.
 */
export async function verifyRun(ops: ContainerOps, ref: string, options: VerifyRunOptions, defaultTimeoutMs: number): Promise<EngineResult<VerifyRunResult>> {
	const total = options.timeoutMs ?? Math.max(DEFAULT_VERIFY_MS, defaultTimeoutMs);
	const run = await ops.trialRun(ref, {
		command: options.command ?? ['uname', '-m'],
		windowMs: total,
		timeoutMs: total,
		...(options.platform === undefined ? {} : {platform: options.platform}),
		...(options.signal ? {signal: options.signal} : {}),
	});
	if (!run.ok) return run;
	const {exitCode, output, warnings, error} = run.value;
	if (exitCode === undefined) return fail({code: run.value.running ? 'timeout' : 'error', message: error ?? 'the command did not finish'});
	const first = output.find(line => line.trim() !== '')?.trim();
	return {ok: true, value: compactObject({machine: exitCode === 0 ? first : undefined, exitCode, warnings, output})};
}
