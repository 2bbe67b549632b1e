import {fact, type Fact} from '../fact.js';
import {pageSizeFromAuxv} from '../parse/auxv.js';
import {commandFact} from './command-fact.js';
import type {ProbeContext} from './probe-context.js';

/**
 * Kernels built for 16K pages say so in their release: Raspberry Pi 5's kernel_2712
 * (`6.6.31+rpt-rpi-2712`) and distributions' `+16k`/`-16k` flavours.
 */
const SIXTEEN_K_RELEASE = /(?:^|[-_+.])2712\b|[-_+.]16k\b/i;

const AUXV = '/proc/self/auxv';

/** Node's architectures by word size: an auxv is written in the reading process's own. */
const SIXTY_FOUR_BIT = new Set(['x64', 'arm64', 'ppc64', 's390x', 'riscv64', 'loong64', 'mips64', 'mips64el']);
const THIRTY_TWO_BIT = new Set(['arm', 'ia32', 'mips', 'mipsel', 'ppc', 's390', 'riscv32']);

/**
 * The memory page size: the kernel's own answer in /proc/self/auxv (a file read, where a
 * process spawn costs tens of ms on a Pi), else getconf PAGESIZE, else the kernel release.
 */
export async function probePageSize(context: ProbeContext): Promise<Fact<number> | undefined> {
	const system = context.osKind?.value;
	if (system === 'linux' || system === undefined) {
		const fromAuxv = await readAuxv(context);
		if (fromAuxv) return fromAuxv;
	}
	if (system !== 'windows') {
		const printed = await commandFact(context, 'getconf', ['PAGESIZE']);
		const size = printed && /^\d+$/.test(printed.value) ? Number(printed.value) : undefined;
		if (printed && size !== undefined && size >= 512 && (size & (size - 1)) === 0) return fact(size, printed.source);
	}
	const release = context.kernel.kernelRelease;
	if (system !== 'darwin' && release && SIXTEEN_K_RELEASE.test(release.value)) {
		return fact(16384, {kind: 'derived', ref: `kernel release ${release.value}`, excerpt: release.value});
	}
	return undefined;
}

async function readAuxv(context: ProbeContext): Promise<Fact<number> | undefined> {
	const bytes = await context.host.readFile(AUXV, {maxBytes: 4096});
	if (bytes === undefined) return undefined;
	const arch = context.host.node?.arch;
	const word = arch === undefined ? undefined : SIXTY_FOUR_BIT.has(arch) ? 8 : THIRTY_TWO_BIT.has(arch) ? 4 : undefined;
	const size = pageSizeFromAuxv(bytes, word);
	return size === undefined ? undefined : fact(size, {kind: 'file', ref: AUXV, excerpt: `AT_PAGESZ ${size}`});
}
