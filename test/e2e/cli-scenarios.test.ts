// The doctor's command line against the harness's real engine, registry and QEMU: each scenario
// asserts the JSON report and the exit code a user (or a script) would get.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createServer, type Server, type Socket} from 'node:net';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {doctorArgv, jsonOf, runProcess} from './harness/doctor-process.js';
import {harness, registerQemu, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Run {
	readonly code: number;
	readonly report: Report;
	readonly stderr: string;
	readonly ms: number;
}

interface Report {
	readonly verdict: {readonly platform: string | null};
	readonly findings: readonly {readonly id: string; readonly severity: string; readonly subject?: string; readonly evidence: readonly {readonly text: string}[]}[];
	readonly engine: {readonly endpoint: {readonly host: string; readonly reason: string} | null; readonly failure: {readonly code: string} | null} | null;
	readonly images: readonly {readonly ref: string; readonly platform: string; readonly runs: string}[];
	readonly containers: readonly {readonly name: string; readonly exitCode?: number; readonly logTail: readonly string[]}[];
	readonly published: {readonly platforms: readonly string[]; readonly source: string; readonly fallbackReason?: string} | null;
}

describe('the doctor against a real engine', {skip: skipE2E, timeout: 15 * 60_000}, () => {
	let h: Harness;
	let ref: string;
	const cwd = mkdtempSync(join(tmpdir(), 'cmd-cli-e2e-'));

	async function doctor(args: readonly string[], options: {env?: NodeJS.ProcessEnv; user?: string} = {}): Promise<Run> {
		// Another user cannot run tsx's compiler from root's node_modules: it runs the built bundle.
		const argv = options.user ? [process.execPath, join(ROOT, 'dist/bin.cjs'), ...args] : doctorArgv(args);
		const [file = '', ...rest] = options.user ? ['runuser', '-u', options.user, '--', ...argv] : argv;
		const run = await runProcess(file, rest, {cwd, env: options.env ?? h.doctorEnv()});
		return {code: run.code, report: jsonOf<Report>(run), stderr: run.stderr, ms: run.ms};
	}

	const about = (report: Report, id: string) => report.findings.filter(f => f.id === id && f.subject === ref);

	before(async () => {
		h = await harness();
		ref = h.multiPlatformRef;
		unregister('qemu-aarch64');
	});
	after(async () => {
		unregister('qemu-aarch64');
		await h?.removeContainers();
		rmSync(cwd, {recursive: true, force: true});
		await releaseHarness();
	});

	test('a wrong-architecture image and its dead container, no emulator: exec-format-error quoting the log, exit 1', async () => {
		await h.loadImage('arm64', ref);
		const run = await h.runContainer(ref, {name: 'chatmock-e2e-wrong', keep: true});
		assert.notEqual(run.exitCode, 0);
		const {code, report} = await doctor(['--json', '--offline', '--image', ref]);
		assert.equal(code, 1);
		assert.equal(report.verdict.platform, 'linux/amd64');
		const [finding] = about(report, 'exec-format-error');
		assert.equal(finding?.severity, 'error');
		assert.ok(
			finding?.evidence.some(e => /exec format error/.test(e.text)),
			JSON.stringify(finding?.evidence),
		);
		const container = report.containers.find(c => c.name === 'chatmock-e2e-wrong');
		assert.ok(container?.logTail.some(line => /exec format error/.test(line)));
		assert.equal(report.images.find(i => i.ref === ref)?.runs, 'fails');
		await h.removeContainers();
	});

	test('the same with a QEMU handler: the container really runs, emulated-image, exit 0', async () => {
		await h.loadImage('arm64', ref);
		registerQemu('arm64', {fixBinary: true});
		try {
			const run = await h.runContainer(ref, {cmd: ['uname', '-m']});
			assert.equal(run.exitCode, 0);
			assert.match(run.logs, /aarch64/);
			const {code, report} = await doctor(['--json', '--offline', '--image', ref]);
			assert.equal(report.images.find(i => i.ref === ref)?.runs, 'emulated');
			assert.equal(about(report, 'emulated-image')[0]?.severity, 'warning');
			assert.deepEqual(about(report, 'exec-format-error'), []);
			assert.equal(code, 0);
		} finally {
			unregister('qemu-aarch64');
		}
	});

	test('the right image: nothing wrong with it, exit 0', async () => {
		await h.loadImage('amd64', ref);
		const {code, report} = await doctor(['--json', '--offline', '--image', ref]);
		assert.equal(report.images.find(i => i.ref === ref)?.runs, 'native');
		assert.deepEqual(
			report.findings.filter(f => f.severity === 'error'),
			[],
		);
		assert.equal(code, 0);
	});

	test('published platforms come from the registry; with the registry down, from the built-in table', async () => {
		const live = await doctor(['--json', '--image', ref]);
		assert.equal(live.report.published?.source, 'registry');
		assert.deepEqual([...(live.report.published?.platforms ?? [])].sort(), ['linux/386', 'linux/amd64', 'linux/arm/v6', 'linux/arm/v7', 'linux/arm64']);
		await h.stopRegistry();
		try {
			const offline = await doctor(['--json', '--image', ref]);
			assert.equal(offline.report.published?.source, 'built-in');
			assert.ok(offline.report.published?.fallbackReason);
		} finally {
			await h.startRegistry();
		}
	});

	test('the daemon stopped: docker-unreachable naming the endpoint, exit 1', async () => {
		await h.stopEngine();
		try {
			const {code, report} = await doctor(['--json', '--offline']);
			assert.equal(code, 1);
			assert.equal(report.engine?.failure?.code, 'docker.unreachable');
			assert.ok(report.findings.some(f => f.id === 'docker-unreachable'));
			assert.equal(report.verdict.platform, 'linux/amd64');
		} finally {
			await h.startEngine();
		}
	});

	test('a user outside the docker group: docker-permission-denied, exit 1', {skip: spawnSync('runuser', ['--help']).status === 0 ? false : 'runuser is missing'}, async () => {
		const built = spawnSync(process.execPath, ['scripts/build.mjs'], {cwd: ROOT, encoding: 'utf8'});
		assert.equal(built.status, 0, built.stderr);
		// The repository must be readable by that user: it runs the same sources.
		const {code, report} = await doctor(['--json', '--offline'], {user: 'nobody', env: {...h.doctorEnv(), HOME: cwd, DOCKER_CONFIG: join(cwd, 'none')}});
		assert.equal(report.engine?.failure?.code, 'docker.eacces');
		assert.ok(report.findings.some(f => f.id === 'docker-permission-denied'));
		assert.equal(code, 1);
	});

	test('a socket that accepts and never answers: docker-timeout within the deadline and a small margin', async () => {
		const path = join(cwd, 'silent.sock');
		const held: Socket[] = [];
		const server: Server = createServer(socket => held.push(socket));
		await new Promise<void>(done => server.listen(path, done));
		try {
			const baseline = await doctor(['--json', '--no-engine']);
			const {code, report, ms} = await doctor(['--json', '--offline', '--timeout', '1000'], {env: h.doctorEnv({DOCKER_HOST: `unix://${path}`})});
			assert.equal(report.engine?.failure?.code, 'docker.timeout');
			assert.ok(report.findings.some(f => f.id === 'docker-timeout'));
			assert.equal(code, 1);
			// Start-up costs the same either way; what the engine adds must stay near one deadline.
			assert.ok(ms - baseline.ms < 1000 + 1500, `took ${ms} ms against ${baseline.ms} ms without an engine`);
		} finally {
			for (const socket of held) socket.destroy();
			server.close();
		}
	});

	test('a docker context in config.json chooses the engine when DOCKER_HOST is unset', async () => {
		const config = join(cwd, 'docker-config');
		const {createHash} = await import('node:crypto');
		const {mkdirSync} = await import('node:fs');
		const meta = join(config, 'contexts', 'meta', createHash('sha256').update('e2e-engine').digest('hex'));
		mkdirSync(meta, {recursive: true});
		writeFileSync(join(config, 'config.json'), JSON.stringify({currentContext: 'e2e-engine'}));
		writeFileSync(join(meta, 'meta.json'), JSON.stringify({Name: 'e2e-engine', Metadata: {}, Endpoints: {docker: {Host: h.dockerHost, SkipTLSVerify: false}}}));
		const e = h.doctorEnv({DOCKER_CONFIG: config});
		delete e.DOCKER_HOST;
		const {report} = await doctor(['--json', '--offline'], {env: e});
		assert.equal(report.engine?.failure, null);
		assert.equal(report.engine?.endpoint?.host, h.dockerHost);
		assert.match(report.engine?.endpoint?.reason ?? '', /e2e-engine/);
	});

	test("escape sequences in a container's log never reach the output raw", async () => {
		await h.loadImage('amd64', ref);
		// An OSC 52 clipboard write, a screen clear and an 8-bit CSI, as a hostile image could log them.
		const hostile = String.raw`printf '\033]52;c;SGVsbG8=\007\033[2J\233 31m owned\n'; exit 3`;
		await h.runContainer(ref, {name: 'chatmock-e2e-hostile', keep: true, cmd: ['sh', '-c', hostile]});
		const {report} = await doctor(['--json', '--offline', '--image', ref]);
		assert.ok(
			report.containers.some(c => c.name === 'chatmock-e2e-hostile' && c.logTail.some(line => line.includes('owned'))),
			'the log line is read',
		);
		for (const format of [['--json'], ['--report'], ['--plain']]) {
			const argv = doctorArgv([...format, '--offline', '--image', ref]);
			const out = spawnSync(argv[0]!, argv.slice(1), {cwd, env: h.doctorEnv({FORCE_COLOR: '0'}), encoding: 'utf8', timeout: 60_000});

			assert.doesNotMatch(out.stdout, /[\u001B\u0007\u0080-\u009F]/, `${format.join(' ')} carries a raw control character`);
			assert.match(out.stdout, /owned/, format.join(' '));
		}
		await h.removeContainers();
	});

	test('--fix --yes in a compose folder pulls the right platform, verifies it, pins compose, and exits 0', async () => {
		await h.loadImage('arm64', ref);
		writeFileSync(join(cwd, 'compose.yaml'), `services:\n  chatmock:\n    image: ${ref}\n    volumes:\n      - data:/data\nvolumes:\n  data:\n`);
		// No --image: the compose file names the image, as when a user runs the doctor in their compose folder.
		const argv = doctorArgv(['--fix', '--yes', '--offline']);
		const fixed = spawnSync(argv[0]!, argv.slice(1), {cwd, env: h.doctorEnv(), encoding: 'utf8', timeout: 180_000});
		assert.equal(fixed.status, 0, `${fixed.stdout}\n${fixed.stderr}`);
		const inspect = await h.docker(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', ref]);
		assert.equal(inspect.stdout.trim(), 'linux/amd64');
		assert.match(readFileSync(join(cwd, 'compose.yaml'), 'utf8'), /platform: linux\/amd64/);
		assert.match(readFileSync(join(cwd, 'compose.yaml'), 'utf8'), /- data:\/data/);
		rmSync(join(cwd, 'compose.yaml'));
	});
});
