import {existsSync, mkdirSync, readFileSync, readdirSync, rmSync, rmdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {engineJson, engineRequest, pingEngine} from './engine-http.js';
import {log} from './log.js';
import {hasEnded, killProcessesMentioning, spawnDaemon, stopProcess, unmountUnder, waitUntil} from './processes.js';

/** A dockerd the harness started: everything it writes lives under `dir`, and it listens on `dir`/docker.sock only. */
export interface OwnedEngine {
	readonly pid: number;
	readonly dir: string;
	readonly socketPath: string;
	/** The Linux bridge its default network uses (ours, see bridge.ts). */
	readonly bridge: string;
	/** overlay2 where the filesystem allows it (a Docker build copies whole layers on vfs), else vfs. */
	readonly storage: StorageDriver;
	/** Machine paths dockerd creates outside its own folders; removed at halt when they were not there before. */
	readonly createdPaths: readonly string[];
}

/**
 * dockerd 20.10 and its containerd write these whatever their data-root and exec-root. Removed
 * at halt only when they were absent before and no other dockerd or containerd runs.
 */
const SIDE_PATHS = ['/etc/docker/key.json', '/etc/docker', '/run/docker/plugins', '/run/docker', '/run/containerd/s', '/run/containerd'];

export const engineSocket = (dir: string): string => join(dir, 'docker.sock');

export type StorageDriver = 'overlay2' | 'vfs';

/**
 * Self-contained, whatever else runs on the machine: its own socket, data-root, exec-root,
 * pidfile and (empty) config file, so it neither reads nor touches another engine's state.
 * Its own bridge for published ports, bound to 127.0.0.1 (no iptables: the CI machine may
 * have none, and another engine's rules stay untouched). overlay2 when the data root's
 * filesystem takes it, vfs (works anywhere, but copies every layer) otherwise.
 */
export function dockerdArgs(dir: string, bridge: string, storage: StorageDriver): string[] {
	return [
		'--iptables=false',
		'--ip-masq=false',
		`--bridge=${bridge}`,
		'--ip=127.0.0.1',
		`--storage-driver=${storage}`,
		`--data-root=${join(dir, 'data')}`,
		`--exec-root=${join(dir, 'exec')}`,
		`--pidfile=${join(dir, 'dockerd.pid')}`,
		`--config-file=${join(dir, 'daemon.json')}`,
		`--host=unix://${engineSocket(dir)}`,
	];
}

/**
 * Starts our dockerd. Without a `storage` (first start) it tries overlay2, then vfs when
 * dockerd refuses overlay2 here (e.g. a data root on overlayfs or tmpfs); a restart keeps the first choice.
 */
export async function launchEngine(dir: string, bridge: string, inherited: readonly string[] = [], storage?: StorageDriver, timeoutMs = 60_000): Promise<OwnedEngine> {
	const wanted = storage ?? ((process.env.CHATMOCK_DOCTOR_E2E_STORAGE as StorageDriver | undefined) || 'overlay2');
	try {
		return await launchWith(dir, bridge, inherited, wanted, timeoutMs);
	} catch (error) {
		if (storage !== undefined || wanted === 'vfs') throw error;
		log(`dockerd with ${wanted} did not start; trying vfs (${error instanceof Error ? error.message.split('\n').slice(-1)[0] : String(error)})`);
		rmSync(join(dir, 'data'), {recursive: true, force: true});
		return launchWith(dir, bridge, inherited, 'vfs', timeoutMs);
	}
}

async function launchWith(dir: string, bridge: string, inherited: readonly string[], storage: StorageDriver, timeoutMs: number): Promise<OwnedEngine> {
	const socketPath = engineSocket(dir);
	if (await pingEngine(socketPath)) throw new Error(`a daemon already answers on ${socketPath}`);
	const createdPaths = [...new Set([...inherited, ...SIDE_PATHS.filter(path => !existsSync(path))])];
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'daemon.json'), '{}\n');
	const logFile = join(dir, 'dockerd.log');
	// containerd writes containerd.<pid>.stacks.log to the temporary folder when it is slow to stop
	// (a loaded machine): in the engine's own folder, it goes with the engine, not into the test run's.
	const tmp = join(dir, 'tmp');
	mkdirSync(tmp, {recursive: true});
	const pid = spawnDaemon('dockerd', dockerdArgs(dir, bridge, storage), logFile, {TMPDIR: tmp, TMP: tmp, TEMP: tmp});
	const engine = {pid, dir, socketPath, bridge, storage, createdPaths};
	try {
		await waitUntil(
			'dockerd /_ping',
			async () => {
				if (hasEnded(pid)) throw new Error('dockerd exited');
				return pingEngine(socketPath, 1000);
			},
			timeoutMs,
		);
	} catch (error) {
		await haltEngine(engine, true).catch(() => undefined);
		throw new Error(`dockerd did not come up; last lines of its log:\n${logTail(logFile)}`, {cause: error});
	}
	return engine;
}

interface NetworkSummary {
	readonly Id: string;
	readonly Name: string;
}

/**
 * Networks tests created (Compose makes one per project) each have a br-<id> Linux bridge
 * that outlives dockerd: they go before it stops. Only ever called on our own engine.
 */
async function removeNetworks(engine: OwnedEngine): Promise<void> {
	if (!(await pingEngine(engine.socketPath))) return;
	const networks = await engineJson<NetworkSummary[]>(engine.socketPath, '/networks').catch(() => []);
	for (const network of networks) {
		if (['bridge', 'host', 'none'].includes(network.Name)) continue;
		await engineRequest(engine.socketPath, 'DELETE', `/networks/${network.Id}`).catch(() => undefined);
	}
}

/**
 * Stops our dockerd and whatever of it may be left (its managed containerd, shims, mounts).
 * `final` (teardown) also removes the networks tests made; a stop for a test keeps them, as a
 * real daemon restart would.
 */
export async function haltEngine(engine: OwnedEngine, final = false): Promise<void> {
	if (final) await removeNetworks(engine);
	await stopProcess(engine.pid, engine.dir, 30_000);
	await killProcessesMentioning(engine.dir);
	await unmountUnder(engine.dir);
	removeSidePaths(engine.createdPaths);
	log(`dockerd ${engine.pid} stopped`);
}

function otherEngineRunning(): boolean {
	return readdirSync('/proc').some(name => {
		if (!/^\d+$/.test(name)) return false;
		try {
			// A zombie (ours, not yet reaped) still says dockerd in comm.
			const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
			return /^\d+ \((dockerd|containerd)\) [^Z]/.test(stat);
		} catch {
			return false;
		}
	});
}

/** Left alone while another dockerd runs: it may be using them. Folders only when empty. */
function removeSidePaths(paths: readonly string[]): void {
	if (paths.length === 0 || otherEngineRunning()) return;
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
