/**
 * The compose command line the machine has: the `docker compose` plugin (v2) or the standalone
 * `docker-compose` (v1, Debian's package). Both take the same project flags and `up` options the
 * fix uses. Runs go through an injected runner (never a shell) so tests use a fake.
 */
export interface ComposeRunResult {
	readonly exitCode: number | undefined;
	readonly stdout: string;
	readonly stderr: string;
	/** Set when the program could not be started at all (not installed). */
	readonly missing?: boolean;
}

export interface ComposeRunOptions {
	readonly cwd: string;
	/** Replaces the environment the command sees. */
	readonly env: Readonly<Record<string, string | undefined>>;
	readonly timeoutMs: number;
	readonly signal?: AbortSignal;
}

export type ComposeRunner = (file: string, args: readonly string[], options: ComposeRunOptions) => Promise<ComposeRunResult>;

export interface ComposeCli {
	/** The program and the words before compose's own arguments: ['docker', 'compose'] or ['docker-compose']. */
	readonly command: readonly [string, ...string[]];
	readonly version: string;
}

/** The plugin first (it is what Docker documents today), then v1; undefined when neither answers. */
export async function detectComposeCli(run: ComposeRunner, base: Omit<ComposeRunOptions, 'timeoutMs'>): Promise<ComposeCli | undefined> {
	const candidates: (readonly [string, ...string[]])[] = [['docker', 'compose'], ['docker-compose']];
	for (const command of candidates) {
		const [file, ...pre] = command;
		const result = await run(file, [...pre, 'version', '--short'], {...base, timeoutMs: 10_000});
		const version = result.stdout.trim().split('\n')[0]?.trim() ?? '';
		if (result.exitCode === 0 && /^v?\d+\.\d+/.test(version)) return {command, version};
	}
	return undefined;
}

export interface ComposeTarget {
	readonly project: string;
	readonly service: string;
	readonly workingDir: string;
	readonly configFiles: readonly string[];
}

/** `-p P --project-directory W -f F…`: the project exactly as the container's labels name it. */
export function projectArgs(target: ComposeTarget): string[] {
	return ['-p', target.project, '--project-directory', target.workingDir, ...target.configFiles.flatMap(file => ['-f', file])];
}

/** Recreates one service and nothing it depends on. */
export function upArgs(target: ComposeTarget): string[] {
	return [...projectArgs(target), 'up', '-d', '--no-deps', '--force-recreate', target.service];
}

/** The IDs of the service's containers. */
export function psArgs(target: ComposeTarget): string[] {
	return [...projectArgs(target), 'ps', '-q', target.service];
}

/** The command as a user would type it (for the plan shown before confirming and for printed findings). */
export function commandLine(cli: ComposeCli | undefined, args: readonly string[]): string {
	const words = [...(cli?.command ?? ['docker', 'compose']), ...args];
	return words.map(word => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}

/**
 * The environment for compose: the doctor's own, with DOCKER_HOST set to the engine the doctor
 * checked (a context or another default would send compose to a different engine).
 */
export function composeEnv(env: Readonly<Record<string, string | undefined>>, dockerHost: string | undefined): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {...env};
	if (dockerHost !== undefined) {
		out['DOCKER_HOST'] = dockerHost;
		delete out['DOCKER_CONTEXT'];
	}
	// -f and -p are given: these would only disagree with them.
	delete out['COMPOSE_FILE'];
	delete out['COMPOSE_PROJECT_NAME'];
	return out;
}
