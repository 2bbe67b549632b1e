import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {CollectOptions} from '../../../source/facts/collect-types.js';
import type {Facts} from '../../../source/facts/types.js';
import type {Diagnosis} from '../../../source/diagnosis/types.js';
import type {Report} from '../../../source/presentation/report-model.js';
import {runFixNonInteractive} from '../../../source/fix/run-fix.js';
import {engineElsewhereWithLoopbackPort, instantClock, runningChatmock} from './running-chatmock.js';
import {OLD_IMAGE, PULL_ACTION, REMOVE_ACTION, diagnosis, emptyFacts, fakeEngine, finding, memoryFs, type FakeEngine} from './doubles.js';

const collect = {host: {} as CollectOptions['host'], timeoutMs: 3000, offline: true, noEngine: false, cwd: '/p'};

function buildReport(_facts: Facts, d: Diagnosis, version: string): Report {
	const count = (s: string) => d.findings.filter(f => f.severity === s).length;
	return {
		schema: 'chatmock-doctor/report@1',
		tool: {name: 'chatmock-doctor', version},
		origin: 'live',
		verdict: d.verdict,
		host: {kernelArch: null, userlandArch: null, os: null, model: null, wsl: null, container: null, facts: {}},
		engine: null,
		images: [],
		containers: [],
		published: null,
		chosenImage: null,
		findings: d.findings,
		summary: {errors: count('error'), warnings: count('warning'), infos: count('info')},
	};
}

/** A collector whose n-th call sees the n-th diagnosis. */
function sequence(engine: FakeEngine | undefined, diagnoses: Diagnosis[]) {
	let call = 0;
	const seen: Diagnosis[] = [];
	return {
		collectFacts: async () => ({facts: emptyFacts, ...(engine ? {engine} : {})}),
		diagnose: () => {
			const d = diagnoses[Math.min(call++, diagnoses.length - 1)]!;
			seen.push(d);
			return d;
		},
	};
}

const broken = diagnosis([finding('exec-format-error', 'error', [PULL_ACTION, REMOVE_ACTION, {kind: 'compose-platform', platform: 'linux/arm64'}])]);
const COMPOSE = 'services:\n  chatmock:\n    image: ghcr.io/thebtf/chatmock:latest\n';

test('without --yes: pulls, verifies, re-checks; keeps the old image and the compose file; exit 0 when errors are gone', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}]});
	const fs = memoryFs({'/p/compose.yaml': COMPOSE});
	const lines: string[] = [];
	const code = await runFixNonInteractive({...sequence(engine, [broken, diagnosis([])]), buildReport, collect, yes: false, write: line => lines.push(line), composeFs: fs});
	assert.equal(code, 0);
	assert.ok(lines.includes('[ok] Pull ghcr.io/thebtf/chatmock:latest for linux/arm64: Status: Downloaded newer image for ghcr.io/thebtf/chatmock:latest'));
	assert.ok(lines.some(line => line.includes('runs natively (linux/arm64')));
	assert.ok(lines.some(line => line.includes('without --yes')));
	assert.ok(lines.includes('     +     platform: linux/arm64'));
	assert.equal(engine.calls.includes('removeImage sha256:old000000000000'), false);
	assert.deepEqual(Object.keys(fs.files), ['/p/compose.yaml']);
	assert.ok(
		lines.every(line => /^[\x20-\x7E]*$/.test(line)),
		'plain ASCII lines',
	);
});

test('with --yes: the docker run container is recreated natively and proven healthy; exit 0', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], specs: [runningChatmock()]});
	const lines: string[] = [];
	const code = await runFixNonInteractive({
		...sequence(engine, [broken, diagnosis([])]),
		buildReport,
		collect,
		yes: true,
		write: line => lines.push(line),
		probeHttp: async () => 200,
		clock: instantClock(),
	});
	assert.equal(code, 0, lines.join('\n'));
	assert.ok(lines.includes('[ok] chatmock serves on linux/arm64: serving'), lines.join('\n'));
	assert.ok(lines.includes('ChatMock is running natively (healthy): chatmock'));
	assert.ok(lines.some(line => line.startsWith('[ok] Remove the old chatmock container')));
});

test("with --yes on an engine elsewhere whose port is bound to that machine's loopback: serving, exit 0, but never called healthy", async () => {
	const engine = engineElsewhereWithLoopbackPort();
	const lines: string[] = [];
	const asked: string[] = [];
	const code = await runFixNonInteractive({
		...sequence(engine, [broken, diagnosis([])]),
		buildReport,
		collect,
		yes: true,
		write: line => lines.push(line),
		probeHttp: async url => {
			asked.push(url);
			return 200;
		},
		clock: instantClock(),
	});
	assert.equal(code, 0, `serving with /health unasked is no error:\n${lines.join('\n')}`);
	assert.deepEqual(asked, [], "pi4.local's 127.0.0.1 is not this machine's: nothing was asked here");
	assert.ok(lines.includes('[ok] chatmock serves on linux/arm64: serving'), lines.join('\n'));
	assert.ok(
		lines.includes(
			"ChatMock is running natively (up; its /health was not asked: its port is published only on the loopback of the engine's machine; the engine is on another machine, so its address is not reachable from here; the image has none of python3, wget, curl to ask it from inside): chatmock",
		),
		lines.join('\n'),
	);
	assert.ok(!lines.some(line => line.includes('(healthy)')), lines.join('\n'));
	assert.ok(lines.includes('No errors left.'));
});

test('with --yes: a replacement that fails its health check is rolled back; exit 1 with what happened', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], specs: [runningChatmock()], containerBehaviour: {newHealth: 'unhealthy'}});
	const lines: string[] = [];
	const code = await runFixNonInteractive({
		...sequence(engine, [broken, broken]),
		buildReport,
		collect,
		yes: true,
		write: line => lines.push(line),
		clock: instantClock(),
	});
	assert.equal(code, 1);
	assert.ok(lines.includes('[failed] chatmock serves on linux/arm64: its healthcheck reports unhealthy'), lines.join('\n'));
	assert.ok(lines.includes('[ok] Put the old chatmock back: the old chatmock is back'));
	assert.ok(lines.includes('chatmock could not be moved to the new image; the old container is back as it was.'));
});

test('without --yes a container is not recreated: the line to do it by hand is printed', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], specs: [runningChatmock()]});
	const lines: string[] = [];
	await runFixNonInteractive({...sequence(engine, [broken, broken]), buildReport, collect, yes: false, write: line => lines.push(line), clock: instantClock()});
	assert.ok(lines.includes('     not recreating chatmock without --yes'));
	assert.ok(lines.some(line => line.includes('by hand: docker stop chatmock && docker rename chatmock chatmock-old && docker run -d --name chatmock')));
	assert.equal(engine.containerEngine.byName('chatmock')?.state.running, true);
});

test('an engine chosen by --context: the lines printed to do it by hand reach that engine when pasted', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], specs: [runningChatmock()]});
	const endpoint = {host: 'ssh://pi@pi4.local', reason: 'context pi (flag --context)', context: 'pi', alternatives: []};
	const checked = sequence(engine, [broken, broken]);
	const lines: string[] = [];
	await runFixNonInteractive({
		...checked,
		collectFacts: async () => ({facts: {...emptyFacts, endpoint}, engine}),
		buildReport,
		collect,
		yes: false,
		write: line => lines.push(line),
		clock: instantClock(),
	});
	const text = lines.join('\n');
	assert.ok(
		lines.some(line => line.includes('by hand: docker --context pi stop chatmock && docker --context pi rename chatmock chatmock-old && docker --context pi run -d --name chatmock')),
		text,
	);
	assert.ok(!/(^|[^-])\bdocker (stop|rename|run|image rm) /.test(text.replace(/docker --context pi /g, '')), text);
});

test('with --yes: removes the verified old image and writes the compose file with a backup', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}]});
	const fs = memoryFs({'/p/compose.yaml': COMPOSE});
	const code = await runFixNonInteractive({...sequence(engine, [broken, diagnosis([])]), buildReport, collect, yes: true, write: () => {}, composeFs: fs});
	assert.equal(code, 0);
	assert.ok(engine.calls.includes('removeImage sha256:old000000000000'));
	assert.equal(fs.files['/p/compose.yaml.bak'], COMPOSE);
});

test('exit 1 while an error finding remains, listing what to do', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}]});
	const lines: string[] = [];
	const code = await runFixNonInteractive({...sequence(engine, [broken, broken]), buildReport, collect, yes: false, write: line => lines.push(line), composeFs: memoryFs({})});
	assert.equal(code, 1);
	assert.ok(lines.includes('  exec-format-error: fix of exec-format-error'));
});

test('nothing to do by itself: exit 1 with the manual steps when errors exist, 0 otherwise', async () => {
	const manual = diagnosis([finding('wsl-integration-disabled', 'error', undefined, {fix: {summary: 'turn on WSL integration', commands: ['hash -r'], steps: ['Open Docker Desktop settings']}})]);
	const lines: string[] = [];
	assert.equal(await runFixNonInteractive({...sequence(undefined, [manual]), buildReport, collect, yes: true, write: line => lines.push(line)}), 1);
	assert.ok(lines.includes('    1. Open Docker Desktop settings'));
	assert.ok(lines.includes('    $ hash -r'));
	assert.equal(await runFixNonInteractive({...sequence(undefined, [diagnosis([finding('emulated-image', 'info')])]), buildReport, collect, yes: true, write: () => {}}), 0);
});

test('pull progress is printed as plain throttled lines', async () => {
	const events = Array.from({length: 50}, (_, i) => ({id: 'aaa', status: 'Downloading', current: i * 1000, total: 50_000}));
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullEvents: events});
	const lines: string[] = [];
	let now = 0;
	const clock = {now: () => (now += 10), setTimeout: () => 0, clearTimeout: () => {}};
	await runFixNonInteractive({
		...sequence(engine, [broken, diagnosis([])]),
		buildReport,
		collect,
		yes: false,
		write: line => lines.push(line),
		composeFs: memoryFs({}),
		clock,
		progressIntervalMs: 100,
	});
	const progress = lines.filter(line => / of 50\.0 kB/.test(line));
	// The fake clock moves ~30 ms per event: far fewer lines than events, but more than one.
	assert.ok(progress.length >= 2 && progress.length <= 20, `progress lines: ${progress.length}`);
});

test('a cancelled run exits 130', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullHangs: true});
	const controller = new AbortController();
	const running = runFixNonInteractive({...sequence(engine, [broken]), buildReport, collect: {...collect, signal: controller.signal}, yes: true, write: () => {}, composeFs: memoryFs({})});
	await engine.pullStarted;
	controller.abort();
	assert.equal(await running, 130);
	assert.deepEqual(engine.store.images, [OLD_IMAGE]);
});
