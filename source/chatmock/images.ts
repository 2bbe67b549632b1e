import {fact, type Fact, type Source} from '../facts/fact.js';
import type {Host} from '../facts/seam/host.js';
import {chatmockServices, readComposeProject} from './compose-project.js';
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

export {isChatmockReference} from './is-chatmock.js';

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

/** --image > $CHATMOCK_IMAGE > CHATMOCK_IMAGE in the .env beside a compose file > the compose file's chatmock image > the default. */
export async function chosenImage(host: Host, options: ChosenImageOptions = {}): Promise<Fact<string>> {
	const flag = nonEmpty(options.imageRef);
	if (flag !== undefined) return fact(tidy(flag), {kind: 'derived', ref: '--image'});
	const env = nonEmpty(host.env['CHATMOCK_IMAGE']);
	if (env !== undefined) return fact(tidy(env), {kind: 'env', ref: 'CHATMOCK_IMAGE'});
	if (options.cwd !== undefined) {
		const project = await readComposeProject(path => host.readText(path), {dir: options.cwd, env: host.env});
		if (project !== undefined && project.files.length > 0) {
			const fromDotEnv = project.dotEnv.get('CHATMOCK_IMAGE');
			if (fromDotEnv !== undefined && fromDotEnv.value !== '') {
				return fact(tidy(fromDotEnv.value), {kind: 'file', ref: project.envPath, line: fromDotEnv.line, excerpt: fromDotEnv.excerpt});
			}
			const image = chatmockServices(project)[0]?.image;
			if (image?.value !== undefined) return fact(tidy(image.value), {kind: 'file', ref: image.file, line: image.line, excerpt: image.excerpt});
		}
	}
	const source: Source = {kind: 'derived', ref: 'default image'};
	return fact(DEFAULT_IMAGE, source);
}

/** The familiar form with its tag when the reference parses; the text as given otherwise. */
function tidy(text: string): string {
	const ref = parseReference(text);
	return ref ? familiarReference(ref) : text.trim();
}

function nonEmpty(value: string | undefined): string | undefined {
	return value === undefined || value.trim() === '' ? undefined : value.trim();
}
