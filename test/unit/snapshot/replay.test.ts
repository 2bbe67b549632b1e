import assert from 'node:assert/strict';
import {readdirSync, existsSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {describe, it} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import {collectFacts} from '../../../source/facts/collect.js';
import type {Host} from '../../../source/facts/seam/host.js';
import {createRecordingHost} from '../../../source/facts/seam/recording-host.js';
import {createReplayHost} from '../../../source/facts/seam/replay-host.js';
import {createRootHost} from '../../../source/facts/seam/root-host.js';
import {buildReport, type Report} from '../../../source/presentation/report-model.js';
import {readSnapshotFile} from '../../../source/snapshot/read-snapshot.js';
import type {Snapshot} from '../../../source/snapshot/snapshot.js';
import type {Facts} from '../../../source/facts/types.js';
import {eaccesHost, piHost} from './scenarios.js';

const fixtures = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', 'fixtures', 'hosts');

async function reportOf(host: Host, noEngine = false): Promise<Report & {facts: Facts}> {
	const {facts} = await collectFacts({host, timeoutMs: 500, offline: false, noEngine});
	// The facts ride along (not part of the report) so the tests can compare them too.
	return Object.assign(buildReport(facts, diagnose(facts), '0.1.0'), {facts: {...facts, origin: 'live' as const}});
}

/** Record a run, write the snapshot as a file would hold it, read it back, replay. */
async function roundTrip(host: Host, noEngine = false): Promise<{live: Report & {facts: Facts}; replayed: Report & {facts: Facts}; snapshot: Snapshot}> {
	const recording = createRecordingHost(host, {now: () => new Date('2026-01-02T03:04:05Z')});
	const live = await reportOf(recording.host, noEngine);
	const read = readSnapshotFile(JSON.stringify(recording.snapshot(), null, 2));
	assert.ok(!('error' in read), 'error' in read ? read.error : '');
	const replayed = await reportOf(createReplayHost(read), noEngine);
	return {live, replayed, snapshot: read};
}

/** The report minus where it came from (a replay says origin 'snapshot'). */
const comparable = (report: Report) => ({...report, origin: undefined});

describe('snapshot → replay', () => {
	const scenarios: [string, () => Host, boolean][] = [
		['Pi 4, 32-bit userland, failing arm64 container', () => piHost(), false],
		['Pi 4 through tcp:// with TLS', () => piHost({tcp: true}), false],
		['Pi 4 without an engine', () => piHost({withEngine: false}), false],
		['Pi 4 with --no-engine', () => piHost(), true],
		['x86-64, socket permission denied', eaccesHost, false],
	];
	for (const [name, make, noEngine] of scenarios) {
		it(`${name}: the same report`, async () => {
			const {live, replayed} = await roundTrip(make(), noEngine);
			assert.equal(replayed.origin, 'snapshot');
			assert.deepEqual(replayed.verdict, live.verdict);
			assert.deepEqual(
				replayed.findings.map(f => f.id),
				live.findings.map(f => f.id),
			);
			assert.deepEqual(comparable(replayed), comparable(live));
			assert.deepEqual(replayed.facts, live.facts, 'the facts themselves, not only the report');
		});
	}

	it('the scenarios are not trivial: a verdict and findings to keep', async () => {
		const {live} = await roundTrip(piHost());
		assert.equal(live.verdict.platform, 'linux/arm/v7');
		assert.ok(live.findings.length >= 2, live.findings.map(f => f.id).join());
		assert.ok(live.containers.length === 1 && live.images.length === 1);
	});

	it('records what was read: files as text or base64, commands, env, engine answers', async () => {
		const {snapshot} = await roundTrip(piHost());
		assert.equal(snapshot.schema, 'chatmock-doctor/snapshot@1');
		assert.equal(snapshot.createdAt, '2026-01-02T03:04:05.000Z');
		const cpuinfo = snapshot.host.files['/proc/cpuinfo'];
		assert.ok(cpuinfo && 'text' in cpuinfo && cpuinfo.text.startsWith('processor'));
		assert.ok(snapshot.host.commands.some(c => c.file === 'dpkg'));
		assert.ok(Object.keys(snapshot.host.env).length > 0);
		assert.deepEqual([...new Set(snapshot.engine.calls.map(c => c.method))].sort(), [
			'containerLogs',
			'distribution',
			'info',
			'inspectContainer',
			'inspectImage',
			'listContainers',
			'listImages',
			'ping',
			'version',
		]);
	});

	it('never records a container environment or TLS key material', async () => {
		const {snapshot} = await roundTrip(piHost({tcp: true}));
		const text = JSON.stringify(snapshot);
		assert.doesNotMatch(text, /env-token-must-not-leak|"Env"/);
		assert.doesNotMatch(text, /private-key-bytes|MIIBcert/);
		const key = Object.entries(snapshot.host.files).find(([path]) => path.endsWith('key.pem'));
		assert.deepEqual(key?.[1], {withheld: 'tls'});
		assert.ok(snapshot.engine.connections.every(c => !('ca' in (c.endpoint.tls ?? {}))));
	});

	it('a replay answers nothing it did not record, and touches nothing local', async () => {
		const {snapshot} = await roundTrip(piHost());
		const host = createReplayHost(snapshot);
		assert.equal(await host.readText('/etc/passwd'), undefined);
		assert.equal(await host.exists('/etc/passwd'), false);
		assert.equal(await host.listDir('/'), undefined);
		const run = await host.run('uname', ['-a']);
		assert.equal(!run.ok && run.reason, 'not-run');
		const connected = host.engine!({host: 'unix:///elsewhere.sock', reason: 'test'}, {timeoutMs: 100});
		assert.equal(connected.ok, false);
		const api = host.engine!({host: snapshot.engine.connections[0]!.endpoint.host, reason: 'test'}, {timeoutMs: 100});
		assert.ok(api.ok);
		const pull = await api.value.pull('ghcr.io/thebtf/chatmock:latest', 'linux/arm/v7');
		assert.equal(pull.ok, false);
	});
});

describe('snapshot → replay over the fixture corpus (folders laid out like /)', () => {
	const hosts = existsSync(fixtures) ? readdirSync(fixtures).filter(name => existsSync(join(fixtures, name, 'root'))) : [];
	it('has fixture roots', () => assert.ok(hosts.length > 0));
	for (const name of hosts) {
		it(`${name}: identical JSON report`, async () => {
			const {live, replayed} = await roundTrip(createRootHost(join(fixtures, name, 'root')), true);
			assert.equal(live.origin, 'root');
			assert.equal(JSON.stringify(comparable(replayed)), JSON.stringify(comparable(live)));
		});
	}
});
