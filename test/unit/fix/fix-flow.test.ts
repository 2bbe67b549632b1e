import assert from 'node:assert/strict';
import {test} from 'node:test';
import {planFixes, runFixFlow, type ConfirmRequest, type FixStep} from '../../../source/fix/fix-flow.js';
import {archFits, cannotRun} from '../../../source/fix/verify.js';
import {OLD_IMAGE, PULL_ACTION, REMOVE_ACTION, diagnosis, fakeEngine, finding, memoryFs} from './doubles.js';
import {oldSpec} from './recreate/fixtures.js';
import {asideName} from '../../../source/fix/recreate/recreate-flow.js';

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
	assert.equal(last('verify:ghcr.io/thebtf/chatmock:latest@linux/arm64')?.detail, 'runs natively (linux/arm64, stayed up for 3 s)');
	assert.equal(last('tag:ghcr.io/thebtf/chatmock:latest')?.detail, 'ghcr.io/thebtf/chatmock:latest now names new000000000');
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
	assert.deepEqual([...new Set(steps.map(step => step.kind))], ['pull', 'verify', 'tag', 'remove', 'compose', 'recheck']);
	// Said before the pull: the tag the user has moves only after verification.
	assert.match(
		steps.find(step => step.kind === 'pull')?.lines?.join(' ') ?? '',
		/names old000000000 \(linux\/amd64\) now; it moves to the linux\/arm64 image only after that image passes verification/,
	);
});

test('declining keeps the old image and the compose file', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}]});
	const fs = memoryFs({'/p/compose.yaml': 'services:\n  chatmock:\n    image: ghcr.io/thebtf/chatmock:latest\n'});
	const {last, onStep} = collectSteps();
	await runFixFlow(planFixes(before), {engine, nativePlatforms: NATIVE, before, composeFs: fs, cwd: '/p', confirm: async () => false, onStep});
	assert.equal(engine.calls.includes('removeImage sha256:old000000000000'), false);
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
	assert.deepEqual(
		engine.calls.filter(call => !call.startsWith('inspectImage ')),
		['pull ghcr.io/thebtf/chatmock:latest linux/arm64'],
	);
});

test('a stream error is a failure: no verify, no removal', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullResult: {code: 'protocol', message: 'unexpected EOF'}});
	const {last, onStep} = collectSteps();
	const outcome = await runFixFlow(planFixes(before), {engine, nativePlatforms: NATIVE, before, confirm: async () => true, onStep});
	assert.equal(last('pull:ghcr.io/thebtf/chatmock:latest@linux/arm64')?.status, 'failed');
	assert.equal(last('pull:ghcr.io/thebtf/chatmock:latest@linux/arm64')?.detail, 'unexpected EOF');
	assert.equal(last('remove:sha256:old000000000000')?.detail, 'kept: the new image was not verified');
	assert.equal(
		engine.calls.some(call => call.startsWith('trialRun') || call.startsWith('removeImage')),
		false,
	);
	assert.equal(outcome.cancelled, false);
});

test("a failed verify keeps the user's tag on the old image, drops the unverified one, and shows the error", async () => {
	const engine = fakeEngine({
		images: [{...OLD_IMAGE, tags: [...OLD_IMAGE.tags]}],
		trial: {exitCode: 1, running: false, warnings: [], output: ['exec /entrypoint.sh: exec format error']},
	});
	const {last, onStep} = collectSteps();
	await runFixFlow(planFixes(before), {engine, nativePlatforms: NATIVE, before, confirm: async () => true, onStep});
	const verify = last('verify:ghcr.io/thebtf/chatmock:latest@linux/arm64');
	assert.equal(verify?.status, 'failed');
	assert.equal(verify?.detail, 'exec /entrypoint.sh: exec format error');
	assert.equal(last('tag:ghcr.io/thebtf/chatmock:latest')?.detail, 'unchanged: ghcr.io/thebtf/chatmock:latest still names old000000000');
	assert.deepEqual(engine.store.images, [OLD_IMAGE]);
	assert.equal(engine.calls.includes('removeImage sha256:old000000000000'), false);
});

test('a docker run container on the old image is recreated on the verified one, proven, and then the old image can go', async () => {
	const old = {...oldSpec(), imageId: OLD_IMAGE.id, state: {...oldSpec().state, running: true}};
	const engine = fakeEngine({images: [{...OLD_IMAGE, tags: [...OLD_IMAGE.tags]}], specs: [old]});
	const asked: ConfirmRequest[] = [];
	const {last, onStep} = collectSteps();
	const outcome = await runFixFlow(planFixes(before), {
		engine,
		nativePlatforms: NATIVE,
		before,
		probeHttp: async () => 200,
		clock: {
			now: (() => {
				let t = 0;
				return () => (t += 1000);
			})(),
			setTimeout: (callback: () => void) => (callback(), 0),
			clearTimeout: () => undefined,
		},
		recheck: async () => diagnosis([]),
		confirm: async request => {
			asked.push(request);
			return true;
		},
		onStep,
	});
	assert.deepEqual(
		outcome.serving?.map(container => [container.name, container.health.asked]),
		[['chatmock', true]],
		'proven, and its /health answered',
	);
	const recreate = asked.find(request => request.kind === 'recreate');
	assert.ok(recreate && recreate.kind === 'recreate');
	assert.equal(recreate.how, 'run');
	assert.match(recreate.command ?? '', /^docker run -d --name chatmock --platform linux\/arm64 --restart unless-stopped -p 8000:8000 -v chatmock-data:\/data/);
	assert.equal(last('prove:chatmock')?.status, 'done');
	assert.equal(last('commit:chatmock')?.status, 'done');
	const now = engine.containerEngine.byName('chatmock');
	assert.equal(now?.image, 'ghcr.io/thebtf/chatmock:latest');
	assert.equal(engine.containerEngine.byName(asideName('chatmock')), undefined);
	// The old container is gone, so nothing uses the old image any more.
	assert.equal(last('remove:sha256:old000000000000')?.status, 'done');
});

test('a replacement that fails its health check is rolled back and the old image kept', async () => {
	const old = {...oldSpec(), imageId: OLD_IMAGE.id, state: {...oldSpec().state, running: true}};
	const engine = fakeEngine({images: [{...OLD_IMAGE, tags: [...OLD_IMAGE.tags]}], specs: [old], containerBehaviour: {newHealth: 'unhealthy'}});
	const {last, onStep} = collectSteps();
	const outcome = await runFixFlow(planFixes(before), {
		engine,
		nativePlatforms: NATIVE,
		before,
		clock: {now: () => 0, setTimeout: (callback: () => void) => (callback(), 0), clearTimeout: () => undefined},
		confirm: async () => true,
		onStep,
	});
	assert.deepEqual(outcome.rolledBack, ['chatmock']);
	assert.equal(last('prove:chatmock')?.status, 'failed');
	assert.equal(last('rollback:chatmock')?.status, 'done');
	assert.equal(engine.containerEngine.byName('chatmock')?.id, old.id);
	assert.equal(last('remove:sha256:old000000000000')?.status, 'skipped');
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
	assert.equal(engine.calls.includes('removeImage sha256:old000000000000'), false);
});

test('verify under emulation is reported as such', async () => {
	const engine = fakeEngine({trial: {exitCode: 0, running: false, warnings: [], output: []}});
	const amd = [finding('emulated-image', 'warning', [{kind: 'pull-platform', ref: 'r:latest', platform: 'linux/amd64'}])];
	const {last, onStep} = collectSteps();
	await runFixFlow(planFixes(amd), {engine, nativePlatforms: NATIVE, before: amd, confirm: async () => true, onStep});
	assert.equal(last('verify:r:latest@linux/amd64')?.detail, 'runs under emulation (linux/amd64, started and exited with code 0)');
});

test('the image config must name the platform asked for', () => {
	assert.equal(archFits({architecture: 'arm64'}, 'linux/arm64'), true);
	assert.equal(archFits({architecture: 'arm', variant: 'v7'}, 'linux/arm/v7'), true);
	assert.equal(archFits({architecture: 'amd64'}, 'linux/arm64'), false);
});

test('a trial run that could not execute is told from one that started', () => {
	const run = (extra: object) => ({running: false, warnings: [], output: [], ...extra});
	assert.match(cannotRun(run({exitCode: 1, output: ['standard_init_linux.go:228: exec user process caused: exec format error']})) ?? '', /exec format error/);
	assert.match(cannotRun(run({exitCode: 139})) ?? '', /segmentation fault/);
	assert.match(cannotRun(run({exitCode: 132})) ?? '', /illegal instruction/);
	assert.match(cannotRun(run({exitCode: 127})) ?? '', /not found/);
	assert.match(cannotRun(run({error: 'OCI runtime create failed: exec format error'})) ?? '', /exec format error/);
	assert.equal(cannotRun(run({running: true})), undefined);
	// Its own failure (no config, no network) still proves it executes here.
	assert.equal(cannotRun(run({exitCode: 2, output: ['error: no token configured']})), undefined);
});
