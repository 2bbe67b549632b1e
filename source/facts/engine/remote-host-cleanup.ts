import type {HostProbeFacts} from '../types.js';
import type {EngineApi} from './engine-api.js';
import {shortId} from './probe-images.js';
import {dropCandidate} from './pull-beside-tag.js';
import type {ProbeImage} from './remote-host-image.js';

export type ImageCleanup = Pick<HostProbeFacts, 'engineChanges' | 'imageLeftBehind'>;

/**
 * After the probe ran: what it pulled goes again (never forced; the engine refuses while a container
 * uses it), and what it did to the engine's images is said in words for the report. A removal that
 * fails does not fail the probe: the image is named, with the command to remove it.
 */
export async function leaveImagesAsFound(api: Pick<EngineApi, 'pull' | 'inspectImage' | 'tagImage' | 'removeImage'>, image: ProbeImage): Promise<ImageCleanup> {
	const candidate = image.pulled;
	if (candidate === undefined) return {};
	const pulled = `pulled ${image.ref} for ${image.platform}`;
	if (candidate.previousId === candidate.imageId) return {engineChanges: `${pulled}: the engine added it to the image ${image.ref} already named (kept with it)`};
	const beside = candidate.previousId === undefined ? ' (it was not on this engine)' : ` beside your ${image.ref}, which still names ${shortId(candidate.previousId)}`;
	const dropped = await dropCandidate(api, candidate);
	if (dropped.ok) return {engineChanges: `${pulled}${beside}; removed after`};
	return {
		engineChanges: `${pulled}${beside}; removing it failed (${dropped.message}), so it is still there`,
		imageLeftBehind: dropped.ref,
	};
}
