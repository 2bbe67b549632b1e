/**
 * Text from outside (log lines, image labels, container names, pastes) may carry escape
 * sequences: an OSC 52 would write the user's clipboard, CSI sequences would move the cursor.
 * Everything foreign is passed through here before it reaches a screen, a report or a clipboard.
 */
// ESC-introduced sequences (CSI, OSC, DCS, SOS/PM/APC, two-byte), their 8-bit C1 forms, then any other control but \t and \n.
const ESCAPES = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B[\]PX^_][\s\S]*?(?:\u0007|\u001B\\|\u009C|$)|\u001B[@-Z\\-_]|\u009B[0-?]*[ -/]*[@-~]|[\u0090\u009D\u0098\u009E\u009F][\s\S]*?(?:\u0007|\u009C|$)/g;

const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** Removes escape sequences and shows other control characters as U+FFFD; keeps tabs and newlines. */
export function neutralize(text: string): string {
	return text.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(CONTROLS, '\uFFFD');
}

/** One line of foreign text: neutralized, newlines shown as spaces, capped. */
export function neutralizeLine(text: string, max = 500): string {
	const line = neutralize(text).replace(/[\n\t]+/g, ' ');
	return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
