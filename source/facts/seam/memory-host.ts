import type {EngineConnector} from '../engine/engine-api.js';
import {DEFAULT_MAX_READ_BYTES, type CommandResult, type Host, type HostKind, type NodeProcessInfo, type Uname} from './host.js';

export interface MemoryHostSpec {
	/** Absolute paths to contents. Directories exist implicitly as the parents of files. */
	readonly files?: Readonly<Record<string, string | Uint8Array>>;
	readonly env?: Readonly<Record<string, string | undefined>>;
	readonly uname?: Omit<Uname, 'via'> & {readonly via?: string};
	/** 'file arg1 arg2' to its recorded result. */
	readonly commands?: Readonly<Record<string, CommandResult>>;
	readonly node?: NodeProcessInfo;
	readonly home?: string;
	/** Default 'replay'. A 'live' memory host answers unknown commands as missing, the others as not-run. */
	readonly kind?: HostKind;
	readonly label?: string;
	readonly engine?: EngineConnector;
}

/** A host made of plain data, for unit tests and snapshot replay. */
export function createMemoryHost(spec: MemoryHostSpec = {}): Host {
	const kind = spec.kind ?? 'replay';
	const files = new Map<string, Buffer>();
	for (const [path, content] of Object.entries(spec.files ?? {})) {
		files.set(normalise(path), typeof content === 'string' ? Buffer.from(content, 'utf8') : Buffer.from(content));
	}
	const readFile: Host['readFile'] = async (path, options) => {
		const content = files.get(normalise(path));
		return content?.subarray(0, Math.max(0, options?.maxBytes ?? DEFAULT_MAX_READ_BYTES));
	};
	const childrenOf = (dir: string): string[] => {
		const prefix = dir === '/' ? '/' : `${dir}/`;
		const names = new Set<string>();
		for (const path of files.keys()) {
			if (path.startsWith(prefix) && path.length > prefix.length) names.add(path.slice(prefix.length).split('/')[0]!);
		}
		return [...names].sort();
	};
	return {
		kind,
		label: spec.label ?? 'memory host',
		readFile,
		readText: async (path, options) => (await readFile(path, options))?.toString('utf8'),
		listDir: async path => {
			const dir = normalise(path);
			const names = childrenOf(dir);
			return names.length > 0 || dir === '/' ? names : undefined;
		},
		exists: async path => {
			const target = normalise(path);
			return files.has(target) || childrenOf(target).length > 0;
		},
		env: Object.freeze({...(spec.env ?? {})}),
		uname: async () => ({...spec.uname, via: spec.uname?.via ?? 'uname'}),
		run: async (file, args) => {
			const commandLine = [file, ...args].join(' ');
			const recorded = spec.commands?.[commandLine];
			if (recorded) return recorded;
			return kind === 'live' ? {ok: false, reason: 'missing', message: `${commandLine}: not found`} : {ok: false, reason: 'not-run', message: `${commandLine}: not recorded`};
		},
		...(spec.node === undefined ? {} : {node: spec.node}),
		...(spec.home === undefined ? {} : {home: spec.home}),
		...(spec.engine === undefined ? {} : {engine: spec.engine}),
	};
}

function normalise(path: string): string {
	const parts: string[] = [];
	for (const name of path.split('/')) {
		if (name === '' || name === '.') continue;
		if (name === '..') parts.pop();
		else parts.push(name);
	}
	return `/${parts.join('/')}`;
}
