/**
 * The one rule for foreign text (log lines, image labels, container names, engine fields, pastes,
 * snapshot keys and values, file names a user typed): an escape sequence could act on the reader's
 * terminal (OSC 52 writes the clipboard, CSI clears the screen), a BiDi control reorders what the
 * reader sees (U+202E shows `exe.txt` as `txt.exe`). Everything foreign passes through here before
 * it reaches a screen, stderr, a report, a snapshot or a clipboard.
 */
// ESC-introduced sequences (CSI, OSC, DCS, SOS/PM/APC, two-byte), their 8-bit C1 forms, then any other control but \t and \n.
const ESCAPES = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B[\]PX^_][\s\S]*?(?:\u0007|\u001B\\|\u009C|$)|\u001B[@-Z\\-_]|\u009B[0-?]*[ -/]*[@-~]|[\u0090\u009D\u0098\u009E\u009F][\s\S]*?(?:\u0007|\u009C|$)/g;
/**
 * C0 (but \t, \n), DEL, C1, and the invisible direction controls: LRM/RLM (U+200E/F), ALM (U+061C),
 * the embeddings and overrides (U+202A–202E), the isolates (U+2066–2069), and the line/paragraph
 * separators a terminal or GitHub renders as a line break.
 */

export const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** Removes escape sequences and shows other unsafe characters as U+FFFD; keeps tabs and newlines. */
export function neutralize(text: string): string {
	return text.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(UNSAFE_CHARS, '\uFFFD');
}

/** One line of foreign text: neutralized, newlines shown as spaces, capped. */
export function neutralizeLine(text: string, max = 500): string {
	const line = neutralize(text).replace(/[\n\t]+/g, ' ');
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** True when text holds nothing the rule above would change (for tests and assertions). */
export function isNeutral(text: string): boolean {
	return !new RegExp(UNSAFE_CHARS.source).test(text);
}

/** The renderer's own colours: SGR sequences, `ESC [ params m`. */

const SGR = /\u001B\[[0-9;]*m/g;

/**
 * A whole rendered text at the output boundary: the renderer's own SGR colours kept, every other
 * escape sequence removed and unsafe character shown as U+FFFD (tabs and newlines kept).
 */
export function neutralizeOutput(text: string): string {
	let out = '';
	let at = 0;
	for (const match of text.matchAll(SGR)) {
		out += neutralize(text.slice(at, match.index)) + match[0];
		at = match.index + match[0].length;
	}
	return out + neutralize(text.slice(at));
}
