import type {EngineError} from '../facts/engine/engine-api.js';
import type {ContainerOps, ImageConfig, TrialRun} from '../facts/engine/container-ops.js';
import {canonicalPlatform, normalizeGoArch, platformArch} from '../diagnosis/platform.js';

export type VerifyOutcome =
	| {
			readonly ok: true;
			readonly ref: string;
			readonly platform: string;
			/** The image's own os/arch[/variant], from its config. */
			readonly architecture: string;
			/** What the trial run showed: it stayed up, or exited by itself. */
			readonly how: string;
			/** The engine runs it without an emulator (the platform is one of the verdict's native ones). */
			readonly native: boolean;
	  }
	| {
			readonly ok: false;
			readonly ref: string;
			readonly platform: string;
			/** engine: the run could not happen; exit: it could not execute; machine: the image is another arch. */
			readonly reason: 'engine' | 'exit' | 'machine' | 'aborted';
			readonly message: string;
			readonly exitCode?: number;
			/** The container's last output lines (raw: sanitize before showing). */
			readonly output: readonly string[];
	  };

/** Exit codes that mean "could not run the program at all" rather than "the program failed". */
const CANNOT_RUN: Readonly<Record<number, string>> = {
	126: 'exit code 126: the entrypoint cannot be executed',
	127: 'exit code 127: the entrypoint was not found',
	132: 'exit code 132: illegal instruction (built for another CPU)',
	139: 'exit code 139: segmentation fault at start',
};

/** What the kernel, runc, QEMU and shells print when a binary is for another machine. */
const SIGNATURES: readonly RegExp[] = [
	/exec format error/i,
	/exec user process caused/i,
	/cannot execute binary file/i,
	/qemu: uncaught target signal/i,
	/illegal instruction/i,
	/no such file or directory.*(ld-linux|ld-musl)/i,
];

/**
 * Proves an image runs here without needing anything inside it: the image's config must name the
 * platform asked for, and a short trial run of its own entrypoint (no network, nothing kept) must
 * start: no exec format error, no 126/127/132/139, no such line in its output. Works for
 * distroless and busybox-only images alike.
 */
export async function verifyImage(
	engine: Pick<ContainerOps, 'trialRun' | 'inspectImageConfig'>,
	ref: string,
	platform: string,
	nativePlatforms: readonly string[],
	signal?: AbortSignal,
	windowMs = 3000,
): Promise<VerifyOutcome> {
	const call = signal ? {signal} : {};
	const image = await engine.inspectImageConfig(ref, {timeoutMs: 10_000, ...call});
	if (!image.ok) return failed(ref, platform, image.error);
	const architecture = platformOf(image.value);
	if (!archFits(image.value, platform)) {
		return {ok: false, ref, platform, reason: 'machine', message: `the image is ${architecture}, not ${platform}`, output: []};
	}
	const run = await engine.trialRun(ref, {platform, windowMs, timeoutMs: 30_000, ...call});
	if (!run.ok) return failed(ref, platform, run.error);
	const problem = cannotRun(run.value);
	if (problem) return {ok: false, ref, platform, reason: 'exit', message: problem, ...(run.value.exitCode === undefined ? {} : {exitCode: run.value.exitCode}), output: run.value.output};
	const canonical = canonicalPlatform(platform);
	const native = canonical !== undefined && nativePlatforms.some(candidate => canonicalPlatform(candidate) === canonical);
	const how = run.value.running ? `stayed up for ${Math.round(windowMs / 1000)} s` : `started and exited with code ${run.value.exitCode ?? '?'}`;
	return {ok: true, ref, platform, architecture, how, native};
}

/** Why a trial run shows the image cannot execute here, or undefined when it started. */
export function cannotRun(run: TrialRun): string | undefined {
	if (run.error && SIGNATURES.some(signature => signature.test(run.error!))) return run.error;
	const line = run.output.find(text => SIGNATURES.some(signature => signature.test(text)));
	if (line !== undefined) return line.trim();
	if (run.exitCode !== undefined && CANNOT_RUN[run.exitCode]) return CANNOT_RUN[run.exitCode];
	if (run.error && run.exitCode === undefined && !run.running) return run.error;
	return undefined;
}

/** "runs natively (linux/amd64, stayed up for 3 s)" / "runs under emulation …" / the failure. */
export function describeVerify(outcome: VerifyOutcome): string {
	if (outcome.ok) return `${outcome.native ? 'runs natively' : 'runs under emulation'} (${outcome.architecture}, ${outcome.how})`;
	return outcome.message;
}

/** The image's config names the platform's arch; a 32-bit arm variant is not told apart from another. */
export function archFits(image: Pick<ImageConfig, 'architecture' | 'variant'>, platform: string): boolean {
	const wanted = platformArch(platform);
	const got = normalizeGoArch(image.architecture);
	return wanted !== undefined && got !== undefined && wanted === got;
}

function platformOf(image: ImageConfig): string {
	return [image.os || 'linux', image.architecture || 'unknown', image.variant].filter(Boolean).join('/');
}

function failed(ref: string, platform: string, error: EngineError): VerifyOutcome {
	return {ok: false, ref, platform, reason: error.code === 'aborted' ? 'aborted' : 'engine', message: engineMessage(error), output: []};
}

export function engineMessage(error: EngineError): string {
	return error.message || error.code;
}
