import assert from 'node:assert/strict';
import {test} from 'node:test';
import {planFixes, runFixFlow, type ConfirmRequest, type FixStep} from '../../../source/fix/fix-flow.js';
import {machineFits} from '../../../source/fix/verify.js';
import {OLD_IMAGE, PULL_ACTION, REMOVE_ACTION, diagnosis, fakeEngine, finding, memoryFs} from './doubles.js';

const NATIVE = ['linux/arm64', 'linux/arm/v7'];
const before = [finding('exec-format-error', 'error', [PULL_ACTION, REMOVE_ACTION, {kind: 'compose-platform', platform: 'linux/arm64'}])];

function collectSteps() {
	const steps: FixStep[] = [];
	const last = (key: string) => steps.filter(step => step.key === key).at(-1);
	return {steps, last, onStep: (step: FixStep) => steps.push(step)};
}

test('plan: pulls before removals, each once', () => {
	const plan = planFixes([...before, finding('emulated-image', 'warning', [PULL_ACTION])]);
	assert.equal(plan.pulls.length, 1);
	assert.equal(plan.removals.length, 1);
	assert.equal(plan.composePlatform, 'linux/arm64');
});

test('pull, verify natively, remove after confirmation, write compose, check again', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullEvents: [{id: 'aaa', status: 'Downloading', current: 5, total: 10}]});
	const fs = memoryFs({'/p/compose.yaml': 'services:\n  chatmock:\n    image: ghcr.io/thebtf/chatmock:latest\n'});
	const asked: ConfirmRequest[] = [];
	const {steps, last, onStep} = collectSteps();
	const progress: string[] = [];
	const outcome = await runFixFlow(planFixes(before), {
		engine,
		nativePlatforms: NATIVE,
		before,
		composeFs: fs,
		cwd: '/p',
		recheck: async () => diagnosis([]),
		confirm: async request => {
			asked.push(request);
			return true;
		},
		onStep,
		onPullProgress: (_key, event) => progress.push(event.status),
	});
	assert.equal(outcome.cancelled, false);
	assert.deepEqual(progress, ['Downloading']);
	assert.equal(last('verify:ghcr.io/thebtf/chatmock:latest@linux/arm64')?.detail, 'runs natively as aarch64');
	assert.deepEqual(
		asked.map(request => request.kind),
		['remove', 'compose'],
	);
	assert.ok(engine.calls.includes('removeImage sha256:old000000000000'));
	assert.equal(
		engine.store.images.some(image => image.id === OLD_IMAGE.id),
		false,
	);
	assert.equal(last('compose')?.status, 'done');
	assert.ok(fs.files['/p/compose.yaml.bak']);
	assert.equal(outcome.comparison?.fixed.map(f => f.id).join(), 'exec-format-error');
	assert.equal(last('recheck')?.detail, '1 fixed, 0 remain, 0 new');
	// The order of first appearance is the order of the flow.
	assert.deepEqual([...new Set(steps.map(step => step.kind))], ['pull', 'verify', 'remove', 'compose', 'recheck']);
});

test('declining keeps the old image and the compose file', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}]});
	const fs = memoryFs({'/p/compose.yaml': 'services:\n  chatmock:\n    image: ghcr.io/thebtf/chatmock:latest\n'});
	const {last, onStep} = collectSteps();
	await runFixFlow(planFixes(before), {engine, nativePlatforms: NATIVE, before, composeFs: fs, cwd: '/p', confirm: async () => false, onStep});
	assert.equal(
		engine.calls.some(call => call.startsWith('removeImage')),
		false,
	);
	assert.equal(last('remove:sha256:old000000000000')?.status, 'skipped');
	assert.deepEqual(Object.keys(fs.files), ['/p/compose.yaml']);
});

test('cancelling the pull stops everything and leaves the old image tagged', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullHangs: true, pullEvents: [{id: 'aaa', status: 'Downloading', current: 1, total: 10}]});
	const controller = new AbortController();
	const {last, onStep} = collectSteps();
	const confirm = async () => assert.fail('nothing to confirm after a cancelled pull');
	const running = runFixFlow(planFixes(before), {engine, nativePlatforms: NATIVE, before, confirm, onStep, signal: controller.signal, recheck: async () => diagnosis([])});
	await engine.pullStarted;
	controller.abort();
	const outcome = await running;
	assert.equal(outcome.cancelled, true);
	assert.equal(last('pull:ghcr.io/thebtf/chatmock:latest@linux/arm64')?.status, 'cancelled');
	assert.deepEqual(engine.store.images, [OLD_IMAGE]);
	assert.deepEqual(engine.calls, ['pull ghcr.io/thebtf/chatmock:latest linux/arm64']);
});

test('a stream error is a failure: no verify, no removal', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullResult: {code: 'protocol', message: 'unexpected EOF'}});
	const {last, onStep} = collectSteps();
	const outcome = await runFixFlow(planFixes(before), {engine, nativePlatforms: NATIVE, before, confirm: async () => true, onStep});
	assert.equal(last('pull:ghcr.io/thebtf/chatmock:latest@linux/arm64')?.status, 'failed');
	assert.equal(last('pull:ghcr.io/thebtf/chatmock:latest@linux/arm64')?.detail, 'unexpected EOF');
	assert.equal(last('remove:sha256:old000000000000')?.detail, 'kept: the new image was not verified');
	assert.equal(
		engine.calls.some(call => call.startsWith('verifyRun') || call.startsWith('removeImage')),
		false,
	);
	assert.equal(outcome.cancelled, false);
});

test('a failed verify run keeps the old image and shows the error', async () => {
	const engine = fakeEngine({
		images: [{...OLD_IMAGE}],
		verify: {exitCode: 1, warnings: [], output: ['exec /bin/uname: exec format error']},
	});
	const {last, onStep} = collectSteps();
	await runFixFlow(planFixes(before), {engine, nativePlatforms: NATIVE, before, confirm: async () => true, onStep});
	const verify = last('verify:ghcr.io/thebtf/chatmock:latest@linux/arm64');
	assert.equal(verify?.status, 'failed');
	assert.equal(verify?.detail, 'exec /bin/uname: exec format error');
	assert.equal(
		engine.calls.some(call => call.startsWith('removeImage')),
		false,
	);
});

test('an old image a container uses is never removed, and the user is told which', async () => {
	const engine = fakeEngine({
		images: [{...OLD_IMAGE}],
		containers: [{id: 'c1', names: ['chatmock'], image: 'ghcr.io/thebtf/chatmock:latest', imageId: OLD_IMAGE.id, state: 'exited'}],
	});
	const {last, onStep} = collectSteps();
	await runFixFlow(planFixes(before), {engine, nativePlatforms: NATIVE, before, confirm: async () => assert.fail('must not ask'), onStep});
	const remove = last('remove:sha256:old000000000000');
	assert.equal(remove?.status, 'skipped');
	assert.deepEqual(remove?.lines, ['chatmock (exited)']);
	assert.equal(
		engine.calls.some(call => call.startsWith('removeImage')),
		false,
	);
});

test('verify under emulation is reported as such', async () => {
	const engine = fakeEngine({verify: {machine: 'x86_64', exitCode: 0, warnings: [], output: ['x86_64']}});
	const amd = [finding('emulated-image', 'warning', [{kind: 'pull-platform', ref: 'r:latest', platform: 'linux/amd64'}])];
	const {last, onStep} = collectSteps();
	await runFixFlow(planFixes(amd), {engine, nativePlatforms: NATIVE, before: amd, confirm: async () => true, onStep});
	assert.equal(last('verify:r:latest@linux/amd64')?.detail, 'runs as x86_64 under emulation');
});

test('machineFits: 32-bit guests may report their 64-bit kernel', () => {
	assert.equal(machineFits('aarch64', 'linux/arm64'), true);
	assert.equal(machineFits('armv7l', 'linux/arm/v7'), true);
	assert.equal(machineFits('aarch64', 'linux/arm/v7'), true);
	assert.equal(machineFits('x86_64', 'linux/arm64'), false);
	assert.equal(machineFits('armv7l', 'linux/arm64'), false);
});
