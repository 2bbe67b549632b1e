import {familiarRepository, parseReference, sameRepository} from '../../chatmock/reference.js';
import type {ContainerFact, ContainerOrigin, ImageFact} from '../../facts/types.js';
import {otherMachineName, parseEngineHost} from '../../facts/engine/engine-host.js';
import type {Fix, FixAction} from '../types.js';
import type {RuleContext} from './context.js';
import type {EngineCli} from './engine-cli.js';
import {shellWord} from './shell-word.js';
import {singleArchTag, type SingleArchTag} from './single-arch-tag.js';

/**
 * The commands a finding prints, each one that works when pasted: a pull names a tag (Docker
 * refuses `--platform` with the digest of a manifest list: "Cannot overwrite digest"), compose
 * lines appear only when compose runs ChatMock, and a `docker run` container gets its own
 * `docker run …` back, rebuilt from its inspect. Each reaches the engine that was checked (engine-cli.ts).
 */

/** A reference `docker pull --platform` accepts: the digest dropped, the tag kept (or the chosen one's, or latest). */
export function pullableRef(ref: string, chosen?: string): string {
	const parsed = parseReference(ref);
	if (!parsed || parsed.digest === undefined) return ref;
	const chosenRef = chosen === undefined ? undefined : parseReference(chosen);
	const tag = parsed.tag ?? (chosenRef?.digest === undefined && chosen !== undefined && sameRepository(ref, chosen) ? chosenRef?.tag : undefined) ?? 'latest';
	return `${familiarRepository(parsed)}:${tag}`;
}

export function pullCommand(cli: EngineCli, platform: string, ref: string): string {
	return `${cli.docker} pull --platform ${platform} ${shellWord(ref)}`;
}

/** The ChatMock containers made from this image (or, with no image given, all of them). */
function containersOf(context: RuleContext, image?: ImageFact): ContainerFact[] {
	const all = context.facts.containers ?? [];
	return image ? all.filter(container => container.imageId === image.id || container.image === image.ref) : [...all];
}

/** The compose file the chosen image was read from (or the .env beside it), when compose runs ChatMock in the folder checked. */
function composeFileInFolder(context: RuleContext): {path: string; line?: number} | undefined {
	const source = context.facts.chosenImage?.source;
	if (source?.kind !== 'file') return undefined;
	// The .env is read only beside a compose file: that file is the one to edit.
	if (/(^|[\\/])\.env$/.test(source.ref)) return {path: `the compose file beside ${source.ref}`};
	return {path: source.ref, ...(source.line === undefined ? {} : {line: source.line})};
}

/**
 * Pull the platform, then make the container(s) again the way they were made. `wrong` is the
 * image on the wrong platform (removed by the fix only after the new one is proven).
 */
export function recreateFix(context: RuleContext, ref: string, wrong?: ImageFact): Fix {
	const platform = context.verdict.platform;
	if (!platform) return {summary: 'No ChatMock platform runs natively here; see the architecture finding.', commands: []};
	const tag = pullableRef(ref, context.imageRef);
	const single = singleArchTag(context, tag, platform);
	if (single) return otherTagFix(context, tag, platform, single, wrong);
	const actions: FixAction[] = [{kind: 'pull-platform', ref: tag, platform}];
	if (wrong) actions.push({kind: 'remove-image', ref: wrong.ref, imageId: wrong.id});
	const {cli} = context;
	const commands = [pullCommand(cli, platform, tag)];
	const steps: string[] = [];
	const containers = containersOf(context, wrong);
	const compose = containers.map(container => container.origin).filter((origin): origin is Extract<ContainerOrigin, {kind: 'compose'}> => origin?.kind === 'compose');
	const runs = containers.filter(container => container.origin?.kind === 'run');

	for (const origin of unique(compose, origin => `${origin.project}/${origin.service}`)) {
		const where = composeWhere(context, origin, `add "platform: ${platform}" to the service ${origin.service}`);
		steps.push(...where.steps);
		commands.push(...where.commands);
	}
	for (const container of runs) {
		const origin = container.origin as Extract<ContainerOrigin, {kind: 'run'}>;
		if (origin.command === undefined) {
			steps.push(`${container.name} was made with --rm: run it again as you made it, with --platform ${platform}.`);
			continue;
		}
		if (origin.ownEnv)
			steps.push(
				`${container.name} also set ${origin.ownEnv} environment variable${origin.ownEnv === 1 ? '' : 's'} of its own: add ${origin.ownEnv === 1 ? 'it' : 'them'} to the docker run line as -e NAME=value (the doctor does not keep their values).`,
			);
		const old = `${container.name}-old`;
		commands.push(...replaceRun(cli, container.name, old, withPlatform(origin.command, platform)));
		steps.push(`When ${container.name} answers again, remove the old one: ${cli.docker} rm ${shellWord(old)} (its volumes stay).`);
	}
	const folder = compose.length === 0 && runs.length === 0 ? composeFileInFolder(context) : undefined;
	if (folder) {
		actions.push({kind: 'compose-platform', platform});
		steps.push(`In ${folder.path}${folder.line === undefined ? '' : ` (line ${folder.line})`}, add "platform: ${platform}" to the ChatMock service.`);
		commands.push(`${cli.compose()} up -d --force-recreate`);
	} else if (compose.length > 0 && engineMachine(context) === undefined) {
		actions.push({kind: 'compose-platform', platform});
	}
	const how = compose.length > 0 || folder ? ', pin the platform in compose, and recreate the container' : runs.length > 0 ? ' and recreate the container the way it was made' : '';
	return {summary: `Pull ${tag} for ${platform}${how}.`, commands, ...(steps.length > 0 ? {steps} : {}), actions};
}

/**
 * The tag has no image for the platform: no pull of it (it would fail, or fetch the same
 * single-platform image again). The same repository's multi-platform tag when it is known,
 * else what to look for. Advice only: the fix never moves a container to a tag the user did not choose.
 */
function otherTagFix(context: RuleContext, tag: string, platform: string, single: SingleArchTag, wrong?: ImageFact): Fix {
	const has = single.has.join(', ');
	const why = single.byName ? `${tag} names ${has} in its tag` : `${tag} is published only for ${has} (read from the registry)`;
	const containers = containersOf(context, wrong);
	const compose = unique(
		containers.map(container => container.origin).filter((origin): origin is Extract<ContainerOrigin, {kind: 'compose'}> => origin?.kind === 'compose'),
		origin => `${origin.project}/${origin.service}`,
	);
	const runs = containers.filter(container => container.origin?.kind === 'run');
	if (!single.better) {
		return {
			summary: `${why}: there is no ${platform} image under this tag to pull. Use the tag of the same release that is published for ${platform} (often the one without the architecture in its name), then recreate the container with it.`,
			commands: [],
			actions: [],
		};
	}
	const better = single.better;
	const {cli} = context;
	const commands = [pullCommand(cli, platform, better)];
	const steps: string[] = [];
	for (const origin of compose) {
		const where = composeWhere(context, origin, `set the image of the service ${origin.service} to ${better} and add "platform: ${platform}"`);
		steps.push(...where.steps);
		commands.push(...where.commands);
	}
	for (const container of runs) {
		const origin = container.origin as Extract<ContainerOrigin, {kind: 'run'}>;
		const old = ` ${shellWord(container.image)}`;
		if (origin.command === undefined || !origin.command.includes(old)) {
			steps.push(`Make ${container.name} again as you made it, on ${better} with --platform ${platform}.`);
			continue;
		}
		const oldName = `${container.name}-old`;
		commands.push(...replaceRun(cli, container.name, oldName, withPlatform(origin.command.replace(old, ` ${shellWord(better)}`), platform)));
		steps.push(`When ${container.name} answers again, remove the old one: ${cli.docker} rm ${shellWord(oldName)} (its volumes stay).`);
	}
	const folder = compose.length === 0 && runs.length === 0 ? composeFileInFolder(context) : undefined;
	if (folder) {
		steps.push(`In ${folder.path}${folder.line === undefined ? '' : ` (line ${folder.line})`}, set the ChatMock image to ${better} and add "platform: ${platform}".`);
		commands.push(`${cli.compose()} up -d --force-recreate`);
	}
	return {summary: `${why}; ${better} is published for ${platform}: use it.`, commands, ...(steps.length > 0 ? {steps} : {}), actions: []};
}

/** The engine's machine when it is another one (ssh://, a remote address): compose's labels then name its paths. */
function engineMachine(context: RuleContext): string | undefined {
	const endpoint = context.facts.endpoint?.host;
	return endpoint === undefined ? undefined : otherMachineName(endpoint);
}

/**
 * The edit and the compose command for one project, where they work: here, or on the engine's
 * machine (over ssh when that is how the engine is reached). A local command there would run this
 * machine's file, or a file that merely has the same path, against the engine.
 */
function composeWhere(context: RuleContext, origin: ComposeOrigin, change: string): {steps: string[]; commands: string[]} {
	const files = origin.configFiles.length > 0 ? origin.configFiles.join(', ') : 'its compose file';
	const machine = engineMachine(context);
	if (machine === undefined) return {steps: [`In ${files}, ${change}.`], commands: [composeUpCommand(origin, context.cli.compose(origin.cli))]};
	// Run there, its compose reaches its own engine: no flag. The program there is not known here: the plugin is the usual one.
	const up = composeUpCommand(origin, 'docker compose');
	const ssh = sshTo(context.facts.endpoint!.host);
	const edit = `On ${machine}, the engine's machine (compose's labels name its files): in ${files}, ${change}. If you run compose from this machine against that engine, edit your copy here instead.`;
	return ssh ? {steps: [edit], commands: [`${ssh} ${shellWord(up)}`]} : {steps: [edit, `Then, on ${machine}: ${up}`], commands: []};
}

/** `ssh -p 2222 pi@host` for an ssh:// endpoint: the same login the engine connection uses. */
function sshTo(endpoint: string): string | undefined {
	const parsed = parseEngineHost(endpoint);
	if (!parsed.ok || parsed.value.kind !== 'ssh') return undefined;
	const {hostname, port, user} = parsed.value;
	return ['ssh', ...(port === undefined ? [] : ['-p', String(port)]), shellWord(user === undefined ? hostname : `${user}@${hostname}`)].join(' ');
}

type ComposeOrigin = Extract<ContainerOrigin, {kind: 'compose'}>;

/** Stop the container, keep it under another name, make it again: the old one stays until the new one answers. */
function replaceRun(cli: EngineCli, name: string, old: string, run: string): string[] {
	return [`${cli.docker} stop ${shellWord(name)}`, `${cli.docker} rename ${shellWord(name)} ${shellWord(old)}`, cli.onEngine(run)];
}

function composeUpCommand(origin: ComposeOrigin, program: string): string {
	const files = origin.configFiles.flatMap(file => ['-f', shellWord(file)]);
	const words = [
		program,
		'-p',
		shellWord(origin.project),
		...(origin.workingDir ? ['--project-directory', shellWord(origin.workingDir)] : []),
		...files,
		'up',
		'-d',
		'--no-deps',
		'--force-recreate',
		shellWord(origin.service),
	];
	return words.join(' ');
}

/** `docker run -d …` with `--platform P` after `-d` (the origin's line has none). */
export function withPlatform(command: string, platform: string): string {
	return command.replace(/^docker run( -d)?/, match => `${match} --platform ${platform}`);
}

function unique<T>(items: readonly T[], key: (item: T) => string): T[] {
	const seen = new Set<string>();
	return items.filter(item => !seen.has(key(item)) && (seen.add(key(item)), true));
}
