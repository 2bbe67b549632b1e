import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {createMemoryHost} from '../../../source/facts/seam/memory-host.js';
import {createRecordingHost} from '../../../source/facts/seam/recording-host.js';
import {createReplayHost} from '../../../source/facts/seam/replay-host.js';
import {createRedactor} from '../../../source/report/redact.js';
import {redactSnapshot} from '../../../source/report/redact-snapshot.js';
import {encodeFile} from '../../../source/snapshot/file-record.js';
import {readSnapshotFile} from '../../../source/snapshot/read-snapshot.js';
import {withoutEnv} from '../../../source/snapshot/record-engine.js';
import {scriptedConnector} from './scenarios.js';

async function recorded() {
	const host = createMemoryHost({
		kind: 'live',
		home: '/home/carol',
		env: {DOCKER_HOST: 'unix:///run/docker.sock', HOME: '/home/carol'},
		uname: {sysname: 'Linux', release: '6.1.0', machine: 'x86_64'},
		files: {
			'/proc/cpuinfo': 'processor\t: 0\n',
			'/bin/sh': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0x00]),
			'/var/lib/docker/volumes/chatmock_data/_data/auth.json': '{"access_token":"volume-secret"}',
			'/home/carol/.chatgpt-local/auth.json': '{"tokens":{"id_token":"local-secret"}}',
		},
		commands: {'getconf LONG_BIT': {ok: true, stdout: '64\n', stderr: '', exitCode: 0}},
		engine: scriptedConnector({version: {Arch: 'amd64'}, info: {Name: 'carols-box'}}),
	});
	const recording = createRecordingHost(host, {version: '9.9.9', now: () => new Date(0)});
	const h = recording.host;
	assert.equal(h.env['DOCKER_HOST'], 'unix:///run/docker.sock');
	assert.equal(h.env['DOCKER_CONTEXT'], undefined);
	await h.readText('/proc/cpuinfo');
	await h.readFile('/bin/sh', {maxBytes: 4});
	await h.readFile('/bin/sh');
	await h.readText('/nope');
	assert.equal(await h.readText('/var/lib/docker/volumes/chatmock_data/_data/auth.json'), '{"access_token":"volume-secret"}', 'the live answer passes through');
	await h.readText('/home/carol/.chatgpt-local/auth.json');
	await h.exists('/var/run/docker.sock');
	await h.listDir('/proc');
	await h.uname();
	await h.run('getconf', ['LONG_BIT']);
	const connected = h.engine!({host: 'unix:///run/docker.sock', reason: 'DOCKER_HOST'}, {timeoutMs: 100});
	assert.ok(connected.ok);
	await connected.value.info();
	return recording.snapshot();
}

describe('recording', () => {
	it('keeps what was read, as it was read', async () => {
		const snapshot = await recorded();
		assert.deepEqual(snapshot.tool, {name: 'chatmock-doctor', version: '9.9.9'});
		assert.equal(snapshot.createdAt, '1970-01-01T00:00:00.000Z');
		assert.deepEqual(snapshot.host.env, {DOCKER_HOST: 'unix:///run/docker.sock', DOCKER_CONTEXT: null});
		assert.deepEqual(snapshot.host.files['/proc/cpuinfo'], {text: 'processor\t: 0\n'});
		assert.deepEqual(snapshot.host.files['/bin/sh'], {base64: Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0xff, 0x00]).toString('base64')}, 'the longer read wins');
		assert.equal(snapshot.host.files['/nope'], null);
		assert.deepEqual(snapshot.host.exists, {'/var/run/docker.sock': false});
		assert.deepEqual(snapshot.host.dirs, {'/proc': ['cpuinfo']});
		assert.equal(snapshot.host.uname?.machine, 'x86_64');
		assert.deepEqual(snapshot.host.commands, [{file: 'getconf', args: ['LONG_BIT'], result: {ok: true, stdout: '64\n', stderr: '', exitCode: 0}}]);
		assert.deepEqual(
			snapshot.engine.calls.map(c => [c.method, c.endpoint]),
			[['info', 'unix:///run/docker.sock']],
		);
	});

	it('withholds Docker data folders and ChatMock login files', async () => {
		const snapshot = await recorded();
		const text = JSON.stringify(snapshot);
		assert.doesNotMatch(text, /volume-secret|local-secret/);
		assert.deepEqual(snapshot.host.files['/var/lib/docker/volumes/chatmock_data/_data/auth.json'], {withheld: 'private'});
	});

	it('drops Env members at any depth', () => {
		assert.deepEqual(withoutEnv({Id: 'x', Config: {Env: ['A=1'], Image: 'i'}, list: [{env: {B: 2}, keep: 1}]}), {Id: 'x', Config: {Image: 'i'}, list: [{keep: 1}]});
	});

	it('text when UTF-8 (a trailing NUL is fine), base64 otherwise, capped', () => {
		assert.deepEqual(encodeFile(Buffer.from('model\u0000')), {text: 'model\u0000'});
		assert.deepEqual(encodeFile(Buffer.from([0xc3, 0x28])), {base64: 'wyg='});
		assert.deepEqual(encodeFile(Buffer.from('a\u0001b')), {base64: Buffer.from('a\u0001b').toString('base64')});
		const big = encodeFile(Buffer.alloc(600 * 1024, 0x61));
		assert.ok('text' in big && big.text.length === 512 * 1024 && big.truncated === true);
	});
});

describe('replaying a recording', () => {
	it('answers the same, capped reads included, and nothing else', async () => {
		const host = createReplayHost(await recorded());
		assert.equal(host.kind, 'replay');
		assert.equal(host.env['DOCKER_HOST'], 'unix:///run/docker.sock');
		assert.equal(host.env['HOME'], undefined, 'never read, so not there');
		assert.deepEqual(await host.readFile('/bin/sh', {maxBytes: 4}), Buffer.from([0x7f, 0x45, 0x4c, 0x46]));
		assert.equal(await host.readText('/var/lib/docker/volumes/chatmock_data/_data/auth.json'), undefined);
		assert.deepEqual(await host.run('getconf', ['LONG_BIT']), {ok: true, stdout: '64\n', stderr: '', exitCode: 0});
		const other = await host.run('getconf', ['PAGESIZE']);
		assert.equal(!other.ok && other.reason, 'not-run');
		assert.equal(host.home, '/home/carol');
		const api = host.engine!({host: 'unix:///run/docker.sock', reason: 'x'}, {timeoutMs: 1});
		assert.ok(api.ok);
		assert.deepEqual(await api.value.info(), {ok: true, value: {Name: 'carols-box'}});
		const version = await api.value.version();
		assert.equal(!version.ok && version.error.code, 'error');
	});
});

describe('redactSnapshot', () => {
	it('redacts paths, env, engine answers consistently and keeps schema and kind', async () => {
		const redactor = createRedactor({hostname: 'carols-box', username: 'carol', home: '/home/carol'});
		const snapshot = redactSnapshot(await recorded(), redactor);
		assert.equal(snapshot.schema, 'chatmock-doctor/snapshot@1');
		assert.equal(snapshot.host.kind, 'live');
		assert.equal(snapshot.host.home, '~');
		assert.ok('~/.chatgpt-local/auth.json' in snapshot.host.files);
		assert.deepEqual(snapshot.engine.calls[0]!.result, {ok: true, value: {Name: '<host-1>'}});
		assert.doesNotMatch(JSON.stringify(snapshot), /carol/i);
	});

	it('withholds binary files that hold a known name', async () => {
		const host = createMemoryHost({kind: 'live', files: {'/blob': Buffer.from([0, 1, 2, ...Buffer.from('carols-box'), 0xff])}});
		const recording = createRecordingHost(host);
		await recording.host.readFile('/blob');
		const snapshot = redactSnapshot(recording.snapshot(), createRedactor({hostname: 'carols-box'}));
		assert.deepEqual(snapshot.host.files['/blob'], {withheld: 'private'});
	});
});

describe('readSnapshotFile', () => {
	const valid = JSON.stringify({
		schema: 'chatmock-doctor/snapshot@1',
		createdAt: '2026-01-01T00:00:00Z',
		tool: {name: 'chatmock-doctor', version: '0.1.0'},
		host: {kind: 'live', label: 'x', env: {}, files: {}, dirs: {}, exists: {}, commands: [], hasEngine: false},
		engine: {connections: [], calls: []},
	});
	const cases: [string, string, RegExp][] = [
		['not JSON', '{"schema": ', /not valid JSON/],
		['an array', '[]', /expected a JSON object/],
		['no schema', '{}', /no "schema"/],
		['a report', JSON.stringify({schema: 'chatmock-doctor/report@1'}), /a report, not a snapshot/],
		['a newer version', JSON.stringify({schema: 'chatmock-doctor/snapshot@2', tool: {version: '3.0.0'}}), /format version 2 by chatmock-doctor 3\.0\.0.*version 1 only/],
		['missing files', valid.replace('"files":{},', ''), /damaged: "host\.files"/],
		['a bad file', valid.replace('"files":{}', '"files":{"/x":{"size":1}}'), /damaged: file "\/x"/],
		['no engine', valid.replace(',"engine":{"connections":[],"calls":[]}', ''), /damaged: "engine/],
	];
	for (const [name, text, message] of cases) {
		it(`${name}: a clear message, no stack`, () => {
			const result = readSnapshotFile(text);
			assert.ok('error' in result);
			assert.match(result.error, message);
			assert.doesNotMatch(result.error, /\n\s+at /);
		});
	}
	it('accepts a valid one (BOM too)', () => {
		const result = readSnapshotFile(`\uFEFF${valid}`);
		assert.ok(!('error' in result));
		assert.equal(result.schema, 'chatmock-doctor/snapshot@1');
	});
});

describe('serializeSnapshot', () => {
	it('escapes C1 controls, parses back to the same data', async () => {
		const {serializeSnapshot} = await import('../../../source/snapshot/write-snapshot.js');
		const snapshot = await recorded();
		const withLog = {
			...snapshot,
			engine: {...snapshot.engine, calls: [{endpoint: 'x', method: 'containerLogs' as const, args: [], result: {ok: true as const, value: ['\u009B2J\u001B]52;c;eA==\u0007']}}]},
		};
		const text = serializeSnapshot(withLog);
		assert.doesNotMatch(text, /[\u001B\u0080-\u009F]/);
		const read = readSnapshotFile(text);
		assert.ok(!('error' in read));
		assert.deepEqual(read, JSON.parse(JSON.stringify(withLog)));
	});
});
