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

/** The engine the doctor checked: its endpoint, and the docker context it came from (when one did). */
export interface ComposeEngine {
	readonly host?: string;
	/** A context other than "default": compose resolves it itself, its TLS files included. */
	readonly context?: string;
}

/** A context other than "default" names an engine the environment alone cannot (its TLS lives in the context store). */
function namedContext(engine: ComposeEngine | undefined): string | undefined {
	const context = engine?.context;
	return context === undefined || context === '' || context === 'default' ? undefined : context;
}

/**
 * The compose command for the engine checked: `--context NAME` before compose's own words when a
 * context named it (both `docker --context X compose` and `docker-compose --context X` take it),
 * so a tcp:// context with TLS reaches compose with its certificates, not as a bare host.
 */
export function forEngine(cli: ComposeCli, engine: ComposeEngine | undefined): ComposeCli {
	const context = namedContext(engine);
	if (context === undefined) return cli;
	const [file] = cli.command;
	return {...cli, command: [file, '--context', context, ...cli.command.slice(1)]};
}

/**
 * The environment for compose: the doctor's own, sent to the engine the doctor checked (a context
 * or another default would send compose to a different engine). A named context is given as
 * --context (see forEngine): DOCKER_HOST and the TLS variables would override it, so they go.
 * Otherwise DOCKER_HOST is that endpoint, and DOCKER_TLS_VERIFY / DOCKER_CERT_PATH stay: they are
 * the TLS the doctor itself used for it.
 */
export function composeEnv(env: Readonly<Record<string, string | undefined>>, engine: ComposeEngine | string | undefined): Record<string, string | undefined> {
	const target: ComposeEngine | undefined = typeof engine === 'string' ? {host: engine} : engine;
	const out: Record<string, string | undefined> = {...env};
	if (namedContext(target) !== undefined) {
		for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete out[name];
	} else if (target?.host !== undefined) {
		out['DOCKER_HOST'] = target.host;
		delete out['DOCKER_CONTEXT'];
	}
	// -f and -p are given: these would only disagree with them.
	delete out['COMPOSE_FILE'];
	delete out['COMPOSE_PROJECT_NAME'];
	return out;
}
