import {archFromName, BINFMT_CONTROL_FILES, parseBinfmtEntry} from '../parse/binfmt.js';
import type {BinfmtHandler} from '../types.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * Pasted binfmt_misc state: evidence that an emulator is registered with the kernel. Three kinds,
 * each read by its own rule:
 * - a handler's file (`cat /proc/sys/fs/binfmt_misc/qemu-aarch64`): `enabled`, `interpreter …`,
 *   `flags: F`, `offset 0`, `magic …`, `mask …`, with or without the cat line before it;
 * - Debian's `update-binfmts --display`: `qemu-aarch64 (enabled):`, then ` interpreter = …`, `fix_binary = yes`;
 * - a listing of the folder (`ls /proc/sys/fs/binfmt_misc`): handler names beside `register` and
 *   `status`, or one `/proc/sys/fs/binfmt_misc/qemu-arm` path a line. Names only: registered, state and flags unseen.
 */
const DISPLAY_FLAGS: Readonly<Record<string, string>> = {preserve: 'P', open_binary: 'O', credentials: 'C', fix_binary: 'F'};

export class BinfmtReader {
	private file: {name?: string; lines: PasteLine[]} | undefined;
	private display: {name: string; enabled: boolean; interpreter?: string; flags: string; line: PasteLine} | undefined;
	private listing = false;

	constructor(private readonly facts: FactsBuilder) {}

	read(line: PasteLine): void {
		const text = line.text.trim();
		if (this.file && this.continuesFile(text)) {
			this.file.lines.push(line);
			return;
		}
		this.endFile();
		if (this.display && this.continuesDisplay(text)) return;
		this.endDisplay();

		const cat = /\bcat\s+\/proc\/sys\/fs\/binfmt_misc\/([\w.+-]+)\s*$/.exec(text)?.[1];
		if (cat !== undefined && !BINFMT_CONTROL_FILES.has(cat)) {
			this.file = {name: cat, lines: []};
			this.listing = false;
			return;
		}
		if (text === 'enabled' || text === 'disabled') {
			this.file = {lines: [line]};
			this.listing = false;
			return;
		}
		const shown = /^([\w.+-]+) \((enabled|disabled)\):$/.exec(text);
		if (shown) {
			this.display = {name: shown[1]!, enabled: shown[2] === 'enabled', flags: '', line};
			this.listing = false;
			return;
		}
		if (/\bls\b(?:\s+-\w+)*\s+\/proc\/sys\/fs\/binfmt_misc\/?\s*$/.test(text)) {
			this.listing = true;
			return;
		}
		const path = /^\/proc\/sys\/fs\/binfmt_misc\/([\w.+-]+)$/.exec(text)?.[1];
		if (path !== undefined) {
			if (!BINFMT_CONTROL_FILES.has(path)) this.listed(path, line);
			return;
		}
		if (this.listing) {
			const names = text.split(/\s+/).filter(Boolean);
			// An `ls` of binfmt_misc always shows its two control files; a line without them is something else.
			if (names.some(name => BINFMT_CONTROL_FILES.has(name)) && names.every(name => /^[\w.+-]+$/.test(name))) {
				for (const name of names) if (!BINFMT_CONTROL_FILES.has(name)) this.listed(name, line);
			}
			this.listing = text === '';
		}
	}

	/** Ends what is still open at the end of the paste. */
	flush(): void {
		this.endFile();
		this.endDisplay();
	}

	private continuesFile(text: string): boolean {
		if (this.file!.lines.length === 0) return text === 'enabled' || text === 'disabled';
		return /^(?:interpreter \S|flags:|offset \d|magic [0-9a-f]|mask [0-9a-f])/.test(text);
	}

	private endFile(): void {
		const file = this.file;
		this.file = undefined;
		if (!file || file.lines.length === 0) return;
		const text = file.lines.map(l => l.text.trim()).join('\n');
		// Without the cat line, the interpreter names the handler: /usr/bin/qemu-aarch64-static → qemu-aarch64.
		const interpreter = /^interpreter (\S+)/m.exec(text)?.[1];
		const name =
			file.name ??
			interpreter
				?.split('/')
				.pop()
				?.replace(/-static$/, '');
		// A bare `enabled` line is not a handler; one with its interpreter is.
		if (name === undefined || (file.name === undefined && interpreter === undefined)) return;
		const handler = parseBinfmtEntry(name, text, (at, excerpt) => pasteAt(file.lines[at - 1]?.no ?? file.lines[0]!.no, excerpt));
		if (handler) this.facts.addBinfmtHandler(handler);
	}

	/** update-binfmts prints each flag as its own yes/no field (fix_binary = yes is the F a container needs). */
	private continuesDisplay(text: string): boolean {
		const pair = /^(\w+)\s*=\s*(.*)$/.exec(text);
		if (!pair) return false;
		const [, key, value = ''] = pair;
		const flag = DISPLAY_FLAGS[key!];
		if (key === 'interpreter' && value !== '') this.display!.interpreter = value;
		else if (key === 'flags') this.display!.flags += value;
		else if (flag && value === 'yes') this.display!.flags += flag;
		return true;
	}

	private endDisplay(): void {
		const display = this.display;
		this.display = undefined;
		if (!display) return;
		const arch = archFromName(display.name);
		this.facts.addBinfmtHandler({
			name: display.name,
			enabled: display.enabled,
			...(display.interpreter ? {interpreter: display.interpreter} : {}),
			flags: display.flags,
			...(arch === undefined ? {} : {arch}),
			source: pasteAt(display.line.no, display.line.text),
		});
	}

	private listed(name: string, line: PasteLine): void {
		const arch = archFromName(name);
		const handler: BinfmtHandler = {name, enabled: true, flags: '', nameOnly: true, ...(arch === undefined ? {} : {arch}), source: pasteAt(line.no, line.text)};
		this.facts.addBinfmtHandler(handler);
	}
}
