import {fact} from '../fact.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * An architecture or a board a person names in a sentence: "This NAS has armv7l.", "running
 * ubuntu server 16.04 i386", "my SheevaPlug (Marvell Kirkwood)", "Raspberry Pi Zero W". Weak
 * evidence, kept apart from what commands print: the diagnosis reads it only when nothing else
 * names the architecture, and never with more than low confidence.
 */
const MACHINE_WORD = /(?<![A-Za-z0-9/:.@=-])(aarch64|arm64|armv[5-8][a-z]*|armhf|armel|x86_64|amd64|i[3-6]86|ppc64le|s390x|riscv64)(?![A-Za-z0-9/:@=-]|\.\w)/i;
/** ARMv5TE systems-on-chip people name instead of the architecture (Kirkwood NAS boxes and plugs). */
const ARMV5_SOC = /\b(?:Kirkwood|Feroceon|88F6[12]\d\d|88F5[01]\d\d|Orion5x|SheevaPlug|GuruPlug|DockStar|Pogoplug)\b/i;
const PI_BOARD = /\bRaspberry\s*Pi\s*(Zero\s*2\s*W|Zero(?:\s*W[H]?)?|[1-5](?:\s*Model\s*[AB]\+?)?|Model\s*[AB]\+?|[AB]\+?)(?![\w.])/i;

export function readProseWords(line: PasteLine, facts: FactsBuilder): void {
	const text = line.text;
	// A sentence has words; a value alone on its line is read by its shape elsewhere (arm64 alone says nothing).
	if (!/\S\s+\S/.test(text) || !/[a-z]/i.test(text)) return;
	const source = () => pasteAt(line.no, text);
	// A Kubernetes arch label or selector (`kubernetes.io/arch: amd64` in a manifest) is no sentence: node labels are read as such.
	if (!facts.hasHost('mentionedMachine') && !/kubernetes\.io\/arch\s*[:=]/.test(text)) {
		if (ARMV5_SOC.test(text)) facts.setHost('mentionedMachine', fact('armv5tel', source()));
		else {
			const word = MACHINE_WORD.exec(text)?.[1];
			if (word) facts.setHost('mentionedMachine', fact(word.toLowerCase(), source()));
		}
	}
	if (!facts.hasHost('mentionedBoard')) {
		const board = PI_BOARD.exec(text)?.[1];
		if (board) facts.setHost('mentionedBoard', fact(`Raspberry Pi ${board.replace(/\s+/g, ' ')}`, source()));
	}
}
