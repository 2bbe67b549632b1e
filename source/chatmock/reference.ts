/**
 * Image references as Docker reads them: `busybox` is docker.io/library/busybox:latest,
 * a first component with a dot, a colon or `localhost` is a registry, a digest pins content.
 */
export interface ImageReference {
	/** docker.io, ghcr.io, localhost:5000 */
	readonly domain: string;
	/** library/busybox, thebtf/chatmock */
	readonly path: string;
	readonly tag?: string;
	/** sha256:… */
	readonly digest?: string;
}

const DEFAULT_DOMAIN = 'docker.io';
const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}$/;

/** Undefined for text that is not a valid reference. */
export function parseReference(text: string): ImageReference | undefined {
	let rest = text.trim();
	if (rest === '') return undefined;
	let digest: string | undefined;
	const at = rest.indexOf('@');
	if (at !== -1) {
		digest = rest.slice(at + 1);
		rest = rest.slice(0, at);
		if (!DIGEST.test(digest)) return undefined;
	}
	let tag: string | undefined;
	const colon = rest.lastIndexOf(':');
	if (colon > rest.lastIndexOf('/')) {
		tag = rest.slice(colon + 1);
		rest = rest.slice(0, colon);
		if (!TAG.test(tag)) return undefined;
	}
	const parts = rest.split('/');
	let domain = DEFAULT_DOMAIN;
	const first = parts[0]!;
	if (parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost' || first !== first.toLowerCase())) {
		domain = first.toLowerCase();
		parts.shift();
	}
	if (domain === 'index.docker.io' || domain === 'registry-1.docker.io') domain = DEFAULT_DOMAIN;
	if (parts.length === 0 || !parts.every(p => COMPONENT.test(p))) return undefined;
	if (domain === DEFAULT_DOMAIN && parts.length === 1) parts.unshift('library');
	return {domain, path: parts.join('/'), ...(tag === undefined ? {} : {tag}), ...(digest === undefined ? {} : {digest})};
}

/** docker.io/library/busybox — the full repository name. */
export function repositoryName(ref: ImageReference): string {
	return `${ref.domain}/${ref.path}`;
}

/** What `docker images` shows: busybox, storagetime/chatmock, ghcr.io/thebtf/chatmock. */
export function familiarRepository(ref: ImageReference): string {
	if (ref.domain !== DEFAULT_DOMAIN) return `${ref.domain}/${ref.path}`;
	return ref.path.startsWith('library/') && ref.path.split('/').length === 2 ? ref.path.slice('library/'.length) : ref.path;
}

/** The familiar form with its tag (latest when neither tag nor digest is given) or digest. */
export function familiarReference(ref: ImageReference): string {
	const repo = familiarRepository(ref);
	if (ref.digest !== undefined) return ref.tag === undefined ? `${repo}@${ref.digest}` : `${repo}:${ref.tag}@${ref.digest}`;
	return `${repo}:${ref.tag ?? 'latest'}`;
}

/** The fully qualified form: docker.io/library/busybox:latest. */
export function normalizeReference(text: string): string | undefined {
	const ref = parseReference(text);
	if (!ref) return undefined;
	const repo = repositoryName(ref);
	if (ref.digest !== undefined) return ref.tag === undefined ? `${repo}@${ref.digest}` : `${repo}:${ref.tag}@${ref.digest}`;
	return `${repo}:${ref.tag ?? 'latest'}`;
}

export function sameRepository(a: string, b: string): boolean {
	const ra = parseReference(a);
	const rb = parseReference(b);
	return ra !== undefined && rb !== undefined && repositoryName(ra) === repositoryName(rb);
}

/** fromImage and tag for POST /images/create: a digest goes in `tag` as the CLI does; no tag means latest, never "all tags". */
export function pullParameters(text: string): {readonly fromImage: string; readonly tag: string} | undefined {
	const ref = parseReference(text);
	if (!ref) return undefined;
	return {fromImage: familiarRepository(ref), tag: ref.digest ?? ref.tag ?? 'latest'};
}
