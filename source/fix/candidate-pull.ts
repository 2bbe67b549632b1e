import {pullParameters} from '../chatmock/reference.js';
import type {EngineApi, EngineResult, PullProgress} from '../facts/engine/engine-api.js';

/**
 * A pull that leaves the user's tag where it was until the new image is verified. The Engine API
 * can only pull into the tag itself, so right after the pull the new image gets a tag of its own
 * (`<tag>-chatmock-doctor-candidate`) and the user's tag goes back to the image it named before.
 * promote() moves the tag only after verification; drop() forgets the candidate.
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

export async function pullCandidate(
	engine: CandidateEngine,
	ref: string,
	platform: string,
	options: {readonly onProgress?: (event: PullProgress) => void; readonly signal?: AbortSignal} = {},
): Promise<PullCandidateResult> {
	const params = pullParameters(ref);
	if (!params) return {ok: false, aborted: false, message: `not an image reference: ${ref}`};
	const signal = options.signal;
	const before = await engine.inspectImage(ref, signal ? {signal} : {});
	const previousId = before.ok ? before.value.id : undefined;
	const pulled = await engine.pull(ref, platform, {...(options.onProgress ? {onProgress: options.onProgress} : {}), ...(signal ? {signal} : {})});
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

/** The verified candidate becomes the user's tag; its own tag goes (an untag: the image stays). */
export async function promoteCandidate(engine: CandidateEngine, candidate: Candidate): Promise<EngineResult<void>> {
	const params = pullParameters(candidate.ref);
	if (!params) return {ok: false, error: {code: 'error', message: `not an image reference: ${candidate.ref}`}};
	const tagged = await engine.tagImage(candidate.imageId, params.fromImage, params.tag, {timeoutMs: 10_000});
	if (!tagged.ok) return tagged;
	if (candidate.candidateRef) await engine.removeImage(candidate.candidateRef, {timeoutMs: 10_000, noprune: true});
	return {ok: true, value: undefined};
}

/**
 * A candidate that failed verification: its tag goes, and with it the image unless something else
 * names it (never forced). When the user's tag named nothing before, it is untagged again too.
 */
export async function dropCandidate(engine: CandidateEngine, candidate: Candidate): Promise<void> {
	if (candidate.previousId === undefined) await engine.removeImage(candidate.ref, {timeoutMs: 10_000, noprune: true});
	if (candidate.candidateRef) await engine.removeImage(candidate.candidateRef, {timeoutMs: 10_000});
}

/** A tag is at most 128 characters: the suffix always fits. */
export function candidateTagOf(tag: string): string {
	const suffix = '-chatmock-doctor-candidate';
	return `${tag.slice(0, 128 - suffix.length)}${suffix}`;
}
