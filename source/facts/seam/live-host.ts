import {constants} from 'node:fs';
import {open, readdir, realpath, stat} from 'node:fs/promises';
import os from 'node:os';
import type {EngineConnector} from '../engine/engine-api.js';
import {childProcess} from '../lazy-builtins.js';
import {DEFAULT_COMMAND_TIMEOUT_MS, DEFAULT_MAX_READ_BYTES, type CommandResult, type Host, type ReadOptions, type RunOptions, type Uname} from './host.js';

/** This machine, as the Node process running the doctor sees it. */
export function createLiveHost(options: {readonly engine?: EngineConnector} = {}): Host {
	return {
		kind: 'live',
		label: 'this machine',
		readFile: async (path, readOptions) => readCapped(path, readOptions),
		readText: async (path, readOptions) => (await readCapped(path, readOptions))?.toString('utf8'),
		listDir: async path => listNames(path),
		exists: async path => pathExists(path),
		env: Object.freeze({...process.env}),
		uname: async () => liveUname(),
		run: async (file, args, runOptions) => runProgram(file, args, runOptions),
		realPath: async path => {
			try {
				const real = await realpath(path);
				return {path: real, regular: (await stat(real)).isFile()};
			} catch {
				return undefined;
			}
		},
		node: {arch: process.arch, platform: process.platform, version: process.version},
		...optional('home', homeDir()),
		...optional('engine', options.engine),
	};
}

function optional<K extends string, V>(key: K, value: V | undefined): {[P in K]?: V} {
	return (value === undefined ? {} : {[key]: value}) as {[P in K]?: V};
}

function homeDir(): string | undefined {
	try {
		const home = os.homedir();
		return home === '' ? undefined : home;
	} catch {
		return undefined;
	}
}

function liveUname(): Uname {
	const safe = (read: () => string): string | undefined => {
		try {
			const value = read().trim();
			return value === '' ? undefined : value;
		} catch {
			return undefined;
		}
	};
	return {
		sysname: safe(() => os.type()),
		release: safe(() => os.release()),
		machine: safe(() => os.machine()),
		via: 'uname',
	};
}

/**
 * Reads at most maxBytes of a regular file through a handle, until EOF: /proc and /sys files
 * report size 0. O_NONBLOCK keeps a FIFO planted in a folder from hanging the doctor, and
 * anything but a regular file (a device, a FIFO, a directory) is refused. Shared with the root host.
 */
export async function readCapped(path: string, options: ReadOptions = {}): Promise<Buffer | undefined> {
	const max = Math.max(0, options.maxBytes ?? DEFAULT_MAX_READ_BYTES);
	let handle;
	try {
		handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
	} catch {
		return undefined;
	}
	try {
		if (!(await handle.stat()).isFile()) return undefined;
		const chunks: Buffer[] = [];
		let total = 0;
		while (total < max) {
			const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, max - total));
			const {bytesRead} = await handle.read(chunk, 0, chunk.length, null);
			if (bytesRead === 0) break;
			chunks.push(chunk.subarray(0, bytesRead));
			total += bytesRead;
		}
		return Buffer.concat(chunks, total);
	} catch {
		return undefined;
	} finally {
		await handle.close().catch(() => undefined);
	}
}

export async function listNames(path: string): Promise<readonly string[] | undefined> {
	try {
		return (await readdir(path)).sort();
	} catch {
		return undefined;
	}
}

export async function pathExists(path: string): Promise<boolean> {
	try {
		await stat(path);
		return true;
	} catch {
		return false;
	}
}

/** Runs a program without a shell; stdin closed, output capped, killed at the deadline or on abort. */
function runProgram(file: string, args: readonly string[], options: RunOptions = {}): Promise<CommandResult> {
	const timeoutMs = options.timeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS;
	const maxBytes = options.maxBytes ?? DEFAULT_MAX_READ_BYTES;
	const commandLine = [file, ...args].join(' ');
	if (options.signal?.aborted) return Promise.resolve({ok: false, reason: 'error', message: `${commandLine}: aborted`});
	return new Promise(resolve => {
		let child;
		try {
			child = childProcess().spawn(file, [...args], {shell: false, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true});
		} catch (error) {
			resolve(failure(commandLine, error));
			return;
		}
		const stdout = capture(maxBytes);
		const stderr = capture(maxBytes);
		child.stdout.on('data', stdout.push);
		child.stderr.on('data', stderr.push);
		let ended: 'timeout' | 'aborted' | undefined;
		const stop = (why: 'timeout' | 'aborted') => {
			ended ??= why;
			child.kill('SIGKILL');
		};
		const timer = setTimeout(() => stop('timeout'), timeoutMs);
		const onAbort = () => stop('aborted');
		options.signal?.addEventListener('abort', onAbort, {once: true});
		let settled = false;
		const settle = (result: CommandResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			options.signal?.removeEventListener('abort', onAbort);
			resolve(result);
		};
		child.on('error', error => settle(failure(commandLine, error)));
		child.on('close', (code, signal) => {
			const out = {stdout: stdout.text(), stderr: stderr.text()};
			if (ended === 'timeout') settle({ok: false, reason: 'timeout', message: `${commandLine}: no answer within ${timeoutMs} ms`, ...out});
			else if (ended === 'aborted') settle({ok: false, reason: 'error', message: `${commandLine}: aborted`, ...out});
			else if (code === null) settle({ok: false, reason: 'error', message: `${commandLine}: killed by ${signal ?? 'a signal'}`, ...out});
			else settle({ok: true, exitCode: code, ...out});
		});
	});
}

function failure(commandLine: string, error: unknown): CommandResult {
	const code = (error as NodeJS.ErrnoException | undefined)?.code;
	const message = `${commandLine}: ${error instanceof Error ? error.message : String(error)}`;
	return {ok: false, reason: code === 'ENOENT' ? 'missing' : 'error', message};
}

function capture(maxBytes: number): {push: (chunk: Buffer) => void; text: () => string} {
	const chunks: Buffer[] = [];
	let size = 0;
	return {
		// Past the cap the rest is drained and dropped, so the child never blocks on a full pipe.
		push: chunk => {
			if (size >= maxBytes) return;
			const kept = chunk.subarray(0, maxBytes - size);
			chunks.push(kept);
			size += kept.length;
		},
		text: () => Buffer.concat(chunks, size).toString('utf8'),
	};
}
