import {neutralize} from '../../text/sanitize.js';

/** Bounds that keep triage fast on anything: a 10 MB log or binary garbage pasted by mistake. */
export const TRIAGE_LIMITS = {
	/** Characters read from the start of the paste; the rest is ignored. */
	maxChars: 2 * 1024 * 1024,
	/** Lines read; the rest is ignored. */
	maxLines: 20_000,
	/** A longer line is cut: no output this doctor reads has lines this long… */
	maxLineChars: 1000,
	/** …but `docker info --format '{{json .}}'` prints several KB on one line: a line opening with `{` or `[` may be this long. */
	maxJsonLineChars: 256 * 1024,
} as const;

/** One pasted line, cleaned of what pasting adds: `> ` quotes, colours, CR, NUL, UTF-16 spacing. */
export interface PasteLine {
	/** 1-based line number in the paste as given. */
	readonly no: number;
	/** Right-trimmed; leading indentation kept, because docker and podman outputs nest by it. */
	readonly text: string;
}

export function splitPaste(input: string): PasteLine[] {
	let text = input.length > TRIAGE_LIMITS.maxChars ? input.slice(0, TRIAGE_LIMITS.maxChars) : input;
	if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
	// UTF-16 read as bytes (wsl.exe writes UTF-16LE): every other character is NUL.
	if (looksUtf16(text)) text = text.replace(/\u0000/g, '');
	const lines: PasteLine[] = [];
	let start = 0;
	while (start <= text.length && lines.length < TRIAGE_LIMITS.maxLines) {
		let end = start;
		while (end < text.length && text.charCodeAt(end) !== 10 && text.charCodeAt(end) !== 13) end++;
		lines.push({no: lines.length + 1, text: cleanLine(text.slice(start, Math.min(end, start + lineCap(text, start))))});
		if (end >= text.length) break;
		start = end + (text.charCodeAt(end) === 13 && text.charCodeAt(end + 1) === 10 ? 2 : 1);
	}
	return lines;
}

function lineCap(text: string, start: number): number {
	let i = start;
	while (i < text.length && i - start < 64 && (text[i] === ' ' || text[i] === '\t')) i++;
	return text[i] === '{' || text[i] === '[' ? TRIAGE_LIMITS.maxJsonLineChars : TRIAGE_LIMITS.maxLineChars;
}

function looksUtf16(text: string): boolean {
	const sample = text.slice(0, 4096);
	if (sample.length < 8) return false;
	let nul = 0;
	for (let i = 0; i < sample.length; i++) if (sample.charCodeAt(i) === 0) nul++;
	return nul > sample.length * 0.3;
}

function cleanLine(raw: string): string {
	let line = neutralize(raw.replace(/\u0000/g, '')).replace(/\uFFFD/g, '');
	// Markdown quotes (a reply quoting a paste) and a cmd/PowerShell `>` prompt look alike; both go, the command stays.
	line = line.replace(/^\s*(?:>\s?)+/, '');
	// Compose's log prefix (`chatmock-1  | `, `chatmock_1   | `): the container's line follows, indentation and all.
	line = line.replace(/^[\w.-]{1,64}\s+\| /, '');
	// logrus prefixes of colima and friends: `INFO[0000] arch: aarch64`.
	line = line.replace(/^(?:INFO|WARN|WARNING|ERRO|FATA|DEBU)\[\d+\]\s*/, '');
	line = line.replace(/\s+$/, '');
	if (!/^\s*(?:```|~~~)/.test(line)) line = line.replace(/^(\s*)`(?!`)/, '$1').replace(/(?<!`)`$/, '');
	return despace(line);
}

/** `N A M E   S T A T E` (UTF-16 whose NULs became spaces) → `NAME STATE`; other lines unchanged. */
export function despace(line: string): string {
	if (line.length < 7) return line;
	for (const offset of [0, 1]) {
		let letters = 0;
		let ok = true;
		for (let i = offset; i < line.length; i += 2) {
			const odd = line[i + 1];
			if (odd !== undefined && odd !== ' ') {
				ok = false;
				break;
			}
			if (/[A-Za-z]/.test(line[i]!)) letters++;
		}
		if (ok && letters >= 4) {
			let out = offset === 1 ? line[0]! : '';
			for (let i = offset; i < line.length; i += 2) out += line[i];
			return out.replace(/\s+$/, '');
		}
	}
	return line;
}
