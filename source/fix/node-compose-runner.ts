import {execFile} from 'node:child_process';
import type {ComposeRunner} from './compose-cli.js';

/** Runs the compose CLI for real: no shell, a deadline, output capped. */
export const nodeComposeRunner: ComposeRunner = (file, args, options) =>
	new Promise(resolve => {
		execFile(
			file,
			[...args],
			{
				cwd: options.cwd,
				env: Object.fromEntries(Object.entries(options.env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
				timeout: options.timeoutMs,
				maxBuffer: 4 * 1024 * 1024,
				windowsHide: true,
				...(options.signal ? {signal: options.signal} : {}),
			},
			(error, stdout, stderr) => {
				const code = (error as NodeJS.ErrnoException | null)?.code;
				if (code === 'ENOENT') return resolve({exitCode: undefined, stdout: '', stderr: String(error?.message ?? ''), missing: true});
				const exitCode = error ? (typeof (error as {code?: unknown}).code === 'number' ? (error as {code: number}).code : undefined) : 0;
				resolve({exitCode, stdout: String(stdout), stderr: String(stderr) || (error && exitCode === undefined ? String(error.message) : '')});
			},
		);
	});
