// The triage Action as GitHub runs it (action.yml's last step, in the action's folder, with the
// workflow's environment), against a local fake of GitHub's REST API and real issue bodies.
import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {after, before, beforeEach, describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';
import {triageComment} from '../../../source/action/triage-comment.js';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import {triageText} from '../../../source/facts/triage/triage-text.js';
import {buildReport} from '../../../source/presentation/report-model.js';
import {FakeGitHub} from './fake-github.js';
import {tempDir} from '../../helpers/temp-dir.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const issueBody = (name: string) => readFileSync(join(repoRoot, 'test', 'fixtures', 'issues', name), 'utf8');
const TOKEN = 'ghs_FakeRunTokenForTheTestOnly0123456789';
const REPOSITORY = 'thebtf/chatmock';
const ISSUE = 7;
const MARKER = '<!-- chatmock-doctor:triage -->';

/** The command action.yml's last step runs (in the action's folder), so the test runs what ships. */
function actionCommand(): string[] {
	const runs = [...readFileSync(join(repoRoot, 'action.yml'), 'utf8').matchAll(/^\s+run: (.+)$/gm)].map(m => m[1]!.trim());
	const last = runs.at(-1)?.split(/\s+/) ?? [];
	assert.equal(last[0], 'node', 'action.yml ends with a node command');
	return last.slice(1);
}

interface Run {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
}

let work: string;
let github: FakeGitHub;

function runAction(body: string, options: {token?: string; event?: object} = {}): Promise<Run> {
	const eventPath = join(work, 'event.json');
	writeFileSync(eventPath, JSON.stringify(options.event ?? {action: 'opened', issue: {number: ISSUE, body}, repository: {full_name: REPOSITORY}}));
	return new Promise(done => {
		execFile(
			process.execPath,
			actionCommand(),
			{
				cwd: repoRoot,
				env: {
					PATH: process.env['PATH'],
					GITHUB_EVENT_PATH: eventPath,
					GITHUB_TOKEN: options.token ?? TOKEN,
					GITHUB_API_URL: github.url,
					GITHUB_SERVER_URL: github.url,
					GITHUB_REPOSITORY: REPOSITORY,
				},
				timeout: 60_000,
			},
			(error, stdout, stderr) => done({code: error ? ((error as {code?: number}).code ?? 1) : 0, stdout, stderr}),
		);
	});
}

const writes = () => github.requests.filter(r => r.method === 'POST' || r.method === 'PATCH');

describe('the triage Action against a fake GitHub', () => {
	before(() => {
		work = tempDir('chatmock-doctor-action-');
	});
	after(() => rmSync(work, {recursive: true, force: true}));
	beforeEach(async () => {
		await github?.stop();
		github = new FakeGitHub(REPOSITORY, ISSUE, TOKEN);
		await github.start();
	});
	after(async () => github.stop());

	test('a Pi with a 32-bit OS: one comment with linux/arm/v7 and the 32-bit userland finding', async () => {
		const run = await runAction(issueBody('pi4-raspbian-32bit-arm-v8.md'));
		assert.equal(run.code, 0, run.stderr);
		assert.equal(github.comments.length, 1);
		const [comment] = github.comments;
		assert.ok(comment!.body.startsWith(MARKER));
		assert.match(comment!.body, /\*\*Verdict:\*\* use `linux\/arm\/v7`/);
		assert.match(comment!.body, /userland-32bit-on-64bit-kernel/);
		assert.ok(github.requests.every(r => r.path.startsWith('/repos/') && r.authorization === `Bearer ${TOKEN}`));
	});

	test('an edit updates the same comment; an edit that changes nothing writes nothing', async () => {
		const body = issueBody('pi4-raspbian-32bit-arm-v8.md');
		assert.equal((await runAction(body)).code, 0);
		const first = github.comments[0]!.body;
		assert.equal((await runAction(`${body}\n\n$ dpkg --print-architecture\narmhf\n$ getconf LONG_BIT\n32\n`)).code, 0);
		assert.equal(github.comments.length, 1, 'still one comment');
		assert.notEqual(github.comments[0]!.body, first);
		assert.match(github.comments[0]!.body, /armhf/);
		assert.deepEqual(
			writes().map(r => r.method),
			['POST', 'PATCH'],
		);
		const again = await runAction(`${body}\n\n$ dpkg --print-architecture\narmhf\n$ getconf LONG_BIT\n32\n`);
		assert.equal(again.code, 0);
		assert.equal(writes().length, 2, 'the same verdict is not written again');
	});

	test('an Apple Silicon Mac with Docker Desktop: linux/arm64', async () => {
		const run = await runAction(issueBody('mac-apple-silicon-docker-desktop.md'));
		assert.equal(run.code, 0, run.stderr);
		assert.equal(github.comments.length, 1);
		assert.match(github.comments[0]!.body, /\*\*Verdict:\*\* use `linux\/arm64`/);
	});

	test('an issue with no machine output: nothing is asked or posted', async () => {
		const run = await runAction(issueBody('no-machine-output.md'));
		assert.equal(run.code, 0, run.stderr);
		assert.equal(github.comments.length, 0);
		assert.equal(github.requests.length, 0);
		assert.match(run.stdout, /no machine output/);
	});

	test('secrets in the body never reach the comment or the log', async () => {
		// The planted key sits in the line the report quotes: unredacted, it would be in the comment.
		const body = issueBody('pi4-exec-format-error-with-planted-token.md');
		const facts = triageText(body);
		assert.match(triageComment(buildReport(facts, diagnose(facts), 'test'), 0), /sk-proj-Q7vX2mLk9PzR4tYw8NbC3dFh6JsA1eUo/);
		const run = await runAction(issueBody('pi4-exec-format-error-with-planted-token.md'));
		assert.equal(run.code, 0, run.stderr);
		assert.equal(github.comments.length, 1);
		const everything = [github.comments[0]!.body, run.stdout, run.stderr, ...github.requests.map(r => r.body)].join('\n');
		for (const secret of ['sk-proj-Q7vX2mLk9PzR4tYw8NbC3dFh6JsA1eUo', 'ghp_3kF9wQ2xZ7mB4nV8cT1yR6uJ0pL5sD2hG9aE', TOKEN]) {
			assert.ok(!everything.includes(secret), `${secret.slice(0, 8)}… leaked`);
		}
		assert.match(github.comments[0]!.body, /\*\*Verdict:\*\* use `linux\/arm\/v7`/);
	});

	test('a report attached as a text file is read with the body', async () => {
		github.attachments.set('/user-attachments/files/123/report.md', issueBody('mac-apple-silicon-docker-desktop.md'));
		const run = await runAction(`ChatMock does not start, my report: ${github.url}/user-attachments/files/123/report.md.`);
		assert.equal(run.code, 0, run.stderr);
		assert.match(github.comments[0]!.body, /\*\*Verdict:\*\* use `linux\/arm64`/);
		assert.match(github.comments[0]!.body, /1 linked report\b/);
	});

	test('GitHub refusing the token: exit 1 with its message, and the token is not printed', async () => {
		const wrong = 'ghs_WrongTokenWrongTokenWrongToken000000';
		const run = await runAction(issueBody('pi4-raspbian-32bit-arm-v8.md'), {token: wrong});
		assert.equal(run.code, 1);
		assert.match(run.stderr, /HTTP 401 \(Bad credentials\)/);
		assert.ok(!`${run.stdout}${run.stderr}`.includes(wrong));
		assert.equal(github.comments.length, 0);
	});

	test('a pull request event is left alone', async () => {
		const run = await runAction('', {event: {action: 'opened', issue: {number: ISSUE, body: 'uname -m\naarch64', pull_request: {}}, repository: {full_name: REPOSITORY}}});
		assert.equal(run.code, 0);
		assert.equal(github.requests.length, 0);
	});
});
