import {spawn} from 'node:child_process';

export interface ExecOptions {
	readonly timeoutMs: number;
	readonly env?: NodeJS.ProcessEnv;
	readonly cwd?: string;
	readonly input?: string | Buffer;
	/** Resolve with the exit code instead of throwing when it is not 0. */
	readonly allowFailure?: boolean;
}

export interface ExecResult {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
}

function tail(text: string, lines = 15): string {
	return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Runs a program with a deadline. It gets its own process group so a timeout kills its
 * children too (apt-get forks dpkg and its http methods).
 */
export async function exec(command: string, args: readonly string[], options: ExecOptions): Promise<ExecResult> {
	const shown = [command, ...args].join(' ');
	return new Promise<ExecResult>((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? process.env,
			stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
			detached: true,
		});
		const out: Buffer[] = [];
		const err: Buffer[] = [];
		child.stdout?.on('data', (chunk: Buffer) => out.push(chunk));
		child.stderr?.on('data', (chunk: Buffer) => err.push(chunk));
		let timedOut = false;
		const timer = setTimeout(() => {
			timedOut = true;
			try {
				if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}, options.timeoutMs);
		child.on('error', error => {
			clearTimeout(timer);
			reject(new Error(`${shown}: could not start`, {cause: error}));
		});
		child.on('close', (code, signal) => {
			clearTimeout(timer);
			const result = {code: code ?? 128, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8')};
			if (timedOut) {
				reject(new Error(`${shown}: timed out after ${options.timeoutMs} ms\n${tail(result.stderr || result.stdout)}`));
			} else if (result.code !== 0 && !options.allowFailure) {
				reject(new Error(`${shown}: exit ${code ?? signal}\n${tail(result.stderr || result.stdout)}`));
			} else {
				resolve(result);
			}
		});
		if (options.input !== undefined) child.stdin?.end(options.input);
	});
}

/** True when the program is on PATH. */
export async function hasCommand(name: string): Promise<boolean> {
	const result = await exec('sh', ['-c', `command -v ${name}`], {timeoutMs: 5000, allowFailure: true});
	return result.code === 0;
}
