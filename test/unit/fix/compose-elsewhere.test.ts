import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {ComposeRunner} from '../../../source/fix/compose-cli.js';
import {composeByHand} from '../../../source/fix/recreate/compose-elsewhere.js';
import {composeStrategyFactory} from '../../../source/fix/recreate/compose-strategy.js';
import {planFixes, runFixFlow, type ConfirmRequest, type FixStep} from '../../../source/fix/fix-flow.js';
import {runFixNonInteractive} from '../../../source/fix/run-fix.js';
import {buildReport} from '../../../source/presentation/report-model.js';
import {OLD_IMAGE, PULL_ACTION, diagnosis, emptyFacts, fakeEngine, finding, memoryFs} from './doubles.js';
import {oldSpec} from './recreate/fixtures.js';

const FILE = '/home/u/chatmock/compose.yaml';
const COMPOSE = 'services:\n  chatmock:\n    image: ghcr.io/thebtf/chatmock:latest\n    ports: ["8000:8000"]\n';
const LABELS = {
	'com.docker.compose.project': 'chatmock',
	'com.docker.compose.service': 'chatmock',
	'com.docker.compose.project.working_dir': '/home/u/chatmock',
	'com.docker.compose.project.config_files': FILE,
};
const made = {kind: 'compose', project: 'chatmock', service: 'chatmock', workingDir: '/home/u/chatmock', configFiles: [FILE]} as const;
const before = [finding('exec-format-error', 'error', [PULL_ACTION, {kind: 'compose-platform', platform: 'linux/arm64'}])];

/** Virtual time: each look at the clock is a second later, so the proof's waits end without sleeping. */
function ticking() {
	let t = 0;
	return {now: () => (t += 1000), setTimeout: (callback: () => void) => (callback(), 0), clearTimeout: () => undefined};
}

/** A machine without a compose CLI: the compose strategy then recreates through the engine, after pinning the file. */
const noCompose: ComposeRunner = async () => ({exitCode: undefined, stdout: '', stderr: 'ENOENT', missing: true});

/** The same repo at the same path on this machine, with every read and write of it recorded. */
function sameRepoHere() {
	const fs = memoryFs({[FILE]: COMPOSE});
	const touched: string[] = [];
	return {
		fs,
		touched,
		spy: {
			readText: async (path: string) => (touched.push(`read ${path}`), fs.readText(path)),
			writeText: async (path: string, text: string) => (touched.push(`write ${path}`), fs.writeText(path, text)),
			exists: async (path: string) => (touched.push(`exists ${path}`), fs.exists(path)),
		},
	};
}

/** The user's compose-made container on the old (foreign) image, on an engine at `endpoint`. */
function engineAt(endpoint: string) {
	const old = {...oldSpec(), name: 'chatmock-chatmock-1', imageId: OLD_IMAGE.id, labels: {...oldSpec().labels, ...LABELS}, state: {...oldSpec().state, running: true}};
	const engine = {...fakeEngine({images: [{...OLD_IMAGE, tags: [...OLD_IMAGE.tags]}], specs: [old]}), endpoint};
	const created: Record<string, unknown>[] = [];
	const create = engine.createContainer;
	engine.createContainer = (body, options) => (created.push(body), create(body, options));
	return {engine, created};
}

async function fix(endpoint: string) {
	const here = sameRepoHere();
	const {engine, created} = engineAt(endpoint);
	const asked: ConfirmRequest[] = [];
	const steps: FixStep[] = [];
	const outcome = await runFixFlow(planFixes(before), {
		engine,
		nativePlatforms: ['linux/arm64'],
		before,
		composeFs: here.spy,
		cwd: '/home/u/chatmock',
		composeStrategy: composeStrategyFactory({fs: here.spy, run: noCompose, env: {}}),
		probeHttp: async () => 200,
		clock: ticking(),
		confirm: async request => (asked.push(request), true),
		onStep: step => steps.push(step),
	});
	const recreate = asked.find(request => request.kind === 'recreate');
	assert.ok(recreate?.kind === 'recreate', JSON.stringify(steps, null, 1));
	return {...here, engine, created, outcome, recreate, steps, asked};
}

test('an engine on this machine: the labelled compose file is pinned as before', async () => {
	const {fs, recreate, outcome} = await fix('unix:///var/run/docker.sock');
	assert.equal(recreate.how, 'compose');
	assert.match(fs.files[FILE] ?? '', /platform: linux\/arm64/);
	assert.equal(fs.files[`${FILE}.bak`], COMPOSE);
	assert.equal(outcome.byHand, undefined);
	assert.deepEqual(
		outcome.serving?.map(container => container.name),
		['chatmock-chatmock-1'],
	);
});

test('an engine on another machine with a same-path file here: the file is neither read nor written; the Engine API recreates it with compose labels; the platform line is left to the user', async () => {
	const {fs, touched, recreate, outcome, created, steps, asked} = await fix('ssh://u@raspberrypi:22');
	assert.deepEqual(touched, [], 'no compose file here is read or written');
	assert.deepEqual(fs.files, {[FILE]: COMPOSE});
	assert.ok(!asked.some(request => request.kind === 'compose'), 'nothing asks to write it either');
	assert.equal(recreate.how, 'run');
	const line = 'by hand on raspberrypi: add "platform: linux/arm64" under the service chatmock in /home/u/chatmock/compose.yaml, so compose keeps linux/arm64 next time';
	assert.equal(recreate.lines.at(-1), line, 'shown before the yes');
	assert.ok(recreate.lines.some(text => text.includes('not edited: the engine is on raspberrypi')));
	assert.deepEqual(outcome.byHand, [line]);
	const left = steps.filter(step => step.key === 'compose:chatmock-chatmock-1').at(-1);
	assert.equal(left?.status, 'skipped');
	assert.equal(left?.lines?.[0], line);
	assert.equal(steps.filter(step => step.key === 'compose').at(-1)?.detail, 'nothing here edited: the compose files are on raspberrypi');
	// The same container from its inspect, compose's labels kept (compose still owns it), on the new platform.
	assert.deepEqual(
		created.map(body => (body['Labels'] as Record<string, string>)['com.docker.compose.project']),
		['chatmock'],
	);
	assert.deepEqual(
		outcome.serving?.map(container => container.name),
		['chatmock-chatmock-1'],
	);
});

test('tcp:// on the loopback shares this machine; tcp:// to another host does not', () => {
	assert.equal(composeByHand(made, 'linux/arm64', 'tcp://127.0.0.1:2375'), undefined);
	assert.equal(composeByHand(made, 'linux/arm64', 'npipe:////./pipe/docker_engine'), undefined);
	assert.equal(composeByHand(made, 'linux/arm64', 'tcp://nas.lan:2376')?.machine, 'nas.lan');
	const two = composeByHand({...made, configFiles: [FILE, '/home/u/chatmock/compose.override.yaml']}, 'linux/arm64', 'ssh://pi');
	assert.match(two?.line ?? '', /in the one of \/home\/u\/chatmock\/compose\.yaml, \/home\/u\/chatmock\/compose\.override\.yaml that sets its image,/);
});

test('--fix --yes prints what is left to do on that machine', async () => {
	const {engine} = engineAt('ssh://u@raspberrypi:22');
	const here = sameRepoHere();
	const broken = diagnosis(before);
	const results = [broken, diagnosis([])];
	const lines: string[] = [];
	const code = await runFixNonInteractive({
		collectFacts: async () => ({facts: emptyFacts, engine}),
		diagnose: () => results.shift() ?? diagnosis([]),
		buildReport,
		collect: {host: {kind: 'live'} as never, timeoutMs: 1000, offline: true, noEngine: false, cwd: '/home/u/chatmock'},
		yes: true,
		write: line => lines.push(line),
		composeFs: here.spy,
		composeStrategy: composeStrategyFactory({fs: here.spy, run: noCompose, env: {}}),
		probeHttp: async () => 200,
		clock: ticking(),
	});
	assert.equal(code, 0, lines.join('\n'));
	assert.ok(
		lines.includes('By hand on raspberrypi: add "platform: linux/arm64" under the service chatmock in /home/u/chatmock/compose.yaml, so compose keeps linux/arm64 next time.'),
		lines.join('\n'),
	);
	assert.deepEqual(here.fs.files, {[FILE]: COMPOSE});
});
