// Secrets and names in every output: triage pastes (hostname, prompt user), a snapshot's Docker
// config (credHelpers, private registries, proxies), the engine's own host name.
import assert from 'node:assert/strict';
import {mkdirSync, symlinkSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {createLiveHost} from '../../../source/facts/seam/live-host.js';
import {createRecordingHost} from '../../../source/facts/seam/recording-host.js';
import {describe, it} from 'node:test';
import {createRedactor} from '../../../source/report/redact.js';
import {redactSnapshot} from '../../../source/report/redact-snapshot.js';
import {foreignHostnames} from '../../../source/report/redaction-context.js';
import type {Snapshot} from '../../../source/snapshot/snapshot.js';
import {runCliInProcess} from '../../helpers/cli-in-process.js';
import {tempDir} from '../../helpers/temp-dir.js';

/** The command line with a paste on stdin. */
const cli = (argv: string[], paste: string) => runCliInProcess(argv, {stdin: paste});

const PASTE = [
	'alicesmith@alice-laptop:~$ uname -a',
	'Linux alice-laptop 6.1.21-v8+ #1642 SMP PREEMPT Mon Apr  3 17:24:16 BST 2023 aarch64 GNU/Linux',
	'alicesmith@alice-laptop:~$ docker info',
	' Name: bobs-engine-vm',
	' Architecture: aarch64',
	'contact me: alice.smith@example.org, @maintainer see https://example.org/x',
].join('\n');

describe('triage redacts what the paste says about people', () => {
	for (const format of ['--json', '--report', '--plain']) {
		it(`${format}: the prompt's user, the host name (uname and docker info), e-mail gone by default`, async () => {
			const result = await cli(['triage', format], PASTE);
			assert.ok([0, 1].includes(result.code), result.stderr);
			for (const name of ['alicesmith', 'alice-laptop', 'bobs-engine-vm', 'alice.smith@example.org']) assert.ok(!result.stdout.includes(name), `${format} keeps ${name}`);
		});
	}
	it('--no-redact keeps them, and warns', async () => {
		const result = await cli(['triage', '--json', '--no-redact'], PASTE);
		assert.match(result.stdout, /alice-laptop/);
		assert.match(result.stderr, /--no-redact/);
	});
	it('Markdown keeps @mentions and URLs from the paste from going live', async () => {
		const result = await cli(['triage', '--report', '--no-redact'], PASTE);
		assert.doesNotMatch(result.stdout.split('<summary>Raw report')[0]!.replace(/`[^`]*`/g, ''), /(?<![\w`])@maintainer|(?<!`)https:\/\/example\.org/);
	});
});

describe('a snapshot stores nothing a report would redact', () => {
	it('credHelpers account IDs, private registries and proxies in config.json; the engine host name', () => {
		const config = {
			auths: {'registry.alice.lan:5000': {auth: 'YWxpY2U6cHc='}, 'ghcr.io': {}},
			credHelpers: {'123456789012.dkr.ecr.eu-west-1.amazonaws.com': 'ecr-login', 'mirror.corp.internal': 'pass'},
			proxies: {default: {httpsProxy: 'http://proxyuser:pw@proxy.corp.internal:3128', noProxy: 'localhost,127.0.0.1,nas.corp.internal'}},
		};
		const snapshot: Snapshot = {
			schema: 'chatmock-doctor/snapshot@1',
			createdAt: '2026-01-01T00:00:00Z',
			tool: {name: 'chatmock-doctor', version: '0'},
			host: {
				kind: 'live',
				label: 'x',
				env: {HTTPS_PROXY: 'http://proxy.corp.internal:3128'},
				files: {'/root/.docker/config.json': {text: JSON.stringify(config)}},
				dirs: {},
				exists: {},
				commands: [],
				hasEngine: true,
			},
			engine: {
				connections: [{endpoint: {host: 'tcp://alice-nas:2376', reason: 'DOCKER_HOST'}, result: {ok: true, endpoint: 'tcp://alice-nas:2376'}}],
				calls: [
					{endpoint: 'tcp://alice-nas:2376', method: 'info', args: [], result: {ok: true, value: {Name: 'alice-nas', HttpsProxy: 'http://proxy.corp.internal:3128', NoProxy: '*.corp.internal'}}},
				],
			},
		};
		const redactor = createRedactor({otherHostnames: foreignHostnames({engineName: 'alice-nas', endpoints: ['tcp://alice-nas:2376']})});
		const text = JSON.stringify(redactSnapshot(snapshot, redactor));
		for (const leak of ['123456789012', 'registry.alice.lan', 'mirror.corp', 'proxy.corp', 'nas.corp', 'corp.internal', 'alice-nas', 'proxyuser', 'YWxpY2U6cHc='])
			assert.ok(!text.includes(leak), `keeps ${leak}: ${text}`);
		assert.match(text, /ghcr\.io/);
		assert.match(text, /127\.0\.0\.1/);
	});
});

describe('a snapshot copies only regular files that are where they claim to be', () => {
	it('a context meta.json symlinked out of the Docker config folder is withheld; a real one is kept', async () => {
		const home = tempDir('cmd-links-');
		const outside = join(home, 'shadow');
		writeFileSync(outside, 'root:$6$SECRET-SHADOW-HASH:19000:0:99999:7:::\n');
		const meta = join(home, '.docker', 'contexts', 'meta', 'abc');
		mkdirSync(meta, {recursive: true});
		symlinkSync(outside, join(meta, 'meta.json'));
		writeFileSync(join(home, '.docker', 'config.json'), '{"currentContext": "evil"}');
		// A link inside the folder to a file inside it is fine.
		symlinkSync(join(home, '.docker', 'config.json'), join(meta, 'inside.json'));
		const recording = createRecordingHost(createLiveHost());
		for (const name of ['meta.json', 'inside.json']) await recording.host.readFile(join(meta, name));
		await recording.host.readText(join(home, '.docker', 'config.json'));
		const files = recording.snapshot().host.files;
		assert.deepEqual(files[join(meta, 'meta.json')], {withheld: 'private'});
		assert.ok(!JSON.stringify(files).includes('SECRET-SHADOW'));
		assert.deepEqual(files[join(meta, 'inside.json')], {text: '{"currentContext": "evil"}'});
		assert.deepEqual(files[join(home, '.docker', 'config.json')], {text: '{"currentContext": "evil"}'});
	});
});
