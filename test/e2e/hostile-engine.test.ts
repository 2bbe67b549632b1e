// Hostile input from a real engine: a container whose name hides a token after an underscore and
// whose log carries escape sequences, BiDi controls, planted tokens and an "exec format error" line
// although it exited 0. --json, --report, --plain and the snapshot must carry no raw control
// character and no planted token, and the container must not be told to re-pull.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {isNeutral} from '../../source/text/sanitize.js';
import {runDoctor, type DoctorRun} from './harness/doctor-process.js';
import {harness, releaseHarness, skipE2E, type Harness} from './harness/index.js';

// Assembled at run time: no token-shaped literal in the repository.
const TOKEN = ['ghp', '_', 'E2E', 'hostile', 'Q'.repeat(8), '0123456789abcdefghij'].join('').slice(0, 40);
const GOOGLE = ['AIza', 'Sy', 'E2E'.repeat(11)].join('').slice(0, 39);
const NAME = `chatmock_${TOKEN}`;

describe('hostile input from a real engine', {skip: skipE2E, timeout: 10 * 60_000}, () => {
	let h: Harness;
	const cwd = mkdtempSync(join(tmpdir(), 'cmd-hostile-e2e-'));
	const run = (args: readonly string[]): Promise<DoctorRun> => runDoctor(args, {cwd, env: h.doctorEnv()});

	before(async () => {
		h = await harness();
		await h.loadImage('amd64', 'ghcr.io/thebtf/chatmock:latest');
		const script = [
			"printf 'starting \\033]52;c;ZWNobyBwd25lZA==\\007 \\033[2J \\342\\200\\256evil\\n'",
			`echo 'token ${TOKEN} key ${GOOGLE}'`,
			"echo 'trying helper: exec /opt/helper-arm: exec format error'",
			'exit 0',
		].join('; ');
		const result = await h.runContainer('ghcr.io/thebtf/chatmock:latest', {name: NAME, cmd: ['sh', '-c', script], keep: true});
		assert.equal(result.exitCode, 0, result.stderr);
		assert.match(result.logs, /exec format error/);
	});
	after(async () => {
		await h?.removeContainers();
		rmSync(cwd, {recursive: true, force: true});
		await releaseHarness();
	});

	for (const format of [['--json'], ['--report'], ['--plain'], ['snapshot']]) {
		test(`${format[0]}: no raw control character, no planted token, no advice to re-pull`, async () => {
			const out = await run([...format, '--offline', '--timeout', '5000']);
			assert.ok([0, 1].includes(out.code), `exit ${out.code}: ${out.stderr.slice(0, 500)}`);
			assert.ok(isNeutral(out.stdout), `${format[0]} stdout carries a raw control character`);
			assert.ok(isNeutral(out.stderr), `${format[0]} stderr carries a raw control character`);
			for (const planted of [TOKEN, GOOGLE]) assert.ok(!out.stdout.includes(planted), `${format[0]} keeps ${planted}`);
			// The plain report shows a container's last log line only; the others carry the whole tail.
			assert.match(out.stdout, format[0] === '--plain' ? /chatmock_<secret-\d+>/ : /evil/, 'the container and its log are in the output');
			if (format[0] === '--json') {
				const report = JSON.parse(out.stdout) as {findings: {id: string; subject?: string; evidence: {text: string}[]}[]; containers: {name: string; logTail: string[]}[]};
				assert.ok(
					report.containers.some(c => c.name.startsWith('chatmock_<secret-')),
					JSON.stringify(report.containers.map(c => c.name)),
				);
				// The harness's foreign-architecture images do get exec-format-error; the container that exited 0 is cited by none.
				const aboutIt = report.findings.filter(f => f.id === 'exec-format-error' && (f.subject === 'ghcr.io/thebtf/chatmock:latest' || f.evidence.some(e => e.text.includes('chatmock_'))));
				assert.deepEqual(aboutIt, []);
			}
			assert.ok(out.ms < 30_000, `${out.ms} ms`);
		});
	}
});
