'use strict';
// Text in which every code point is a grapheme of its own and measures what its East Asian Width
// says: no combining or spacing marks, joiners, variation selectors, format or default-ignorable
// characters, Hangul jamo, emoji modifiers or regional indicators (all astral), and no CR (CR LF
// is one grapheme). Letters of the Latin, Greek and Cyrillic scripts, punctuation, symbols, arrows,
// box drawing, braille, CJK ideographs, kana and Hangul syllables are; other text takes the full
// rules. test/unit/build/screen-text-stubs.test.ts checks both claims code point by code point.
exports.SIMPLE_TEXT =
	/^[\0-\f\x0e-\x7e\xa0-\xac\xae-\u02ff\u0370-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2070-\u20cf\u2100-\u2bff\u3001-\u3029\u3030-\u303f\u3041-\u3096\u30a1-\u30fa\u30fc-\u30ff\u4e00-\u9fff\uac00-\ud7a3\uff01-\uff9d\uffa1-\uffdc]*$/;
