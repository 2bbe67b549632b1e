import {
	buildComposeProject,
	chatmockServices,
	COMPOSE_FILE_NAMES,
	effectivePair,
	readComposeProject,
	resolveMap,
	scalarText,
	servicesMap,
	type ComposeFile,
	type ComposeProject,
} from '../chatmock/compose-project.js';
import {pinPlatform} from './compose-edit.js';
import {lineDiff, type DiffLine} from './line-diff.js';

export {COMPOSE_FILE_NAMES};
export type {DiffLine};

/** The file access compose fixes need; injected so tests and dry runs never touch a disk. */
export interface ComposeFs {
	readText(path: string): Promise<string | undefined>;
	writeText(path: string, text: string): Promise<void>;
	exists(path: string): Promise<boolean>;
}

export interface ComposeChange {
	readonly service: string;
	readonly image: string;
	/** The platform there was before, if any (the service's own or one it merged). */
	readonly before?: string;
	readonly after: string;
}

export interface ComposeEdit {
	readonly path: string;
	readonly original: string;
	readonly updated: string;
	readonly changes: readonly ComposeChange[];
	readonly diff: readonly DiffLine[];
}

export type ComposePlan =
	/** `edit` is the first of `edits`; most projects need one file changed. */
	| {readonly kind: 'edit'; readonly edit: ComposeEdit; readonly edits: readonly ComposeEdit[]; readonly problems: readonly string[]}
	/** Every service asked for already runs this platform. */
	| {readonly kind: 'already'; readonly path: string}
	/** No compose file here, none that runs a ChatMock image, or nothing that can be edited safely (problems say why). */
	| {readonly kind: 'none'; readonly path?: string; readonly problems?: readonly string[]};

export interface PlanOptions {
	/** The services to pin (from a container's labels); default: every ChatMock service. */
	readonly services?: readonly string[];
	/** -f files (a container's config_files label); default: found as Compose finds them. */
	readonly files?: readonly string[];
	/** The shell's variables, for COMPOSE_FILE and interpolation. */
	readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Works out the `platform:` lines a compose project in `dir` needs. Reads only. */
export async function planComposeEdit(fs: ComposeFs, dir: string, platform: string, options: PlanOptions = {}): Promise<ComposePlan> {
	const project = await readComposeProject(path => fs.readText(path), {
		dir,
		...(options.files ? {files: options.files} : {}),
		...(options.env ? {env: options.env} : {}),
	});
	if (!project) return {kind: 'none'};
	return planForProject(project, platform, options.services);
}

export function planForProject(project: ComposeProject, platform: string, only?: readonly string[]): ComposePlan {
	const firstPath = project.files[0]?.path;
	const services = only ? project.services.filter(service => only.includes(service.name)) : chatmockServices(project);
	if (services.length === 0) {
		const missing = only ? [`no service ${only.join(', ')} in ${project.files.map(file => file.path).join(', ')}`] : [];
		return {kind: 'none', ...(firstPath ? {path: firstPath} : {}), problems: [...project.problems, ...missing]};
	}
	const problems: string[] = [...project.problems];
	const texts = new Map<string, {file: ComposeFile; text: string; changes: ComposeChange[]}>();
	for (const service of services) {
		if (service.platform?.value === platform) continue;
		const file = targetFile(project, service.name);
		if (!file) {
			problems.push(`${service.name}: no file defines it`);
			continue;
		}
		const entry = texts.get(file.path) ?? {file, text: file.text, changes: []};
		const pinned = pinPlatform(entry.text, service.name, platform);
		if (pinned.kind === 'unsupported') {
			problems.push(`${file.path}: ${pinned.reason}`);
			continue;
		}
		if (pinned.kind === 'already') continue;
		entry.text = pinned.text;
		// A platform inherited through extends: is not in this file, and is overridden all the same.
		const before = pinned.before ?? service.platform?.value;
		entry.changes.push({
			service: service.name,
			image: service.image?.value ?? service.image?.raw ?? '',
			...(before === undefined ? {} : {before: `platform: ${before}`}),
			after: `platform: ${platform}`,
		});
		texts.set(file.path, entry);
	}
	const edits: ComposeEdit[] = [...texts.values()]
		.filter(entry => entry.changes.length > 0)
		.map(entry => ({path: entry.file.path, original: entry.file.text, updated: entry.text, changes: entry.changes, diff: lineDiff(entry.file.text, entry.text)}));
	const [edit] = edits;
	if (edit) return {kind: 'edit', edit, edits, problems};
	if (problems.length > 0) return {kind: 'none', ...(firstPath ? {path: firstPath} : {}), problems};
	return {kind: 'already', path: services[0]?.platform?.file ?? firstPath ?? project.dir};
}

/**
 * Where a service's platform takes effect: the last file that sets one for it (its own or merged),
 * else the last file that sets its image (the platform goes beside it), else the last that names it.
 */
function targetFile(project: ComposeProject, service: string): ComposeFile | undefined {
	const mentioning = project.files.filter(file => servicesMap(file.doc)?.items.some(pair => scalarText(pair.key) === service));
	const setting = (key: string) =>
		[...mentioning].reverse().find(file => {
			const pair = servicesMap(file.doc)?.items.find(item => scalarText(item.key) === service);
			const map = resolveMap(pair?.value as never, file.doc);
			return map !== undefined && effectivePair(map, key, file.doc) !== undefined;
		});
	return setting('platform') ?? setting('image') ?? mentioning[mentioning.length - 1];
}

/** Pins the platform in every ChatMock service of one compose text (tests, previews). Undefined when no service runs ChatMock. */
export function editComposeText(text: string, platform: string): Omit<ComposeEdit, 'path' | 'original'> | undefined {
	const project = buildComposeProject({dir: '/', texts: [{path: '/compose.yaml', text}]});
	return fromPlan(project && planForProject(project, platform), text);
}

function fromPlan(plan: ComposePlan | undefined, text: string): Omit<ComposeEdit, 'path' | 'original'> | undefined {
	if (!plan || plan.kind === 'none') return undefined;
	if (plan.kind === 'already') return {updated: text, changes: [], diff: []};
	return {updated: plan.edit.updated, changes: plan.edit.changes, diff: plan.edit.diff};
}

/** Writes the edit after saving the original as `<file>.bak` (or .bak.1, .bak.2 … when one exists). Refuses when the file changed since it was read. */
export async function applyComposeEdit(fs: ComposeFs, edit: ComposeEdit): Promise<{readonly ok: true; readonly backup: string} | {readonly ok: false; readonly message: string}> {
	try {
		const now = await fs.readText(edit.path);
		if (now !== edit.original) return {ok: false, message: `${edit.path} changed since it was read; nothing written`};
		let backup = `${edit.path}.bak`;
		for (let n = 1; (await fs.exists(backup)) && n < 100; n++) backup = `${edit.path}.bak.${n}`;
		await fs.writeText(backup, edit.original);
		await fs.writeText(edit.path, edit.updated);
		return {ok: true, backup};
	} catch (error) {
		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}

/** Puts the file back as it was before `edit` (rollback); refuses when someone changed it since. */
export async function revertComposeEdit(fs: ComposeFs, edit: ComposeEdit): Promise<{readonly ok: true} | {readonly ok: false; readonly message: string}> {
	try {
		const now = await fs.readText(edit.path);
		if (now === edit.original) return {ok: true};
		if (now !== edit.updated) return {ok: false, message: `${edit.path} changed after the fix wrote it; left as it is (the backup holds the original)`};
		await fs.writeText(edit.path, edit.original);
		return {ok: true};
	} catch (error) {
		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}
