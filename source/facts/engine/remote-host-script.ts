import type {MemoryHostSpec} from '../seam/memory-host.js';

/**
 * What the throwaway container on a remote engine prints, and how that output becomes a host the
 * usual host probes read. The container sees the engine's machine at /host (its / bind-mounted
 * read-only) and prints, hex-encoded so binary headers survive the log stream, exactly the files
 * probeHost and the binfmt reader look at, plus uname. Nothing else of that machine is read.
 */

/** Where the engine's / is mounted in the probe container. */
export const HOST_MOUNT = '/host';

/** Files read in full (capped), by their path on the engine's machine. */
const TEXT_FILES: readonly (readonly [string, number])[] = [
	['/proc/version', 4096],
	['/proc/cpuinfo', 2 * 1024 * 1024],
	['/proc/device-tree/model', 1024],
	['/sys/firmware/devicetree/base/model', 1024],
	['/proc/device-tree/system/linux,revision', 16],
	['/etc/os-release', 64 * 1024],
	['/usr/lib/os-release', 64 * 1024],
	['/proc/1/cgroup', 64 * 1024],
	['/proc/self/auxv', 4096],
	['/proc/sys/kernel/ostype', 4096],
	['/proc/sys/kernel/osrelease', 4096],
	['/proc/sys/kernel/arch', 4096],
];

/** Userland binaries: only their ELF header is read (the probes read 64 bytes). */
const ELF_FILES = ['/bin/sh', '/usr/bin/env', '/bin/busybox', '/usr/bin/dockerd', '/usr/bin/dpkg'];

/** Marker files whose existence alone is a fact. */
const MARKER_FILES = ['/.dockerenv', '/run/.containerenv'];

const BINFMT_DIR = '/proc/sys/fs/binfmt_misc';
const DPKG_STATUS = '/var/lib/dpkg/status';
const LINK_HOPS = 40;

/**
 * The POSIX sh program the container runs. Absolute symlinks are followed under /host (the kernel
 * would follow them into the container's own root); od and readlink fall back to busybox's applets.
 * Lines: `F path` + hex lines + `E` for a file, `X path` for a marker that exists, `U key value` for uname.
 */
export function hostProbeScript(root = HOST_MOUNT): string {
	const q = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;
	return [
		`R=${q(root)}`,
		'if command -v od >/dev/null 2>&1; then HX="od -An -v -tx1"; elif command -v busybox >/dev/null 2>&1; then HX="busybox od -An -v -tx1"; else HX=""; fi',
		'rl() { readlink "$1" 2>/dev/null || busybox readlink "$1" 2>/dev/null; }',
		// An image may hold busybox without each applet's link.
		...['head', 'sed', 'uname'].map(tool => `command -v ${tool} >/dev/null 2>&1 || ${tool}() { busybox ${tool} "$@"; }`),
		// Follows the last component's links with / as $R; echoes the path to read.
		`at() { p="$R$1"; n=0; while [ -L "$p" ] && [ $n -lt ${LINK_HOPS} ]; do t=$(rl "$p") || break; case "$t" in /*) p="$R$t";; *) p="\${p%/*}/$t";; esac; n=$((n+1)); done; printf '%s' "$p"; }`,
		'emit() { p=$(at "$1"); if [ -n "$HX" ] && [ -f "$p" ] && [ -r "$p" ]; then printf "F %s\\n" "$1"; head -c "$2" "$p" 2>/dev/null | $HX 2>/dev/null; printf "E\\n"; fi; }',
		...TEXT_FILES.map(([path, max]) => `emit ${q(path)} ${max}`),
		...ELF_FILES.map(path => `emit ${q(path)} 64`),
		...MARKER_FILES.map(path => `[ -e "$(at ${q(path)})" ] && printf "X %s\\n" ${q(path)}`),
		`for f in "$R"${BINFMT_DIR}/*; do [ -f "$f" ] && emit "${BINFMT_DIR}/\${f##*/}" 4096; done`,
		// dpkg's status only when its program is not there to say its architecture: just the two entries read.
		`if [ ! -f "$(at /usr/bin/dpkg)" ] && [ -r "$R${DPKG_STATUS}" ] && [ -n "$HX" ]; then printf "F %s\\n" ${q(DPKG_STATUS)}; sed -n -e '/^Package: dpkg$/,/^$/p' -e '/^Package: base-files$/,/^$/p' "$R${DPKG_STATUS}" 2>/dev/null | $HX; printf "E\\n"; fi`,
		'printf "U sysname %s\\n" "$(uname -s)"',
		'printf "U release %s\\n" "$(uname -r)"',
		'printf "U machine %s\\n" "$(uname -m)"',
		'printf "END\\n"',
	].join('\n');
}

export interface ParsedHostProbe {
	readonly spec: Pick<MemoryHostSpec, 'files' | 'uname'>;
	/** The program ran to its end (the last line): a cut output is partial evidence, said as such. */
	readonly complete: boolean;
	readonly files: number;
}

/** The kernel's own files for uname, as a --root folder reads them: not bent by a 32-bit container's personality. */
const KERNEL_FILES = {sysname: '/proc/sys/kernel/ostype', release: '/proc/sys/kernel/osrelease', machine: '/proc/sys/kernel/arch'} as const;

/** Reads the container's output back into files and uname; lines it does not know are skipped. */
export function parseHostProbeOutput(lines: readonly string[]): ParsedHostProbe {
	const files: Record<string, Uint8Array> = {};
	const printed: {sysname?: string; release?: string; machine?: string} = {};
	let current: string | undefined;
	let hex: string[] = [];
	let complete = false;
	const close = () => {
		if (current !== undefined) files[current] = bytesOf(hex);
		current = undefined;
		hex = [];
	};
	for (const raw of lines) {
		const line = raw.replace(/\r$/, '');
		if (current !== undefined) {
			if (/^[\s0-9a-f]+$/i.test(line) && line !== 'E') {
				hex.push(line);
				continue;
			}
			// 'E' ends the file; anything else means it was cut short: what came whole is kept.
			close();
			if (line === 'E') continue;
		}
		const file = /^F (\/.*)$/.exec(line);
		const marker = /^X (\/.*)$/.exec(line);
		const field = /^U (sysname|release|machine) (.*)$/.exec(line);
		if (file) current = file[1]!;
		else if (marker) files[marker[1]!] = new Uint8Array();
		else if (field && field[2]!.trim() !== '') printed[field[1] as keyof typeof printed] = field[2]!.trim();
		else if (line === 'END') complete = true;
	}
	close();
	return {spec: {files, uname: unameOf(files, printed)}, complete, files: Object.keys(files).length};
}

function unameOf(files: Readonly<Record<string, Uint8Array>>, printed: {sysname?: string; release?: string; machine?: string}): NonNullable<MemoryHostSpec['uname']> {
	const text = (path: string) => {
		const bytes = files[path];
		const value = bytes === undefined ? '' : Buffer.from(bytes).toString('utf8').trim();
		return value === '' ? undefined : value;
	};
	const machine = text(KERNEL_FILES.machine);
	if (machine === undefined) return {...printed, via: 'uname'};
	const sysname = text(KERNEL_FILES.sysname) ?? printed.sysname;
	const release = text(KERNEL_FILES.release) ?? printed.release;
	return {
		machine,
		...(sysname === undefined ? {} : {sysname}),
		...(release === undefined ? {} : {release}),
		via: Object.values(KERNEL_FILES).join(', '),
	};
}

function bytesOf(hexLines: readonly string[]): Uint8Array {
	const pairs = hexLines.join(' ').trim().split(/\s+/).filter(Boolean);
	return Uint8Array.from(pairs, pair => Number.parseInt(pair, 16) & 0xff);
}
