import {fact} from '../fact.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/** The first line of the diagnostic header OrbStack asks for in its issue template. */
export const ORBSTACK_REPORT_START = /^\s*OrbStack info:\s*$/;

/** OrbStack reports Go's names for the Mac's CPU; `uname -m` on macOS says arm64 or x86_64. */
const MAC_MACHINE: Readonly<Record<string, string>> = {arm64: 'arm64', amd64: 'x86_64', x86_64: 'x86_64'};

/**
 * OrbStack's diagnostic header: "OrbStack info:" (Version, Commit), then "System info:" with
 * "macOS: 26.3.1 (25D2128)", "CPU: arm64, 8 cores", "CPU model: Apple M1". It describes the Mac
 * and says the engine is OrbStack's. False ends the header.
 */
export function readOrbstackReport(line: PasteLine, facts: FactsBuilder): boolean {
	const text = line.text;
	const cite = pasteAt(line.no, text);
	if (ORBSTACK_REPORT_START.test(text)) {
		facts.setEngine('productHint', fact('orbstack', cite));
		return true;
	}
	if (text.trim() === '' || /^\s*System info:\s*$/.test(text)) return true;
	const pair = /^\s+([A-Za-z][\w ]{0,30}?):\s*(.+)$/.exec(text);
	if (!pair) return false;
	const value = pair[2]!.trim();
	switch (pair[1]) {
		case 'macOS': {
			facts.setHost('osKind', fact('darwin', cite));
			const version = /^\d+(?:\.\d+){0,2}/.exec(value)?.[0];
			if (version) facts.setHost('osVersion', fact(version, cite));
			break;
		}
		case 'CPU': {
			const cpu = /^(\w+)(?:,\s*(\d+) cores?)?/.exec(value);
			const machine = cpu ? MAC_MACHINE[cpu[1]!] : undefined;
			if (machine) facts.setHost('kernelMachine', fact(machine, cite));
			if (cpu?.[2]) facts.setHost('cpuCount', fact(Number(cpu[2]), cite));
			break;
		}
		case 'CPU model':
			facts.setHost('cpuModel', fact(value, cite));
			break;
		default:
			break;
	}
	return true;
}
