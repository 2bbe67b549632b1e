import assert from 'node:assert/strict';
import {mkdirSync, readFileSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {parseCli, UsageError} from '../../../source/cli/args.js';
import {outputMode} from '../../../source/cli/mode.js';
import {VERSION} from '../../../source/version.js';
import {runCliInProcess} from '../../helpers/cli-in-process.js';
import {tempDir} from '../../helpers/temp-dir.js';

/** Exit code, stdout and stderr: what the tests compare whole. */
async function cli(argv: string[], stdin?: string, env: Record<string, string> = {}) {
	const {code, stdout, stderr} = await runCliInProcess(argv, {stdin, env});
	return {code, stdout, stderr};
}

/** A folder laid out like a Pi Zero's / (ARMv6, revision 9000c1): just its kernel arch and cpuinfo. */
function piZeroRoot(): string {
	const dir = tempDir('root-');
	mkdirSync(join(dir, 'proc', 'sys', 'kernel'), {recursive: true});
	writeFileSync(join(dir, 'proc', 'sys', 'kernel', 'arch'), 'armv6l\n');
	writeFileSync(join(dir, 'proc', 'cpuinfo'), 'processor\t: 0\nmodel name\t: ARMv6-compatible processor rev 7 (v6l)\nCPU architecture: 7\nHardware\t: BCM2835\nRevision\t: 9000c1\n');
	return dir;
}

describe('command line', () => {
	it("the version is package.json's", async () => {
		const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {version: string};
		assert.equal(VERSION, pkg.version);
		assert.deepEqual(await cli(['--version']), {code: 0, stdout: `${pkg.version}\n`, stderr: ''});
	});

	it('--help prints usage and exits 0', async () => {
		const result = await cli(['--help']);
		assert.equal(result.code, 0);
		assert.match(result.stdout, /triage \[FILE\]/);
	});

	for (const argv of [
		['--bogus'],
		['frobnicate'],
		['--timeout', 'soon'],
		['--json', '--report'],
		['triage', 'a', 'b'],
		['--fix', '--from', 'x.json'],
		['--fix', '--json'],
		['--yes'],
		['-c', 'x', '-H', 'unix:///x.sock'],
		['--image', ':::'],
	]) {
		it(`bad usage ${argv.join(' ')}: exit 2, a message, no stack`, async () => {
			const result = await cli(argv);
			assert.equal(result.code, 2);
			assert.match(result.stderr, /^chatmock-doctor: /);
			assert.doesNotMatch(result.stderr, /\n\s+at /);
		});
	}

	it('triage of an unreadable file: exit 2 with the reason', async () => {
		const result = await cli(['triage', join(tmpdir(), 'no-such-paste.md')]);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /No such file/);
	});

	it('triage of a folder: exit 2', async () => {
		const result = await cli(['triage', tmpdir()]);
		assert.equal(result.code, 2);
	});

	it('triage from stdin: JSON verdict and exit 1 for the arm/v8 manifest error', async () => {
		const paste = ['$ uname -m', 'aarch64', '$ dpkg --print-architecture', 'armhf', 'docker: no matching manifest for linux/arm/v8 in the manifest list entries.'].join('\n');
		const result = await cli(['triage', '--json'], paste);
		const report = JSON.parse(result.stdout) as {schema: string; verdict: {platform: string; dockerDefault: string}; findings: {id: string}[]};
		assert.equal(report.schema, 'chatmock-doctor/report@1');
		assert.equal(report.verdict.platform, 'linux/arm/v7');
		assert.equal(report.verdict.dockerDefault, 'linux/arm/v8');
		assert.ok(report.findings.some(f => f.id === 'userland-32bit-on-64bit-kernel'));
		assert.equal(result.code, 1);
	});

	it('triage of garbage: unknown facts, no crash', async () => {
		const result = await cli(['triage', '--json'], '\u0000\u0001garbage\uFFFF'.repeat(1000));
		assert.equal(JSON.parse(result.stdout).verdict.platform, null);
		assert.equal(result.code, 0);
	});

	it('--root of a folder: the folder decides, no command runs', async () => {
		const dir = piZeroRoot();
		const result = await cli(['--root', dir, '--json', '--no-engine']);
		const report = JSON.parse(result.stdout) as {verdict: {platform: string}; origin: string};
		assert.equal(report.origin, 'root');
		assert.equal(report.verdict.platform, 'linux/arm/v6');
	});

	it("--no-engine still weighs the chosen image against its built-in platforms: upstream's on a Pi Zero is not published", async () => {
		const dir = piZeroRoot();
		const result = await cli(['--root', dir, '--image', 'storagetime/chatmock:latest', '--json', '--no-engine']);
		const report = JSON.parse(result.stdout) as {verdict: {platform: string}; findings: {id: string}[]; published: {source: string; platforms: string[]}; chosenImage: string};
		assert.equal(report.verdict.platform, 'linux/arm/v6');
		assert.equal(report.chosenImage, 'storagetime/chatmock:latest');
		assert.equal(report.published.source, 'built-in');
		assert.ok(!report.published.platforms.includes('linux/arm/v6'));
		assert.deepEqual(
			report.findings.map(f => f.id),
			['platform-not-published'],
		);
		assert.equal(result.code, 1);
	});

	it('--root of a missing folder: exit 2; CHATMOCK_DOCTOR_ROOT missing: falls back to this machine', async () => {
		assert.equal((await cli(['--root', join(tmpdir(), 'nope-root'), '--json', '--no-engine'])).code, 2);
		const options = parseCli(['--json'], {CHATMOCK_DOCTOR_ROOT: '/host'});
		assert.equal(options.root, '/host');
		assert.equal(options.rootFromEnv, true);
		const fallback = await cli(['--json', '--no-engine'], undefined, {CHATMOCK_DOCTOR_ROOT: join(tmpdir(), 'not-mounted')});
		assert.equal(JSON.parse(fallback.stdout).origin, 'live');
	});

	it('the full screen only for a person at a terminal', () => {
		const options = parseCli([], {});
		assert.equal(outputMode(options, {stdinIsTTY: true, stdoutIsTTY: true, env: {}}), 'interactive');
		assert.equal(outputMode(options, {stdinIsTTY: true, stdoutIsTTY: true, env: {CI: 'true'}}), 'plain');
		assert.equal(outputMode(options, {stdinIsTTY: false, stdoutIsTTY: true, env: {}}), 'plain');
		assert.equal(outputMode(parseCli(['--json'], {}), {stdinIsTTY: true, stdoutIsTTY: true, env: {}}), 'json');
		assert.equal(outputMode(parseCli(['--report'], {}), {stdinIsTTY: true, stdoutIsTTY: true, env: {}}), 'markdown');
	});

	it('NO_COLOR and --no-color turn colour off in the plain report', async () => {
		const paste = '$ uname -m\naarch64\n$ dpkg --print-architecture\narmhf\n';
		const coloured = await cli(['triage', '--plain'], paste, {FORCE_COLOR: '1'});
		for (const [argv, env] of [
			[['triage', '--plain', '--no-color'], {}],
			[['triage', '--plain'], {NO_COLOR: '1'}],
			[['triage', '--plain'], {TERM: 'dumb'}],
		] as const) {
			const result = await cli([...argv], paste, {...env});
			assert.doesNotMatch(result.stdout, /\u001B\[/, JSON.stringify(env));
		}
		assert.equal(parseCli(['--no-color'], {}).color, false);
		assert.ok(coloured.stdout.length > 0);
		assert.throws(() => parseCli(['--timeout', '5'], {}), UsageError);
	});

	it('this machine, live and through --root /, gets the same verdict', async () => {
		const live = JSON.parse((await cli(['--json', '--no-engine'])).stdout) as {verdict: {platform: string; nativePlatforms: string[]}; origin: string};
		const root = JSON.parse((await cli(['--root', '/', '--json', '--no-engine'])).stdout) as typeof live;
		assert.equal(live.origin, 'live');
		assert.equal(root.origin, 'root');
		assert.notEqual(live.verdict.platform, null);
		assert.equal(root.verdict.platform, live.verdict.platform);
		assert.deepEqual(root.verdict.nativePlatforms, live.verdict.nativePlatforms);
	});
});
