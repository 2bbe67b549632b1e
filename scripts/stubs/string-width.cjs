'use strict';
// Stands in for string-width in the interactive bundle: the 8.x Ink measures with and the 7.x
// wrap-ansi wraps with, so measuring and wrapping agree. string-width compiles /\p{RGI_Emoji}/v and
// starts Intl.Segmenter as it loads, then per call (~30 ms, then ~65 ms here, before the first frame;
// seconds on a Pi Zero). For simple text (simple-text.cjs) the width is the sum of the East Asian
// Widths, which is what string-width answers; other text loads string-width 8, on first need.
const {eastAsianWidth} = require('get-east-asian-width');
const stripAnsi = require('strip-ansi').default;
const {SIMPLE_TEXT} = require('./simple-text.cjs');

let full;
const fullStringWidth = (input, options) => (full ??= require('string-width').default)(input, options);

module.exports = function stringWidth(input, options) {
	if (typeof input !== 'string' || input.length === 0 || options !== undefined) return fullStringWidth(input, options);
	const text = input.includes('\u001B') || input.includes('\u009B') ? stripAnsi(input) : input;
	if (!SIMPLE_TEXT.test(text)) return fullStringWidth(text);
	let width = 0;
	for (const character of text) {
		const codePoint = character.codePointAt(0);
		// string-width: control characters take no room.
		if (codePoint >= 0x20) width += eastAsianWidth(codePoint);
	}
	return width;
};
