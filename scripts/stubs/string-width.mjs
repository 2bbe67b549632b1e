// Stands in for string-width in the interactive bundle: the 8.x Ink measures with and the 7.x
// wrap-ansi wraps with, so measuring and wrapping agree. string-width's first call on a non-ASCII
// line compiles /\p{RGI_Emoji}/v (~65 ms here) and starts Intl.Segmenter (~25 ms): both before the
// first frame, and seconds on a Pi Zero. For simple text (see simple-text.mjs) the width is the sum
// of the East Asian Widths, exactly what string-width answers; other text goes to string-width 8.
import realStringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {eastAsianWidth} from 'get-east-asian-width';
import {SIMPLE_TEXT} from './simple-text.mjs';

export default function stringWidth(input, options) {
	if (typeof input !== 'string' || input.length === 0 || options !== undefined) return realStringWidth(input, options);
	const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
	if (!SIMPLE_TEXT.test(text)) return realStringWidth(text);
	let width = 0;
	for (const character of text) {
		const codePoint = character.codePointAt(0);
		// string-width: control characters take no room.
		if (codePoint < 0x20) continue;
		width += eastAsianWidth(codePoint);
	}
	return width;
}
