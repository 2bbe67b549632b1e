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

interface Entry {
	readonly name: string;
	readonly type: 'file' | 'directory' | 'symlink';
	readonly mode: number;
	readonly data?: Buffer;
	readonly linkname?: string;
}

async function tarBuffer(entries: readonly Entry[]): Promise<Buffer> {
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

/** The single layer: /bin/busybox, its applet links, and the folders ChatMock expects. */
export async function buildLayer(busybox: Buffer): Promise<Buffer> {
	return tarBuffer([
		{name: 'bin/', type: 'directory', mode: 0o755},
		{name: 'bin/busybox', type: 'file', mode: 0o755, data: busybox},
		...APPLETS.map((applet): Entry => ({name: `bin/${applet}`, type: 'symlink', mode: 0o777, linkname: 'busybox'})),
		{name: 'data/', type: 'directory', mode: 0o755},
		{name: 'etc/', type: 'directory', mode: 0o755},
		{name: 'etc/passwd', type: 'file', mode: 0o644, data: Buffer.from('root:x:0:0:root:/:/bin/sh\n')},
		{name: 'tmp/', type: 'directory', mode: 0o1777},
	]);
}

export interface ImageSpec {
	readonly platform: ImagePlatform;
	readonly busybox: Buffer;
	readonly cmd: readonly string[];
	readonly tags: readonly string[];
}

/** Image config as `docker load` expects it; architecture/variant/os are what the engine reports on inspect. */
export function imageConfig(platform: ImagePlatform, layerDigest: string, cmd: readonly string[]): string {
	return JSON.stringify({
		architecture: platform.architecture,
		...(platform.variant === undefined ? {} : {variant: platform.variant}),
		os: 'linux',
		created: EPOCH.toISOString(),
		config: {
			Env: ['PATH=/bin', 'CHATGPT_LOCAL_HOME=/data'],
			Cmd: [...cmd],
			WorkingDir: '/',
			ExposedPorts: {'8000/tcp': {}},
			Volumes: {'/data': {}},
			Labels: {'org.opencontainers.image.title': 'chatmock (e2e stand-in)'},
		},
		rootfs: {type: 'layers', diff_ids: [`sha256:${layerDigest}`]},
		history: [{created: EPOCH.toISOString(), created_by: 'chatmock-doctor e2e harness'}],
	});
}

/**
 * Writes a `docker load` archive by hand: `docker import --platform` records the host arch
 * on Engine 20.10, a load archive keeps what the config says. Returns each image's ID.
 */
export async function writeLoadArchive(file: string, images: readonly ImageSpec[]): Promise<string[]> {
	const entries: Entry[] = [];
	const manifest: {Config: string; RepoTags: string[]; Layers: string[]}[] = [];
	const ids: string[] = [];
	for (const image of images) {
		const layer = await buildLayer(image.busybox);
		const layerDigest = sha256(layer);
		const config = imageConfig(image.platform, layerDigest, image.cmd);
		const configDigest = sha256(config);
		ids.push(`sha256:${configDigest}`);
		entries.push(
			{name: `${layerDigest}/`, type: 'directory', mode: 0o755},
			{name: `${layerDigest}/layer.tar`, type: 'file', mode: 0o644, data: layer},
			{name: `${configDigest}.json`, type: 'file', mode: 0o644, data: Buffer.from(config)},
		);
		manifest.push({Config: `${configDigest}.json`, RepoTags: [...image.tags], Layers: [`${layerDigest}/layer.tar`]});
	}
	entries.push({name: 'manifest.json', type: 'file', mode: 0o644, data: Buffer.from(JSON.stringify(manifest))});
	writeFileSync(file, await tarBuffer(entries));
	return ids;
}
