import {fact, type Fact} from '../fact.js';
import {commandFact} from './command-fact.js';
import type {HostFactsPart, ProbeContext} from './probe-context.js';

/**
 * macOS: Rosetta translation of this process, Apple Silicon, CPU brand and OS version.
 * `sysctl -in` prints nothing for a key the machine lacks: both keys are absent on Intel Macs,
 * where nothing is translated and there is no arm64 CPU, so empty reads as false.
 */
export async function probeMacos(context: ProbeContext): Promise<HostFactsPart> {
	const [translated, arm64, brand, version] = await Promise.all([
		commandFact(context, 'sysctl', ['-in', 'sysctl.proc_translated']),
		commandFact(context, 'sysctl', ['-in', 'hw.optional.arm64']),
		commandFact(context, 'sysctl', ['-n', 'machdep.cpu.brand_string']),
		commandFact(context, 'sw_vers', ['-productVersion']),
	]);
	const part: HostFactsPart = {};
	const rosetta = flag(translated);
	if (rosetta) part.rosettaTranslated = rosetta;
	const capable = flag(arm64);
	if (capable) part.arm64Capable = capable;
	if (brand?.value) part.cpuModel = brand;
	if (version?.value) part.osVersion = version;
	return part;
}

function flag(printed: Fact<string> | undefined): Fact<boolean> | undefined {
	if (printed === undefined) return undefined;
	if (printed.value === '1') return fact(true, printed.source);
	if (printed.value === '0' || printed.value === '') return fact(false, printed.source);
	return undefined;
}
