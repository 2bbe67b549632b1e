import {spawn} from 'node:child_process';
import {join, resolve} from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');

export interface DoctorRun {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	readonly ms: number;
}

/** The doctor from its sources, as a user runs it: its output, exit code and how long it took. */
export function runDoctor(args: readonly string[], options: {readonly cwd: string; readonly env: NodeJS.ProcessEnv}): Promise<DoctorRun> {
	const started = Date.now();
	return new Promise((done, fail) => {
		const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), join(ROOT, 'source/cli.ts'), ...args], {cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.on('data', chunk => (stderr += String(chunk)));
		child.on('error', fail);
		child.on('close', code => done({code: code ?? -1, stdout, stderr, ms: Date.now() - started}));
	});
}
