import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseOsRelease} from '../../../../source/facts/parse/os-release.js';
import {fileSourceAt} from '../../../../source/facts/parse/source-at.js';

const at = fileSourceAt('/etc/os-release');

test('parseOsRelease: Raspbian with quotes, cites the ID line', () => {
	const text = ['PRETTY_NAME="Raspbian GNU/Linux 11 (bullseye)"', 'NAME="Raspbian GNU/Linux"', 'VERSION_ID="11"', 'VERSION_CODENAME=bullseye', 'ID=raspbian', 'ID_LIKE=debian'].join('\n');
	const release = parseOsRelease(text, at);
	assert.deepEqual(release?.value, {
		prettyName: 'Raspbian GNU/Linux 11 (bullseye)',
		versionId: '11',
		versionCodename: 'bullseye',
		id: 'raspbian',
		idLike: 'debian',
	});
	assert.equal(release?.source.line, 5);
});

test('parseOsRelease: single quotes, escapes, comments, CRLF', () => {
	const text = '# a comment\r\nID=\'alpine\'\r\nPRETTY_NAME="Say \\"hi\\" \\$HOME"\r\n  # indented comment\r\nVERSION_ID=3.19.1 # trailing\r\n';
	assert.deepEqual(parseOsRelease(text, at)?.value, {id: 'alpine', prettyName: 'Say "hi" $HOME', versionId: '3.19.1'});
});

test('parseOsRelease: no known key → undefined; first value of a repeated key wins', () => {
	assert.equal(parseOsRelease('', at), undefined);
	assert.equal(parseOsRelease('NAME=Foo\nHOME_URL=x\n', at), undefined);
	assert.equal(parseOsRelease('ID=a\nID=b\n', at)?.value.id, 'a');
});
