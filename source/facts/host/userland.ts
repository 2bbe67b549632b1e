import {fact, type Fact} from '../fact.js';
import {isDebianArch} from '../parse/arch-names.js';
import {debianArchOfElf} from '../parse/dpkg-elf.js';
import {parseElfHeader} from '../parse/elf.js';
import type {ElfInfo} from '../types.js';
import {commandFact} from './command-fact.js';
import {dpkgArchFromStatus} from './dpkg-status.js';
import type {HostFactsPart, ProbeContext} from './probe-context.js';

/** Userland binaries tried in order; the first that is an ELF file says what the userland was built for. */
const ELF_CANDIDATES = ['/bin/sh', '/usr/bin/env', '/bin/busybox', '/usr/bin/dockerd', '/usr/bin/dpkg'];
const DPKG_STATUS = '/var/lib/dpkg/status';
const DPKG_PROGRAM = '/usr/bin/dpkg';

/**
 * What the userland (not the kernel) was built for: ELF of /bin/sh, dpkg's arch, LONG_BIT, Node's arch.
 */
export async function probeUserland(context: ProbeContext): Promise<HostFactsPart> {
	const runsLinuxCommands = context.osKind?.value !== 'windows';
	const elf = readUserlandElf(context);
	const [userlandElf, dpkgArch, longBit] = await Promise.all([elf, runsLinuxCommands ? readDpkgArch(context) : undefined, runsLinuxCommands ? readLongBit(context, elf) : undefined]);
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

/** dpkg's architecture: its program's ELF header, else `dpkg --print-architecture`, else dpkg's own package entry. */
async function readDpkgArch(context: ProbeContext): Promise<Fact<string> | undefined> {
	const program = await context.host.readFile(DPKG_PROGRAM, {maxBytes: 64});
	const built = program === undefined ? undefined : debianArchOfElf(program);
	if (built) return fact(built, {kind: 'file', ref: DPKG_PROGRAM, excerpt: `ELF header: ${built}`});
	const printed = await commandFact(context, 'dpkg', ['--print-architecture']);
	if (printed && isDebianArch(printed.value)) return printed;
	// A folder or a host without the dpkg program: dpkg's own package entry says the same.
	const status = await context.host.readText(DPKG_STATUS, {maxBytes: 32 * 1024 * 1024});
	const found = status === undefined ? undefined : dpkgArchFromStatus(status);
	return found && fact(found.arch, {kind: 'file', ref: DPKG_STATUS, line: found.line, excerpt: found.excerpt});
}

/**
 * LONG_BIT is the userland's word size, which /bin/sh's ELF class already says: on the doctor's own
 * machine (where getconf would run) getconf runs only without it. A folder keeps it unknown, as before.
 */
async function readLongBit(context: ProbeContext, elf: Promise<Fact<ElfInfo> | undefined>): Promise<Fact<32 | 64> | undefined> {
	const userland = await elf;
	if (context.host.node !== undefined && userland?.source.ref === '/bin/sh') return fact(userland.value.bits, userland.source);
	const printed = await commandFact(context, 'getconf', ['LONG_BIT']);
	if (printed?.value === '32' || printed?.value === '64') return fact(printed.value === '32' ? 32 : 64, printed.source);
	return undefined;
}
