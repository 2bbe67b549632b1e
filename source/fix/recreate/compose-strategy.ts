import {joinPath} from '../../chatmock/compose-project.js';
import {applyComposeEdit, planComposeEdit, revertComposeEdit, type ComposeEdit, type ComposeFs} from '../compose.js';
import {commandLine, composeEnv, detectComposeCli, forEngine, psArgs, upArgs, type ComposeRunner, type ComposeTarget} from '../compose-cli.js';
import type {HowMade, RecreateStrategy, StrategyResult} from './strategy.js';

type ComposeMade = Extract<HowMade, {kind: 'compose'}>;

export interface ComposeStrategyOptions {
	readonly made: ComposeMade;
	readonly platform: string;
	readonly fs: ComposeFs;
	readonly run: ComposeRunner;
	/** The engine the doctor checked, as DOCKER_HOST (compose must talk to the same one). */
	readonly dockerHost?: string;
	/** The docker context the engine came from, when one named it: compose gets --context, with its TLS. */
	readonly context?: string;
	/** The doctor's environment, passed on to compose. */
	readonly env: Readonly<Record<string, string | undefined>>;
	/**
	 * Recreates through the Engine API when the machine has no compose CLI: the same container from
	 * its inspect (compose's labels kept, so compose still owns it), on the verified image.
	 */
	readonly engineFallback?: RecreateStrategy;
	/** Deadline of `up`, ms (default 120 s: compose may create networks and wait on the engine). */
	readonly upTimeoutMs?: number;
}

export type ComposeStrategyResult = {readonly ok: true; readonly strategy: RecreateStrategy} | {readonly ok: false; readonly message: string};

/**
 * A compose-made container: pin `platform:` in the service where it takes effect (a backup kept),
 * then `up -d --no-deps --force-recreate SERVICE` with the project's own -p/-f, against the engine
 * the doctor checked. Compose replaces (and removes) the old container itself, so this strategy
 * does not keep it: the orchestrator recreates it from its inspect if the new one fails.
 */
export async function composeStrategy(options: ComposeStrategyOptions): Promise<ComposeStrategyResult> {
	const {made, platform, fs} = options;
	const workingDir = made.workingDir ?? parentDir(made.configFiles[0]);
	if (workingDir === undefined) return {ok: false, message: `compose project ${made.project}: its labels name no folder or file`};
	// Compose v1 labels its files as given to -f (relative to the project folder): absolute, they read the same from anywhere.
	const configFiles = made.configFiles.map(file => joinPath(workingDir, file));
	const target: ComposeTarget = {project: made.project, service: made.service, workingDir, configFiles};
	const plan = await planComposeEdit(fs, workingDir, platform, {services: [made.service], files: configFiles, env: options.env});
	if (plan.kind === 'none') {
		const why = plan.problems?.join('; ') || `no compose file found in ${workingDir}`;
		return {ok: false, message: `compose project ${made.project}: ${why}`};
	}
	const edits: readonly ComposeEdit[] = plan.kind === 'edit' ? plan.edits : [];
	const engine = {...(options.dockerHost === undefined ? {} : {host: options.dockerHost}), ...(options.context === undefined ? {} : {context: options.context})};
	const env = composeEnv(options.env, engine);
	const found = await detectComposeCli(options.run, {cwd: workingDir, env});
	const cli = found && forEngine(found, engine);
	const fallback = cli ? undefined : options.engineFallback;
	if (!cli && !fallback) return {ok: false, message: 'neither `docker compose` nor `docker-compose` runs here, and the engine cannot recreate it either'};
	const written: ComposeEdit[] = [];
	/** What prepare did, handed back with its result. */
	const lines: string[] = [];

	const strategy: RecreateStrategy = {
		kind: 'compose',
		keepsOld: fallback ? fallback.keepsOld : false,
		describe() {
			const lines: string[] = [];
			for (const edit of edits) {
				lines.push(`${edit.path}:`);
				for (const line of edit.diff) lines.push(`  ${line.kind} ${line.text}`);
			}
			if (edits.length === 0) lines.push(`${plan.kind === 'already' ? plan.path : workingDir} already pins ${platform} for ${made.service}`);
			lines.push(cli ? `$ ${commandLine(cli, upArgs(target))}` : `no compose CLI here: ${made.service} is recreated through the Docker engine, with compose's labels kept`);
			return lines;
		},
		async prepare(signal) {
			for (const edit of edits) {
				if (signal?.aborted) return {ok: false, message: 'cancelled'};
				const result = await applyComposeEdit(fs, edit);
				if (!result.ok) {
					const undone = await undoAll();
					return {ok: false, message: result.message, ...(undone.ok ? {} : {lines: [undone.message]})};
				}
				written.push(edit);
				lines.push(`${edit.path} pins ${platform}; the original is kept as ${result.backup}`);
			}
			return {ok: true, lines: lines.splice(0)};
		},
		async replace(context) {
			if (fallback) return fallback.replace(context);
			const up = await options.run(cli!.command[0], [...cli!.command.slice(1), ...upArgs(target)], {
				cwd: workingDir,
				env,
				timeoutMs: options.upTimeoutMs ?? 120_000,
				...(context.signal ? {signal: context.signal} : {}),
			});
			const output = tail(`${up.stdout}\n${up.stderr}`);
			if (up.exitCode !== 0) return {ok: false, message: `${commandLine(cli, upArgs(target))} failed (exit ${up.exitCode ?? 'none'})`, lines: output};
			const ps = await options.run(cli!.command[0], [...cli!.command.slice(1), ...psArgs(target)], {cwd: workingDir, env, timeoutMs: 30_000});
			const ids = ps.stdout.split(/\s+/).filter(id => /^[0-9a-f]{12,64}$/.test(id) && !context.old.id.startsWith(id));
			const [id] = ids;
			if (ps.exitCode !== 0 || id === undefined) return {ok: false, message: `compose recreated ${made.service} but lists no new container for it`, lines: tail(`${ps.stdout}\n${ps.stderr}`)};
			return {ok: true, id, lines: output};
		},
		async undo() {
			const had = written.length > 0;
			const undone = await undoAll();
			return undone.ok ? {ok: true, ...(had ? {lines: ['the compose file is back as it was']} : {})} : undone;
		},
	};

	async function undoAll(): Promise<StrategyResult> {
		const problems: string[] = [];
		for (const edit of written.splice(0).reverse()) {
			const result = await revertComposeEdit(fs, edit);
			if (!result.ok) problems.push(result.message);
		}
		return problems.length === 0 ? {ok: true} : {ok: false, message: problems.join('; ')};
	}
	return {ok: true, strategy};
}

function parentDir(path: string | undefined): string | undefined {
	if (path === undefined) return undefined;
	const cut = path.replace(/[\\/]+$/, '').search(/[\\/][^\\/]*$/);
	return cut <= 0 ? (cut === 0 ? '/' : undefined) : path.slice(0, cut);
}

function tail(text: string): string[] {
	return text
		.split(/\r?\n/)
		.map(line => line.trimEnd())
		.filter(line => line !== '')
		.slice(-8);
}

export interface ComposeStrategyDeps {
	readonly fs: ComposeFs;
	readonly run: ComposeRunner;
	readonly env: Readonly<Record<string, string | undefined>>;
}

export interface ComposeStrategyExtras {
	/** The Engine-API way for this container, used when the machine has no compose CLI. */
	readonly fallback?: RecreateStrategy;
	/** The engine the doctor checked (its endpoint), as DOCKER_HOST for compose. */
	readonly dockerHost?: string;
	/** The docker context that named it, if any. */
	readonly context?: string;
}

/**
 * What the CLI hands the fix: given a compose-made container, the compose way of recreating it, or
 * undefined (the files are not readable here, the labels name none) so the fix falls back to the
 * Engine API. `onProblem` hears why, for the fix to show.
 */
export function composeStrategyFactory(deps: ComposeStrategyDeps, onProblem?: (message: string) => void) {
	return async (_old: unknown, made: ComposeMade, platform: string, extras: ComposeStrategyExtras = {}): Promise<RecreateStrategy | undefined> => {
		const result = await composeStrategy({
			made,
			platform,
			fs: deps.fs,
			run: deps.run,
			env: deps.env,
			...(extras.dockerHost === undefined ? {} : {dockerHost: extras.dockerHost}),
			...(extras.context === undefined ? {} : {context: extras.context}),
			...(extras.fallback ? {engineFallback: extras.fallback} : {}),
		});
		if (result.ok) return result.strategy;
		onProblem?.(result.message);
		return undefined;
	};
}
