import {knownImageFor} from '../../chatmock/images.js';
import {familiarRepository, normalizeReference, parseReference} from '../../chatmock/reference.js';
import {canonicalPlatform} from '../platform.js';
import type {RuleContext} from './context.js';

/**
 * A tag that cannot give the platform wanted: `docker pull --platform P tag` would fail ("no
 * matching manifest", or a single-platform image the verify then rejects). Known from the
 * registry (the platforms it lists for this very tag) or, without its answer, from the tag's name
 * (`latest-arm64`, `arm32v7-1.4`), which says less: `byName` lets the finding say so.
 */
export interface SingleArchTag {
	/** The platforms the tag has (registry) or names (its name). */
	readonly has: readonly string[];
	readonly byName: boolean;
	/** A reference of the same repository published for the platform wanted, when it is known. */
	readonly better?: string;
}

/** Arch words in tags, as image publishers spell them. */
const ARCH_WORDS: Readonly<Record<string, string>> = {
	amd64: 'linux/amd64',
	x86_64: 'linux/amd64',
	x64: 'linux/amd64',
	arm64: 'linux/arm64',
	arm64v8: 'linux/arm64',
	aarch64: 'linux/arm64',
	armv7: 'linux/arm/v7',
	armv7l: 'linux/arm/v7',
	armhf: 'linux/arm/v7',
	arm32v7: 'linux/arm/v7',
	armv6: 'linux/arm/v6',
	armv6l: 'linux/arm/v6',
	armel: 'linux/arm/v6',
	arm32v6: 'linux/arm/v6',
	i386: 'linux/386',
	'386': 'linux/386',
};

/** The platform a tag's name pins, and the tag without that word (undefined when it names none). */
export function archInTagName(tag: string): {platform: string; rest: string} | undefined {
	const words = tag.split(/([-_.])/);
	for (let index = 0; index < words.length; index += 2) {
		const platform = ARCH_WORDS[words[index]!.toLowerCase()];
		if (!platform) continue;
		// The word and one separator beside it go: latest-arm64 → latest, arm64-1.4 → 1.4.
		const kept = [...words.slice(0, Math.max(0, index - 1)), ...words.slice(index === 0 ? 2 : index + 1)];
		const rest = kept.join('').replace(/^[-_.]+|[-_.]+$/g, '');
		return {platform, rest: rest === '' ? 'latest' : rest};
	}
	return undefined;
}

export function singleArchTag(context: Pick<RuleContext, 'facts'>, ref: string, wanted: string): SingleArchTag | undefined {
	const parsed = parseReference(ref);
	if (!parsed || parsed.digest !== undefined) return undefined;
	const want = canonicalPlatform(wanted) ?? wanted;
	const published = context.facts.published;
	const named = archInTagName(parsed.tag ?? 'latest');
	const known = knownImageFor(ref);
	// The same repository's tag without the arch word, when the built-in table says the project publishes the platform there.
	const better = named && known?.kind === 'published' && known.platforms.includes(want) ? `${familiarRepository(parsed)}:${named.rest}` : undefined;
	if (published?.source === 'registry' && normalizeReference(published.ref) === normalizeReference(ref)) {
		const has = published.platforms.map(p => canonicalPlatform(p) ?? p);
		if (has.length === 0 || has.includes(want)) return undefined;
		return {has, byName: false, ...(better ? {better} : {})};
	}
	if (!named || named.platform === want) return undefined;
	return {has: [named.platform], byName: true, ...(better ? {better} : {})};
}
