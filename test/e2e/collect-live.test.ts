// collect.sh on this machine against the harness's real engine: its output, through `triage`,
// must give the verdict the live doctor gives (`--json`), with and without a dead ChatMock
// container, under dash and busybox sh. And the packed tarball ships it.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {COLLECT_SH, collectorToolsProblem, run, SHELLS} from '../helpers/collect-sh.js';
import {jsonOf, runDoctor} from './harness/doctor-process.js';
import {harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

interface Report {
	readonly verdict: {readonly platform: string | null; readonly nativePlatforms: readonly string[]; readonly dockerDefault: string | null};
	readonly findings: readonly {readonly id: string; readonly severity: string}[];
}

describe('collect.sh through triage = the live doctor, on a real engine', {skip: skipE2E, timeout: 10 * 60_000}, () => {
	let h: Harness;
	let ref: string;
	const dir = mkdtempSync(join(tmpdir(), 'collect-live-'));

	// The user's image named as a user names it: in the environment, for the doctor and collect.sh alike.
	const env = () => h.doctorEnv({CHATMOCK_IMAGE: ref});
	const doctor = async (args: readonly string[]) => jsonOf<Report>(await runDoctor(args, {cwd: dir, env: env()}));

	/** The collector's output, pasted into `triage`, as the JSON report a maintainer would read. */
	async function collectedReport(shell: readonly string[]): Promise<{report: Report; paste: string}> {
		const collected = await run([...shell, COLLECT_SH], {env: env(), cwd: dir});
		assert.equal(collected.code, 0, collected.stderr);
		const file = join(dir, `paste-${shell.join('-')}.md`);
		writeFileSync(file, collected.stdout);
		return {report: await doctor(['triage', file, '--json', '--offline']), paste: collected.stdout};
	}

	const verdictOf = (report: Report) => ({
		platform: report.verdict.platform,
		nativePlatforms: report.verdict.nativePlatforms,
		dockerDefault: report.verdict.dockerDefault,
		errors: report.findings
			.filter(f => f.severity === 'error')
			.map(f => f.id)
			.sort(),
	});

	before(async () => {
		const problem = await collectorToolsProblem();
		if (problem) throw new Error(problem);
		h = await harness();
		ref = h.multiPlatformRef;
		unregister('qemu-aarch64');
	});
	after(async () => {
		await h?.removeContainers();
		rmSync(dir, {recursive: true, force: true});
		await releaseHarness();
	});

	test('the right image, no container: the same verdict', async () => {
		await h.loadImage('amd64', ref);
		const live = await doctor(['--json', '--offline']);
		for (const shell of SHELLS) {
			const {report, paste} = await collectedReport(shell);
			assert.deepEqual(verdictOf(report), verdictOf(live), `${shell.join(' ')}:\n${paste}`);
			assert.match(paste, /"Architecture":"amd64"/);
			assert.match(paste, /\$ docker info\n/);
		}
	});

	test('an arm64 image and its dead container, no emulator: the same verdict and the same errors', async () => {
		await h.loadImage('arm64', ref);
		const ran = await h.runContainer(ref, {name: 'chatmock-collect-dead', keep: true});
		assert.notEqual(ran.exitCode, 0);
		try {
			const live = await doctor(['--json', '--offline']);
			assert.ok(
				live.findings.some(f => f.id === 'exec-format-error'),
				'the live doctor sees the dead container',
			);
			for (const shell of SHELLS) {
				const {report, paste} = await collectedReport(shell);
				assert.deepEqual(verdictOf(report), verdictOf(live), `${shell.join(' ')}:\n${paste}`);
				assert.match(paste, /\$ docker logs --tail 30 chatmock-collect-dead\n[^\n]*exec format error/);
			}
		} finally {
			await h.removeContainers();
		}
	});
});

describe('the packed tarball ships collect.sh', {timeout: 3 * 60_000}, () => {
	test('npm pack lists dist/collect.sh, executable', () => {
		const packed = spawnSync('npm', ['pack', '--dry-run', '--json'], {cwd: ROOT, encoding: 'utf8', timeout: 120_000});
		assert.equal(packed.status, 0, packed.stderr);
		const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {files: {path: string; mode: number}[]}[];
		const file = info?.files.find(f => f.path === 'dist/collect.sh');
		assert.ok(file, 'dist/collect.sh is in the package');
		assert.equal(file.mode & 0o111, 0o111, 'executable');
	});
});
