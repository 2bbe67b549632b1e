import {fact, type Fact, type Source} from '../facts/fact.js';
import type {Host} from '../facts/seam/host.js';
import {familiarReference, parseReference, repositoryName} from './reference.js';

/** The ChatMock images people run, and the platforms each publishes (the table used offline). */
export interface KnownImage {
	/** Full repository name: ghcr.io/thebtf/chatmock, docker.io/storagetime/chatmock, docker.io/library/chatmock. */
	readonly repository: string;
	/** As `docker images` shows it. */
	readonly familiar: string;
	/** Platforms the project publishes, in Docker's notation; empty for a local build. */
	readonly platforms: readonly string[];
	readonly kind: 'published' | 'local-build';
}

export const KNOWN_IMAGES: readonly KnownImage[] = [
	{
		repository: 'ghcr.io/thebtf/chatmock',
		familiar: 'ghcr.io/thebtf/chatmock',
		platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386'],
		kind: 'published',
	},
	{repository: 'docker.io/storagetime/chatmock', familiar: 'storagetime/chatmock', platforms: ['linux/amd64', 'linux/arm64'], kind: 'published'},
	{repository: 'docker.io/library/chatmock', familiar: 'chatmock', platforms: [], kind: 'local-build'},
];

export const DEFAULT_IMAGE = 'ghcr.io/thebtf/chatmock:latest';

/**
 * Engine-side `reference` filters (path.Match on the familiar name, `*` stops at `/`) that catch
 * every repository whose last component is `chatmock`, on any registry or mirror.
 */
export const CHATMOCK_REFERENCE_FILTERS: readonly string[] = ['chatmock', '*/chatmock', '*/*/chatmock', '*/*/*/chatmock'];

/** True for a reference whose repository's last component is chatmock. */
export function isChatmockReference(text: string): boolean {
	const ref = parseReference(text);
	return ref !== undefined && ref.path.split('/').pop() === 'chatmock';
}

/**
 * The known image a reference is, or mirrors: the same repository, or a registry mirror that
 * keeps the path (localhost:5000/thebtf/chatmock is ghcr.io/thebtf/chatmock).
 */
export function knownImageFor(text: string): KnownImage | undefined {
	const ref = parseReference(text);
	if (!ref) return undefined;
	const repository = repositoryName(ref);
	const exact = KNOWN_IMAGES.find(image => image.repository === repository);
	if (exact) return exact;
	return KNOWN_IMAGES.find(image => image.kind === 'published' && image.repository.endsWith(`/${ref.path}`));
}

export interface ChosenImageOptions {
	/** --image REF */
	readonly imageRef?: string;
	/** The folder whose compose file and .env name the image. */
	readonly cwd?: string;
}

export const COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;

/** --image > $CHATMOCK_IMAGE > CHATMOCK_IMAGE in the .env beside a compose file > the compose file's chatmock image > the default. */
export async function chosenImage(host: Host, options: ChosenImageOptions = {}): Promise<Fact<string>> {
	const flag = nonEmpty(options.imageRef);
	if (flag !== undefined) return fact(tidy(flag), {kind: 'derived', ref: '--image'});
	const env = nonEmpty(host.env['CHATMOCK_IMAGE']);
	if (env !== undefined) return fact(tidy(env), {kind: 'env', ref: 'CHATMOCK_IMAGE'});
	if (options.cwd !== undefined) {
		const dir = options.cwd.replace(/[\\/]+$/, '');
		const composeFiles = (await Promise.all(COMPOSE_FILES.map(async name => ({path: `${dir}/${name}`, text: await host.readText(`${dir}/${name}`)})))).filter(
			(c): c is {path: string; text: string} => c.text !== undefined,
		);
		if (composeFiles.length > 0) {
			const envPath = `${dir}/.env`;
			const dotEnv = await host.readText(envPath);
			const fromDotEnv = dotEnv === undefined ? undefined : dotEnvValue(dotEnv, 'CHATMOCK_IMAGE');
			if (fromDotEnv !== undefined) {
				return fact(tidy(fromDotEnv.value), {kind: 'file', ref: envPath, line: fromDotEnv.line, excerpt: fromDotEnv.excerpt});
			}
			for (const compose of composeFiles) {
				const image = composeImage(compose.text);
				if (image !== undefined) {
					return fact(tidy(image.value), {kind: 'file', ref: compose.path, line: image.line, excerpt: image.excerpt});
				}
			}
		}
	}
	const source: Source = {kind: 'derived', ref: 'default image'};
	return fact(DEFAULT_IMAGE, source);
}

interface Found {
	readonly value: string;
	readonly line: number;
	readonly excerpt: string;
}

/** KEY=value in a .env file (export prefix, quotes and trailing comments allowed). */
export function dotEnvValue(text: string, key: string): Found | undefined {
	const lines = text.split(/\r?\n/);
	let found: Found | undefined;
	lines.forEach((raw, index) => {
		const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
		if (!match || match[1] !== key) return;
		const value = unquote(match[2]!);
		// Later lines win, as in compose.
		if (value !== '') found = {value, line: index + 1, excerpt: raw.trim()};
	});
	return found;
}

/** The first `image:` naming a chatmock image; `${VAR:-default}` gives its default. */
export function composeImage(text: string): Found | undefined {
	const lines = text.split(/\r?\n/);
	for (const [index, raw] of lines.entries()) {
		const match = /^\s*image\s*:\s*(.+?)\s*$/.exec(raw);
		if (!match) continue;
		const value = interpolateDefaults(unquote(match[1]!));
		if (value !== undefined && isChatmockReference(value)) return {value, line: index + 1, excerpt: raw.trim()};
	}
	return undefined;
}

function interpolateDefaults(value: string): string | undefined {
	let unresolved = false;
	const result = value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?\}/g, (_all, _name: string, fallback: string | undefined) => {
		if (fallback === undefined) unresolved = true;
		return fallback ?? '';
	});
	return unresolved || result.includes('$') ? undefined : result;
}

function unquote(text: string): string {
	const trimmed = text.trim();
	const quoted = /^(['"])(.*)\1/.exec(trimmed);
	if (quoted) return quoted[2]!;
	return trimmed.replace(/\s+#.*$/, '').trim();
}

/** The familiar form with its tag when the reference parses; the text as given otherwise. */
function tidy(text: string): string {
	const ref = parseReference(text);
	return ref ? familiarReference(ref) : text.trim();
}

function nonEmpty(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}
