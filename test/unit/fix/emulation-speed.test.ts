import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeNative, describeSlowdown, measureSlowdown, parseTiming, SPEED_SCRIPT, timeLoop, type SpeedOps} from '../../../source/fix/emulation-speed.js';

type Answer = {exitCode?: number; running?: boolean; output: string[]; error?: string};

/** A fake engine whose trial runs answer per platform; it records what was run. */
function fakeOps(answers: Record<string, Answer>): SpeedOps & {runs: {ref: string; platform?: string; command?: readonly string[]}[]} {
	const runs: {ref: string; platform?: string; command?: readonly string[]}[] = [];
	return {
		runs,
		trialRun: async (ref, options) => {
			runs.push({ref, ...(options?.platform ? {platform: options.platform} : {}), ...(options?.command ? {command: options.command} : {})});
			const answer = answers[options?.platform ?? ''];
			if (!answer) return {ok: false, error: {code: 'not-found', message: `no such image: ${ref}`}} as never;
			return {
				ok: true,
				value: {
					running: answer.running ?? false,
					warnings: [],
					output: answer.output,
					...(answer.exitCode === undefined ? {} : {exitCode: answer.exitCode}),
					...(answer.error ? {error: answer.error} : {}),
				},
			};
		},
	};
}

test('the Python loop in both images: 9.4× slower emulated, measured one after the other', async () => {
	const ops = fakeOps({'linux/arm64': {exitCode: 0, output: ['python 2.35']}, 'linux/amd64': {exitCode: 0, output: ['python 0.25']}});
	const result = await measureSlowdown(ops, {ref: 'sha256:old', platform: 'linux/arm64'}, {ref: 'ghcr.io/thebtf/chatmock:latest', platform: 'linux/amd64'});
	assert.deepEqual(result, {ok: true, kind: 'python', emulatedS: 2.35, nativeS: 0.25, ratio: 9.4});
	assert.equal(describeSlowdown(result), 'runs 9.4× slower emulated here (2.4 s against 0.25 s for the same Python loop)');
	assert.deepEqual(
		ops.runs.map(run => [run.ref, run.platform, run.command?.[0]]),
		[
			['sha256:old', 'linux/arm64', 'sh'],
			['ghcr.io/thebtf/chatmock:latest', 'linux/amd64', 'sh'],
		],
	);
	assert.equal(describeNative({ok: true, kind: 'python', seconds: 0.25}, result), 'runs natively now: the loop takes 0.25 s; it took 2.4 s emulated, 9.4× longer');
});

test('busybox-style images: the shell loop timed by /proc/uptime', () => {
	assert.deepEqual(parseTiming(['sh 1000.10 1003.60']), {ok: true, kind: 'sh', seconds: 3.5});
	assert.equal(parseTiming(['sh 1000.10 1000.10']).ok, true, 'faster than the clock still counts as some time');
	assert.match(SPEED_SCRIPT, /command -v python3/);
	assert.match(SPEED_SCRIPT, /\/proc\/uptime/);
});

test('a loop that fails or runs too long is reported, never a made-up number', async () => {
	const ops = fakeOps({'linux/arm64': {running: true, output: []}, 'linux/amd64': {exitCode: 127, output: ['sh: not found']}});
	const slow = await timeLoop(ops, {ref: 'x', platform: 'linux/arm64'});
	assert.deepEqual(slow, {ok: false, message: 'the timing loop did not run in x: took too long'});
	assert.equal((await timeLoop(ops, {ref: 'y', platform: 'linux/amd64'})).ok, false);
	const missing = await measureSlowdown(fakeOps({'linux/arm64': {exitCode: 0, output: ['python 1.0']}}), {ref: 'a', platform: 'linux/arm64'}, {ref: 'b', platform: 'linux/amd64'});
	assert.deepEqual(missing, {ok: false, message: 'no such image: b', emulatedS: 1});
	assert.match(describeSlowdown(missing), /^could not measure: no such image/);
});

test('different loops are not compared', async () => {
	const ops = fakeOps({'linux/arm64': {exitCode: 0, output: ['python 1.0']}, 'linux/amd64': {exitCode: 0, output: ['sh 1 1.5']}});
	const result = await measureSlowdown(ops, {ref: 'a', platform: 'linux/arm64'}, {ref: 'b', platform: 'linux/amd64'});
	assert.equal(result.ok, false);
	assert.match(describeSlowdown(result), /not comparable/);
});

test('the measuring steps ask first; a no leaves the figure out and the fix goes on', async () => {
	const {measureBeforeFix, measureAfterFix} = await import('../../../source/fix/measure-step.js');
	const ops = fakeOps({'linux/arm64': {exitCode: 0, output: ['python 2.0']}, 'linux/amd64': {exitCode: 0, output: ['python 0.2']}});
	const seen: string[] = [];
	const report = (status: string, detail?: string) => seen.push(detail ? `${status}: ${detail}` : status);
	const emulated = {ref: 'sha256:old', platform: 'linux/arm64'};
	const native = {ref: 'ghcr.io/thebtf/chatmock:latest', platform: 'linux/amd64'};
	assert.equal(await measureBeforeFix({ops, emulated, native, ask: async () => false, report}), undefined);
	assert.deepEqual(ops.runs, [], 'nothing runs without a yes');
	const before = await measureBeforeFix({ops, emulated, native, ask: async () => true, report});
	await measureAfterFix({ops, native, ...(before ? {before} : {}), report});
	assert.deepEqual(seen, [
		'waiting',
		'skipped: not measured',
		'waiting',
		'running',
		'done: runs 10× slower emulated here (2.0 s against 0.20 s for the same Python loop)',
		'running',
		'done: runs natively now: the loop takes 0.20 s; it took 2.0 s emulated, 10× longer',
	]);
});

test('an emulated image that does not run the loop at all: skipped, not failed', async () => {
	const {measureBeforeFix} = await import('../../../source/fix/measure-step.js');
	const ops = fakeOps({'linux/arm64': {exitCode: 1, output: [], error: 'exec format error'}, 'linux/amd64': {exitCode: 0, output: ['python 0.2']}});
	const seen: string[] = [];
	await measureBeforeFix({
		ops,
		emulated: {ref: 'a', platform: 'linux/arm64'},
		native: {ref: 'b', platform: 'linux/amd64'},
		ask: async () => true,
		report: (status, detail) => seen.push(`${status}: ${detail ?? ''}`),
	});
	assert.equal(seen.at(-1), 'skipped: not measured: the timing loop did not run in a: exec format error');
});
