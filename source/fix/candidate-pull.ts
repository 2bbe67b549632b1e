import {pullParameters} from '../chatmock/reference.js';
import type {EngineResult} from '../facts/engine/engine-api.js';
import type {Candidate, CandidateEngine} from '../facts/engine/pull-beside-tag.js';

// The pull itself lives with the engine calls: the host probe pulls beside a tag the same way.
export {candidateTagOf, dropCandidate, pullCandidate, type Candidate, type CandidateEngine, type PullCandidateResult} from '../facts/engine/pull-beside-tag.js';

/** The verified candidate becomes the user's tag; its own tag goes (an untag: the image stays). */
export async function promoteCandidate(engine: CandidateEngine, candidate: Candidate): Promise<EngineResult<void>> {
	const params = pullParameters(candidate.ref);
	if (!params) return {ok: false, error: {code: 'error', message: `not an image reference: ${candidate.ref}`}};
	const tagged = await engine.tagImage(candidate.imageId, params.fromImage, params.tag, {timeoutMs: 10_000});
	if (!tagged.ok) return tagged;
	if (candidate.candidateRef) await engine.removeImage(candidate.candidateRef, {timeoutMs: 10_000, noprune: true});
	return {ok: true, value: undefined};
}
