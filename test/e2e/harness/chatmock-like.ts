// ChatMock-like images for the fix's end-to-end tests: busybox httpd answering /health on port
// 8000, a HEALTHCHECK, and a token file written once into /data (the user's "login"). Variants:
// without `uname`, with a health check that fails, and one whose config names another arch than
// its binary (so the verify run cannot execute it).
import {createHash} from 'node:crypto';
import {readFileSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import tar from 'tar-stream';
import {busyboxBinaries} from './debs.js';
import type {Harness} from './harness.js';
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

const EPOCH = new Date(0);

type Entry = {name: string; type: 'file' | 'directory' | 'symlink'; mode: number; data?: Buffer; linkname?: string};

async function tarOf(entries: readonly Entry[]): Promise<Buffer> {
	const pack = tar.pack();
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		pack.on('data', (chunk: Buffer) => chunks.push(chunk));
		pack.on('end', () => resolve(Buffer.concat(chunks)));
		pack.on('error', reject);
	});
	for (const entry of entries) {
		const headers = {name: entry.name, type: entry.type, mode: entry.mode, mtime: EPOCH, uid: 0, gid: 0, uname: 'root', gname: 'root'};
		if (entry.type === 'symlink') pack.entry({...headers, linkname: entry.linkname ?? ''});
		else pack.entry(headers, entry.data);
	}
	pack.finalize();
	return done;
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

async function archiveOf(variant: LikeVariant, busybox: Buffer, ref: string): Promise<Buffer> {
	const applets = APPLETS.concat(variant.uname === false ? [] : ['uname']);
	const layer = await tarOf([
		{name: 'bin/', type: 'directory', mode: 0o755},
		{name: 'bin/busybox', type: 'file', mode: 0o755, data: busybox},
		...applets.map((applet): Entry => ({name: `bin/${applet}`, type: 'symlink', mode: 0o777, linkname: 'busybox'})),
		{name: 'serve.sh', type: 'file', mode: 0o755, data: Buffer.from(SERVE)},
		{name: 'data/', type: 'directory', mode: 0o755},
		{name: 'www/', type: 'directory', mode: 0o755},
		{name: 'tmp/', type: 'directory', mode: 0o1777},
		{name: 'etc/', type: 'directory', mode: 0o755},
		{name: 'etc/passwd', type: 'file', mode: 0o644, data: Buffer.from('root:x:0:0:root:/:/bin/sh\n')},
	]);
	const platform = platformOf(variant.arch);
	const layerDigest = sha256(layer);
	const healthTest = variant.health === 'fails' ? ['CMD', 'false'] : ['CMD', 'wget', '-q', '-O', '/dev/null', 'http://127.0.0.1:8000/health'];
	const config = JSON.stringify({
		architecture: platform.architecture,
		...(platform.variant === undefined ? {} : {variant: platform.variant}),
		os: 'linux',
		created: EPOCH.toISOString(),
		config: {
			Env: ['PATH=/bin', 'CHATGPT_LOCAL_HOME=/data'],
			Entrypoint: ['/bin/sh', '/serve.sh'],
			WorkingDir: '/',
			ExposedPorts: {'8000/tcp': {}},
			Volumes: {'/data': {}},
			Healthcheck: {Test: healthTest, Interval: 1e9, Timeout: 3e9, Retries: 2},
			Labels: {'org.opencontainers.image.title': `chatmock-like (${variant.key})`},
		},
		rootfs: {type: 'layers', diff_ids: [`sha256:${layerDigest}`]},
		history: [{created: EPOCH.toISOString(), created_by: 'chatmock-doctor e2e harness'}],
	});
	const configDigest = sha256(config);
	return tarOf([
		{name: `${layerDigest}/`, type: 'directory', mode: 0o755},
		{name: `${layerDigest}/layer.tar`, type: 'file', mode: 0o644, data: layer},
		{name: `${configDigest}.json`, type: 'file', mode: 0o644, data: Buffer.from(config)},
		{name: 'manifest.json', type: 'file', mode: 0o644, data: Buffer.from(JSON.stringify([{Config: `${configDigest}.json`, RepoTags: [ref], Layers: [`${layerDigest}/layer.tar`]}]))},
	]);
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
