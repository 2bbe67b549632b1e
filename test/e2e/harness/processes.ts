import {spawn} from 'node:child_process';
import {openSync, closeSync, readFileSync, readdirSync} from 'node:fs';
import {setTimeout as sleep} from 'node:timers/promises';
import {exec} from './exec.js';

/**
 * Starts a daemon that outlives this process (setup runs in one process, the tests and the
 * teardown in others): own session, output to a log file, no stdin.
 */
/** `env` is added to ours: e.g. a TMPDIR of the daemon's own, so what it drops there goes with its folder. */
export function spawnDaemon(command: string, args: readonly string[], logFile: string, env: Readonly<Record<string, string>> = {}): number {
	const fd = openSync(logFile, 'a');
	try {
		const child = spawn(command, args, {detached: true, stdio: ['ignore', fd, fd], env: {...process.env, ...env}});
		if (child.pid === undefined) throw new Error(`${command}: could not start`);
		child.unref();
		return child.pid;
	} finally {
		closeSync(fd);
	}
}

function cmdline(pid: number): string | undefined {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
	} catch {
		return undefined;
	}
}

/**
 * Alive and still the program we started: pids are recycled, and a zombie answers kill(0)
 * with an empty cmdline.
 */
export function isOurProcess(pid: number, mustContain: string): boolean {
	const line = cmdline(pid);
	return line !== undefined && line.includes(mustContain);
}

/**
 * True once a process we just spawned has ended (gone, or a zombie). Not "its cmdline lacks our
 * marker": between fork and exec a child still shows the parent's cmdline, and on a loaded
 * machine that window is long enough to be read.
 */
export function hasEnded(pid: number): boolean {
	try {
		return /^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
	} catch {
		return true;
	}
}

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 100): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		if (await check()) return;
		if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
		await sleep(intervalMs);
	}
}

/** SIGTERM, then SIGKILL after the grace period. Only a pid whose cmdline still matches. */
export async function stopProcess(pid: number, mustContain: string, graceMs: number): Promise<void> {
	if (!isOurProcess(pid, mustContain)) return;
	try {
		process.kill(pid, 'SIGTERM');
	} catch {
		return;
	}
	try {
		await waitUntil(`pid ${pid} to exit`, () => !isOurProcess(pid, mustContain), graceMs);
	} catch {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// gone meanwhile
		}
		await waitUntil(`pid ${pid} to die`, () => !isOurProcess(pid, mustContain), 5000);
	}
}

/** Processes whose command line names a path of ours (a managed containerd, its shims) — leftovers of a killed dockerd. */
export function processesMentioning(path: string): number[] {
	const pids: number[] = [];
	for (const name of readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const pid = Number(name);
		if (pid === process.pid) continue;
		if (cmdline(pid)?.includes(path)) pids.push(pid);
	}
	return pids;
}

export async function killProcessesMentioning(path: string): Promise<void> {
	for (const pid of processesMentioning(path)) await stopProcess(pid, path, 5000);
}

/** Mount points below a folder, deepest first (mountinfo escapes spaces as \040). */
export function mountsUnder(folder: string): string[] {
	const prefix = folder.endsWith('/') ? folder : `${folder}/`;
	const points = readFileSync('/proc/self/mountinfo', 'utf8')
		.split('\n')
		.map(line => line.split(' ')[4])
		.filter((point): point is string => point !== undefined)
		.map(point => point.replace(/\\(\d{3})/g, (_m, octal: string) => String.fromCharCode(Number.parseInt(octal, 8))))
		.filter(point => point === folder || point.startsWith(prefix));
	return [...new Set(points)].sort((a, b) => b.length - a.length);
}

export async function unmountUnder(folder: string): Promise<void> {
	for (const point of mountsUnder(folder)) await exec('umount', ['-l', point], {timeoutMs: 10_000, allowFailure: true});
}
