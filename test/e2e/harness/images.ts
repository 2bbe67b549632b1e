import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {busyboxBinaries} from './debs.js';
import {DEFAULT_CMD, writeLoadArchive} from './docker-archive.js';
import {docker, imageId, type CliTarget} from './docker-cli.js';
import {PLATFORMS, type ImageArch} from './platforms.js';
import type {LocalImage} from './state.js';

/** Local name of the per-arch stand-ins; registry and ghcr names are tags on top of these. */
export const LOCAL_REPO = 'chatmock-e2e/chatmock';

export interface BuildOptions {
	/** Folder for the load archives. */
	readonly dir: string;
	readonly cmd?: readonly string[];
}

/**
 * Builds the five ChatMock stand-ins offline (busybox-static of each Debian architecture
 * in a one-layer image whose config names the platform) and loads them into the engine.
 */
export async function buildImages(target: CliTarget, options: BuildOptions): Promise<Record<ImageArch, LocalImage>> {
	const binaries = await busyboxBinaries(PLATFORMS.map(p => p.debArch));
	const images = {} as Record<ImageArch, LocalImage>;
	for (const platform of PLATFORMS) {
		const ref = `${LOCAL_REPO}:${platform.key}`;
		const archive = join(options.dir, `chatmock-${platform.key}.tar`);
		const busybox = readFileSync(binaries.get(platform.debArch) ?? '');
		const [id = ''] = await writeLoadArchive(archive, [{platform, busybox, cmd: options.cmd ?? DEFAULT_CMD, tags: [ref]}]);
		if ((await imageId(target, ref)) !== id) await docker(target, ['load', '--input', archive], {timeoutMs: 120_000});
		images[platform.key] = {ref, id, platform: platform.platform, archive};
	}
	return images;
}
