import {fact, type Fact, type Source} from '../fact.js';
import {engineFactsFromApi} from '../parse/docker-api.js';
import {exitCodeKind} from '../parse/failure-lines.js';
import type {EngineFacts} from '../types.js';
import {readBinfmtStatus} from './binfmt-json.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

const MAX_JSON_LINES = 4000;
const MAX_JSON_CHARS = 512 * 1024;

/** Where a JSON value starting at `start` ends (balanced braces outside strings), or undefined. */
export function findJsonEnd(lines: readonly PasteLine[], start: number): number | undefined {
	let depth = 0;
	let inString = false;
	let escaped = false;
	let chars = 0;
	for (let index = start; index < lines.length && index - start < MAX_JSON_LINES; index++) {
		const text = lines[index]!.text;
		chars += text.length;
		if (chars > MAX_JSON_CHARS) return undefined;
		for (let i = 0; i < text.length; i++) {
			const char = text[i];
			if (inString) {
				if (escaped) escaped = false;
				else if (char === '\\') escaped = true;
				else if (char === '"') inString = false;
			} else if (char === '"') inString = true;
			else if (char === '{' || char === '[') depth++;
			else if (char === '}' || char === ']') {
				depth--;
				if (depth === 0) return index;
				if (depth < 0) return undefined;
			}
		}
	}
	return undefined;
}

/**
 * Maps `docker version|info --format '{{json .}}'`, `podman info --format json`,
 * `docker inspect` JSON and tonistiigi/binfmt's status. Each fact cites the first line of the block holding its key.
 * False when the JSON is none of these.
 */
export function readJson(value: unknown, lines: readonly PasteLine[], facts: FactsBuilder): boolean {
	const first = lines[0]!;
	const keyLine = (key: string, from = 0): Source => {
		const needle = `"${key}"`;
		let hit = first;
		for (let i = from; i < lines.length; i++) {
			if (lines[i]!.text.includes(needle)) {
				hit = lines[i]!;
				break;
			}
		}
		return pasteAt(hit.no, hit.text);
	};
	if (Array.isArray(value)) {
		let any = false;
		for (const item of value.slice(0, 50)) any = readInspect(item, keyLine, facts) || any;
		return any;
	}
	const object = record(value);
	if (!object) return false;
	if (readInspect(object, keyLine, facts) || readBinfmtStatus(object, lines, facts)) return true;

	const host = record(object['host']);
	if (host && typeof host['arch'] === 'string') {
		readPodmanJson(object, host, keyLine, facts);
		return true;
	}
	const client = record(object['Client']);
	const server = record(object['Server']);
	let version: Record<string, unknown> | undefined;
	let info: Record<string, unknown> | undefined;
	if (server || client) {
		version = server;
		if (client && typeof client['Os'] === 'string' && typeof client['Arch'] === 'string') {
			facts.setEngine('clientOsArch', fact(`${client['Os']}/${client['Arch']}`, keyLine('Arch')));
		}
		if (client && typeof client['Context'] === 'string') facts.setEngine('context', fact(client['Context'], keyLine('Context')));
	} else if ('ServerVersion' in object || 'OSType' in object || ('KernelVersion' in object && 'Architecture' in object)) {
		info = object;
		const clientInfo = record(object['ClientInfo']);
		if (clientInfo && typeof clientInfo['Context'] === 'string') facts.setEngine('context', fact(clientInfo['Context'], keyLine('Context')));
	} else if ('ApiVersion' in object || 'Platform' in object || 'Components' in object) {
		version = object;
	} else {
		return false;
	}
	const mapped = engineFactsFromApi(version, info, {version: pasteAt(first.no, first.text), info: pasteAt(first.no, first.text)});
	// In pretty-printed `docker version` JSON the Client's keys come first: cite from "Server" on.
	const from = server
		? Math.max(
				0,
				lines.findIndex(line => line.text.includes('"Server"')),
			)
		: 0;
	facts.mergeEngine(recite(mapped, key => keyLine(key, from), info !== undefined));
	const components = version?.['Components'];
	if (Array.isArray(components) && components.some(c => /podman/i.test(String(record(c)?.['Name'] ?? '')))) {
		facts.setEngine('productHint', fact('podman', keyLine('Components')));
	}
	return true;
}

/** The key each engine fact comes from, to cite the line that holds it rather than the block's first. */
const ENGINE_KEYS: Readonly<Partial<Record<keyof EngineFacts, string>>> = {
	versionArch: 'Arch',
	versionOs: 'Os',
	serverVersion: 'Version',
	apiVersion: 'ApiVersion',
	minApiVersion: 'MinAPIVersion',
	platformName: 'Platform',
	components: 'Components',
	kernelVersion: 'KernelVersion',
	osType: 'OSType',
	infoArchitecture: 'Architecture',
	operatingSystem: 'OperatingSystem',
	name: 'Name',
	securityOptions: 'SecurityOptions',
	driver: 'Driver',
};

function recite(facts: EngineFacts, keyLine: (key: string) => Source, isInfo: boolean): EngineFacts {
	const out: Record<string, Fact<unknown>> = {};
	for (const [key, value] of Object.entries(facts) as [keyof EngineFacts, Fact<unknown>][]) {
		// /info names its version ServerVersion; /version calls it Version.
		const jsonKey = key === 'serverVersion' && isInfo ? 'ServerVersion' : ENGINE_KEYS[key];
		out[key] = jsonKey ? fact(value.value, keyLine(jsonKey)) : value;
	}
	return out as EngineFacts;
}

function readPodmanJson(object: Record<string, unknown>, host: Record<string, unknown>, keyLine: (key: string) => Source, facts: FactsBuilder): void {
	facts.setEngine('productHint', fact('podman', keyLine('host')));
	const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
	const set = (key: keyof EngineFacts, v: unknown, jsonKey: string) => {
		const s = str(v);
		if (s !== undefined) facts.setEngine(key, fact(s, keyLine(jsonKey)) as never);
	};
	set('versionArch', host['arch'], 'arch');
	set('versionOs', host['os'], 'os');
	set('kernelVersion', host['kernel'], 'kernel');
	set('name', host['hostname'], 'hostname');
	const distribution = record(host['distribution']);
	const os = [str(distribution?.['distribution']), str(distribution?.['version'])].filter(Boolean).join(' ');
	if (os !== '') facts.setEngine('operatingSystem', fact(os, keyLine('distribution')));
	const version = record(object['version']);
	set('serverVersion', version?.['Version'], 'Version');
	set('apiVersion', version?.['APIVersion'], 'APIVersion');
	const security = record(host['security']);
	if (security?.['rootless'] === true) facts.setEngine('securityOptions', fact(['name=rootless'], keyLine('rootless')));
}

/** `docker image inspect` / `docker inspect <container>` entries. */
function readInspect(item: unknown, keyLine: (key: string) => Source, facts: FactsBuilder): boolean {
	const object = record(item);
	if (!object || typeof object['Id'] !== 'string') return false;
	const id = object['Id'];
	if (Array.isArray(object['RepoTags']) && typeof object['Architecture'] === 'string') {
		const tags = object['RepoTags'].filter((t): t is string => typeof t === 'string');
		facts.addImage({
			ref: tags[0] ?? '',
			id,
			os: typeof object['Os'] === 'string' ? object['Os'] : '',
			architecture: object['Architecture'],
			...(typeof object['Variant'] === 'string' && object['Variant'] !== '' ? {variant: object['Variant']} : {}),
			source: keyLine('Architecture'),
		});
		return true;
	}
	const state = record(object['State']);
	const config = record(object['Config']);
	if (state && config) {
		const exitCode = state['ExitCode'];
		facts.addContainer({
			id,
			name: typeof object['Name'] === 'string' ? object['Name'].replace(/^\//, '') : '',
			image: typeof config['Image'] === 'string' ? config['Image'] : '',
			...(typeof object['Image'] === 'string' ? {imageId: object['Image']} : {}),
			state: typeof state['Status'] === 'string' ? state['Status'] : '',
			...(typeof exitCode === 'number' ? {exitCode} : {}),
			...(typeof object['RestartCount'] === 'number' ? {restartCount: object['RestartCount']} : {}),
			logTail: [],
			source: keyLine('ExitCode'),
		});
		// As the live probe reads an inspected container's exit code: 132 or 139 is a crash.
		const crash = exitCodeKind(typeof exitCode === 'number' ? exitCode : undefined);
		if (crash) facts.addSignal({kind: crash, source: keyLine('ExitCode')});
		return true;
	}
	return false;
}

function record(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
