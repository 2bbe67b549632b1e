import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {pingEngine} from './engine-http.js';
import {log} from './log.js';
import {isOurProcess, killProcessesMentioning, spawnDaemon, stopProcess, unmountUnder, waitUntil} from './processes.js';

export const DEFAULT_SOCKET = '/var/run/docker.sock';

/** A dockerd the harness started: everything it writes lives under `dir`. */
export interface OwnedEngine {
	readonly pid: number;
	readonly dir: string;
	readonly socketPath: string;
	/** Machine paths dockerd creates outside its own folders; removed at halt when they were not there before. */
	readonly createdPaths: readonly string[];
}

/** dockerd 20.10 writes these whatever its data-root and exec-root. */
const SIDE_PATHS = ['/etc/docker/key.json', '/run/docker/plugins', '/run/docker'];

/**
 * The flags keep it self-contained: no iptables or bridge (the CI machine has neither set
 * up), vfs storage (works on any filesystem), and its own data-root, exec-root, pidfile and
 * empty config file so it neither reads nor touches the machine's Docker state.
 */
export function dockerdArgs(dir: string, socketPath: string): string[] {
	return [
		'--iptables=false',
		'--bridge=none',
		'--storage-driver=vfs',
		`--data-root=${join(dir, 'data')}`,
		`--exec-root=${join(dir, 'exec')}`,
		`--pidfile=${join(dir, 'dockerd.pid')}`,
		`--config-file=${join(dir, 'daemon.json')}`,
		`--host=unix://${socketPath}`,
	];
}

export async function launchEngine(dir: string, socketPath: string = DEFAULT_SOCKET, inherited: readonly string[] = [], timeoutMs = 60_000): Promise<OwnedEngine> {
	if (await pingEngine(socketPath)) throw new Error(`a daemon already answers on ${socketPath}`);
	const createdPaths = [...new Set([...inherited, ...SIDE_PATHS.filter((path) => !existsSync(path))])];
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'daemon.json'), '{}\n');
	const logFile = join(dir, 'dockerd.log');
	const pid = spawnDaemon('dockerd', dockerdArgs(dir, socketPath), logFile);
	try {
		await waitUntil('dockerd /_ping', async () => {
			if (!isOurProcess(pid, dir)) throw new Error('dockerd exited');
			return pingEngine(socketPath, 1000);
		}, timeoutMs);
	} catch (error) {
		await haltEngine({pid, dir, socketPath, createdPaths}).catch(() => undefined);
		throw new Error(`dockerd did not come up; last lines of its log:\n${logTail(logFile)}`, {cause: error});
	}
	return {pid, dir, socketPath, createdPaths};
}

/** Stops our dockerd and whatever of it may be left (its managed containerd, shims, mounts). */
export async function haltEngine(engine: OwnedEngine): Promise<void> {
	await stopProcess(engine.pid, engine.dir, 30_000);
	await killProcessesMentioning(engine.dir);
	await unmountUnder(engine.dir);
	removeSidePaths(engine.createdPaths);
	log(`dockerd ${engine.pid} stopped`);
}

function otherDockerdRunning(): boolean {
	return readdirSync('/proc').some((name) => {
		if (!/^\d+$/.test(name)) return false;
		try {
			// A zombie (ours, not yet reaped) still says dockerd in comm.
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			return /^\d+ \(dockerd\) [^Z]/.test(stat);
		} catch {
			return false;
		}
	});
}

/** Left alone while another dockerd runs: it may be using them. Folders only when empty. */
function removeSidePaths(paths: readonly string[]): void {
	if (paths.length === 0 || otherDockerdRunning()) return;
	for (const path of paths) {
		try {
			if (path.endsWith('.json')) rmSync(path, {force: true});
			else rmdirSync(path);
		} catch {
			// not empty or already gone
		}
	}
}

function logTail(file: string): string {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
	} catch {
		return '(no log)';
	}
}
