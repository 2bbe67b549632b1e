/**
 * How deeply a JSON text nests, counted over its bytes without parsing (linear, no recursion).
 * JSON.parse copes with deep nesting, but everything after it that walks the value recursively
 * (redaction, rendering, JSON.stringify) overflows the stack at a few thousand levels: foreign
 * JSON (an engine's answer, a snapshot) deeper than any real one is refused before it is parsed.
 */
export const MAX_JSON_DEPTH = 64;

export function jsonDepth(text: string | Buffer): number {
	let depth = 0;
	let deepest = 0;
	let inString = false;
	const length = text.length;
	const isBuffer = typeof text !== 'string';
	for (let i = 0; i < length; i++) {
		const c = isBuffer ? text[i]! : text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
			continue;
		}
		if (c === 0x22) inString = true;
		else if (c === 0x7b || c === 0x5b) {
			if (++depth > deepest) deepest = depth;
		} else if (c === 0x7d || c === 0x5d) depth--;
	}
	return deepest;
}
