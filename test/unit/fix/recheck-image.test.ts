import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Finding} from '../../../source/diagnosis/types.js';
import {compareFindings} from '../../../source/fix/recheck.js';

const about = (subject: string, severity: Finding['severity'], imageId = 'sha256:old'): Finding => ({
	id: 'exec-format-error',
	severity,
	subject,
	imageId,
	title: subject,
	why: '',
	evidence: [],
	fix: {summary: '', commands: []},
});

test('the pulled tag is fixed; the old image, still named by another tag, is not "new"', () => {
	const result = compareFindings([about('repo:latest', 'error')], [about('repo:latest-arm64', 'warning')]);
	assert.deepEqual(
		result.fixed.map(f => f.subject),
		['repo:latest'],
	);
	assert.deepEqual(result.added, []);
	assert.deepEqual(result.remaining, []);
});

test('an old image a container still uses, now named by digest, still has its error', () => {
	const result = compareFindings([about('repo:latest', 'error')], [about('repo@sha256:abc', 'error')]);
	assert.deepEqual(result.fixed, []);
	assert.deepEqual(
		result.remaining.map(f => f.subject),
		['repo@sha256:abc'],
	);
	assert.deepEqual(result.added, []);
});

test("another image's finding is new", () => {
	const result = compareFindings([about('repo:latest', 'error')], [about('other:1', 'error', 'sha256:other')]);
	assert.equal(result.fixed.length, 1);
	assert.equal(result.added.length, 1);
});

test('an old image other tags still name is kept, not removed by force', async () => {
	const {checkRemoval} = await import('../../../source/fix/remove.js');
	const image = {id: 'sha256:old', repoTags: ['repo:latest', 'repo:arm64'], repoDigests: [], os: 'linux', architecture: 'arm64'};
	const engine = {
		inspectImage: async (ref: string) => (ref === 'sha256:old' ? {ok: true as const, value: image} : {ok: true as const, value: {...image, id: 'sha256:new', repoTags: ['repo:latest']}}),
		listContainers: async () => ({ok: true as const, value: []}),
		removeImage: async () => {
			throw new Error('must not be called');
		},
	};
	const check = await checkRemoval(engine as never, 'repo:latest', 'sha256:old');
	assert.deepEqual(check, {kind: 'tagged', imageId: 'sha256:old', tags: ['repo:arm64']});
});
