import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {chosenImage, isChatmockReference, knownImageFor} from '../../../../source/chatmock/images.js';
import {exitCodeSignal, scanLines} from '../../../../source/chatmock/log-signals.js';
import {normalizePlatform} from '../../../../source/chatmock/platform.js';
import {familiarReference, normalizeReference, parseReference, pullParameters, sameRepository} from '../../../../source/chatmock/reference.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';

describe('image references', () => {
	const table: Array<[string, string | undefined]> = [
		['busybox', 'docker.io/library/busybox:latest'],
		['chatmock', 'docker.io/library/chatmock:latest'],
		['storagetime/chatmock', 'docker.io/storagetime/chatmock:latest'],
		['docker.io/storagetime/chatmock:1.2', 'docker.io/storagetime/chatmock:1.2'],
		['index.docker.io/library/chatmock', 'docker.io/library/chatmock:latest'],
		['ghcr.io/thebtf/chatmock', 'ghcr.io/thebtf/chatmock:latest'],
		['localhost:5000/thebtf/chatmock:latest', 'localhost:5000/thebtf/chatmock:latest'],
		[`ghcr.io/thebtf/chatmock@sha256:${'a'.repeat(64)}`, `ghcr.io/thebtf/chatmock@sha256:${'a'.repeat(64)}`],
		['Not/Valid!', undefined],
		['', undefined],
	];
	for (const [input, expected] of table) {
		it(`normalises ${JSON.stringify(input)}`, () => assert.equal(normalizeReference(input), expected));
	}
	it('familiar forms and repositories', () => {
		assert.equal(familiarReference(parseReference('docker.io/library/chatmock')!), 'chatmock:latest');
		assert.ok(sameRepository('chatmock', 'docker.io/library/chatmock:dev'));
		assert.ok(!sameRepository('chatmock', 'storagetime/chatmock'));
		assert.deepEqual(pullParameters('ghcr.io/thebtf/chatmock'), {fromImage: 'ghcr.io/thebtf/chatmock', tag: 'latest'});
		assert.deepEqual(pullParameters(`chatmock@sha256:${'b'.repeat(64)}`), {fromImage: 'chatmock', tag: `sha256:${'b'.repeat(64)}`});
	});
	it('recognises ChatMock images and mirrors of the known ones', () => {
		assert.ok(isChatmockReference('localhost:5000/thebtf/chatmock:latest'));
		assert.ok(!isChatmockReference('chatmock-e2e/other'));
		assert.equal(knownImageFor('localhost:5000/thebtf/chatmock:latest')?.repository, 'ghcr.io/thebtf/chatmock');
		assert.equal(knownImageFor('storagetime/chatmock')?.platforms.length, 2);
		assert.equal(knownImageFor('example.com/me/other'), undefined);
	});
	it('normalises platforms', () => {
		assert.equal(normalizePlatform('linux', 'arm64', 'v8'), 'linux/arm64');
		assert.equal(normalizePlatform('linux', 'arm', ''), 'linux/arm/v7');
		assert.equal(normalizePlatform('linux', 'amd64', 'v3'), 'linux/amd64');
		assert.equal(normalizePlatform('unknown', 'unknown'), undefined);
		assert.equal(normalizePlatform('linux', 'arm', 'v6'), 'linux/arm/v6');
	});
});

describe('chosen image', () => {
	const cwd = '/srv/chatmock';
	const compose = 'services:\n  chatmock:\n    image: ${CHATMOCK_IMAGE:-storagetime/chatmock:latest}\n    ports:\n      - "8000:8000"\n';
	const rows: Array<{name: string; env?: Record<string, string>; files?: Record<string, string>; imageRef?: string; value: string; kind: string; line?: number}> = [
		{name: 'default', value: 'ghcr.io/thebtf/chatmock:latest', kind: 'derived'},
		{name: '--image wins', imageRef: 'chatmock:dev', env: {CHATMOCK_IMAGE: 'storagetime/chatmock'}, value: 'chatmock:dev', kind: 'derived'},
		{name: 'env beats files', env: {CHATMOCK_IMAGE: 'storagetime/chatmock'}, files: {[`${cwd}/compose.yml`]: compose}, value: 'storagetime/chatmock:latest', kind: 'env'},
		{
			name: '.env beside a compose file',
			files: {[`${cwd}/docker-compose.yml`]: compose, [`${cwd}/.env`]: '# x\nPORT=8000\nexport CHATMOCK_IMAGE="ghcr.io/thebtf/chatmock:v1" # pinned\n'},
			value: 'ghcr.io/thebtf/chatmock:v1',
			kind: 'file',
			line: 3,
		},
		{name: '.env without a compose file is ignored', files: {[`${cwd}/.env`]: 'CHATMOCK_IMAGE=chatmock\n'}, value: 'ghcr.io/thebtf/chatmock:latest', kind: 'derived'},
		{name: 'compose image: with a ${VAR:-default}', files: {[`${cwd}/compose.yaml`]: compose}, value: 'storagetime/chatmock:latest', kind: 'file', line: 3},
		{name: 'compose image: local build', files: {[`${cwd}/docker-compose.yaml`]: 'services:\n  app:\n    image: "chatmock:latest"\n'}, value: 'chatmock:latest', kind: 'file', line: 3},
	];
	for (const row of rows) {
		it(row.name, async () => {
			const host = createMemoryHost({env: row.env ?? {}, files: row.files ?? {}});
			const chosen = await chosenImage(host, {cwd, ...(row.imageRef ? {imageRef: row.imageRef} : {})});
			assert.equal(chosen.value, row.value);
			assert.equal(chosen.source.kind, row.kind);
			assert.equal(chosen.source.line, row.line);
		});
	}
});

describe('log signals', () => {
	const at = (line: number, text: string) => ({kind: 'engine' as const, ref: '/containers/chatmock/logs', line, excerpt: text});
	it('finds each kind once, at its first line', () => {
		const signals = scanLines(
			[
				'starting',
				'exec /app/start.sh: exec format error',
				'exec /app/start.sh: exec format error',
				'standard_init_linux.go:228: exec user process caused: exec format error',
				'exec /entrypoint.sh: no such file or directory',
				'<jemalloc>: Unsupported system page size',
				'Illegal instruction (core dumped)',
			],
			at,
		);
		assert.deepEqual(
			signals.map(s => [s.kind, s.source.line]),
			[
				['exec-format-error', 2],
				['crlf-entrypoint', 5],
				['page-size', 6],
				['illegal-instruction', 7],
			],
		);
	});
	it('reads platforms from the mismatch warning and the manifest error', () => {
		const [warning, manifest] = scanLines(
			[
				"WARNING: The requested image's platform (linux/arm64/v8) does not match the detected host platform (linux/amd64) and no specific platform was requested",
				'no matching manifest for linux/arm/v8 in the manifest list entries',
			],
			at,
		);
		assert.equal(warning?.imagePlatform, 'linux/arm64/v8');
		assert.equal(warning?.hostPlatform, 'linux/amd64');
		assert.equal(manifest?.platform, 'linux/arm/v8');
	});
	it('maps exit codes 132 and 139', () => {
		const source = {kind: 'engine' as const, ref: '/containers/x/json'};
		assert.equal(exitCodeSignal(132, source)?.kind, 'illegal-instruction');
		assert.equal(exitCodeSignal(139, source)?.kind, 'segfault');
		assert.equal(exitCodeSignal(255, source), undefined);
	});
});
