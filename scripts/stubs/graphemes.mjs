// Stands in for `new Intl.Segmenter(undefined, {granularity: 'grapheme'})` in ansi-tokenize (Ink
// splits every line it prints) and slice-ansi (which made one on import). The first real segmenter
// loads ICU's break rules: ~25 ms before the first frame here, far more on a Pi Zero. Simple text
// (see simple-text.cjs; ANSI escapes are simple too) is one grapheme per code unit, which is what
// Intl.Segmenter says of it; any other line goes to a real Intl.Segmenter, made on first need.
import {SIMPLE_TEXT} from './simple-text.cjs';

let real;
const segmenter = () => (real ??= new Intl.Segmenter(undefined, {granularity: 'grapheme'}));

function simpleSegments(input) {
	return {
		containing(index) {
			const at = Math.trunc(Number(index) || 0);
			return at >= 0 && at < input.length ? {segment: input[at], index: at, input} : undefined;
		},
		*[Symbol.iterator]() {
			for (let index = 0; index < input.length; index++) yield {segment: input[index], index, input};
		},
	};
}

export function graphemeSegmenter() {
	return {
		segment(input) {
			const text = String(input);
			return SIMPLE_TEXT.test(text) ? simpleSegments(text) : segmenter().segment(text);
		},
	};
}
