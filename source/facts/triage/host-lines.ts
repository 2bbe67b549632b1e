import {fact, type Source} from '../fact.js';
import {isDebianArch, isUnameMachine} from '../parse/arch-names.js';
import {wslFromKernel} from '../parse/wsl.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

const KERNEL_NAMES = new Set(['Linux', 'Darwin', 'FreeBSD', 'Windows_NT']);

/** Values only `uname -m` prints (aarch64, armv7l, x86_64), not dpkg's names too (arm64, amd64). */
export function isUnameOnly(value: string): boolean {
	return isUnameMachine(value) && !isDebianArch(value);
}

/** Values only dpkg prints (armhf, armel, i386). */
export function isDebianOnly(value: string): boolean {
	return isDebianArch(value) && !isUnameMachine(value);
}

export function setKernelRelease(release: string, source: Source, facts: FactsBuilder): void {
	facts.setHost('kernelRelease', fact(release, source));
	const wsl = wslFromKernel(release);
	if (wsl) facts.setHost('wsl', fact(wsl, source));
}

export function setKernelName(name: string, source: Source, facts: FactsBuilder): void {
	facts.setHost('kernelName', fact(name, source));
	if (name === 'Linux') facts.setHost('osKind', fact('linux', source));
	if (name === 'Darwin') facts.setHost('osKind', fact('darwin', source));
}

/**
 * A `uname -a` line, found by its shape wherever it sits (alone, after a prompt, in inline code):
 * `<kernel name> <hostname> <release> <version…> <machine> [<processor> <platform>] [<os>]`.
 * The version is `#1 SMP …`, `#1-Microsoft …`, `#38~18.04.1-Ubuntu …`, or macOS's `Darwin Kernel Version …`.
 */
const UNAME_ALL = /(?:^|[\s`'"(:])(Linux|Darwin|FreeBSD)\s+(\S{1,255})\s+(\d+\.\d+[^\s`]*)\s+(#\d+[^\s`]*(?:\s[^`]*)?|Darwin Kernel Version\b[^`]*)/;
/** Trailing operating-system field (`uname -o`) and what old coreutils print for unknown `-p`/`-i`. */
const UNAME_OS = new Set(['GNU/Linux', 'Linux', 'Android', 'Toybox', 'Cygwin', 'Msys']);

/**
 * `uname -a`: "Linux raspberrypi 6.1.0-rpi6-rpi-v8 #1 SMP PREEMPT … aarch64 GNU/Linux", BusyBox's
 * "… aarch64 Linux", macOS's "Darwin host 23.1.0 Darwin Kernel Version …; root:xnu… arm64".
 * After a `uname -a` command (`afterCommand`) the version may lack its `#`. The machine is the
 * first of the trailing machine-like fields (`x86_64 x86_64 x86_64`, `i686 unknown unknown`);
 * a line cut before it still gives the kernel name and release.
 */
export function readUnameAll(text: string, line: PasteLine, facts: FactsBuilder, afterCommand = false): boolean {
	// A sentence's full stop or a closing bracket after the line is not part of it.
	const bare = text.replace(/[.,;)*_]+\s*$/, '');
	const match = UNAME_ALL.exec(bare) ?? (afterCommand ? /^\s*(Linux|Darwin|FreeBSD)\s+(\S{1,255})\s+(\d+\.\d+\S*)(?:\s+(.*))?$/.exec(bare) : null);
	if (!match) return readUnameWithoutHost(bare, line, facts);
	const source = pasteAt(line.no, line.text);
	setKernelName(match[1]!, source, facts);
	setKernelRelease(match[3]!, source, facts);
	const machine = trailingMachine((match[4] ?? '').trim().split(/\s+/).slice(1));
	if (machine) facts.setHost('kernelMachine', fact(machine, source));
	return true;
}

/**
 * `uname -a` cut to its release (`- Kernel: Linux 5.15.32-v8+ #1538 SMP PREEMPT … aarch64 GNU/Linux`,
 * `5.10.103-v7+ #1529 SMP … armv7l GNU/Linux`): without the hostname, only a line that ends in a machine counts.
 */
function readUnameWithoutHost(text: string, line: PasteLine, facts: FactsBuilder): boolean {
	const match = /(?:^|[\s`'"(:])(?:(Linux)\s+)?(\d+\.\d+\.\d+[^\s`]*)\s+(#\d+[^\s`]*(?:\s[^`]*)?)$/.exec(text);
	if (!match) return false;
	const machine = trailingMachine(match[3]!.trim().split(/\s+/).slice(1));
	if (!machine) return false;
	const source = pasteAt(line.no, line.text);
	if (match[1]) setKernelName(match[1], source, facts);
	setKernelRelease(match[2]!, source, facts);
	facts.setHost('kernelMachine', fact(machine, source));
	return true;
}

/** The machine among uname's last fields: `aarch64 GNU/Linux`, `x86_64 x86_64 x86_64 GNU/Linux synology_geminilake_920+`. */
function trailingMachine(fields: string[]): string | undefined {
	const tokens = [...fields];
	// Whatever a NAS vendor appends after the operating-system field is not uname's.
	const os = tokens.lastIndexOf('GNU/Linux');
	if (os >= 0) tokens.length = os + 1;
	while (tokens.length > 0 && UNAME_OS.has(tokens[tokens.length - 1]!)) tokens.pop();
	let machine: string | undefined;
	for (let i = tokens.length - 1; i >= 0 && i >= tokens.length - 3; i--) {
		const token = tokens[i]!;
		if (isUnameMachine(token)) machine = token;
		else if (token !== 'unknown') break;
	}
	return machine;
}

/**
 * `uname -a` run inside a container: the machine field is the container's, but the kernel is the
 * host's (or its VM's), so a kernel build name that says its architecture (5.10.17-v8+) still counts.
 */
export function readContainerUname(text: string, line: PasteLine, facts: FactsBuilder, saysArch: (release: string) => boolean): boolean {
	const match = UNAME_ALL.exec(text.replace(/[.,;)*_]+\s*$/, ''));
	if (!match || match[1] !== 'Linux' || !saysArch(match[3]!)) return false;
	facts.setHost('kernelRelease', fact(match[3]!, pasteAt(line.no, line.text)));
	return true;
}

/** Output of `uname -m`, `uname -r`, `uname -srm`, `arch`: tokens read by their shape. */
export function readUnameParts(text: string, line: PasteLine, facts: FactsBuilder): boolean {
	const source = pasteAt(line.no, line.text);
	let any = false;
	for (const token of text.trim().split(/\s+/)) {
		if (KERNEL_NAMES.has(token)) {
			setKernelName(token, source, facts);
			any = true;
		} else if (/^\d+\.\d+\S*$/.test(token)) {
			setKernelRelease(token, source, facts);
			any = true;
		} else if (isUnameMachine(token)) {
			facts.setHost('kernelMachine', fact(token, source));
			any = true;
		}
	}
	return any;
}

/** /proc/version: "Linux version 5.15.90.1-microsoft-standard-WSL2 (oe-user@oe-host) …". */
export function readProcVersion(text: string, line: PasteLine, facts: FactsBuilder): boolean {
	const match = /^Linux version (\d+\.\d+\S*)/.exec(text.trim());
	if (!match) return false;
	const source = pasteAt(line.no, line.text);
	facts.setHost('procVersion', fact(text.trim(), source));
	setKernelName('Linux', source, facts);
	setKernelRelease(match[1]!, source, facts);
	return true;
}

/**
 * An `Architecture:` line outside docker output. By vocabulary: armhf/armel/i386 are dpkg's
 * (sbc-bench prints dpkg's after lsb_release), aarch64/armv7l/x86_64 the kernel's (lscpu).
 * arm64/amd64 belong to both, so the block decides; hostnamectl speaks systemd (arm64, x86-64).
 */
export function readArchitecture(value: string, block: 'lscpu' | 'lsb' | 'hostnamectl' | 'none', source: Source, facts: FactsBuilder): void {
	const arch = value.trim();
	if (block === 'hostnamectl') {
		const kernel = ({arm64: 'aarch64', 'x86-64': 'x86_64'} as Record<string, string>)[arch];
		if (kernel) facts.setHost('kernelMachine', fact(kernel, source));
		return;
	}
	if (isDebianOnly(arch) || (block === 'lsb' && isDebianArch(arch))) facts.setHost('dpkgArch', fact(arch, source));
	else if (isUnameOnly(arch) || (block === 'lscpu' && isUnameMachine(arch))) facts.setHost('kernelMachine', fact(arch, source));
}

/** `lscpu` keys (plain or tree-indented). */
export function readLscpu(key: string, value: string, source: Source, facts: FactsBuilder): void {
	switch (key) {
		case 'Architecture':
			readArchitecture(value, 'lscpu', source, facts);
			break;
		case 'Model name':
			if (value !== '-') facts.setHost('cpuModel', fact(value, source));
			break;
		case 'CPU(s)':
			if (/^\d+$/.test(value)) facts.setHost('cpuCount', fact(Number(value), source));
			break;
		case 'Flags':
			facts.setHost('cpuFlags', fact(value.split(/\s+/).filter(Boolean), source));
			break;
		default:
			break;
	}
}

/** `hostnamectl`: "Operating System: Raspbian GNU/Linux 11", "Kernel: Linux 5.10.63-v8+", "Architecture: arm64". */
export function readHostnamectl(key: string, value: string, source: Source, facts: FactsBuilder): void {
	if (key === 'Operating System') facts.setHost('osRelease', fact({prettyName: value}, source));
	if (key === 'Hardware Model') facts.setHost('boardModel', fact(value, source));
	if (key === 'Architecture') readArchitecture(value, 'hostnamectl', source, facts);
	if (key === 'Kernel') readKernelKey(value, source, facts);
}

/** "Kernel: Linux 5.10.63-v8+" (hostnamectl), "Kernel: 5.10.63-v8+/aarch64" or "Kernel: aarch64" (sbc-bench). */
export function readKernelKey(value: string, source: Source, facts: FactsBuilder): void {
	const named = /^(Linux|Darwin)\s+(\d+\.\d+\S*)/.exec(value);
	if (named) {
		setKernelName(named[1]!, source, facts);
		setKernelRelease(named[2]!, source, facts);
		return;
	}
	const pair = /^(\d+\.\d+[^\s/,]*)(?:\/([\w-]+))?/.exec(value);
	if (pair) {
		setKernelRelease(pair[1]!, source, facts);
		if (pair[2] && isUnameMachine(pair[2])) facts.setHost('kernelMachine', fact(pair[2], source));
		return;
	}
	const machine = /^([\w-]+)/.exec(value)?.[1];
	if (machine && isUnameMachine(machine)) facts.setHost('kernelMachine', fact(machine, source));
}

/**
 * sbc-bench lines, wherever they sit: the "sbc-bench v0.9.0 Raspberry Pi 4 Model B Rev 1.4 (…)"
 * header, "Kernel: 5.10.63-v8+/aarch64", "Userland: armhf", and the one-line summary
 * "BCM2711B0, RPi 4 Model B Rev 1.4 / BCM2711 Rev B0, Kernel: aarch64, Userland: arm64".
 */
export function readSbcBench(text: string, line: PasteLine, facts: FactsBuilder): boolean {
	const source = pasteAt(line.no, line.text);
	const header = /^sbc-bench v\d[\w.-]*\s+(.+?)\s*(?:\([^)]*\)\s*)?$/.exec(text.trim());
	if (header) {
		facts.setHost('boardModel', fact(header[1]!, source));
		return true;
	}
	let any = false;
	const kernel = /(?:^|,\s*)\s*Kernel:\s*([^,\s]+)/.exec(text);
	const userland = /(?:^|,\s*)\s*Userland:\s*([\w-]+)/.exec(text);
	if (kernel && (userland || /^\s*Kernel:\s*\d+\.\d+[^\s/]*\/\w+\s*$/.test(text))) {
		readKernelKey(kernel[1]!, source, facts);
		any = true;
	}
	if (userland && isDebianArch(userland[1]!)) {
		facts.setHost('dpkgArch', fact(userland[1]!, source));
		any = true;
	}
	return any;
}

/** macOS: `sysctl` lines with their keys, and `sw_vers`. */
export function readMacLine(text: string, line: PasteLine, facts: FactsBuilder): boolean {
	const source = pasteAt(line.no, line.text);
	// Docker Desktop for Mac's issue form: "Intel chip or Apple chip: M1 Pro", or the answer alone as a bullet ("- Apple M1").
	const chip = /^\W*(?:(?:Intel chip or Apple chip|Apple chip|Chip)\s*:\s*(?:Apple\s+)?|Apple\s+)(M[1-9](?:\s+(?:Pro|Max|Ultra))?)\W*$/i.exec(text)?.[1];
	if (chip) {
		facts.setHost('cpuModel', fact(`Apple ${chip.replace(/\s+/g, ' ').replace(/^m/, 'M')}`, source));
		return true;
	}
	const pair = /^\s*(sysctl\.proc_translated|hw\.optional\.arm64|machdep\.cpu\.brand_string|ProductName|ProductVersion):\s*(.+)$/.exec(text);
	if (!pair) return false;
	const value = pair[2]!.trim();
	switch (pair[1]) {
		case 'sysctl.proc_translated':
			if (value === '0' || value === '1') facts.setHost('rosettaTranslated', fact(value === '1', source));
			break;
		case 'hw.optional.arm64':
			if (value === '0' || value === '1') facts.setHost('arm64Capable', fact(value === '1', source));
			break;
		case 'machdep.cpu.brand_string':
			facts.setHost('cpuModel', fact(value, source));
			break;
		case 'ProductName':
			if (/^(?:macOS|Mac OS X)$/.test(value)) facts.setHost('osKind', fact('darwin', source));
			break;
		default:
			facts.setHost('osVersion', fact(value, source));
	}
	return true;
}

/** `/proc/device-tree/model` is NUL-terminated; pasted, the NUL shows as `\0`, `^@` or zsh's `%`. */
export function cleanDeviceTreeModel(text: string): string {
	return text
		.trim()
		.replace(/(?:\\0|\\x00|\^@|%)+$/, '')
		.trim();
}
