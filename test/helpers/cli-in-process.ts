import {tmpdir} from 'node:os';
import {PassThrough} from 'node:stream';
import {runCli} from '../../source/cli/run.js';

export interface CliRun {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	readonly ms: number;
}

export interface CliRunOptions {
	/** What the user pipes in (nothing by default). */
	readonly stdin?: string;
	/** Added to CI=true: the streams are no terminal, so the run is the one a script gets. */
	readonly env?: Readonly<Record<string, string>>;
	readonly signal?: AbortSignal;
}

/** The whole command line run in this process on Linux, its streams captured: exit code, stdout, stderr and how long it took. */
export async function runCliInProcess(argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
	const stdin = new PassThrough();
	const stdout = new PassThrough();
	const stderr = new PassThrough();
	let out = '';
	let err = '';
	stdout.on('data', chunk => (out += String(chunk)));
	stderr.on('data', chunk => (err += String(chunk)));
	stdin.end(options.stdin ?? '');
	const started = Date.now();
	const code = await runCli({
		argv,
		env: {CI: 'true', ...options.env},
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		platform: 'linux',
		cwd: tmpdir(),
		signal: options.signal ?? new AbortController().signal,
	});
	return {code, stdout: out, stderr: err, ms: Date.now() - started};
}
