import {existsSync, mkdirSync, readdirSync, rmSync, statSync, utimesSync} from 'node:fs';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {log} from './log.js';

/**
 * The one folder the e2e suite keeps between runs (everything else is removed at teardown):
 *   debs/<arch>/busybox-static_*.deb  foreign busybox packages (about 1 MB each)
 *   root/<arch>/                      those packages unpacked
 *   base/*.tar                        the Debian + Node root file system of the Docker image test (a few hundred MB)
 * Outside the temporary folder on purpose, so a run leaves nothing big in it. Bounded by
 * CHATMOCK_DOCTOR_E2E_CACHE_MB (default 1024): the least recently used files go first.
 * Delete it at any time; the next run downloads and builds again (a minute or two).
 */
export function cacheDir(): string {
	if (process.env.CHATMOCK_DOCTOR_E2E_CACHE) return process.env.CHATMOCK_DOCTOR_E2E_CACHE;
	const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
	return join(base, 'chatmock-doctor-e2e');
}

export function cacheLimitBytes(): number {
	const mb = Number(process.env.CHATMOCK_DOCTOR_E2E_CACHE_MB ?? '1024');
	return (Number.isFinite(mb) && mb > 0 ? mb : 1024) * 1024 * 1024;
}

export function cachePath(...parts: string[]): string {
	const path = join(cacheDir(), ...parts);
	mkdirSync(join(path, '..'), {recursive: true});
	return path;
}

/** Marks a cached file as just used, so trimming keeps it longest. */
export function touchCached(path: string): void {
	const now = new Date();
	if (existsSync(path)) utimesSync(path, now, now);
}

interface CachedFile {
	readonly path: string;
	readonly size: number;
	readonly mtimeMs: number;
}

function filesUnder(dir: string): CachedFile[] {
	const out: CachedFile[] = [];
	let names: string[] = [];
	try {
		names = readdirSync(dir);
	} catch {
		return out;
	}
	for (const name of names) {
		const path = join(dir, name);
		const stat = statSync(path, {throwIfNoEntry: false});
		if (stat === undefined) continue;
		if (stat.isDirectory()) out.push(...filesUnder(path));
		else out.push({path, size: stat.size, mtimeMs: stat.mtimeMs});
	}
	return out;
}

export function cacheSize(): number {
	return filesUnder(cacheDir()).reduce((sum, file) => sum + file.size, 0);
}

/** Removes the least recently used files until the cache fits its bound; `keep` is never removed. */
export function trimCache(keep: readonly string[] = [], limit = cacheLimitBytes()): void {
	const files = filesUnder(cacheDir()).sort((a, b) => a.mtimeMs - b.mtimeMs);
	let total = files.reduce((sum, file) => sum + file.size, 0);
	for (const file of files) {
		if (total <= limit) break;
		if (keep.includes(file.path)) continue;
		rmSync(file.path, {force: true});
		total -= file.size;
		log(`cache over ${Math.round(limit / 1048576)} MB: removed ${file.path}`);
	}
}
