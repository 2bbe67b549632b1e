import {execFile, spawn} from 'node:child_process';
import {writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ClipboardDeps, RunResult} from './clipboard.js';

export interface NodeClipboardOptions {
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly platform?: string;
	readonly stdout?: NodeJS.WriteStream;
	/** Folder for the fallback file (default: the system temp folder). */
	readonly saveDir?: string;
	readonly now?: () => Date;
}

/** The real clipboard dependencies: child processes, the terminal, the temp folder. */
export function createNodeClipboardDeps(options: NodeClipboardOptions = {}): ClipboardDeps {
	const env = options.env ?? process.env;
	const stdout = options.stdout ?? process.stdout;
	const now = options.now ?? (() => new Date());
	return {
		env,
		platform: options.platform ?? process.platform,
		isTTY: Boolean(stdout.isTTY),
		writeToTerminal: sequence => {
			stdout.write(sequence);
		},
		run: (file, args, input, timeoutMs) => runWithInput(file, args, input, timeoutMs, env),
		query: (file, args, timeoutMs) =>
			new Promise(resolve => {
				try {
					execFile(file, [...args], {env: env as NodeJS.ProcessEnv, timeout: timeoutMs, encoding: 'utf8', windowsHide: true}, (error, stdout) => resolve(error ? undefined : stdout));
				} catch {
					resolve(undefined);
				}
			}),
		async saveFile(text) {
			const stamp = now().toISOString().replace(/[:.]/g, '-');
			const path = join(options.saveDir ?? tmpdir(), `chatmock-doctor-report-${stamp}.md`);
			// 0600: an unredacted report may hold a user's details.
			await writeFile(path, text, {mode: 0o600});
			return path;
		},
	};
}

/**
 * Runs a clipboard program, input on stdin. Waits for 'exit', not 'close': xclip, xsel and wl-copy
 * fork a child that keeps serving the selection, and it would hold inherited pipes open forever.
 */
export function runWithInput(file: string, args: readonly string[], input: string | Uint8Array, timeoutMs: number, env: Readonly<Record<string, string | undefined>>): Promise<RunResult> {
	return new Promise(resolve => {
		let settled = false;
		const finish = (exitCode: number | null) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			resolve({exitCode});
		};
		let child: ReturnType<typeof spawn>;
		try {
			child = spawn(file, [...args], {stdio: ['pipe', 'ignore', 'ignore'], env: env as NodeJS.ProcessEnv, windowsHide: true});
		} catch {
			resolve({exitCode: null});
			return;
		}
		const timer = setTimeout(() => {
			child.kill();
			finish(null);
		}, timeoutMs);
		child.on('error', () => finish(null));
		child.on('exit', code => finish(code));
		child.stdin?.on('error', () => undefined); // EPIPE when the program exits early: its exit code says what happened
		child.stdin?.end(input);
	});
}
