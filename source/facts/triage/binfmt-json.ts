import {archFromName} from '../parse/binfmt.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * The status `docker run --privileged --rm tonistiigi/binfmt` prints: {"supported": [...], "emulators": [...]}.
 * The tool runs as the engine's own platform and lists that one first, then what its emulators
 * add; so the first entry is the engine's native platform (linux/arm/v8 on a 32-bit engine over a
 * 64-bit ARM kernel, as in a manifest error) and the rest says nothing of the CPU. "emulators" are
 * the names registered in binfmt_misc, state and flags unseen. False when the JSON is not this.
 */
export function readBinfmtStatus(object: Record<string, unknown>, lines: readonly PasteLine[], facts: FactsBuilder): boolean {
	const supported = object['supported'];
	const emulators = object['emulators'];
	if (!Array.isArray(supported) || !(emulators === null || Array.isArray(emulators))) return false;
	const platforms = supported.filter((entry): entry is string => typeof entry === 'string' && /^linux\/\w+(?:\/\w+)?$/.test(entry));
	if (platforms.length === 0) return false;
	const native = platforms[0]!;
	const at = lineWith(lines, `"${native}"`);
	facts.addSignal({kind: 'engine-platform', source: pasteAt(at.no, at.text), hostPlatform: native});
	for (const name of emulators ?? []) {
		if (typeof name !== 'string' || !/^[\w.+-]+$/.test(name)) continue;
		const line = lineWith(lines, `"${name}"`);
		const arch = archFromName(name);
		facts.addBinfmtHandler({name, enabled: true, flags: '', nameOnly: true, ...(arch === undefined ? {} : {arch}), source: pasteAt(line.no, line.text)});
	}
	return true;
}

function lineWith(lines: readonly PasteLine[], needle: string): PasteLine {
	return lines.find(line => line.text.includes(needle)) ?? lines[0]!;
}
