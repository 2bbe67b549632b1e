import {exec, type ExecResult} from './exec.js';

export interface CliTarget {
	readonly socketPath: string;
	/** Own DOCKER_CONFIG: `docker manifest` keeps lists there, and the machine's config and contexts stay out of play. */
	readonly configDir: string;
}

export interface CliOptions {
	readonly timeoutMs?: number;
	readonly allowFailure?: boolean;
	readonly input?: string | Buffer;
}

/** The docker CLI on PATH, pointed at the harness's engine. */
export async function docker(target: CliTarget, args: readonly string[], options: CliOptions = {}): Promise<ExecResult> {
	const env: NodeJS.ProcessEnv = {...process.env, DOCKER_HOST: `unix://${target.socketPath}`, DOCKER_CONFIG: target.configDir, DOCKER_CLI_HINTS: 'false'};
	delete env.DOCKER_CONTEXT;
	delete env.DOCKER_TLS_VERIFY;
	return exec('docker', args, {timeoutMs: options.timeoutMs ?? 120_000, env, allowFailure: options.allowFailure, input: options.input});
}

/** Image ID of a reference, or undefined when the engine has no such image. */
export async function imageId(target: CliTarget, ref: string): Promise<string | undefined> {
	const result = await docker(target, ['image', 'inspect', '--format', '{{.Id}}', ref], {allowFailure: true, timeoutMs: 30_000});
	return result.code === 0 ? result.stdout.trim() : undefined;
}

/** Every repo:tag the engine holds. */
export async function imageRefs(target: CliTarget): Promise<string[]> {
	const result = await docker(target, ['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'], {timeoutMs: 120_000});
	return result.stdout
		.split('\n')
		.map(line => line.trim())
		.filter(line => line !== '' && !line.includes('<none>'));
}
