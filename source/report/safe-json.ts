/**
 * JSON that is safe to print on a terminal: JSON.stringify escapes C0 controls (ESC included)
 * but leaves DEL, C1 controls (U+0080–U+009F, e.g. the 8-bit CSI U+009B), the BiDi controls and
 * the line separators raw. They are escaped here (the same set as text/sanitize.ts neutralises);
 * the data stays the same once parsed.
 */
export function safeJson(value: unknown, indent: number | string = 2): string {
	return JSON.stringify(value, null, indent).replace(/[\u007F-\u009F\u061C\u200B-\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
