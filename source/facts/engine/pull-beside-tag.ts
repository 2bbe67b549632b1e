import {pullParameters} from '../../chatmock/reference.js';
import type {EngineApi, PullProgress} from './engine-api.js';

/**
 * A pull that leaves the user's tag where it was. The Engine API can only pull into the tag itself,
 * so right after the pull the new image gets a tag of its own (`<tag>-chatmock-doctor-candidate`)
 * and the user's tag goes back to the image it named before. The fix promotes the candidate after
 * verifying it; the host probe runs it once and drops it.
 */
export interface Candidate {
	readonly ref: string;
	/** The image the pull brought (verify and run it by this ID). */
	readonly imageId: string;
	/** The image the user's tag named before the pull; undefined when it named none. */
	readonly previousId?: string;
	readonly candidateRef?: string;
	readonly status: string;
}

export type CandidateEngine = Pick<EngineApi, 'pull' | 'inspectImage' | 'tagImage' | 'removeImage'>;

export type PullCandidateResult = {readonly ok: true; readonly candidate: Candidate} | {readonly ok: false; readonly aborted: boolean; readonly message: string};

export interface PullCandidateOptions {
	readonly onProgress?: (event: PullProgress) => void;
	readonly signal?: AbortSignal;
	/** Give up when the pull stream is silent this long (the engine's client default otherwise). */
	readonly stallMs?: number;
}

export async function pullCandidate(engine: CandidateEngine, ref: string, platform: string, options: PullCandidateOptions = {}): Promise<PullCandidateResult> {
	const params = pullParameters(ref);
	if (!params) return {ok: false, aborted: false, message: `not an image reference: ${ref}`};
	const signal = options.signal;
	const before = await engine.inspectImage(ref, signal ? {signal} : {});
	const previousId = before.ok ? before.value.id : undefined;
	const pulled = await engine.pull(ref, platform, {
		...(options.onProgress ? {onProgress: options.onProgress} : {}),
		...(signal ? {signal} : {}),
		...(options.stallMs === undefined ? {} : {stallMs: options.stallMs}),
	});
	if (!pulled.ok) {
		const aborted = pulled.error.code === 'aborted' || signal?.aborted === true;
		return {ok: false, aborted, message: aborted ? 'cancelled; the image you had is unchanged' : pulled.error.message || pulled.error.code};
	}
	// From here on the steps must finish even after a cancel: they put the user's tag back.
	const after = await engine.inspectImage(ref, {timeoutMs: 10_000});
	if (!after.ok) return {ok: false, aborted: false, message: `the pulled image cannot be found: ${after.error.message}`};
	const imageId = after.value.id;
	if (previousId === undefined || previousId === imageId) {
		return {ok: true, candidate: {ref, imageId, ...(previousId ? {previousId} : {}), status: pulled.value.status}};
	}
	const candidateTag = candidateTagOf(params.tag);
	const tagged = await engine.tagImage(imageId, params.fromImage, candidateTag, {timeoutMs: 10_000});
	const restored = await engine.tagImage(previousId, params.fromImage, params.tag, {timeoutMs: 10_000});
	if (!restored.ok) return {ok: false, aborted: false, message: `could not put ${ref} back on the image it named: ${restored.error.message}`};
	return {
		ok: true,
		candidate: {ref, imageId, previousId, status: pulled.value.status, ...(tagged.ok ? {candidateRef: `${params.fromImage}:${candidateTag}`} : {})},
	};
}

/** What dropping a candidate removed, or why the engine kept it. */
export type DropOutcome = {readonly ok: true} | {readonly ok: false; readonly ref: string; readonly message: string};

/**
 * A candidate not kept: its tag goes, and with it the image unless something else names it or a
 * container uses it (never forced: the engine refuses then). When the user's tag named nothing
 * before, it is untagged again too. A candidate that could not be tagged is removed by its ID.
 */
export async function dropCandidate(engine: CandidateEngine, candidate: Candidate): Promise<DropOutcome> {
	if (candidate.previousId === candidate.imageId) return {ok: true};
	const ref = candidate.previousId === undefined ? candidate.ref : (candidate.candidateRef ?? candidate.imageId);
	const removed = await engine.removeImage(ref, {timeoutMs: 10_000, ...(candidate.previousId === undefined ? {noprune: true} : {})});
	return removed.ok ? {ok: true} : {ok: false, ref, message: removed.error.message || removed.error.code};
}

/** A tag is at most 128 characters: the suffix always fits. */
export function candidateTagOf(tag: string): string {
	const suffix = '-chatmock-doctor-candidate';
	return `${tag.slice(0, 128 - suffix.length)}${suffix}`;
}
