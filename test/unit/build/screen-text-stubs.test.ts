import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {eastAsianWidth} from 'get-east-asian-width';
import realStringWidth from 'string-width';
import {graphemeSegmenter} from '../../../scripts/stubs/graphemes.mjs';
import {SIMPLE_TEXT} from '../../../scripts/stubs/simple-text.cjs';
import stringWidth from '../../../scripts/stubs/string-width.cjs';

/**
 * The interactive bundle measures and splits simple text without string-width's emoji regex and
 * Intl.Segmenter (see scripts/stubs). These check that it answers as they do, code point by code point.
 */
const simpleCodePoints: number[] = [];
for (let codePoint = 0x20; codePoint <= 0xffff; codePoint++) {
	if (SIMPLE_TEXT.test(String.fromCodePoint(codePoint))) simpleCodePoints.push(codePoint);
}
const intl = new Intl.Segmenter(undefined, {granularity: 'grapheme'});
const segmentsOf = (segments: Iterable<{segment: string; index: number}>) => [...segments].map(({segment, index}) => [segment, index]);

test('simple text is most of what a screen shows, and never a mark, joiner, selector, jamo or surrogate', () => {
	assert.ok(simpleCodePoints.length > 30_000, `${simpleCodePoints.length}`);
	for (const text of ['✔ Machine', '⠋ Engine', '╭──╮ │ ╰──╯', '❯ ⚠ ✖ ℹ … → ←', 'Größe Ωμ привет', '日本語 テキスト 한국어', '\u001B[31mred\u001B[39m']) {
		assert.ok(SIMPLE_TEXT.test(text), text);
	}
	for (const text of ['e\u0301', 'a\u200Db', '✔\uFE0F', '\u1100\u1161', '👍', 'a\r\nb', 'ｶﾞ', '\u00AD', '\u200B']) assert.ok(!SIMPLE_TEXT.test(text), JSON.stringify(text));
});

test('every simple code point measures what string-width says, alone and between letters', () => {
	for (const codePoint of simpleCodePoints) {
		const character = String.fromCodePoint(codePoint);
		assert.equal(stringWidth(character), realStringWidth(character), `U+${codePoint.toString(16)}`);
		assert.equal(stringWidth(`a${character}b`), realStringWidth(`a${character}b`), `a U+${codePoint.toString(16)} b`);
		if (codePoint >= 0x20) assert.equal(stringWidth(character), eastAsianWidth(codePoint), `U+${codePoint.toString(16)}`);
	}
});

test('every simple code point is a grapheme of its own, beside itself and beside a letter', () => {
	const segmenter = graphemeSegmenter();
	for (const codePoint of simpleCodePoints) {
		const character = String.fromCodePoint(codePoint);
		const text = `x${character}${character}x${character}`;
		assert.deepEqual(segmentsOf(segmenter.segment(text)), segmentsOf(intl.segment(text)), `U+${codePoint.toString(16)}`);
	}
});

test('any text, simple or not, coloured or not: the same widths and graphemes as string-width and Intl.Segmenter', () => {
	const pieces = [
		'a',
		' ',
		'✔',
		'─',
		'日',
		'ｱ',
		'ﾞ',
		'é',
		'e\u0301',
		'👍',
		'👍🏽',
		'👨‍👩‍👧',
		'🇩🇪',
		'1️⃣',
		'\u1100\u1161\u11A8',
		'\u200B',
		'\t',
		'\r\n',
		'\u001B[1m',
		'\u001B[22m',
		'\u001B]8;;https://example.org\u0007',
	];
	const segmenter = graphemeSegmenter();
	fc.assert(
		fc.property(
			fc.array(
				fc.oneof(
					fc.constantFrom(...pieces),
					fc.constantFrom(...simpleCodePoints).map(c => String.fromCodePoint(c)),
					fc.string(),
				),
			),
			parts => {
				const text = parts.join('');
				assert.equal(stringWidth(text), realStringWidth(text), JSON.stringify(text));
				assert.deepEqual(segmentsOf(segmenter.segment(text)), segmentsOf(intl.segment(text)), JSON.stringify(text));
				for (let index = 0; index < text.length; index++) {
					const ours = segmenter.segment(text).containing(index);
					const theirs = intl.segment(text).containing(index);
					assert.deepEqual(ours && [ours.segment, ours.index], theirs && [theirs.segment, theirs.index]);
				}
			},
		),
		{numRuns: 400},
	);
});
