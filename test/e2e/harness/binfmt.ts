import {existsSync, readFileSync, readdirSync, writeFileSync} from 'node:fs';
import {exec} from './exec.js';

/**
 * binfmt_misc is kernel state: it outlives this process and every container, so whatever a
 * test registers must be put back from a snapshot.
 */
export const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';
const BINFMT_CONF_DIR = '/usr/lib/binfmt.d';

export interface BinfmtEntry {
	readonly name: string;
	readonly enabled: boolean;
	readonly interpreter: string;
	/** As the kernel prints them, e.g. 'POF'. */
	readonly flags: string;
	readonly offset: number;
	/** Hex without escapes; absent for extension entries. */
	readonly magic?: string;
	readonly mask?: string;
	readonly extension?: string;
}

export interface BinfmtSnapshot {
	readonly mounted: boolean;
	readonly statusEnabled: boolean;
	readonly entries: readonly BinfmtEntry[];
}

export function isBinfmtMounted(): boolean {
	return readFileSync('/proc/self/mounts', 'utf8')
		.split('\n')
		.some(line => line.split(' ')[1] === BINFMT_DIR);
}

/** Mounts binfmt_misc when it is not; true when this call mounted it (so teardown unmounts it). */
export async function mountBinfmt(): Promise<boolean> {
	if (isBinfmtMounted()) return false;
	await exec('mount', ['-t', 'binfmt_misc', 'binfmt_misc', BINFMT_DIR], {timeoutMs: 10_000});
	return true;
}

export async function unmountBinfmt(): Promise<void> {
	if (isBinfmtMounted()) await exec('umount', [BINFMT_DIR], {timeoutMs: 10_000});
}

export function parseBinfmtEntry(name: string, text: string): BinfmtEntry {
	const fields = new Map<string, string>();
	let enabled = false;
	for (const line of text.split('\n')) {
		if (line === 'enabled' || line === 'disabled') {
			enabled = line === 'enabled';
			continue;
		}
		const match = /^(interpreter|flags:|offset|magic|mask|extension) ?(.*)$/.exec(line);
		if (match?.[1] !== undefined) fields.set(match[1].replace(':', ''), match[2] ?? '');
	}
	return {
		name,
		enabled,
		interpreter: fields.get('interpreter') ?? '',
		flags: fields.get('flags') ?? '',
		offset: Number(fields.get('offset') ?? '0'),
		...(fields.has('magic') ? {magic: fields.get('magic')} : {}),
		...(fields.has('mask') ? {mask: fields.get('mask')} : {}),
		...(fields.has('extension') ? {extension: fields.get('extension')} : {}),
	};
}

export function snapshotBinfmt(): BinfmtSnapshot {
	if (!isBinfmtMounted()) return {mounted: false, statusEnabled: true, entries: []};
	const names = readdirSync(BINFMT_DIR)
		.filter(name => name !== 'register' && name !== 'status')
		.sort();
	const entries: BinfmtEntry[] = [];
	for (const name of names) {
		try {
			entries.push(parseBinfmtEntry(name, readFileSync(`${BINFMT_DIR}/${name}`, 'utf8')));
		} catch {
			// removed meanwhile
		}
	}
	const statusEnabled = readFileSync(`${BINFMT_DIR}/status`, 'utf8').trim() === 'enabled';
	return {mounted: true, statusEnabled, entries};
}

function escapeHex(hex: string): string {
	return hex.replace(/(..)/g, '\\x$1');
}

/** The `register` line that recreates an entry (every magic byte escaped, since ':' may occur in it). */
export function registerLine(entry: BinfmtEntry): string {
	const flags = entry.flags.replace(/[^POCF]/g, '');
	if (entry.extension !== undefined) return `:${entry.name}:E::${entry.extension}::${entry.interpreter}:${flags}`;
	return `:${entry.name}:M:${entry.offset}:${escapeHex(entry.magic ?? '')}:${escapeHex(entry.mask ?? '')}:${entry.interpreter}:${flags}`;
}

export function register(line: string): void {
	writeFileSync(`${BINFMT_DIR}/register`, line);
}

export function unregister(name: string): void {
	if (existsSync(`${BINFMT_DIR}/${name}`)) writeFileSync(`${BINFMT_DIR}/${name}`, '-1');
}

/** Docker's names (arm64, arm/v7, armhf …) to the names of Debian's QEMU binfmt files. */
export function qemuName(arch: string): string {
	const name = (
		{
			arm64: 'aarch64',
			aarch64: 'aarch64',
			'linux/arm64': 'aarch64',
			'linux/arm64/v8': 'aarch64',
			arm: 'arm',
			armhf: 'arm',
			armel: 'arm',
			'arm-v7': 'arm',
			'arm-v6': 'arm',
			'linux/arm/v7': 'arm',
			'linux/arm/v6': 'arm',
			'386': 'i386',
			i386: 'i386',
			'linux/386': 'i386',
			amd64: 'x86_64',
			x86_64: 'x86_64',
			'linux/amd64': 'x86_64',
		} as Record<string, string>
	)[arch];
	return name ?? arch;
}

export interface RegisterQemuOptions {
	/** The F flag: the kernel opens the emulator now, so it works inside containers. Without it the container gets "no such file or directory". */
	readonly fixBinary: boolean;
}

/**
 * Debian ships no qemu-i386.conf on amd64 (i386 is meant to run natively), but some VM
 * kernels turn IA-32 emulation off; this is QEMU's own i386 line (qemu-binfmt-conf.sh).
 */
const BUILT_IN_LINES: Readonly<Record<string, string>> = {
	'qemu-i386':
		':qemu-i386:M::\\x7fELF\\x01\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\x03\\x00:\\xff\\xff\\xff\\xff\\xff\\xfe\\xfe\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/bin/qemu-i386-static:',
};

function shippedLine(name: string): string {
	const file = `${BINFMT_CONF_DIR}/${name}.conf`;
	const line = existsSync(file)
		? readFileSync(file, 'utf8')
				.split('\n')
				.find(candidate => candidate.startsWith(`:${name}:`))
		: undefined;
	const found = line ?? BUILT_IN_LINES[name];
	if (found === undefined) throw new Error(`no binfmt line for ${name} (looked in ${file})`);
	return found;
}

/** Registers qemu-<arch> from the line Debian ships (replacing an entry of that name); returns the entry name. */
export function registerQemu(arch: string, options: RegisterQemuOptions): string {
	const name = `qemu-${qemuName(arch)}`;
	const parts = shippedLine(name).split(':');
	const flags = (parts.at(-1) ?? '').replace(/F/g, '');
	parts[parts.length - 1] = options.fixBinary ? `${flags}F` : flags;
	unregister(name);
	register(parts.join(':'));
	return name;
}

function sameEntry(a: BinfmtEntry, b: BinfmtEntry): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

/** Puts the kernel back as the snapshot saw it: removes new or changed entries, re-registers missing ones. */
export async function restoreBinfmt(snapshot: BinfmtSnapshot, options: {readonly unmountIfUnmounted?: boolean} = {}): Promise<void> {
	if (!isBinfmtMounted()) {
		if (snapshot.entries.length === 0 && !snapshot.mounted) return;
		await mountBinfmt();
	}
	const now = snapshotBinfmt();
	const wanted = new Map(snapshot.entries.map(entry => [entry.name, entry]));
	for (const entry of now.entries) {
		const before = wanted.get(entry.name);
		if (before === undefined || !sameEntry(before, entry)) unregister(entry.name);
	}
	const present = new Map(snapshotBinfmt().entries.map(entry => [entry.name, entry]));
	for (const entry of snapshot.entries) {
		if (present.has(entry.name)) continue;
		register(registerLine(entry));
		if (!entry.enabled) writeFileSync(`${BINFMT_DIR}/${entry.name}`, '0');
	}
	if (snapshotBinfmt().statusEnabled !== snapshot.statusEnabled) writeFileSync(`${BINFMT_DIR}/status`, snapshot.statusEnabled ? '1' : '0');
	if (!snapshot.mounted && options.unmountIfUnmounted) await unmountBinfmt();
}

export function binfmtEqual(a: BinfmtSnapshot, b: BinfmtSnapshot): boolean {
	return a.statusEnabled === b.statusEnabled && JSON.stringify(a.entries) === JSON.stringify(b.entries);
}
