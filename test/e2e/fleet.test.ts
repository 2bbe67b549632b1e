// Several engines at once, as a user with a home server and a Pi has them: the harness's engine
// (DOCKER_HOST, the "default" context), a second private engine reached over ssh:// through a real
// sshd on 127.0.0.1, a context whose socket is gone, and one that accepts and never answers.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {docker} from './harness/docker-cli.js';
import {runDoctor, type DoctorRun} from './harness/doctor-process.js';
import {harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {startSshEngine, type SshEngine} from './harness/ssh-engine.js';

const ROOT = resolve(import.meta.dirname, '../..');

/** A loopback port nothing listens on (taken, then released). */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>(ready => server.listen(0, '127.0.0.1', ready));
	const {port} = server.address() as {port: number};
	await new Promise<void>(done => server.close(() => done()));
	return port;
}
// The default: over ssh:// the handshake (seconds on a loaded machine or a Pi) has its own allowance, not this.
const TIMEOUT_MS = 3000;

interface EngineRow {
	readonly context: string;
	readonly endpoint: string | null;
	readonly remote: boolean;
	readonly report: {
		readonly verdict: {readonly platform: string | null; readonly confidence: string};
		readonly engine: {readonly failure: {readonly code: string} | null; readonly facts: Record<string, {value: unknown}>} | null;
		readonly images: readonly {readonly ref: string; readonly platform: string}[];
		readonly findings: readonly {readonly id: string; readonly severity: string}[];
	};
}

describe('every engine the docker CLI knows, at once', {skip: skipE2E, timeout: 10 * 60_000}, () => {
	let h: Harness;
	let work: string;
	let pi: SshEngine | undefined;
	let silent: Server | undefined;
	const held: Socket[] = [];
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

	before(async () => {
		h = await harness();
		ref = h.multiPlatformRef;
		unregister('qemu-aarch64');
		work = mkdtempSync(join(tmpdir(), 'cmd-fleet-e2e-'));
		// The "Pi": a second private engine without a bridge (the fix's throwaway runs need no network),
		// holding only the arm64 build of ChatMock, pulled from the harness's registry.
		pi = await startSshEngine(work, {pulls: [{ref, platform: 'linux/arm64'}]});
		silent = createServer(socket => held.push(socket));
		await new Promise<void>(ready => silent!.listen(0, '127.0.0.1', ready));
		const silentPort = (silent.address() as {port: number}).port;
		pi.addContext('gone', `unix://${join(work, 'nothing-listens.sock')}`);
		pi.addContext('silent', `tcp://127.0.0.1:${silentPort}`);
		// A Pi that is switched off: ssh finds nothing listening.
		pi.addContext('away', `ssh://root@127.0.0.1:${await closedPort()}`);
	});

	after(async () => {
		for (const socket of held) socket.destroy();
		await new Promise<void>(done => (silent ? silent.close(() => done()) : done()));
		await pi?.stop();
		if (work) rmSync(work, {recursive: true, force: true});
		await releaseHarness();
	});

	test('--all-contexts --json: one report per engine, the dead ones within their deadline, the worst exit code', async () => {
		const run = await doctor(['--all-contexts', '--json', '--offline', '--timeout', String(TIMEOUT_MS), '--image', ref]);
		const fleet = JSON.parse(run.stdout) as {schema: string; engines: EngineRow[]; summary: {engines: number}};
		assert.equal(fleet.schema, 'chatmock-doctor/fleet@1', run.stderr);
		assert.deepEqual(
			fleet.engines.map(e => e.context),
			['default', 'away', 'gone', 'pi', 'silent'],
		);
		const by = (name: string) => fleet.engines.find(e => e.context === name)!;

		const local = by('default');
		assert.equal(local.remote, false);
		assert.equal(local.report.engine?.failure, null);
		assert.equal(local.report.verdict.platform, 'linux/amd64');

		// The Pi is judged on what its engine says of itself over ssh, not on this machine.
		const pi = by('pi');
		assert.equal(pi.remote, true);
		assert.equal(pi.report.engine?.failure, null, JSON.stringify(pi.report.engine));
		assert.match(pi.endpoint ?? '', /^ssh:\/\//);
		assert.equal(pi.report.verdict.platform, 'linux/amd64');
		assert.equal(pi.report.engine?.facts['versionArch']?.value, 'amd64');
		assert.ok(
			pi.report.images.some(i => i.platform.startsWith('linux/arm64')),
			JSON.stringify(pi.report.images),
		);
		// Its emulators cannot be seen from here: the arm64 image is foreign, slow or failing, and fixable.
		assert.ok(
			pi.report.findings.some(f => f.id === 'foreign-image' && f.severity === 'warning'),
			JSON.stringify(pi.report.findings.map(f => f.id)),
		);

		// A dead engine elsewhere: nothing is known of that machine, so no platform is claimed for it.
		const away = by('away');
		assert.equal(away.remote, true);
		assert.equal(away.report.engine?.failure?.code, 'docker.unreachable', JSON.stringify(away.report.engine));
		assert.ok(away.report.findings.some(f => f.id === 'docker-unreachable'));
		assert.equal(away.report.verdict.platform, null);

		// Dead engines on this machine (a socket, the loopback) still get this machine's verdict.
		const gone = by('gone');
		assert.equal(gone.remote, false);
		assert.equal(gone.report.engine?.failure?.code, 'docker.unreachable');
		assert.ok(gone.report.findings.some(f => f.id === 'docker-unreachable'));
		assert.equal(gone.report.verdict.platform, 'linux/amd64');

		const quiet = by('silent');
		assert.equal(quiet.report.engine?.failure?.code, 'docker.timeout');
		assert.ok(quiet.report.findings.some(f => f.id === 'docker-timeout'));

		assert.equal(run.code, 1, 'the worst of the engines');
		// Concurrent: bounded by the slowest engine's deadline (the silent one), not the sum of them.
		assert.ok(run.ms < TIMEOUT_MS * 3 + 1000 + 6000, `took ${run.ms} ms`);
	});

	test('the engines are checked concurrently: the fleet takes about the slowest, not the sum', async () => {
		const alone = [];
		for (const name of ['pi', 'silent']) alone.push((await doctor(['--context', name, '--json', '--offline', '--timeout', String(TIMEOUT_MS), '--image', ref])).ms);
		const both = await doctor(['--context', 'pi', '--context', 'silent', '--json', '--offline', '--timeout', String(TIMEOUT_MS), '--image', ref]);
		const fleet = JSON.parse(both.stdout) as {engines: EngineRow[]};
		assert.equal(fleet.engines.length, 2);
		const sum = alone[0]! + alone[1]!;
		console.error(`fleet timings: pi alone ${alone[0]} ms, silent (dead) alone ${alone[1]} ms, both ${both.ms} ms`);
		assert.ok(both.ms < sum * 0.85, `pi alone ${alone[0]} ms, silent alone ${alone[1]} ms, both ${both.ms} ms`);
	});

	test('--report: one Markdown report with a section per engine', async () => {
		const run = await doctor(['--context', 'default', '--context', 'pi', '--report', '--offline', '--timeout', String(TIMEOUT_MS), '--image', ref]);
		assert.ok(run.code === 0 || run.code === 1, run.stderr);
		assert.match(run.stdout, /report for 2 engines/);
		assert.match(run.stdout, /`foreign-image`/);
		assert.match(run.stdout, /^## Engine `default`$/m);
		assert.match(run.stdout, /^## Engine `pi` \(judged on what the engine says of itself\)$/m);
	});

	test('the fix works on the ssh engine: the native platform replaces the arm64 image there', async () => {
		const run = await doctor(['--context', 'pi', '--fix', '--yes', '--offline', '--timeout', String(TIMEOUT_MS), '--image', ref]);
		assert.equal(run.code, 0, `${run.stdout}\n${run.stderr}`);
		const inspect = await docker(pi!.cli, ['image', 'inspect', '--format', '{{.Architecture}}', ref], {timeoutMs: 30_000});
		assert.equal(inspect.stdout.trim(), 'amd64', `${run.stdout}\n${run.stderr}`);
	});
});
