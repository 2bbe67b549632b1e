import type {EngineApi, EngineError} from '../facts/engine/engine-api.js';
import {canonicalPlatform, normalizeGoArch, platformArch} from '../diagnosis/platform.js';

export type VerifyOutcome =
	| {
			readonly ok: true;
			readonly ref: string;
			readonly platform: string;
			/** uname -m inside the container: aarch64, armv7l, x86_64. */
			readonly machine: string;
			/** The engine runs it without an emulator (the platform is one of the verdict's native ones). */
			readonly native: boolean;
	  }
	| {
			readonly ok: false;
			readonly ref: string;
			readonly platform: string;
			/** engine: the run could not happen; exit: the command failed (exec format error, …); machine: it runs, but as another arch. */
			readonly reason: 'engine' | 'exit' | 'machine' | 'aborted';
			readonly message: string;
			readonly machine?: string;
			readonly exitCode?: number;
			/** The container's last output lines (raw: sanitize before showing). */
			readonly output: readonly string[];
	  };

/**
 * Runs the freshly pulled image once in a throwaway container (`uname -m`, no network, removed
 * afterwards) and checks it reports the architecture of the platform asked for.
 */
export async function verifyImage(engine: Pick<EngineApi, 'verifyRun'>, ref: string, platform: string, nativePlatforms: readonly string[], signal?: AbortSignal): Promise<VerifyOutcome> {
	const result = await engine.verifyRun(ref, {platform, command: ['uname', '-m'], timeoutMs: 60_000, ...(signal ? {signal} : {})});
	if (!result.ok) {
		return {ok: false, ref, platform, reason: result.error.code === 'aborted' ? 'aborted' : 'engine', message: engineMessage(result.error), output: []};
	}
	const {machine, exitCode, output} = result.value;
	if (exitCode !== 0 || !machine) {
		const last = output.filter(line => line.trim() !== '').at(-1);
		return {ok: false, ref, platform, reason: 'exit', message: last ?? `exit code ${exitCode}`, exitCode, output};
	}
	if (!machineFits(machine, platform)) {
		return {ok: false, ref, platform, reason: 'machine', message: `runs as ${machine}, not ${platform}`, machine, exitCode, output};
	}
	const canonical = canonicalPlatform(platform);
	const native = canonical !== undefined && nativePlatforms.some(candidate => canonicalPlatform(candidate) === canonical);
	return {ok: true, ref, platform, machine, native};
}

/** "runs natively as aarch64" / "runs as aarch64 under emulation" / the failure. */
export function describeVerify(outcome: VerifyOutcome): string {
	if (outcome.ok) return outcome.native ? `runs natively as ${outcome.machine}` : `runs as ${outcome.machine} under emulation`;
	return outcome.message;
}

/**
 * Whether `uname -m` inside the container fits the platform. A 32-bit guest on its 64-bit
 * sibling may report the kernel's machine (aarch64 for arm, x86_64 for 386), so those count.
 */
export function machineFits(machine: string, platform: string): boolean {
	const wanted = platformArch(platform);
	const got = normalizeGoArch(machine);
	if (!wanted || !got) return false;
	if (wanted === got) return true;
	return (wanted === 'arm' && got === 'arm64') || (wanted === '386' && got === 'amd64');
}

export function engineMessage(error: EngineError): string {
	return error.message || error.code;
}
