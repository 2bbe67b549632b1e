import {knownImageFor} from '../../chatmock/images.js';
import {normalizePlatform} from '../../chatmock/platform.js';
import {familiarReference, parseReference} from '../../chatmock/reference.js';
import {neutralizeLine} from '../../text/sanitize.js';
import type {PublishedFacts} from '../types.js';
import type {EngineApi} from './engine-api.js';
import {DEFAULT_ENGINE_TIMEOUT_MS} from './engine-api.js';

export interface PublishedOptions {
	readonly offline: boolean;
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
	/** Why the engine cannot be asked (no engine, API too old), when it cannot. */
	readonly unavailable?: string;
}

/**
 * The platforms a reference is published for: asked of the registry through the engine
 * (GET /distribution, no pull), else the built-in table, saying why.
 */
export async function probePublished(api: EngineApi | undefined, ref: string, options: PublishedOptions): Promise<PublishedFacts> {
	const parsed = parseReference(ref);
	const shown = parsed ? familiarReference(parsed) : neutralizeLine(ref);
	const known = knownImageFor(ref);
	const builtIn = (reason: string): PublishedFacts => ({
		ref: shown,
		platforms: known?.platforms ?? [],
		source: 'built-in',
		fallbackReason: known === undefined ? `${reason}; no built-in list for ${shown}` : reason,
	});
	if (options.offline) return builtIn('offline');
	if (!parsed) return builtIn('not an image reference');
	if (known?.kind === 'local-build' && parsed.domain === 'docker.io' && parsed.path === 'library/chatmock') {
		return builtIn('a locally built image is not published');
	}
	if (!api) return builtIn(options.unavailable ?? 'no engine to ask the registry');
	if (options.unavailable !== undefined) return builtIn(options.unavailable);
	// The engine asks the registry (token, then manifest): give it twice an engine call's deadline.
	const timeoutMs = 2 * (options.timeoutMs ?? DEFAULT_ENGINE_TIMEOUT_MS);
	const answer = await api.distribution(shown, {timeoutMs, ...(options.signal ? {signal: options.signal} : {})});
	if (!answer.ok) return builtIn(`registry: ${neutralizeLine(answer.error.message, 200)}`);
	const platforms = [...new Set(answer.value.platforms.map(p => normalizePlatform(p.os, p.architecture, p.variant)).filter((p): p is string => p !== undefined))];
	if (platforms.length === 0) return builtIn('the registry listed no platform');
	return {ref: shown, platforms, source: 'registry'};
}
