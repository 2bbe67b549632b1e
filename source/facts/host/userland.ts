import {fact, type Fact} from '../fact.js';
import {isDebianArch} from '../parse/arch-names.js';
import {parseElfHeader} from '../parse/elf.js';
import type {ElfInfo} from '../types.js';
import {commandFact} from './command-fact.js';
import {dpkgArchFromStatus} from './dpkg-status.js';
import type {HostFactsPart, ProbeContext} from './probe-context.js';

/** Userland binaries tried in order; the first that is an ELF file says what the userland was built for. */
const ELF_CANDIDATES = ['/bin/sh', '/usr/bin/env', '/bin/busybox', '/usr/bin/dockerd', '/usr/bin/dpkg'];
const DPKG_STATUS = '/var/lib/dpkg/status';

/** What the userland (not the kernel) was built for: ELF of /bin/sh, dpkg's arch, LONG_BIT, Node's arch. */
export async function probeUserland(context: ProbeContext): Promise<HostFactsPart> {
	const runsLinuxCommands = context.osKind?.value !== 'windows';
	const [userlandElf, dpkgArch, longBit] = await Promise.all([
		readUserlandElf(context),
		runsLinuxCommands ? readDpkgArch(context) : undefined,
		runsLinuxCommands ? readLongBit(context) : undefined,
	]);
	const part: HostFactsPart = {};
	if (userlandElf) part.userlandElf = userlandElf;
	if (dpkgArch) part.dpkgArch = dpkgArch;
	if (longBit) part.longBit = longBit;
	const node = context.host.node;
	if (node) {
		part.nodeArch = fact(node.arch, {kind: 'node', ref: 'process.arch', excerpt: node.arch});
		part.nodePlatform = fact(node.platform, {kind: 'node', ref: 'process.platform', excerpt: node.platform});
	}
	return part;
}

async function readUserlandElf(context: ProbeContext): Promise<Fact<ElfInfo> | undefined> {
	for (const path of ELF_CANDIDATES) {
		const bytes = await context.host.readFile(path, {maxBytes: 64});
		const elf = bytes === undefined ? undefined : parseElfHeader(bytes);
		if (elf) return fact(elf, {kind: 'file', ref: path});
	}
	return undefined;
}

async function readDpkgArch(context: ProbeContext): Promise<Fact<string> | undefined> {
	const printed = await commandFact(context, 'dpkg', ['--print-architecture']);
	if (printed && isDebianArch(printed.value)) return printed;
	// A folder or a host without the dpkg program: dpkg's own package entry says the same.
	const status = await context.host.readText(DPKG_STATUS, {maxBytes: 32 * 1024 * 1024});
	const found = status === undefined ? undefined : dpkgArchFromStatus(status);
	return found && fact(found.arch, {kind: 'file', ref: DPKG_STATUS, line: found.line, excerpt: found.excerpt});
}

async function readLongBit(context: ProbeContext): Promise<Fact<32 | 64> | undefined> {
	const printed = await commandFact(context, 'getconf', ['LONG_BIT']);
	if (printed?.value === '32' || printed?.value === '64') return fact(printed.value === '32' ? 32 : 64, printed.source);
	return undefined;
}
