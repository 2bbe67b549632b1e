import type {CallOptions, EngineApi, EngineResult} from './engine-api.js';
import type {ContainerOps} from './container-ops.js';
import type {EngineFacts, ImageFact} from '../types.js';
import {dropCandidate, pullCandidate, type Candidate} from './pull-beside-tag.js';

/** A tiny official image with a shell, cat, head and od, published for every platform ChatMock is. */
export const PROBE_FALLBACK_IMAGE = 'busybox:latest';

/** Small images with a shell that may already be on the engine, tried before anything is pulled. */
const SMALL_SHELL_IMAGES = ['busybox', 'alpine', 'debian', 'ubuntu'];

export interface ProbeImage {
	/** As the user knows it (their tag, or the one pulled). */
	readonly ref: string;
	/** What the container is created from: the ref, or the pulled image's ID when the ref still names the user's image. */
	readonly runAs: string;
	readonly reason: string;
	/** os/arch of the engine, which the image is. */
	readonly platform: string;
	/** What the doctor pulled for the probe, dropped after it ran; absent when nothing was pulled. */
	readonly pulled?: Candidate;
}

export interface ChooseImageOptions extends CallOptions {
	/** --probe-image: the user's own choice, pulled for the engine's platform when absent. */
	readonly named?: string;
	/** The ChatMock images the check already found on this engine. */
	readonly chatmockImages?: readonly ImageFact[];
	/** Pull busybox when no image on the engine fits (the user allowed the probe). */
	readonly mayPull: boolean;
}

/**
 * The engine's own platform, from its /version (dockerd's GOOS/GOARCH): an image of it runs
 * natively there, so `uname` in it is the machine's and nothing runs under an emulator.
 */
export function enginePlatformOf(engine: EngineFacts): {readonly os: string; readonly arch: string} | undefined {
	const arch = engine.versionArch?.value;
	const os = engine.versionOs?.value ?? engine.osType?.value;
	return arch === undefined || os === undefined ? undefined : {os, arch};
}

/**
 * Which image runs the probe: the one the user named, else a ChatMock image of the engine's own
 * platform, else a small image with a shell already there, else (allowed) busybox pulled for that
 * platform. An image of another platform is never run: it would run emulated, if at all.
 */
export async function chooseProbeImage(api: EngineApi & ContainerOps, engine: EngineFacts, options: ChooseImageOptions): Promise<EngineResult<ProbeImage>> {
	const platform = enginePlatformOf(engine);
	if (platform === undefined) return failed('the engine did not say its platform (/version Os and Arch), so no image can be known to run natively there');
	const platformText = `${platform.os}/${platform.arch}`;
	const call: CallOptions = {...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}), ...(options.signal ? {signal: options.signal} : {})};
	const native = async (ref: string): Promise<'yes' | 'no' | 'absent'> => {
		const config = await api.inspectImageConfig(ref, call);
		if (!config.ok) return 'absent';
		return config.value.os === platform.os && config.value.architecture === platform.arch ? 'yes' : 'no';
	};

	if (options.named !== undefined) {
		if ((await native(options.named)) === 'yes') return chosen(options.named, 'named with --probe-image', platformText);
		// Absent, or there for another platform only: the user named it, so its build for this engine is pulled beside it.
		return pulledFor(api, options.named, platformText, 'named with --probe-image', native, call);
	}

	const chatmock = (options.chatmockImages ?? []).find(image => image.os === platform.os && image.architecture === platform.arch);
	if (chatmock) return chosen(chatmock.ref, 'the ChatMock image already on this engine', platformText);

	const listed = await api.listImages(SMALL_SHELL_IMAGES, call);
	for (const summary of listed.ok ? listed.value : []) {
		const ref = summary.repoTags.find(tag => tag !== '<none>:<none>') ?? summary.id;
		if ((await native(summary.id)) === 'yes') return chosen(ref, 'a small image with a shell already on this engine', platformText);
	}

	if (!options.mayPull) return failed(`no image of ${platformText} with a shell is on this engine; name one with --probe-image`);
	return pulledFor(api, PROBE_FALLBACK_IMAGE, platformText, `no image of ${platformText} with a shell was on this engine`, native, call);
}

/**
 * Pulls ref's build for the engine's platform beside whatever ref names now: the user's tag never
 * moves (a tag moved to the pulled build would leave their image untagged, one prune from gone).
 * A build of another platform is dropped at once and never runs.
 */
async function pulledFor(api: EngineApi, ref: string, platform: string, why: string, native: (ref: string) => Promise<'yes' | 'no' | 'absent'>, call: CallOptions): Promise<EngineResult<ProbeImage>> {
	const pulled = await pullCandidate(api, ref, platform, {...(call.signal ? {signal: call.signal} : {}), stallMs: call.timeoutMs ?? 30_000});
	if (!pulled.ok) return failed(`pulling ${ref} for ${platform} failed: ${pulled.message}`);
	const candidate = pulled.candidate;
	if ((await native(candidate.imageId)) !== 'yes') {
		const dropped = await dropCandidate(api, candidate);
		const kept = dropped.ok ? '' : `; removing what was pulled failed (${dropped.message}): remove it with docker rmi ${dropped.ref}`;
		return failed(`${ref} has no ${platform} build, the engine's own platform: it would run emulated, if at all${kept}`);
	}
	return {ok: true, value: {ref, runAs: candidate.imageId, reason: `${why}; pulled for ${platform}`, platform, pulled: candidate}};
}

function chosen(ref: string, reason: string, platform: string): EngineResult<ProbeImage> {
	return {ok: true, value: {ref, runAs: ref, reason, platform}};
}

function failed(message: string): {readonly ok: false; readonly error: {readonly code: 'error'; readonly message: string}} {
	return {ok: false, error: {code: 'error', message}};
}
