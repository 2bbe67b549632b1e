import {lstat, readlink} from 'node:fs/promises';
import {join, resolve} from 'node:path';
import type {EngineConnector} from '../engine/engine-api.js';
import type {Host, NodeProcessInfo, Uname} from './host.js';
import {listNames, pathExists, readCapped} from './live-host.js';

/** Linux's own limit on symlinks followed in one lookup (MAXSYMLINKS). */
const MAX_SYMLINK_HOPS = 40;

const KERNEL_FILES = {sysname: '/proc/sys/kernel/ostype', release: '/proc/sys/kernel/osrelease', machine: '/proc/sys/kernel/arch'} as const;

/**
 * A machine seen through a folder (an SD card, a mounted image, a container's root). Paths are
 * resolved like a chroot would: `..` stops at the folder and symlinks, absolute or relative, are
 * followed inside it, so nothing outside the folder is ever read. Commands are not run.
 */
export function createRootHost(
	dir: string,
	options: {
		readonly env?: Readonly<Record<string, string | undefined>>;
		readonly engine?: EngineConnector;
		/** The doctor's own process, when it runs in its container beside the mounted folder (to tell when it is emulated). */
		readonly node?: NodeProcessInfo;
	} = {},
): Host {
	const root = resolve(dir);
	const at = (path: string) => resolveInRoot(root, path);
	const readFile: Host['readFile'] = async (path, readOptions) => {
		const real = await at(path);
		return real === undefined ? undefined : readCapped(real, readOptions);
	};
	return {
		kind: 'root',
		label: `folder ${root}`,
		readFile,
		readText: async (path, readOptions) => (await readFile(path, readOptions))?.toString('utf8'),
		listDir: async path => {
			const real = await at(path);
			return real === undefined ? undefined : listNames(real);
		},
		exists: async path => {
			const real = await at(path);
			return real === undefined ? false : pathExists(real);
		},
		env: Object.freeze({...(options.env ?? {})}),
		uname: async () => {
			const read = async (path: string) => (await readFile(path, {maxBytes: 4096}))?.toString('utf8').trim() || undefined;
			const [sysname, release, machine] = await Promise.all([
				read(KERNEL_FILES.sysname),
				read(KERNEL_FILES.release),
				read(KERNEL_FILES.machine), // absent before Linux 6.1
			]);
			const values = {sysname, release, machine};
			const answered = (Object.keys(KERNEL_FILES) as (keyof typeof KERNEL_FILES)[]).filter(key => values[key] !== undefined);
			const via = (answered.length > 0 ? answered : (Object.keys(KERNEL_FILES) as (keyof typeof KERNEL_FILES)[])).map(key => KERNEL_FILES[key]).join(', ');
			const uname: {-readonly [K in keyof Uname]: Uname[K]} = {via};
			if (sysname !== undefined) uname.sysname = sysname;
			if (release !== undefined) uname.release = release;
			if (machine !== undefined) uname.machine = machine;
			return uname;
		},
		run: async (file, args) => ({ok: false, reason: 'not-run', message: `${[file, ...args].join(' ')}: commands are not run on a folder`}),
		...(options.engine === undefined ? {} : {engine: options.engine}),
		...(options.node === undefined ? {} : {node: options.node}),
	};
}

/**
 * Maps a host path to a real path under root, following symlinks one component at a time with
 * root as "/". Undefined when a middle component is missing or the hops exceed the bound.
 */
export async function resolveInRoot(root: string, path: string): Promise<string | undefined> {
	const done: string[] = [];
	const pending = splitPath(path);
	let hops = 0;
	while (pending.length > 0) {
		const name = pending.shift()!;
		if (name === '' || name === '.') continue;
		if (name === '..') {
			done.pop();
			continue;
		}
		const real = join(root, ...done, name);
		let info;
		try {
			info = await lstat(real);
		} catch {
			if (pending.some(rest => rest !== '' && rest !== '.')) return undefined;
			done.push(name);
			break;
		}
		if (!info.isSymbolicLink()) {
			done.push(name);
			continue;
		}
		if (++hops > MAX_SYMLINK_HOPS) return undefined;
		let target: string;
		try {
			target = await readlink(real);
		} catch {
			return undefined;
		}
		if (target.startsWith('/')) done.length = 0;
		pending.unshift(...splitPath(target));
	}
	return join(root, ...done);
}

function splitPath(path: string): string[] {
	return path.split(/[/\\]+/);
}
