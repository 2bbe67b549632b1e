import {fact, type Fact} from '../fact.js';
import {wslFromKernel} from '../parse/wsl.js';
import type {WslKind} from '../types.js';
import type {HostFactsPart, ProbeContext} from './probe-context.js';

const WSL_INTEROP_BINFMT = '/proc/sys/fs/binfmt_misc/WSLInterop';

/**
 * WSL1 or WSL2, from the kernel's name first, then the environment (WSL_INTEROP is WSL2 only),
 * then the binfmt entry WSL's init registers. "none" only when the kernel is known and says so.
 */
export async function probeWsl(context: ProbeContext): Promise<HostFactsPart> {
	const part: HostFactsPart = {};
	const env = context.host.env;
	const distro = env['WSL_DISTRO_NAME']?.trim();
	if (distro) part.wslDistro = fact(distro, {kind: 'env', ref: 'WSL_DISTRO_NAME', excerpt: distro});
	const wsl = await wslKind(context);
	if (wsl) part.wsl = wsl;
	return part;
}

async function wslKind(context: ProbeContext): Promise<Fact<WslKind> | undefined> {
	const {kernelRelease, procVersion} = context.kernel;
	for (const kernelFact of [kernelRelease, procVersion]) {
		const kind = kernelFact === undefined ? undefined : wslFromKernel(kernelFact.value);
		if (kind) return fact(kind, kernelFact!.source);
	}
	const osKind = context.osKind?.value;
	if (osKind === 'darwin' || osKind === 'windows') return fact('none', context.osKind!.source);
	const interop = context.host.env['WSL_INTEROP']?.trim();
	if (interop) return fact('wsl2', {kind: 'env', ref: 'WSL_INTEROP', excerpt: interop});
	if (await context.host.exists(WSL_INTEROP_BINFMT)) return fact('wsl2', {kind: 'file', ref: WSL_INTEROP_BINFMT});
	const known = kernelRelease ?? procVersion;
	if (known) return fact('none', known.source);
	return undefined;
}
