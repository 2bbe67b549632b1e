import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import type {CollectOptions} from '../../../source/facts/collect-types.js';
import {cite} from '../../../source/facts/fact.js';
import {buildReport} from '../../../source/presentation/report-model.js';
import {App, type AppProps} from '../../../source/presentation/interactive/app.js';
import {OLD_IMAGE, PULL_ACTION, REMOVE_ACTION, diagnosis, fakeEngine, finding, memoryFs} from '../fix/doubles.js';
import {drivenCollector} from './collector.js';
import {engineElsewhereWithLoopbackPort, instantClock, runningChatmock} from '../fix/running-chatmock.js';
import {checkedAgain, KEYS, renderInk, until, type Rendered} from './helpers.js';

const collect = {host: {} as CollectOptions['host'], timeoutMs: 3000, offline: true, noEngine: false, cwd: '/p'};
const broken = diagnosis([finding('emulated-image', 'warning'), finding('exec-format-error', 'error', [PULL_ACTION, REMOVE_ACTION]), finding('no-chatmock-image', 'info')]);

const mounted: Rendered[] = [];
afterEach(() => {
	for (const screen of mounted.splice(0)) screen.unmount();
});

function start(props: Partial<AppProps> & Pick<AppProps, 'collectFacts' | 'diagnose'>, options: {columns?: number; ascii?: boolean} = {}) {
	const screen = renderInk(<App collect={collect} version="9.9.9" buildReport={buildReport} composeFs={memoryFs({})} {...props} />, options);
	mounted.push(screen);
	return screen;
}

/** Waits for the verdict with `findings` listed, then opens the first one. */
async function openFirstFinding(screen: Rendered, findings: number): Promise<void> {
	await screen.waitFor(f => f.includes(`Findings (${findings})`));
	screen.press(KEYS.enter);
	await screen.waitFor(f => f.includes('Evidence'));
}

const lineOf = (frame: string, text: string) => frame.split('\n').findIndex(line => line.includes(text));
const selectedLine = (frame: string) => frame.split('\n').find(line => line.includes('\u276F')) ?? '';

test('checking: all steps at once, each finishing in place with its summary, then the verdict', async () => {
	const {collectFacts, diagnose, calls} = drivenCollector([broken]);
	const screen = start({collectFacts, diagnose});
	let frame = await screen.waitFor(f => f.includes('Published platforms'), 'the checklist');
	for (const label of ['Machine', 'Docker engine', 'Emulators', 'Local images', 'Containers', 'Published platforms']) assert.ok(frame.includes(label), label);
	await until(() => calls.length === 1);
	const call = calls[0]!;
	call.step({step: 'engine', status: 'ok', summary: 'Docker 27.3.1, arm64'});
	frame = await screen.waitFor(f => f.includes('\u2714 Docker engine Docker 27.3.1, arm64'), 'engine row');
	call.step({step: 'host', status: 'warning', summary: 'Raspberry Pi 4 Model B, aarch64 kernel'});
	call.step({step: 'published', status: 'error', summary: 'registry unreachable'});
	call.step({step: 'images', status: 'skipped'});
	frame = await screen.waitFor(f => f.includes('\u26A0 Machine Raspberry Pi 4 Model B'), 'host row');
	assert.ok(lineOf(frame, 'Machine Raspberry') < lineOf(frame, '\u2714 Docker engine'), 'rows keep their order');
	assert.ok(frame.includes('\u2718 Published platforms registry unreachable'));
	call.finish();
	frame = await screen.waitFor(f => f.includes('Use linux/arm64'), 'the verdict');
	assert.ok(frame.includes('Use linux/arm64 \u2014 Raspberry Pi 4 Model B, 64-bit Raspberry Pi OS'));
	// Unreported steps end as skipped, and the checklist is still above the verdict.
	assert.ok(lineOf(frame, 'Emulators') < lineOf(frame, 'Use linux/arm64'));
	assert.ok(frame.includes('\u25EF Emulators'));
	// Ranked by severity.
	assert.ok(lineOf(frame, 'exec-format-error') < lineOf(frame, 'emulated-image'));
	assert.ok(lineOf(frame, 'emulated-image') < lineOf(frame, 'no-chatmock-image'));
});

test('a null platform is said plainly', async () => {
	const {collectFacts, diagnose} = drivenCollector([diagnosis([], {platform: null, machine: 'IBM z15 (s390x)'})], undefined, {auto: true});
	const screen = start({collectFacts, diagnose});
	const frame = await screen.waitFor(f => f.includes('No ChatMock image runs here'), 'the verdict');
	assert.ok(frame.includes('No ChatMock image runs here \u2014 IBM z15 (s390x)'));
	assert.ok(frame.includes('Nothing to fix.'));
});

test('selection with arrows and j/k; Enter opens the finding with evidence, citation and commands', async () => {
	const {collectFacts, diagnose} = drivenCollector([broken], fakeEngine(), {auto: true});
	const screen = start({collectFacts, diagnose});
	let frame = await screen.waitFor(f => f.includes('Findings (3)'), 'the findings');
	assert.match(selectedLine(frame), /exec-format-error/);
	screen.press(KEYS.down);
	frame = await screen.waitFor(f => /emulated-image/.test(selectedLine(f)), 'down');
	screen.press('j');
	frame = await screen.waitFor(f => /no-chatmock-image/.test(selectedLine(f)), 'j');
	screen.press('j');
	frame = await screen.waitFor(f => /exec-format-error/.test(selectedLine(f)), 'j wraps');
	screen.press('k');
	frame = await screen.waitFor(f => /no-chatmock-image/.test(selectedLine(f)), 'k wraps');
	screen.press(KEYS.up);
	frame = await screen.waitFor(f => /emulated-image/.test(selectedLine(f)), 'up');
	screen.press(KEYS.up);
	await screen.waitFor(f => /exec-format-error/.test(selectedLine(f)), 'up again');
	screen.press(KEYS.enter);
	frame = await screen.waitFor(f => f.includes('Evidence'), 'the finding');
	assert.ok(frame.includes('\u2718 exec-format-error (error)'));
	assert.ok(frame.includes('kernel machine: aarch64'));
	assert.ok(frame.includes(cite({kind: 'uname', ref: 'machine'})), 'the citation');
	assert.ok(frame.includes('$ docker pull --platform linux/arm64 ghcr.io/thebtf/chatmock:latest'));
	assert.ok(frame.includes('f fix it now'));
	screen.press('q');
	await screen.waitFor(f => f.includes('Findings (3)') && !f.includes('Evidence'), 'back to the verdict');
});

test('a finding without an action offers no fix key; s skips it', async () => {
	const {collectFacts, diagnose} = drivenCollector([broken], fakeEngine(), {auto: true});
	const screen = start({collectFacts, diagnose});
	await screen.waitFor(f => f.includes('Findings (3)'));
	screen.press('j');
	await screen.waitFor(f => /emulated-image/.test(selectedLine(f)));
	screen.press(KEYS.enter);
	let frame = await screen.waitFor(f => f.includes('Evidence'));
	assert.ok(!frame.includes('fix it now'));
	screen.press('s');
	frame = await screen.waitFor(f => f.includes('(skipped)'));
	assert.match(selectedLine(frame), /no-chatmock-image/);
});

test('? shows help over any screen; q or ? closes it', async () => {
	const {collectFacts, diagnose} = drivenCollector([broken], undefined, {auto: true});
	const screen = start({collectFacts, diagnose});
	await screen.waitFor(f => f.includes('Findings (3)'));
	screen.press('?');
	let frame = await screen.waitFor(f => f.includes('Keys'), 'help');
	assert.ok(frame.includes('Ctrl+C'));
	assert.ok(!frame.includes('Findings (3)'));
	screen.press('q');
	frame = await screen.waitFor(f => f.includes('Findings (3)'), 'help closed');
	screen.press('?');
	await screen.waitFor(f => f.includes('Keys'));
	screen.press('?');
	await screen.waitFor(f => !f.includes('Keys') && f.includes('Findings (3)'));
});

test('quit: q on the verdict exits 1 with an error left, 0 without; Ctrl+C and q while checking exit 130', async () => {
	const withError = drivenCollector([broken], undefined, {auto: true});
	let screen = start(withError);
	await screen.waitFor(f => f.includes('Findings (3)'));
	screen.press('q');
	assert.equal(await screen.waitUntilExit(), 1);

	const clean = drivenCollector([diagnosis([finding('no-chatmock-image', 'info')])], undefined, {auto: true});
	screen = start(clean);
	await screen.waitFor(f => f.includes('Findings (1)'));
	screen.press(KEYS.escape);
	assert.equal(await screen.waitUntilExit(), 0);

	const stuck = drivenCollector([broken]);
	screen = start(stuck);
	await until(() => stuck.calls.length === 1);
	screen.press(KEYS.ctrlC);
	assert.equal(await screen.waitUntilExit(), 130);
	assert.equal(stuck.calls[0]?.options.signal?.aborted, true, 'the running check is aborted');

	const stopped = drivenCollector([broken]);
	screen = start(stopped);
	await until(() => stopped.calls.length === 1);
	screen.press('q');
	assert.equal(await screen.waitUntilExit(), 130);

	const opened = drivenCollector([broken], undefined, {auto: true});
	screen = start(opened);
	await openFirstFinding(screen, 3);
	screen.press(KEYS.ctrlC);
	assert.equal(await screen.waitUntilExit(), 130);
});

test('fix: pull, verify, confirm removal, check again, before -> after', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullEvents: [{id: 'abc', status: 'Downloading', current: 5_000_000, total: 10_000_000}]});
	const {collectFacts, diagnose, calls} = drivenCollector([broken, diagnosis([finding('emulated-image', 'warning')])], engine, {auto: true});
	const screen = start({collectFacts, diagnose});
	await openFirstFinding(screen, 3);
	screen.press('f');
	let frame = await screen.waitFor(f => f.includes('Remove it? [y/N]'), 'the removal question');
	assert.ok(frame.includes('Fixing exec-format-error'));
	assert.ok(frame.includes('\u2714 Pull ghcr.io/thebtf/chatmock:latest for linux/arm64'));
	assert.ok(frame.includes('runs natively'), frame);
	assert.ok(frame.includes('Remove the old image old000000000'));
	assert.ok(frame.includes('y yes'));
	assert.equal(engine.calls.includes('removeImage sha256:old000000000000'), false, 'nothing removed before the answer');
	screen.press('y');
	frame = await screen.waitFor(checkedAgain, 'before -> after');
	assert.ok(engine.calls.includes('removeImage sha256:old000000000000'));
	assert.equal(calls.length, 2, 'checked again');
	assert.ok(frame.includes('\u2714 fixed exec-format-error'));
	assert.ok(frame.includes('still emulated-image'));
	screen.press(KEYS.enter);
	frame = await screen.waitFor(f => f.includes('Findings (1)'), 'the new verdict');
	screen.press('q');
	assert.equal(await screen.waitUntilExit(), 0, 'no error left');
});

test('fix: the ChatMock container is recreated on the verified image, proven, and the screen says it is healthy', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], specs: [runningChatmock()]});
	const {collectFacts, diagnose} = drivenCollector([broken, diagnosis([finding('emulated-image', 'warning')])], engine, {auto: true});
	const clock = instantClock();
	const screen = start({collectFacts, diagnose, clock, probeHttp: async () => 200});
	await openFirstFinding(screen, 3);
	screen.press('f');
	// It runs emulated: measuring the slowdown is offered first, and a no goes on with the fix.
	await screen.waitFor(f => f.includes('Measure it? [y/N]'), 'the measuring question');
	assert.equal(engine.containerEngine.calls.length, 0, 'nothing runs before the answer');
	screen.press('n');
	let frame = await screen.waitFor(f => f.includes('Recreate it? [y/N]'), 'the recreate question');
	assert.ok(frame.includes('Recreate chatmock on ghcr.io/thebtf/chatmock:latest (linux/arm64):'));
	assert.ok(frame.includes('keep it, renamed, until the new one is proven'));
	assert.equal(engine.containerEngine.calls.length, 0, 'nothing stopped before the answer');
	screen.press('y');
	frame = await screen.waitFor(f => f.includes('Remove it? [y/N]'), 'the old image question, after the container serves');
	assert.ok(frame.includes('chatmock serves on linux/arm64'));
	screen.press('y');
	frame = await screen.waitFor(checkedAgain, 'checked again');
	assert.ok(frame.includes('ChatMock is running natively (healthy)'), frame);
	assert.ok(frame.includes('\u2714 fixed exec-format-error'));
	assert.equal(engine.containerEngine.byName('chatmock')?.image, 'ghcr.io/thebtf/chatmock:latest');
});

test('fix: answering no keeps the old image', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}]});
	const {collectFacts, diagnose} = drivenCollector([broken], engine, {auto: true});
	const screen = start({collectFacts, diagnose});
	await openFirstFinding(screen, 3);
	screen.press('f');
	await screen.waitFor(f => f.includes('Remove it? [y/N]'));
	screen.press('n');
	await screen.waitFor(checkedAgain);
	assert.equal(engine.calls.includes('removeImage sha256:old000000000000'), false);
	assert.ok(engine.store.images.some(image => image.id === OLD_IMAGE.id));
});

test('fix: Esc during the pull cancels it and leaves the old image', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullHangs: true, pullEvents: [{id: 'abc', status: 'Downloading', current: 1_000_000, total: 10_000_000}]});
	const {collectFacts, diagnose} = drivenCollector([broken], engine, {auto: true});
	const screen = start({collectFacts, diagnose});
	await openFirstFinding(screen, 3);
	screen.press('f');
	let frame = await screen.waitFor(f => f.includes('1.0 MB of 10.0 MB'), 'pull progress');
	assert.ok(frame.includes('Esc cancel'));
	assert.ok(frame.includes('10%'));
	screen.press(KEYS.escape);
	frame = await screen.waitFor(f => f.includes('Cancelled. The image you had is unchanged.'), 'cancelled');
	assert.deepEqual(engine.store.images, [OLD_IMAGE]);
	assert.deepEqual(
		engine.calls.filter(call => !call.startsWith('inspectImage ')),
		['pull ghcr.io/thebtf/chatmock:latest linux/arm64'],
	);
	screen.press(KEYS.escape);
	await screen.waitFor(f => f.includes('Evidence') && !f.includes('Fixing'), 'back to the finding');
});

test('compose: the diff is shown and written only on yes, with a backup', async () => {
	const engine = fakeEngine();
	const fs = memoryFs({'/p/compose.yaml': 'services:\n  chatmock:\n    image: storagetime/chatmock:latest\n'});
	const composeOnly = diagnosis([finding('arm-variant-mismatch', 'error', [{kind: 'compose-platform', platform: 'linux/arm/v7'}])]);
	const {collectFacts, diagnose} = drivenCollector([composeOnly, diagnosis([])], engine, {auto: true});
	const screen = start({collectFacts, diagnose, composeFs: fs});
	await openFirstFinding(screen, 1);
	screen.press('f');
	const frame = await screen.waitFor(f => f.includes('[y/N]'), 'the diff');
	assert.ok(frame.includes('+     platform: linux/arm/v7'));
	assert.ok(frame.includes('      image: storagetime/chatmock:latest'));
	assert.deepEqual(Object.keys(fs.files), ['/p/compose.yaml']);
	screen.press('y');
	await screen.waitFor(f => f.includes('compose.yaml.bak'));
	assert.match(fs.files['/p/compose.yaml'] ?? '', /platform: linux\/arm\/v7/);
});

test('c copies the commands when a clipboard is given, else shows them plain', async () => {
	const copied: string[] = [];
	const {collectFacts, diagnose} = drivenCollector([broken], undefined, {auto: true});
	let screen = start({collectFacts, diagnose, copy: text => (copied.push(text), {method: 'xclip', confirmed: true})});
	await openFirstFinding(screen, 3);
	assert.ok(!screen.lastFrame().includes('f fix it now'), 'no engine, no fix');
	screen.press('c');
	await screen.waitFor(f => f.includes('Copied the command with xclip.'));
	assert.deepEqual(copied, ['docker pull --platform linux/arm64 ghcr.io/thebtf/chatmock:latest']);
	screen.unmount();

	const second = drivenCollector([broken], undefined, {auto: true});
	screen = start(second);
	await openFirstFinding(screen, 3);
	screen.press('c');
	const frame = await screen.waitFor(f => f.includes('Select and copy:'));
	assert.ok(frame.split('\n').includes('docker pull --platform linux/arm64 ghcr.io/thebtf/chatmock:latest'), 'a bare line');
});

test('a failed copy of the commands says so and shows them plain', async () => {
	const {collectFacts, diagnose} = drivenCollector([broken], undefined, {auto: true});
	const screen = start({collectFacts, diagnose, copy: () => Promise.reject(new Error('xclip timed out'))});
	await openFirstFinding(screen, 3);
	screen.press('c');
	const frame = await screen.waitFor(f => f.includes('Could not copy the command: xclip timed out'), 'the failure');
	assert.ok(frame.includes('Select and copy:'));
	assert.ok(!frame.includes('Copied'));
});

test('r checks again and shows before -> after', async () => {
	const {collectFacts, diagnose, calls} = drivenCollector([broken, diagnosis([])], undefined);
	const screen = start({collectFacts, diagnose});
	await until(() => calls.length === 1);
	calls[0]!.finish();
	await screen.waitFor(f => f.includes('Findings (3)'));
	screen.press('r');
	await screen.waitFor(f => f.includes('Checking again'));
	await until(() => calls.length === 2);
	calls[1]!.step({step: 'engine', status: 'ok', summary: 'Docker 27'});
	calls[1]!.finish();
	let frame = await screen.waitFor(checkedAgain);
	assert.ok(frame.includes('fixed exec-format-error'));
	screen.press(KEYS.enter);
	frame = await screen.waitFor(f => f.includes('Nothing to fix.'));
	const again = frame.split('Checked again').at(-1) ?? '';
	assert.ok(frame.includes('Checked again') && again.includes('Docker engine Docker 27') && again.includes('Nothing to fix.'), frame);
});

test('after the guided fix, Enter shows the verdict of its re-check under the checklist of that re-check', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}]});
	const {collectFacts, diagnose, calls} = drivenCollector([broken, diagnosis([])], engine);
	const screen = start({collectFacts, diagnose});
	await until(() => calls.length === 1);
	calls[0]!.step({step: 'images', status: 'warning', summary: 'ghcr.io/thebtf/chatmock:latest (linux/amd64)'});
	calls[0]!.finish();
	await openFirstFinding(screen, 3);
	screen.press('f');
	await screen.waitFor(f => f.includes('Remove it? [y/N]'), 'the removal question');
	screen.press('y');
	await until(() => calls.length === 2, 'the re-check');
	calls[1]!.step({step: 'images', status: 'ok', summary: 'ghcr.io/thebtf/chatmock:latest (linux/arm64)'});
	calls[1]!.finish();
	let frame = await screen.waitFor(checkedAgain, 'before -> after');
	assert.ok(frame.includes('\u2714 fixed exec-format-error'));
	screen.press(KEYS.enter);
	frame = await screen.waitFor(f => f.includes('Nothing to fix.'), 'the verdict of the re-check');
	const again = frame.split('Checked again').at(-1) ?? '';
	assert.ok(frame.includes('Checked again'), frame);
	assert.ok(again.includes('Local images ghcr.io/thebtf/chatmock:latest (linux/arm64)'), again);
	assert.ok(!again.includes('(linux/amd64)'), 'the first check is not what the verdict sits under');
	assert.ok(again.indexOf('Local images') < again.indexOf('Nothing to fix.'));
	assert.ok(!again.includes('Findings ('));
	screen.press('q');
	assert.equal(await screen.waitUntilExit(), 0);
});

test('ASCII mode draws no character beyond ASCII on any screen', async () => {
	const engine = fakeEngine({images: [{...OLD_IMAGE}], pullEvents: [{id: 'abc', status: 'Downloading', current: 5, total: 10}]});
	const {collectFacts, diagnose, calls} = drivenCollector([broken, diagnosis([])], engine);
	const screen = start({collectFacts, diagnose}, {ascii: true});
	await until(() => calls.length === 1);
	calls[0]!.step({step: 'host', status: 'ok', summary: 'Raspberry Pi 4 \u2014 64-bit'});
	calls[0]!.step({step: 'engine', status: 'error', summary: 'permission denied \u2026'});
	calls[0]!.finish();
	let frame = await screen.waitFor(f => f.includes('Findings (3)'));
	assert.ok(frame.includes('[ok] Machine Raspberry Pi 4 - 64-bit'));
	assert.ok(frame.includes('Use linux/arm64 - Raspberry Pi 4 Model B'));
	assert.ok(frame.includes('> [x] exec-format-error'));
	screen.press('?');
	await screen.waitFor(f => f.includes('Keys'));
	screen.press('?');
	await screen.waitFor(f => !f.includes('Keys'));
	screen.press(KEYS.enter);
	await screen.waitFor(f => f.includes('Evidence'));
	screen.press('f');
	frame = await screen.waitFor(f => f.includes('[y/N]'));
	assert.ok(frame.includes('[ok] Pull ghcr.io/thebtf/chatmock:latest'));
	screen.press('y');
	await until(() => calls.length === 2, 'the check again');
	calls[1]!.finish();
	await screen.waitFor(checkedAgain);
	const frames = screen.stdout.frames.join('');

	const visible = frames.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '');
	const foreign = [...visible].filter(char => char.charCodeAt(0) > 0x7e || (char.charCodeAt(0) < 0x20 && char !== '\n'));
	assert.deepEqual([...new Set(foreign)], []);
});

test('40 columns: no line is wider than the terminal, on the verdict and a finding', async () => {
	const long = diagnosis([finding('userland-32bit-on-64bit-kernel', 'error', [PULL_ACTION], {title: 'Your Raspberry Pi runs a 32-bit userland on a 64-bit kernel, so Docker picks linux/arm/v8'})], {
		machine: 'Raspberry Pi 4 Model B Rev 1.4, 32-bit Raspbian on a 64-bit kernel',
	});
	const {collectFacts, diagnose} = drivenCollector([long], undefined, {auto: true});
	for (const ascii of [false, true]) {
		const screen = start({collectFacts, diagnose}, {columns: 40, ascii});
		let frame = await screen.waitFor(f => f.includes('Findings (1)'));
		// The checklist went to the scrollback at the old width (the terminal reflows that); judge what is live.
		const live = (text: string) => text.split('\n').slice(8);
		const tooWide = (text: string, width = 40) => live(text).filter(line => [...line].length > width);
		assert.deepEqual(tooWide(frame), []);
		assert.ok(frame.includes('userland-32bit-on-64bit-kernel'));
		screen.press(KEYS.enter);
		frame = await screen.waitFor(f => f.includes('Evidence'));
		assert.deepEqual(tooWide(frame), []);
		screen.stdout.resize(30);
		frame = await screen.waitFor(f => tooWide(f, 30).length === 0, 'reflowed after a resize');
		assert.ok(frame.includes('Evidence'));
		screen.unmount();
	}
});

test('one engine of several: q on the verdict hands the last report back instead of quitting; the footer says where it goes', async () => {
	const {collectFacts, diagnose} = drivenCollector([broken], undefined, {auto: true});
	const left: Array<unknown> = [];
	const screen = start({collectFacts, diagnose, collect: {...collect, dockerContext: 'pi'}, onLeave: report => left.push(report)});
	const frame = await screen.waitFor(f => f.includes('Findings (3)'));
	assert.ok(frame.includes('checking the engine of context pi'), frame);
	assert.ok(frame.includes('q all engines'), frame);
	screen.press('q');
	await until(() => left.length === 1);
	assert.equal((left[0] as {verdict: {platform: string}}).verdict.platform, 'linux/arm64');
});

test('one engine of several: q while it is still checked goes back with no report', async () => {
	const {collectFacts, diagnose} = drivenCollector([broken]);
	const left: Array<unknown> = [];
	const screen = start({collectFacts, diagnose, onLeave: report => left.push(report)});
	await screen.waitFor(f => f.includes('Published platforms'), 'the checklist');
	screen.press('q');
	await until(() => left.length === 1);
	assert.equal(left[0], undefined);
});

test("fix on an engine elsewhere whose port is bound to that machine's loopback: /health cannot be asked from here, and the screen does not say healthy", async () => {
	const engine = engineElsewhereWithLoopbackPort();
	const {collectFacts, diagnose} = drivenCollector([broken, diagnosis([finding('emulated-image', 'warning')])], engine, {auto: true});
	const clock = instantClock();
	const asked: string[] = [];
	const screen = start({
		collectFacts,
		diagnose,
		clock,
		probeHttp: async url => {
			asked.push(url);
			return 200;
		},
	});
	await openFirstFinding(screen, 3);
	screen.press('f');
	await screen.waitFor(f => f.includes('Measure it? [y/N]'));
	screen.press('n');
	await screen.waitFor(f => f.includes('Recreate it? [y/N]'));
	screen.press('y');
	await screen.waitFor(f => f.includes('Remove it? [y/N]'));
	screen.press('n');
	const frame = await screen.waitFor(checkedAgain, 'checked again');
	assert.deepEqual(asked, [], "pi4.local's 127.0.0.1 is not this machine's: nothing was asked here");
	assert.ok(!frame.includes('(healthy)'), frame);
	// One headline, worded as the plain --fix words it, with the reason (the frame may wrap it).
	assert.ok(
		frame
			.replaceAll(/\s+/g, ' ')
			.includes(
				"ChatMock is running natively (up; its /health was not asked: its port is published only on the loopback of the engine's machine; the engine is on another machine, so its address is not reachable from here; the image has none of python3, wget, curl to ask it from inside)",
			),
		frame,
	);
});
