import {fact, type Fact} from '../fact.js';
import type {Host} from '../seam/host.js';
import type {OsKind} from '../types.js';
import type {ProbeContext} from './probe-context.js';

const BY_PLATFORM: Readonly<Record<string, OsKind>> = {linux: 'linux', darwin: 'darwin', win32: 'windows'};

/** From Node's process.platform on a live host, else the kernel's sysname. */
export function osKindOf(host: Host, kernel: ProbeContext['kernel']): Fact<OsKind> | undefined {
	const platform = host.node?.platform;
	if (platform !== undefined && BY_PLATFORM[platform]) return fact(BY_PLATFORM[platform], {kind: 'node', ref: 'process.platform', excerpt: platform});
	const name = kernel.kernelName?.value;
	if (name === undefined) return undefined;
	if (/^linux$/i.test(name)) return fact('linux', kernel.kernelName!.source);
	if (/^darwin$/i.test(name)) return fact('darwin', kernel.kernelName!.source);
	if (/^windows/i.test(name)) return fact('windows', kernel.kernelName!.source);
	return undefined;
}
