// Runs the POSIX collector (collect.sh) under a given shell, and makes sure the shells it is
// tested under are there: dash and busybox on Linux, installed from Debian when missing.
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {delimiter, dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {ensurePackages} from '../e2e/harness/packages.js';

export const COLLECT_SH = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'collect.sh');

/** The shells a Pi, a NAS or an Alpine box runs it with, as argv prefixes. */
export const SHELLS: readonly (readonly string[])[] = [['dash'], ['busybox', 'sh']];

/** Debian packages giving the shells and the static checkers; the same names on Ubuntu. */
const PACKAGES = ['dash', 'busybox-static', 'devscripts', 'shellcheck'];

/** Why the collector cannot be tested here, or undefined once dash, busybox and the checkers are on PATH. */
export async function collectorToolsProblem(): Promise<string | undefined> {
	if (process.platform !== 'linux') return `the sh collector is tested on Linux (this is ${process.platform})`;
	const missing = () => ['dash', 'busybox', 'checkbashisms', 'shellcheck'].filter(name => !onPath(name));
	if (missing().length > 0 && process.getuid?.() === 0 && onPath('apt-get')) await ensurePackages(PACKAGES);
	const still = missing();
	return still.length > 0 ? `missing ${still.join(', ')}: install Debian's ${PACKAGES.join(' ')}` : undefined;
}

export function onPath(name: string): boolean {
	return (process.env['PATH'] ?? '').split(delimiter).some(dir => dir !== '' && existsSync(join(dir, name)));
}

export interface RunResult {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
	readonly ms: number;
}

export function run(argv: readonly string[], options: {env?: NodeJS.ProcessEnv; input?: string; cwd?: string} = {}): Promise<RunResult> {
	const started = Date.now();
	return new Promise((resolvePromise, reject) => {
		const child = spawn(argv[0]!, argv.slice(1), {env: options.env ?? process.env, cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
		child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
		child.on('error', reject);
		child.on('close', code => resolvePromise({code, stdout, stderr, ms: Date.now() - started}));
		// A command that never reads its input closes it first: that is not an error of the run.
		child.stdin.on('error', () => {});
		child.stdin.end(options.input ?? '');
	});
}

/**
 * A PATH of only what the collector may run: the stubs given (uname, dpkg, docker…) and links
 * to this machine's basic tools, so no real docker, dpkg or uname can answer instead.
 */
export function stubPath(dir: string, stubs: Readonly<Record<string, string>>): string {
	const bin = join(dir, 'bin');
	mkdirSync(bin, {recursive: true});
	for (const [name, script] of Object.entries(stubs)) writeFileSync(join(bin, name), `#!/bin/sh\n${script}\n`, {mode: 0o755});
	const tools = join(dir, 'tools');
	mkdirSync(tools, {recursive: true});
	for (const name of ['awk', 'cat', 'tr', 'grep', 'ls', 'sort', 'sleep', 'id', 'sh', 'dash', 'busybox', 'kill']) {
		const real = (process.env['PATH'] ?? '')
			.split(delimiter)
			.map(d => join(d, name))
			.find(p => existsSync(p));
		if (real && !existsSync(join(tools, name))) symlinkSync(real, join(tools, name));
	}
	return `${bin}${delimiter}${tools}`;
}

/** A shell-quoted literal for a stub script. */
export function shQuote(text: string): string {
	return `'${text.replace(/'/g, `'\\''`)}'`;
}
