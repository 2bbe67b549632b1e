// ChatMock-like images for the fix's end-to-end tests: busybox httpd answering /health on port
// 8000, a HEALTHCHECK, and a token file written once into /data (the user's "login"). Variants:
// without `uname`, with a health check that fails, and one whose config names another arch than
// its binary (so the verify run cannot execute it).
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {busyboxBinaries} from './debs.js';
import {buildLayer, loadArchive} from './docker-archive.js';
import {CONTAINER_LABEL, type Harness} from './harness.js';
import {platformOf, type ImageArch} from './platforms.js';

export interface LikeVariant {
	/** Tag suffix of the local image: chatmock-e2e/like:<key>. */
	readonly key: string;
	/** The platform the image's config names. */
	readonly arch: ImageArch;
	/** The busybox inside (default: arch). Another arch here makes an image that cannot execute. */
	readonly binaryArch?: ImageArch;
	/** Link a `uname` applet (default true). */
	readonly uname?: boolean;
	/** 'fails': the HEALTHCHECK always fails, while the server still runs. */
	readonly health?: 'ok' | 'fails';
}

export const LIKE_REPO = 'chatmock-e2e/like';

const APPLETS = ['sh', 'httpd', 'wget', 'mkdir', 'cat', 'echo', 'sleep', 'true', 'false', 'test', 'head', 'ls'];

/** Writes /www/health, the token once, then serves: what the fix must keep running, and keep. */
const SERVE = `#!/bin/sh
mkdir -p /www /data
echo ok > /www/health
[ -s /data/token ] || echo "token-$$-$RANDOM$RANDOM" > /data/token
exec httpd -f -p 8000 -h /www
`;

async function archiveOf(variant: LikeVariant, busybox: Buffer, ref: string): Promise<Buffer> {
	const applets = APPLETS.concat(variant.uname === false ? [] : ['uname']);
	const layer = await buildLayer(busybox, applets, [
		{name: 'serve.sh', type: 'file', mode: 0o755, data: Buffer.from(SERVE)},
		{name: 'www/', type: 'directory', mode: 0o755},
	]);
	const {archive} = await loadArchive([
		{
			platform: platformOf(variant.arch),
			layer,
			start: {Entrypoint: ['/bin/sh', '/serve.sh']},
			healthcheck: {
				Test: variant.health === 'fails' ? ['CMD', 'false'] : ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8000/health'],
				Interval: 1e9,
				Timeout: 3e9,
				Retries: 2,
			},
			title: `chatmock-like (${variant.key})`,
			tags: [ref],
		},
	]);
	return archive;
}

/** Builds and loads one variant as chatmock-e2e/like:<key>; returns that reference. */
export async function loadLike(h: Harness, variant: LikeVariant, dir: string): Promise<string> {
	const binaryArch = platformOf(variant.binaryArch ?? variant.arch);
	const binaries = await busyboxBinaries([binaryArch.debArch]);
	const busybox = readFileSync(binaries.get(binaryArch.debArch) ?? '');
	const ref = `${LIKE_REPO}:${variant.key}`;
	const file = join(dir, `like-${variant.key}.tar`);
	writeFileSync(file, await archiveOf(variant, busybox, ref));
	await h.docker(['load', '--input', file], {timeoutMs: 120_000});
	return ref;
}

/**
 * Pushes variants as one multi-platform tag <registry>/<repo>:<tag> (one variant per platform)
 * and returns it, as ChatMock's registry would list it.
 */
export async function pushLike(h: Harness, repoTag: string, variants: readonly LikeVariant[], dir: string): Promise<string> {
	const ref = `${h.registryHost}/${repoTag}`;
	const parts: string[] = [];
	for (const variant of variants) {
		const local = await loadLike(h, variant, dir);
		const part = `${ref}-${variant.key}`;
		await h.docker(['tag', local, part]);
		await h.docker(['push', part], {timeoutMs: 120_000});
		parts.push(part);
	}
	await h.docker(['manifest', 'create', '--insecure', '--amend', ref, ...parts]);
	for (const [index, variant] of variants.entries()) {
		const {architecture, variant: armVariant} = platformOf(variant.arch);
		await h.docker(['manifest', 'annotate', '--os', 'linux', '--arch', architecture, ...(armVariant ? ['--variant', armVariant] : []), ref, parts[index]!]);
	}
	await h.docker(['manifest', 'push', '--insecure', '--purge', ref], {timeoutMs: 120_000});
	return ref;
}

/** Writes `token` into `volume` as ChatMock's login leaves it, from a throwaway container of `image` (a like image). */
export async function writeToken(h: Harness, volume: string, image: string, token: string): Promise<void> {
	await h.docker(['run', '--rm', '-v', `${volume}:/data`, '--entrypoint', '/bin/sh', image, '-c', `printf '${token.trim()}\\n' > /data/token`]);
}

/** The token as `volume` holds it, read by a throwaway container of `image` (a like image). */
export async function readToken(h: Harness, volume: string, image: string): Promise<string> {
	return (await h.docker(['run', '--rm', '-v', `${volume}:/data`, '--entrypoint', '/bin/cat', image, '/data/token'])).stdout;
}

export interface WrongArchChatmock {
	/** The user's tag, pushed with an arm64 and an amd64 variant. */
	readonly ref: string;
	readonly name: string;
	readonly volume: string;
	readonly token: string;
	/** A like image that runs here, to write the token with. */
	readonly nativeImage: string;
	/** The host port published to 8000; none publishes nothing. */
	readonly port?: number;
}

/**
 * The user's ChatMock as the fix finds it, made afresh: the arm64 image under the tag as its only
 * name (other names untagged, never removed), the token in a named volume, and a `docker run`
 * container with a restart policy that dies of exec format error. Returns the image's ID.
 */
export async function wrongArchChatmock(h: Harness, user: WrongArchChatmock): Promise<string> {
	await h.docker(['rm', '--force', user.name], {allowFailure: true});
	await h.docker(['volume', 'rm', user.volume], {allowFailure: true});
	await h.docker(['pull', '--platform', 'linux/arm64', user.ref], {timeoutMs: 120_000});
	const names = JSON.parse((await h.docker(['image', 'inspect', '--format', '{{json .RepoTags}}', user.ref])).stdout) as string[];
	for (const other of names) if (other !== user.ref) await h.docker(['image', 'rm', other]);
	await writeToken(h, user.volume, user.nativeImage, user.token);
	const publish = user.port === undefined ? [] : ['-p', `${user.port}:8000`];
	await h.docker(['run', '-d', '--name', user.name, '--label', CONTAINER_LABEL, ...publish, '-v', `${user.volume}:/data`, '--restart', 'unless-stopped', user.ref]);
	return (await h.docker(['image', 'inspect', '--format', '{{.Id}}', user.ref])).stdout.trim();
}

/** Waits on the engine's own health status of a container (`wanted`: healthy, unhealthy), never a fixed sleep. */
export async function untilHealth(h: Harness, container: string, wanted: string, timeoutMs = 120_000): Promise<void> {
	const started = Date.now();
	for (;;) {
		const health = (await h.docker(['inspect', '--format', '{{if .State.Health}}{{.State.Health.Status}}{{end}}', container])).stdout.trim();
		if (health === wanted) return;
		if (Date.now() - started > timeoutMs) throw new Error(`${container} stayed ${health || 'without health'} (wanted ${wanted})`);
		await new Promise(resolve => setTimeout(resolve, 250));
	}
}
