import assert from 'node:assert/strict';
import {test} from 'node:test';
import {decideManners, fit, toAscii, usableColumns} from '../../../source/presentation/interactive/terminal.js';
import {asciiGlyphs} from '../../../source/presentation/interactive/theme.js';

const linux = (env: Record<string, string>) => decideManners({env, platform: 'linux'});

test('ASCII glyphs on the Linux console, dumb terminals, non-UTF-8 locales and the legacy Windows console', () => {
	assert.equal(linux({TERM: 'linux', LANG: 'en_GB.UTF-8'}).ascii, true);
	assert.equal(linux({TERM: 'dumb'}).ascii, true);
	assert.equal(linux({TERM: 'xterm-256color', LANG: 'C'}).ascii, true);
	assert.equal(linux({TERM: 'xterm-256color', LANG: 'en_US.UTF-8', LC_ALL: 'en_US.ISO-8859-1'}).ascii, true);
	assert.equal(linux({TERM: 'xterm-256color', LANG: 'en_US.UTF-8'}).ascii, false);
	assert.equal(linux({TERM: 'xterm-256color', LC_CTYPE: 'de_DE.utf8'}).ascii, false);
	assert.equal(linux({TERM: 'xterm-256color'}).ascii, false, 'no locale at all: trust the terminal');
	assert.equal(decideManners({env: {}, platform: 'win32'}).ascii, true);
	assert.equal(decideManners({env: {WT_SESSION: 'x'}, platform: 'win32'}).ascii, false);
	assert.equal(decideManners({env: {LANG: 'en_US.UTF-8'}, platform: 'linux', asciiFlag: true}).ascii, true);
});

test('colour off for NO_COLOR, --no-color and TERM=dumb', () => {
	assert.equal(linux({NO_COLOR: '1'}).color, false);
	assert.equal(linux({NO_COLOR: ''}).color, true, 'an empty NO_COLOR does not count');
	assert.equal(linux({TERM: 'dumb'}).color, false);
	assert.equal(decideManners({env: {}, platform: 'linux', noColorFlag: true}).color, false);
	assert.equal(linux({TERM: 'xterm'}).color, true);
});

test('toAscii folds typography and hides everything else beyond ASCII', () => {
	assert.equal(toAscii('Use linux/arm64 \u2014 Pi \u2026 \u201Cok\u201D \u00E9'), 'Use linux/arm64 - Pi ... "ok" ?');
	for (const value of Object.values(asciiGlyphs).flat()) assert.match(String(value), /^[\x20-\x7E]*$/);
});

test('fit cuts to the width with an ellipsis', () => {
	assert.equal(fit('abcdefghij', 10, true), 'abcdefghij');
	assert.equal(fit('abcdefghijk', 10, true), 'abcdefg...');
	assert.equal(fit('abcdefghijk', 10, false), 'abcdefghi\u2026');
	assert.equal(usableColumns(0), 80);
	assert.equal(usableColumns(40), 40);
});
