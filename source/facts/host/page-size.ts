import {fact, type Fact} from '../fact.js';
import {commandFact} from './command-fact.js';
import type {ProbeContext} from './probe-context.js';

/**
 * Kernels built for 16K pages say so in their release: Raspberry Pi 5's kernel_2712
 * (`6.6.31+rpt-rpi-2712`) and distributions' `+16k`/`-16k` flavours.
 */
const SIXTEEN_K_RELEASE = /(?:^|[-_+.])2712\b|[-_+.]16k\b/i;

/** The memory page size: getconf PAGESIZE, else inferred from the kernel release (Linux only). */
export async function probePageSize(context: ProbeContext): Promise<Fact<number> | undefined> {
	if (context.osKind?.value !== 'windows') {
		const printed = await commandFact(context, 'getconf', ['PAGESIZE']);
		const size = printed && /^\d+$/.test(printed.value) ? Number(printed.value) : undefined;
		if (printed && size !== undefined && size >= 512 && (size & (size - 1)) === 0) return fact(size, printed.source);
	}
	const release = context.kernel.kernelRelease;
	if (context.osKind?.value !== 'darwin' && release && SIXTEEN_K_RELEASE.test(release.value)) {
		return fact(16384, {kind: 'derived', ref: `kernel release ${release.value}`, excerpt: release.value});
	}
	return undefined;
}
