// A remote engine's machine read by a throwaway container on that engine (--probe-host): a second
// private engine reached as ssh:// through a real sshd, as a Pi on the network is. In this testbed that
// machine is this one, so the probed report must agree with the local check on everything the host says.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {docker, imageId} from './harness/docker-cli.js';
import {runDoctor, type DoctorRun} from './harness/doctor-process.js';
import {harness, releaseHarness, skipE2E, type Harness} from './harness/index.js';
import {startSshEngine, type SshEngine} from './harness/ssh-engine.js';

const ROOT = resolve(import.meta.dirname, '../..');
// Over ssh:// the handshake counts against the check's deadline (seconds on a loaded machine).
const TIMEOUT_MS = 10_000;
const PROBE_LABEL = 'chatmock-doctor.host-probe';

interface ReportFact {
	readonly value: unknown;
	readonly source: {readonly kind: string; readonly ref: string; readonly on?: string};
}

interface Report {
	readonly verdict: {readonly platform: string | null; readonly confidence: string};
	readonly host: {
		readonly kernelArch: string | null;
		readonly userlandArch: string | null;
		readonly os: string | null;
		readonly model: string | null;
		readonly facts: Record<string, ReportFact>;
		readonly probe?: {
			readonly status: string;
			readonly image?: string;
			readonly imageReason?: string;
			readonly platform?: string;
			readonly durationMs: number;
			readonly files?: number;
			readonly message?: string;
			readonly engineChanges?: string;
		};
	};
	readonly engine: {readonly failure: unknown; readonly emulation: {readonly kind: string; readonly handlers: readonly {readonly name: string}[]} | null} | null;
	readonly findings: readonly {readonly id: string; readonly severity: string}[];
}

interface Fleet {
	readonly engines: readonly {readonly context: string; readonly remote: boolean; readonly report: Report}[];
}

describe('--probe-host: the remote engine machine read by a throwaway container on it', {skip: skipE2E, timeout: 10 * 60_000}, () => {
	let h: Harness;
	let work: string;
	let pi: SshEngine | undefined;
	let ref: string;

	function doctor(args: readonly string[]): Promise<DoctorRun> {
		const env: NodeJS.ProcessEnv = {
			...process.env,
			PATH: pi!.path,
			DOCKER_HOST: h.dockerHost,
			DOCKER_CONFIG: pi!.configDir,
			TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
		};
		delete env['DOCKER_CONTEXT'];
		delete env['NODE_TEST_CONTEXT'];
		return runDoctor(args, {cwd: work, env});
	}

	/** Every image of the remote engine, tags and digests included, as `docker image ls` shows them. */
	async function imageList(): Promise<string[]> {
		const listed = await docker(pi!.cli, ['image', 'ls', '--all', '--digests', '--no-trunc', '--format', '{{.Repository}} {{.Tag}} {{.Digest}} {{.ID}}'], {timeoutMs: 30_000});
		return listed.stdout
			.split('\n')
			.filter(line => line.trim() !== '')
			.sort();
	}

	/** What the engine did with containers since `since` (unix seconds): create, start, die, destroy. */
	async function containerEvents(since: number): Promise<string[]> {
		const until = Math.ceil(Date.now() / 1000) + 1;
		const events = await docker(pi!.cli, ['events', '--since', String(since), '--until', String(until), '--filter', 'type=container', '--format', '{{.Action}}'], {timeoutMs: 30_000});
		return events.stdout.split('\n').filter(line => line.trim() !== '');
	}

	async function probeContainers(): Promise<string[]> {
		const listed = await docker(pi!.cli, ['ps', '-a', '--quiet', '--filter', `label=${PROBE_LABEL}`], {timeoutMs: 30_000});
		return listed.stdout.split('\n').filter(line => line.trim() !== '');
	}

	before(async () => {
		h = await harness();
		ref = h.multiPlatformRef;
		work = mkdtempSync(join(tmpdir(), 'cmd-probe-e2e-'));
		// The "Pi" holds only the arm64 build of ChatMock: no image of its own platform is there at first.
		pi = await startSshEngine(work, {pulls: [{ref, platform: 'linux/arm64'}]});
	});

	after(async () => {
		await pi?.stop();
		if (work) rmSync(work, {recursive: true, force: true});
		await releaseHarness();
	});

	test('without --probe-host nothing runs on the remote engine, and no host facts are claimed for it', async () => {
		const since = Math.floor(Date.now() / 1000) - 1;
		const run = await doctor(['--context', 'pi', '--json', '--offline', '--timeout', String(TIMEOUT_MS), '--image', ref]);
		const report = JSON.parse(run.stdout) as Report;
		assert.equal(report.engine?.failure, null, run.stderr);
		assert.deepEqual(report.host.facts, {});
		assert.equal(report.host.probe, undefined);
		assert.deepEqual(await containerEvents(since), []);
	});

	test('with --probe-host (and the image named): the ssh engine gets this machine host facts, marked as read there, and the local verdict', async t => {
		const since = Math.floor(Date.now() / 1000) - 1;
		const images = await imageList();
		const armId = await imageId(pi!.cli, ref);
		// --probe-image names the harness's multi-platform image: there for arm64 only, so its linux/amd64 build is pulled beside it.
		const run = await doctor(['--context', 'default', '--context', 'pi', '--json', '--offline', '--probe-host', '--probe-image', ref, '--timeout', String(TIMEOUT_MS), '--image', ref]);
		const fleet = JSON.parse(run.stdout) as Fleet;
		const local = fleet.engines.find(e => e.context === 'default')!.report;
		const remote = fleet.engines.find(e => e.context === 'pi')!;
		const probe = remote.report.host.probe;
		assert.equal(remote.remote, true);
		assert.equal(probe?.status, 'read', JSON.stringify(probe));
		assert.equal(probe?.image, ref);
		assert.equal(probe?.platform, 'linux/amd64');
		assert.match(probe?.imageReason ?? '', /pulled/);
		assert.match(probe?.engineChanges ?? '', new RegExp(`^pulled \\S+ for linux/amd64 beside your \\S+, which still names ${armId!.slice(7, 19)}; removed after$`));
		// The local engine is this machine's: nothing was probed there.
		assert.equal(local.host.probe, undefined);

		// Every host fact of the ssh engine cites that machine, and none is missing that the local check has
		// (the doctor's own Node process is not there, nor are the commands it would run).
		const facts = remote.report.host.facts;
		for (const [key, fact] of Object.entries(facts)) assert.equal(fact.source.on, 'engine-host', key);
		const notThere = new Set(['nodeArch', 'nodePlatform', 'longBit', 'pageSize', 'inContainer']);
		for (const key of Object.keys(local.host.facts).filter(key => !notThere.has(key))) {
			assert.deepEqual(facts[key]?.value, local.host.facts[key]!.value, key);
		}
		assert.equal(remote.report.host.kernelArch, local.host.kernelArch);
		assert.equal(remote.report.host.userlandArch, local.host.userlandArch);
		assert.equal(remote.report.host.os, local.host.os);
		assert.equal(remote.report.host.model, local.host.model);
		assert.equal(remote.report.verdict.platform, local.verdict.platform);
		assert.equal(remote.report.verdict.platform, 'linux/amd64');
		assert.ok(remote.report.findings.some(f => f.id === 'host-probed-on-engine' && f.severity === 'info'));
		// Its emulators are read there too, as the local check reads them here.
		assert.equal(remote.report.engine?.emulation?.kind, 'binfmt');
		assert.deepEqual(
			remote.report.engine?.emulation?.handlers.map(handler => handler.name),
			local.engine?.emulation?.handlers.map(handler => handler.name),
		);

		// It ran, and nothing was left behind: the user's tag still names the arm64 image, the images are as they were.
		const events = await containerEvents(since);
		for (const action of ['create', 'start', 'destroy']) assert.ok(events.includes(action), events.join(' '));
		assert.deepEqual(await probeContainers(), []);
		assert.equal(await imageId(pi!.cli, ref), armId);
		assert.deepEqual(await imageList(), images);
		t.diagnostic(`probe (pull included) ${probe?.durationMs} ms; whole fleet run ${run.ms} ms`);
		assert.ok(run.ms < TIMEOUT_MS * 3 + 1000 + 6000, `took ${run.ms} ms`);
	});

	test('--probe-image naming an image the engine does not have: pulled for the probe, gone after', async () => {
		// One platform's image of the harness's registry, never pulled onto the Pi.
		const absent = `${ref}-amd64`;
		const images = await imageList();
		const run = await doctor(['--context', 'pi', '--json', '--offline', '--probe-host', '--probe-image', absent, '--timeout', String(TIMEOUT_MS), '--image', ref]);
		const report = JSON.parse(run.stdout) as Report;
		assert.equal(report.host.probe?.status, 'read', JSON.stringify(report.host.probe));
		assert.equal(report.host.probe?.image, absent);
		assert.equal(report.host.probe?.engineChanges, `pulled ${absent} for linux/amd64 (it was not on this engine); removed after`);
		assert.equal(await imageId(pi!.cli, absent), undefined);
		assert.deepEqual(await imageList(), images);
		assert.deepEqual(await probeContainers(), []);
	});

	test('with --probe-host alone: the ChatMock image of the engine platform, once there, runs it; one context, the same verdict', async t => {
		// The user put the Pi's own build there (their tag, their doing): the probe runs it and pulls nothing.
		assert.equal((await docker(pi!.cli, ['pull', '--platform', 'linux/amd64', ref], {timeoutMs: 120_000})).code, 0);
		const images = await imageList();
		const since = Math.floor(Date.now() / 1000) - 1;
		// Events are kept by the second: the last test's, within that second, are not this run's.
		const earlier = (await containerEvents(since)).length;
		const [run, localRun] = [
			await doctor(['--context', 'pi', '--json', '--offline', '--probe-host', '--timeout', String(TIMEOUT_MS), '--image', ref]),
			await doctor(['--json', '--offline', '--timeout', String(TIMEOUT_MS), '--image', ref]),
		];
		const report = JSON.parse(run.stdout) as Report;
		const local = JSON.parse(localRun.stdout) as Report;
		assert.equal(report.host.probe?.status, 'read', JSON.stringify(report.host.probe));
		assert.equal(report.host.probe?.image, ref);
		assert.match(report.host.probe?.imageReason ?? '', /ChatMock image/);
		assert.equal(report.host.probe?.engineChanges, undefined);
		assert.equal(report.verdict.platform, local.verdict.platform);
		assert.equal(report.host.userlandArch, local.host.userlandArch);
		const events = (await containerEvents(since)).slice(earlier);
		assert.equal(events.filter(action => action === 'create').length, 1, events.join(' '));
		assert.equal(events.filter(action => action === 'destroy').length, 1, events.join(' '));
		assert.deepEqual(await probeContainers(), []);
		assert.deepEqual(await imageList(), images);
		t.diagnostic(`probe with an image already there ${report.host.probe?.durationMs} ms; whole check ${run.ms} ms`);
	});

	test('an image that cannot be had is a finding of that engine, not a crash, and leaves nothing', async () => {
		const since = Math.floor(Date.now() / 1000) - 1;
		// A registry that is not there: the pull fails, so no container is ever made.
		const run = await doctor(['--context', 'pi', '--json', '--offline', '--probe-host', '--probe-image', '127.0.0.1:1/nothing/here:latest', '--timeout', String(TIMEOUT_MS), '--image', ref]);
		const report = JSON.parse(run.stdout) as Report;
		assert.equal(report.engine?.failure, null, run.stderr);
		assert.equal(report.host.probe?.status, 'failed', JSON.stringify(report.host.probe));
		assert.match(report.host.probe?.message ?? '', /pulling 127\.0\.0\.1:1\/nothing\/here:latest for linux\/amd64 failed/);
		assert.ok(report.findings.some(f => f.id === 'host-probe-failed' && f.severity === 'warning'));
		assert.deepEqual(report.host.facts, {});
		assert.deepEqual(
			(await containerEvents(since)).filter(action => action === 'create'),
			[],
		);
	});
});
