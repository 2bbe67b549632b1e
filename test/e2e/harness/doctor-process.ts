import {spawn} from 'node:child_process';
import {join, resolve} from 'node:path';

/** The project's folder: where source/cli.ts and tsconfig.json are. */
export const PROJECT_ROOT = resolve(import.meta.dirname, '../../..');

export interface ProcessRun {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	/** stdout and stderr as they came, as a person sees them in a terminal. */
	readonly out: string;
	readonly ms: number;
}

export type DoctorRun = ProcessRun;

/** Runs a program to its end: its output, exit code and how long it took. */
export function runProcess(file: string, args: readonly string[], options: {readonly cwd: string; readonly env: NodeJS.ProcessEnv}): Promise<ProcessRun> {
	const started = Date.now();
	return new Promise((done, fail) => {
		const child = spawn(file, args, {cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		let out = '';
		child.stdout.on('data', chunk => {
			stdout += String(chunk);
			out += String(chunk);
		});
		child.stderr.on('data', chunk => {
			stderr += String(chunk);
			out += String(chunk);
		});
		child.on('error', fail);
		child.on('close', code => done({code: code ?? -1, stdout, stderr, out, ms: Date.now() - started}));
	});
}

/** The command line that runs the doctor from its sources (tsx compiles them as they load), then `args`. */
export function doctorArgv(args: readonly string[] = []): string[] {
	return [process.execPath, '--import', import.meta.resolve('tsx'), join(PROJECT_ROOT, 'source/cli.ts'), ...args];
}

/** The same as one line for a shell (a tmux pane). */
export const DOCTOR_COMMAND = doctorArgv().join(' ');

/** The doctor from its sources, as a user runs it (give it the harness's `doctorEnv()`). */
export function runDoctor(args: readonly string[], options: {readonly cwd: string; readonly env: NodeJS.ProcessEnv}): Promise<DoctorRun> {
	const [node = process.execPath, ...rest] = doctorArgv(args);
	return runProcess(node, rest, options);
}

/** The JSON a run printed (its --json report); a run that printed none fails, saying what it printed instead. */
export function jsonOf<T>(run: ProcessRun): T {
	try {
		return JSON.parse(run.stdout) as T;
	} catch (error) {
		throw new Error(`no JSON (exit ${run.code}): ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 2000)}`, {cause: error});
	}
}
