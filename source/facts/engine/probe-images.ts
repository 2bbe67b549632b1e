import {CHATMOCK_REFERENCE_FILTERS, isChatmockReference} from '../../chatmock/images.js';
import {familiarRepository, parseReference, sameRepository} from '../../chatmock/reference.js';
import {neutralizeLine} from '../../text/sanitize.js';
import type {ImageFact, IncompleteCheck} from '../types.js';
import type {CallOptions, EngineApi, EngineError} from './engine-api.js';
import {mapLimit} from './map-limit.js';

export interface ImagesProbe {
	readonly images: readonly ImageFact[];
	/** Image IDs of the matches, for the containers probe's ancestor filter. */
	readonly imageIds: readonly string[];
	readonly failure?: EngineError;
	/** Images that could not be listed or inspected: the list is partial. */
	readonly incomplete: readonly IncompleteCheck[];
}

export interface ImagesProbeOptions extends CallOptions {
	/** The image the user runs (any repository name). */
	readonly chosen?: string;
	/** Parallel inspects (default 4). */
	readonly concurrency?: number;
}

/**
 * ChatMock images in the engine: one list call whose `reference` filters match in the engine
 * (flat however many unrelated images there are), then an inspect of each match for its platform.
 */
export async function probeImages(api: EngineApi, options: ImagesProbeOptions = {}): Promise<ImagesProbe> {
	const call = {...(options.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs}), ...(options.signal ? {signal: options.signal} : {})};
	const filters = [...CHATMOCK_REFERENCE_FILTERS];
	const chosenRef = options.chosen === undefined ? undefined : parseReference(options.chosen);
	const chosenRepo = chosenRef === undefined ? undefined : familiarRepository(chosenRef);
	if (chosenRepo !== undefined && !isChatmockReference(chosenRepo)) filters.push(chosenRepo);
	const listed = await api.listImages(filters, call);
	if (!listed.ok) {
		return {
			images: [],
			imageIds: [],
			failure: listed.error,
			incomplete: [{part: 'images', message: `the images could not be listed: ${neutralizeLine(listed.error.message, 200)}`, source: {kind: 'engine', ref: '/images/json'}}],
		};
	}
	// An image matched by one tag may carry unrelated tags too: keep only the ChatMock ones.
	const wanted = (ref: string) => isChatmockReference(ref) || (options.chosen !== undefined && sameRepository(ref, options.chosen));
	const matches = listed.value
		.map(summary => {
			const tags = summary.repoTags.filter(wanted);
			return {summary, refs: tags.length > 0 ? tags : summary.repoDigests.filter(wanted)};
		})
		.filter(match => match.refs.length > 0);
	const inspected = await mapLimit(matches, options.concurrency ?? 4, async match => ({
		match,
		result: await api.inspectImage(match.summary.id, call),
	}));
	const images: ImageFact[] = [];
	let failure: EngineError | undefined;
	let uninspected = 0;
	for (const {match, result} of inspected) {
		if (!result.ok) {
			// Removed between list and inspect: not there any more. Anything else is worth telling.
			if (result.error.code !== 'not-found') {
				failure ??= result.error;
				uninspected++;
			}
			continue;
		}
		const inspect = result.value;
		for (const ref of match.refs) {
			images.push({
				ref: neutralizeLine(ref),
				id: inspect.id,
				os: inspect.os,
				architecture: inspect.architecture,
				...(inspect.variant === undefined ? {} : {variant: inspect.variant}),
				source: {
					kind: 'engine',
					ref: `/images/${shortId(inspect.id)}/json`,
					excerpt: `${inspect.os}/${inspect.architecture}${inspect.variant === undefined ? '' : `/${inspect.variant}`}`,
				},
			});
		}
	}
	const incomplete: IncompleteCheck[] =
		uninspected === 0 || failure === undefined
			? []
			: [
					{
						part: 'images',
						message: `${uninspected} of ${matches.length} ChatMock images could not be inspected (${neutralizeLine(failure.message, 160)})`,
						source: {kind: 'engine', ref: '/images/{id}/json'},
					},
				];
	return {images, imageIds: [...new Set(images.map(image => image.id))], incomplete, ...(failure === undefined ? {} : {failure})};
}

export function shortId(id: string): string {
	return id.replace(/^sha256:/, '').slice(0, 12);
}
