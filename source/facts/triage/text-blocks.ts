import {fact} from '../fact.js';
import {parseCpuinfo} from '../parse/cpuinfo.js';
import {parseOsRelease} from '../parse/os-release.js';
import {pasteSourceAt} from '../parse/source-at.js';
import type {OsRelease} from '../types.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import {readArchitecture} from './host-lines.js';
import type {PasteLine} from './paste-lines.js';

export type BlockKind = 'cpuinfo' | 'os-release' | 'lsb';

/** A /proc/cpuinfo line: the kernel pads the key with tabs before the colon ("CPU architecture:" is the exception). */
export const CPUINFO_START =
	/^(?:processor\s*:\s*\d+$|(?:model name|BogoMIPS|Features|CPU implementer|CPU variant|CPU part|CPU revision|Hardware|Revision|vendor_id|cpu family)\s+:\s|CPU architecture:\s*\w)/;
export const OS_RELEASE_START = /^(?:PRETTY_NAME|NAME|ID|ID_LIKE|VERSION_ID|VERSION|VERSION_CODENAME)=/;
export const LSB_START = /^(?:Distributor ID|Description|Release|Codename):\s/;

/** Whether a line continues a block of this kind (blank lines continue cpuinfo: cores are separated by them). */
export function continuesBlock(kind: BlockKind, text: string): boolean {
	switch (kind) {
		case 'cpuinfo':
			return text.trim() === '' || /^[A-Za-z#][\w \t()#/-]{0,40}:/.test(text);
		case 'os-release':
			return /^[A-Z][A-Z0-9_]*=/.test(text) || /^\s*#/.test(text);
		case 'lsb':
			return /^(?:No LSB modules|Distributor ID|Description|Release|Codename|Architecture):/.test(text);
	}
}

/** Hands a finished block to its parser, citing lines of the paste. */
export function readBlock(kind: BlockKind, lines: readonly PasteLine[], facts: FactsBuilder): void {
	if (lines.length === 0) return;
	const first = lines[0]!.no;
	const text = lines.map(line => line.text).join('\n');
	if (kind === 'cpuinfo') readCpuinfo(text, first, facts);
	else if (kind === 'os-release') facts.setHost('osRelease', parseOsRelease(text, pasteSourceAt(first)));
	else readLsb(lines, facts);
}

function readCpuinfo(text: string, first: number, facts: FactsBuilder): void {
	const parsed = parseCpuinfo(text, pasteSourceAt(first));
	const {revision: _revision, model, machineHint, ...host} = parsed;
	for (const key of Object.keys(host) as (keyof typeof host)[]) facts.setHost(key, host[key] as never);
	if (model) facts.setHost('boardModel', model);
	// Only a hint (s390x, ppc64le, i686): triageText makes it the kernel machine when no uname is pasted, wherever that sits.
	facts.setHost('machineHint', machineHint);
}

/** `lsb_release -a`; sbc-bench follows it with dpkg's "Architecture: armhf". */
function readLsb(lines: readonly PasteLine[], facts: FactsBuilder): void {
	const release: {-readonly [K in keyof OsRelease]?: string} = {};
	let cite: PasteLine | undefined;
	for (const line of lines) {
		const pair = /^([\w ]+):\s*(.+)$/.exec(line.text);
		if (!pair) continue;
		const value = pair[2]!.trim();
		switch (pair[1]) {
			case 'Distributor ID':
				release.id ??= value.toLowerCase();
				cite ??= line;
				break;
			case 'Description':
				release.prettyName ??= value;
				cite = line;
				break;
			case 'Release':
				release.versionId ??= value;
				break;
			case 'Codename':
				release.versionCodename ??= value;
				break;
			case 'Architecture':
				readArchitecture(value, 'lsb', pasteAt(line.no, line.text), facts);
				break;
			default:
				break;
		}
	}
	if (cite) facts.setHost('osRelease', fact(release as OsRelease, pasteAt(cite.no, cite.text)));
}
