import {createHash} from 'node:crypto';
import {writeFileSync} from 'node:fs';
import tar from 'tar-stream';
import type {ImagePlatform} from './platforms.js';

/** Applets linked next to busybox: enough for a shell, `uname`, `echo`, `sleep`, simple checks and a tiny HTTP server. */
export const APPLETS = [
	'sh',
	'ash',
	'echo',
	'uname',
	'sleep',
	'cat',
	'ls',
	'env',
	'true',
	'false',
	'printf',
	'test',
	'id',
	'hostname',
	'ps',
	'head',
	'grep',
	'wc',
	'mkdir',
	'rm',
	'touch',
	'httpd',
	'wget',
];

/** Prints "chatmock up <machine>" and exits: enough to tell which arch ran and whether it ran at all. */
export const DEFAULT_CMD = ['/bin/sh', '-c', 'echo "chatmock up $(uname -m)"'];

const EPOCH = new Date(0);

export interface TarEntry {
	readonly name: string;
	readonly type: 'file' | 'directory' | 'symlink';
	readonly mode: number;
	readonly data?: Buffer;
	readonly linkname?: string;
}

async function tarBuffer(entries: readonly TarEntry[]): Promise<Buffer> {
	const pack = tar.pack();
	const chunks: Buffer[] = [];
	const done = new Promise<Buffer>((resolve, reject) => {
		pack.on('data', (chunk: Buffer) => chunks.push(chunk));
		pack.on('end', () => resolve(Buffer.concat(chunks)));
		pack.on('error', reject);
	});
	for (const entry of entries) {
		// Fixed owner and mtime: the same busybox gives the same digests, run after run.
		const headers = {name: entry.name, type: entry.type, mode: entry.mode, mtime: EPOCH, uid: 0, gid: 0, uname: 'root', gname: 'root'};
		if (entry.type === 'symlink') pack.entry({...headers, linkname: entry.linkname ?? ''});
		else pack.entry(headers, entry.data);
	}
	pack.finalize();
	return done;
}

export function sha256(data: Buffer | string): string {
	return createHash('sha256').update(data).digest('hex');
}

/** The single layer: /bin/busybox, its applet links, the folders ChatMock expects, then `extra`. */
export async function buildLayer(busybox: Buffer, applets: readonly string[] = APPLETS, extra: readonly TarEntry[] = []): Promise<Buffer> {
	return tarBuffer([
		{name: 'bin/', type: 'directory', mode: 0o755},
		{name: 'bin/busybox', type: 'file', mode: 0o755, data: busybox},
		...applets.map((applet): TarEntry => ({name: `bin/${applet}`, type: 'symlink', mode: 0o777, linkname: 'busybox'})),
		{name: 'data/', type: 'directory', mode: 0o755},
		{name: 'etc/', type: 'directory', mode: 0o755},
		{name: 'etc/passwd', type: 'file', mode: 0o644, data: Buffer.from('root:x:0:0:root:/:/bin/sh\n')},
		{name: 'tmp/', type: 'directory', mode: 0o1777},
		...extra,
	]);
}

/** What an image does when it runs, and what `docker inspect` shows of it. */
export interface ImageBehaviour {
	/** How a container starts: the image's Cmd, or its Entrypoint. */
	readonly start: {readonly Cmd: readonly string[]} | {readonly Entrypoint: readonly string[]};
	readonly healthcheck?: {readonly Test: readonly string[]; readonly Interval: number; readonly Timeout: number; readonly Retries: number};
	readonly title: string;
}

/** Image config as `docker load` expects it; architecture/variant/os are what the engine reports on inspect. */
function imageConfig(platform: ImagePlatform, layerDigest: string, behaviour: ImageBehaviour): string {
	return JSON.stringify({
		architecture: platform.architecture,
		...(platform.variant === undefined ? {} : {variant: platform.variant}),
		os: 'linux',
		created: EPOCH.toISOString(),
		config: {
			Env: ['PATH=/bin', 'CHATGPT_LOCAL_HOME=/data'],
			...behaviour.start,
			WorkingDir: '/',
			ExposedPorts: {'8000/tcp': {}},
			Volumes: {'/data': {}},
			...(behaviour.healthcheck === undefined ? {} : {Healthcheck: behaviour.healthcheck}),
			Labels: {'org.opencontainers.image.title': behaviour.title},
		},
		rootfs: {type: 'layers', diff_ids: [`sha256:${layerDigest}`]},
		history: [{created: EPOCH.toISOString(), created_by: 'chatmock-doctor e2e harness'}],
	});
}

/** One image of a load archive: its platform, its single layer, how it runs, and the tags it loads as. */
export interface LoadImage extends ImageBehaviour {
	readonly platform: ImagePlatform;
	readonly layer: Buffer;
	readonly tags: readonly string[];
}

/**
 * A `docker load` archive made by hand: `docker import --platform` records the host arch on
 * Engine 20.10, a load archive keeps what the config says. Also each image's ID.
 */
export async function loadArchive(images: readonly LoadImage[]): Promise<{archive: Buffer; ids: string[]}> {
	const entries: TarEntry[] = [];
	const manifest: {Config: string; RepoTags: string[]; Layers: string[]}[] = [];
	const ids: string[] = [];
	for (const image of images) {
		const layerDigest = sha256(image.layer);
		const config = imageConfig(image.platform, layerDigest, image);
		const configDigest = sha256(config);
		ids.push(`sha256:${configDigest}`);
		entries.push(
			{name: `${layerDigest}/`, type: 'directory', mode: 0o755},
			{name: `${layerDigest}/layer.tar`, type: 'file', mode: 0o644, data: image.layer},
			{name: `${configDigest}.json`, type: 'file', mode: 0o644, data: Buffer.from(config)},
		);
		manifest.push({Config: `${configDigest}.json`, RepoTags: [...image.tags], Layers: [`${layerDigest}/layer.tar`]});
	}
	entries.push({name: 'manifest.json', type: 'file', mode: 0o644, data: Buffer.from(JSON.stringify(manifest))});
	return {archive: await tarBuffer(entries), ids};
}

export interface ImageSpec {
	readonly platform: ImagePlatform;
	readonly busybox: Buffer;
	readonly cmd: readonly string[];
	readonly tags: readonly string[];
}

/** Writes a load archive of ChatMock stand-ins (busybox running `cmd`) to `file`; returns each image's ID. */
export async function writeLoadArchive(file: string, images: readonly ImageSpec[]): Promise<string[]> {
	const loadImages: LoadImage[] = [];
	for (const image of images) {
		loadImages.push({platform: image.platform, layer: await buildLayer(image.busybox), start: {Cmd: [...image.cmd]}, title: 'chatmock (e2e stand-in)', tags: image.tags});
	}
	const {archive, ids} = await loadArchive(loadImages);
	writeFileSync(file, archive);
	return ids;
}
