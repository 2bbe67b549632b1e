import {fact} from '../fact.js';
import type {HostFactsPart, ProbeContext} from './probe-context.js';

/** Windows' names for the CPU, mapped to what uname -m would say. */
const MACHINES: Readonly<Record<string, string>> = {AMD64: 'x86_64', ARM64: 'arm64', X86: 'i686', IA64: 'ia64'};

/**
 * Windows: the CPU from the environment. A 32-bit or emulated Node sees its own architecture in
 * PROCESSOR_ARCHITECTURE; PROCESSOR_ARCHITEW6432 (WOW64) and PROCESSOR_IDENTIFIER (set by the
 * system from the real CPU) tell the native one, so an x64 Node on ARM64 Windows is seen.
 */
export function probeWindows(context: ProbeContext): HostFactsPart {
	const env = context.host.env;
	const part: HostFactsPart = {};
	const wow = env['PROCESSOR_ARCHITEW6432']?.trim();
	const own = env['PROCESSOR_ARCHITECTURE']?.trim();
	const identifier = env['PROCESSOR_IDENTIFIER']?.trim();
	if (wow && MACHINES[wow.toUpperCase()]) {
		part.kernelMachine = fact(MACHINES[wow.toUpperCase()]!, {kind: 'env', ref: 'PROCESSOR_ARCHITEW6432', excerpt: wow});
	} else if (identifier && /^ARMv8|^ARM64/i.test(identifier) && context.kernel.kernelMachine?.value !== 'arm64') {
		part.kernelMachine = fact('arm64', {kind: 'env', ref: 'PROCESSOR_IDENTIFIER', excerpt: identifier});
	} else if (!context.kernel.kernelMachine && own && MACHINES[own.toUpperCase()]) {
		part.kernelMachine = fact(MACHINES[own.toUpperCase()]!, {kind: 'env', ref: 'PROCESSOR_ARCHITECTURE', excerpt: own});
	}
	if (identifier) part.cpuModel = fact(identifier, {kind: 'env', ref: 'PROCESSOR_IDENTIFIER', excerpt: identifier});
	const count = env['NUMBER_OF_PROCESSORS']?.trim();
	if (count && /^\d+$/.test(count) && Number(count) > 0) {
		part.cpuCount = fact(Number(count), {kind: 'env', ref: 'NUMBER_OF_PROCESSORS', excerpt: count});
	}
	// os.release() on Windows is the build, e.g. 10.0.22631.
	if (context.kernel.kernelRelease) part.osVersion = context.kernel.kernelRelease;
	return part;
}
