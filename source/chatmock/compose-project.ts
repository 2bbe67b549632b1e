import type {Document, Node, Pair, YAMLMap} from 'yaml';
import {parseDotEnv, type DotEnvEntry} from './dot-env.js';
import {interpolate} from './interpolate.js';
import {isChatmockReference} from './is-chatmock.js';

/**
 * The one compose reader: image discovery (facts) and the fix (edits, recreate) both see a compose
 * project through it, so they agree on which files Compose uses, what each service runs and which
 * service is ChatMock. Reads go through the function it is given (the host seam, or the fix's file
 * access), never the disk directly.
 */
export type ReadText = (path: string) => Promise<string | undefined>;

/**
 * The YAML parser (~110 KB bundled) is loaded on first use: only a folder with a compose file
 * pays for it, not every check. The sync helpers below need it loaded (readComposeProject does).
 */
let yaml: typeof import('yaml') | undefined;
export async function loadYaml(): Promise<typeof import('yaml')> {
	yaml ??= await import('yaml');
	return yaml;
}
function parser(): typeof import('yaml') {
	if (!yaml) throw new Error('the YAML parser is not loaded yet: await loadYaml() first');
	return yaml;
}

/** Compose's own order of preference (compose-go's DefaultFileNames); the first that exists is used. */
export const COMPOSE_FILE_NAMES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;
/** Read after the main file when one exists beside it (compose-go's DefaultOverrideFileNames). */
export const COMPOSE_OVERRIDE_NAMES = ['compose.override.yml', 'compose.override.yaml', 'docker-compose.override.yml', 'docker-compose.override.yaml'] as const;

export interface ComposeFile {
	readonly path: string;
	readonly text: string;
	readonly doc: Document.Parsed;
}

/** A value a service sets, after interpolation, with where the last file that sets it says so. */
export interface ServiceValue {
	/** Interpolated; undefined when a variable it needs is unset. */
	readonly value: string | undefined;
	/** As written. */
	readonly raw: string;
	readonly file: string;
	/** 1-based. */
	readonly line: number;
	readonly excerpt: string;
}

export interface ComposeService {
	readonly name: string;
	/** Its own, or inherited through `extends:` (then file and line are where the base sets it). */
	readonly image?: ServiceValue;
	readonly platform?: ServiceValue;
	/** The service it extends (`extends: base`, or `{service, file}` with file resolved to a path). */
	readonly extends?: {readonly service: string; readonly file?: string};
	/** The files that mention the service, in the order Compose merges them. */
	readonly files: readonly string[];
}

export interface ComposeProject {
	readonly dir: string;
	readonly files: readonly ComposeFile[];
	readonly envPath: string;
	/** The .env beside the files (Compose's project folder), when there is one. */
	readonly dotEnv: ReadonlyMap<string, DotEnvEntry>;
	/** The shell's variables win over the .env's, as in Compose. */
	readonly lookup: (name: string) => string | undefined;
	readonly services: readonly ComposeService[];
	/** Files named but not readable, or not YAML Compose could load. */
	readonly problems: readonly string[];
}

export interface ReadProjectOptions {
	/** Compose's project folder: holds the .env and the files found by name. */
	readonly dir: string;
	/** -f files (absolute, or relative to dir); found by name in dir when absent. */
	readonly files?: readonly string[];
	/** The shell's variables (COMPOSE_FILE, interpolation). */
	readonly env?: Readonly<Record<string, string | undefined>>;
}

export function joinPath(dir: string, name: string): string {
	if (name.startsWith('/') || /^[A-Za-z]:[\\/]/.test(name)) return name;
	return `${dir.replace(/[\\/]+$/, '')}/${name.replace(/^\.\//, '')}`;
}

/** The files `docker compose` would read in `dir` with no -f: COMPOSE_FILE, else the first known name and its override. */
export async function discoverComposeFiles(read: ReadText, dir: string, lookup: (name: string) => string | undefined): Promise<string[]> {
	const named = lookup('COMPOSE_FILE');
	if (named !== undefined && named.trim() !== '') {
		const separator = lookup('COMPOSE_PATH_SEPARATOR') || ':';
		return named
			.split(separator)
			.filter(part => part.trim() !== '')
			.map(part => joinPath(dir, part.trim()));
	}
	const first = await firstExisting(read, dir, COMPOSE_FILE_NAMES);
	if (first === undefined) return [];
	const override = await firstExisting(read, dir, COMPOSE_OVERRIDE_NAMES);
	return override === undefined ? [first] : [first, override];
}

async function firstExisting(read: ReadText, dir: string, names: readonly string[]): Promise<string | undefined> {
	for (const name of names) {
		const path = joinPath(dir, name);
		if ((await read(path)) !== undefined) return path;
	}
	return undefined;
}

/** Reads a compose project; undefined when no compose file is there. */
export async function readComposeProject(read: ReadText, options: ReadProjectOptions): Promise<ComposeProject | undefined> {
	const dir = options.dir.replace(/[\\/]+$/, '') || '/';
	const envPath = joinPath(dir, '.env');
	const dotEnvText = await read(envPath);
	const dotEnv = dotEnvText === undefined ? new Map<string, DotEnvEntry>() : parseDotEnv(dotEnvText);
	const shell = options.env ?? {};
	const lookup = (name: string) => shell[name] ?? dotEnv.get(name)?.value;
	const paths = options.files && options.files.length > 0 ? options.files.map(file => joinPath(dir, file)) : await discoverComposeFiles(read, dir, lookup);
	if (paths.length === 0) return undefined;

	await loadYaml();
	const texts: {path: string; text: string | undefined}[] = [];
	for (const path of paths) texts.push({path, text: await read(path)});
	return buildComposeProject({dir, envPath, dotEnv, lookup, texts, extended: await readExtendedFiles(read, texts)});
}

/** The files `extends: {file: …}` names (relative to the file that names them), followed a few levels deep. */
async function readExtendedFiles(read: ReadText, texts: readonly {readonly path: string; readonly text: string | undefined}[]): Promise<Map<string, string | undefined>> {
	const found = new Map<string, string | undefined>();
	let round = texts.flatMap(({path, text}) => (text === undefined ? [] : [{path, text}]));
	for (let depth = 0; depth < 5 && round.length > 0; depth++) {
		const next: {path: string; text: string}[] = [];
		for (const {path, text} of round) {
			const doc = parseCompose(text);
			for (const pair of servicesMap(doc)?.items ?? []) {
				const file = extendsOf(resolveMap(pair.value as Node | null, doc), doc, path)?.file;
				if (file === undefined || found.has(file) || texts.some(entry => entry.path === file)) continue;
				const content = await read(file);
				found.set(file, content);
				if (content !== undefined) next.push({path: file, text: content});
			}
		}
		round = next;
	}
	return found;
}

/** A service's `extends:` (short form `extends: base`, or `{service, file}`), its file made a path beside `from`. */
function extendsOf(map: YAMLMap | undefined, doc: Document.Parsed, from: string): {service: string; file?: string} | undefined {
	const pair = map && effectivePair(map, 'extends', doc);
	if (!pair) return undefined;
	const short = scalarText(pair.value);
	if (short !== undefined) return {service: short};
	const value = resolveMap(pair.value as Node | null, doc);
	const service = value && scalarText(effectivePair(value, 'service', doc)?.value);
	if (service === undefined) return undefined;
	const file = value && scalarText(effectivePair(value, 'file', doc)?.value);
	return {service, ...(file === undefined ? {} : {file: joinPath(parentOf(from), file)})};
}

function parentOf(path: string): string {
	const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
	return cut <= 0 ? (cut === 0 ? '/' : '.') : path.slice(0, cut);
}

/** A project from texts already read (undefined text: the file could not be read). */
export function buildComposeProject(input: {
	readonly dir: string;
	readonly texts: readonly {readonly path: string; readonly text: string | undefined}[];
	readonly envPath?: string;
	readonly dotEnv?: ReadonlyMap<string, DotEnvEntry>;
	readonly lookup?: (name: string) => string | undefined;
	/** Texts of the files `extends: {file: …}` names (undefined: not readable). */
	readonly extended?: ReadonlyMap<string, string | undefined>;
}): ComposeProject | undefined {
	const files: ComposeFile[] = [];
	const problems: string[] = [];
	for (const {path, text} of input.texts) {
		if (text === undefined) {
			problems.push(`${path}: not readable`);
			continue;
		}
		const doc = parseCompose(text);
		if (doc.errors.length > 0) {
			problems.push(`${path}: ${doc.errors[0]!.message.split('\n')[0]}`);
			continue;
		}
		files.push({path, text, doc});
	}
	if (files.length === 0 && problems.length === 0) return undefined;
	const dotEnv = input.dotEnv ?? new Map<string, DotEnvEntry>();
	const lookup = input.lookup ?? ((name: string) => dotEnv.get(name)?.value);
	const merged = mergeServices(files, lookup);
	const services = followExtends(merged, input.extended ?? new Map(), lookup, problems);
	return {dir: input.dir, files, envPath: input.envPath ?? joinPath(input.dir, '.env'), dotEnv, lookup, services, problems};
}

/** YAML 1.1 merge keys (`<<: *base`) as Compose reads them. */
export function parseCompose(text: string): Document.Parsed {
	return parser().parseDocument(text, {merge: true, keepSourceTokens: false, uniqueKeys: false, prettyErrors: false});
}

function mergeServices(files: readonly ComposeFile[], lookup: (name: string) => string | undefined): ComposeService[] {
	const byName = new Map<string, {image?: ServiceValue; platform?: ServiceValue; extends?: {service: string; file?: string}; files: string[]}>();
	for (const file of files) {
		const services = servicesMap(file.doc);
		if (!services) continue;
		for (const pair of services.items) {
			const name = scalarText(pair.key);
			if (name === undefined) continue;
			const entry = byName.get(name) ?? {files: []};
			entry.files.push(file.path);
			const map = resolveMap(pair.value as Node | null, file.doc);
			if (map) {
				const image = effectivePair(map, 'image', file.doc);
				const platform = effectivePair(map, 'platform', file.doc);
				if (image) entry.image = serviceValue(image, file, lookup) ?? entry.image;
				if (platform) entry.platform = serviceValue(platform, file, lookup) ?? entry.platform;
				entry.extends = extendsOf(map, file.doc, file.path) ?? entry.extends;
			}
			byName.set(name, entry);
		}
	}
	return [...byName].map(([name, entry]) => ({
		name,
		files: entry.files,
		...(entry.image ? {image: entry.image} : {}),
		...(entry.platform ? {platform: entry.platform} : {}),
		...(entry.extends ? {extends: entry.extends} : {}),
	}));
}

/**
 * What a service inherits through `extends:` (Compose merges the base under the service's own
 * keys): image and platform from the base, in this project or in the file it names, followed
 * through bases of bases; a loop or a missing base is a problem, not a guess.
 */
function followExtends(services: readonly ComposeService[], extended: ReadonlyMap<string, string | undefined>, lookup: (name: string) => string | undefined, problems: string[]): ComposeService[] {
	const otherFiles = new Map<string, ComposeService[] | undefined>();
	const servicesIn = (path: string): ComposeService[] | undefined => {
		if (!otherFiles.has(path)) {
			const text = extended.get(path);
			const doc = text === undefined ? undefined : parseCompose(text);
			otherFiles.set(path, doc && doc.errors.length === 0 ? mergeServices([{path, text: text!, doc}], lookup) : undefined);
		}
		return otherFiles.get(path);
	};
	const resolve = (service: ComposeService, among: readonly ComposeService[], seen: readonly string[]): ComposeService => {
		const base = service.extends;
		if (!base || (service.image && service.platform)) return service;
		const key = `${base.file ?? ''}#${base.service}`;
		if (seen.includes(key) || seen.length > 10) {
			problems.push(`${service.name}: extends ${base.service} in a loop`);
			return service;
		}
		const pool = base.file === undefined ? among : servicesIn(base.file);
		if (pool === undefined) {
			problems.push(`${service.name}: extends ${base.service} from ${base.file}, which is not readable`);
			return service;
		}
		const found = pool.find(candidate => candidate.name === base.service);
		if (!found) {
			problems.push(`${service.name}: extends ${base.service}, which ${base.file ?? 'the project'} does not define`);
			return service;
		}
		const parent = resolve(found, pool, [...seen, key]);
		const image = service.image ?? parent.image;
		const platform = service.platform ?? parent.platform;
		return {...service, ...(image ? {image} : {}), ...(platform ? {platform} : {})};
	};
	return services.map(service => resolve(service, services, []));
}

/** The services whose image is a ChatMock image (the same predicate image discovery uses). */
export function chatmockServices(project: ComposeProject): ComposeService[] {
	return project.services.filter(service => service.image?.value !== undefined && isChatmockReference(service.image.value));
}

export function servicesMap(doc: Document.Parsed): YAMLMap | undefined {
	const services = resolveNode(doc.get('services', true) as Node | undefined, doc);
	return parser().isMap(services) ? services : undefined;
}

/** Follows an alias to the node it names. */
export function resolveNode(node: Node | null | undefined, doc: Document.Parsed): Node | undefined {
	if (node === null || node === undefined) return undefined;
	if (parser().isAlias(node)) return (node.resolve(doc) as Node | undefined) ?? undefined;
	return node;
}

export function resolveMap(node: Node | null | undefined, doc: Document.Parsed): YAMLMap | undefined {
	const resolved = resolveNode(node, doc);
	return parser().isMap(resolved) ? resolved : undefined;
}

export function isScalarNode(node: unknown): node is import('yaml').Scalar {
	return parser().isScalar(node);
}

export function scalarText(node: unknown): string | undefined {
	if (!parser().isScalar(node)) return undefined;
	const value = node.value;
	return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
}

export function isMergePair(pair: Pair): boolean {
	return parser().isScalar(pair.key) && (typeof pair.key.value === 'symbol' || pair.key.value === '<<');
}

/** The map's own pair for `key`. */
export function ownPair(map: YAMLMap, key: string): Pair | undefined {
	return map.items.find(pair => !isMergePair(pair) && scalarText(pair.key) === key);
}

/** The pair that gives `key` its value: the map's own, else the first merged map that has it (recursively). */
export function effectivePair(map: YAMLMap, key: string, doc: Document.Parsed, depth = 0): Pair | undefined {
	const own = ownPair(map, key);
	if (own || depth > 20) return own;
	for (const pair of map.items) {
		if (!isMergePair(pair)) continue;
		const value = pair.value as Node | null;
		const sources = parser().isSeq(value) ? (value.items as Node[]) : [value];
		for (const source of sources) {
			const merged = resolveMap(source, doc);
			const found = merged && effectivePair(merged, key, doc, depth + 1);
			if (found) return found;
		}
	}
	return undefined;
}

function serviceValue(pair: Pair, file: ComposeFile, lookup: (name: string) => string | undefined): ServiceValue | undefined {
	const raw = scalarText(pair.value);
	if (raw === undefined) return undefined;
	const offset = (pair.value as Node).range?.[0] ?? 0;
	const {line, excerpt} = lineAt(file.text, offset);
	return {value: interpolate(raw, lookup), raw, file: file.path, line, excerpt};
}

export function lineAt(text: string, offset: number): {line: number; excerpt: string} {
	const start = text.lastIndexOf('\n', offset - 1) + 1;
	const end = text.indexOf('\n', offset);
	const line = text.slice(0, start).split('\n').length;
	return {line, excerpt: text.slice(start, end < 0 ? undefined : end).trim()};
}
