import './as-a-person.js';
import assert from 'node:assert/strict';
import {afterEach, test} from 'node:test';
import type {CollectOptions} from '../../../source/facts/collect-types.js';
import {App, type AppProps} from '../../../source/presentation/interactive/app.js';
import {buildReport, type Report} from '../../../source/presentation/report-model.js';
import {renderMarkdown} from '../../../source/presentation/render/markdown.js';
import type {CopyResult} from '../../../source/report/clipboard.js';
import {createRedactor} from '../../../source/report/redact.js';
import {redactReport} from '../../../source/report/redact-report.js';
import {PULL_ACTION, REMOVE_ACTION, diagnosis, finding, memoryFs} from '../fix/doubles.js';
import {drivenCollector} from './collector.js';
import {KEYS, renderInk, type Rendered} from './helpers.js';

const collect = {host: {} as CollectOptions['host'], timeoutMs: 3000, offline: true, noEngine: false, cwd: '/p'};
const HOST = 'pi-of-alice';
const TOKEN = 'ghp_PLANTEDsecret42';
const broken = diagnosis(
	[
		finding('emulated-image', 'warning'),
		finding('exec-format-error', 'error', [PULL_ACTION, REMOVE_ACTION], {why: `The container on ${HOST} was started with ${TOKEN} and died.`}),
		finding('no-chatmock-image', 'info'),
	],
	{machine: `Raspberry Pi 4 Model B (${HOST})`},
);
/** What the lead wires in run.ts, with a redactor that knows this "machine". */
const redactedShareText = (report: Report) => renderMarkdown(redactReport(report, createRedactor({hostname: HOST, extraSecrets: [TOKEN]})));

const mounted: Rendered[] = [];
afterEach(() => {
	for (const screen of mounted.splice(0)) screen.unmount();
});

function start(props: Partial<AppProps> = {}, options: {columns?: number; rows?: number; ascii?: boolean} = {}) {
	const {collectFacts, diagnose} = drivenCollector([broken], undefined, {auto: true});
	const screen = renderInk(<App collect={collect} version="9.9.9" collectFacts={collectFacts} diagnose={diagnose} buildReport={buildReport} composeFs={memoryFs({})} {...props} />, {
		rows: 24,
		...options,
	});
	mounted.push(screen);
	return screen;
}

async function openPreview(screen: Rendered): Promise<string> {
	await screen.waitFor(f => f.includes('Findings (3)'), 'the verdict');
	screen.press('p');
	return screen.waitFor(f => /Report preview .* lines? \d/.test(f), 'the report preview');
}

/** The live part of a frame: from the blank line above the preview's title to the end. */
function live(frame: string): string[] {
	const lines = frame.split('\n');
	const title = lines.findIndex(line => line.startsWith('Report preview'));
	assert.ok(title > 0, `a preview on screen:\n${frame}`);
	const out = lines.slice(title - 1);
	while (out.at(-1) === '') out.pop();
	return out;
}

const range = (frame: string) => /lines? (\d+)(?:[-\u2013](\d+))? of (\d+)/.exec(frame)?.slice(1) ?? [];
const body = (frame: string) => live(frame).filter(line => line.startsWith('\u2502') || line.startsWith('|'));

test('p on the verdict opens the preview; the footer and help name the key', async () => {
	const screen = start();
	const verdict = await screen.waitFor(f => f.includes('Findings (3)'));
	assert.ok(verdict.includes('p report for an issue'), 'the footer names p');
	screen.press('?');
	const help = await screen.waitFor(f => f.includes('Keys'));
	assert.match(help, /p\s+preview the report to paste into an issue/);
	assert.ok(help.includes('PgUp PgDn'));
	screen.press('?');
	await screen.waitFor(f => !f.includes('Keys'));
	const frame = await openPreview(screen);
	assert.ok(frame.includes('NOT redacted'), 'without shareText the preview says it is not redacted');
	assert.ok(body(frame)[0]?.includes('### chatmock-doctor 9.9.9 report'), 'the Markdown, from its first line');
	assert.ok(frame.includes('c copy') === false, 'no clipboard given: no copy key');
	assert.ok(frame.includes('q/Esc back'));
});

test('scrolling moves the visible lines within the terminal height, and says which', async () => {
	const rows = 24;
	const screen = start({shareText: redactedShareText}, {rows});
	let frame = await openPreview(screen);
	const [first, , total] = range(frame);
	assert.equal(first, '1');
	assert.ok(Number(total) > 40, 'a report longer than the screen');
	assert.ok(live(frame).length <= rows - 1, `the live region stays shorter than the terminal (${live(frame).length})`);
	const top = body(frame);

	screen.press('j');
	frame = await screen.waitFor(f => body(f)[0] === top[1], 'one row down');
	screen.press(KEYS.down);
	frame = await screen.waitFor(f => body(f)[0] === top[2], 'another row down');
	screen.press(KEYS.up);
	frame = await screen.waitFor(f => body(f)[0] === top[1], 'one row up');
	screen.press('k');
	frame = await screen.waitFor(f => range(f)[0] === '1' && body(f)[0] === top[0], 'back at the top');

	screen.press(KEYS.pageDown);
	frame = await screen.waitFor(f => body(f)[0] === top.at(-1), 'a page down keeps the last row as context');
	assert.ok(Number(range(frame)[0]) > 1);
	screen.press(KEYS.pageUp);
	frame = await screen.waitFor(f => range(f)[0] === '1', 'a page up');

	screen.press('G');
	frame = await screen.waitFor(f => range(f)[1] === range(f)[2], 'the end');
	assert.ok(live(frame).length <= rows - 1);
	screen.press('j');
	screen.press('g');
	frame = await screen.waitFor(f => range(f)[0] === '1', 'the top again');
});

test('the preview shows the text shareText gives: the planted secret and host are never on screen nor copied', async () => {
	const copied: string[] = [];
	const given: string[] = [];
	const shareText = (report: Report) => {
		const text = redactedShareText(report);
		given.push(text);
		return text;
	};
	const screen = start({shareText, copy: text => (copied.push(text), {method: 'wl-copy', confirmed: true})}, {rows: 30});
	await screen.waitFor(f => f.includes('Findings (3)'));
	// The verdict is this user's own screen; what follows p is what gets shared.
	const shown = screen.stdout.frames.length;
	let frame = await openPreview(screen);
	assert.ok(frame.includes('Redacted'));
	assert.ok(!frame.includes('NOT redacted'));
	// Page through all of it.
	for (;;) {
		const [, last, total] = range(frame);
		if (last === total) break;
		const before = range(frame).join();
		screen.press(KEYS.pageDown);
		frame = await screen.waitFor(f => range(f).join() !== before, 'the next page');
	}
	const everything = screen.stdout.frames.slice(shown).join('');
	assert.ok(!everything.includes(TOKEN), 'the token never reached the terminal');
	assert.ok(!everything.includes(HOST), 'the host name never reached the terminal');
	assert.ok(everything.includes('<secret-1>') || everything.includes('<host-1>'), 'placeholders are shown instead');
	screen.press('c');
	await screen.waitFor(f => f.includes('Copied the report with wl-copy.'), 'the copy');
	assert.equal(copied.length, 1);
	assert.ok(!copied[0]!.includes(TOKEN) && !copied[0]!.includes(HOST));
	assert.equal(copied[0], given.at(-1), 'exactly the text shareText gave');
	assert.ok(copied[0]!.startsWith('### chatmock-doctor 9.9.9 report'));
});

test('c says exactly what the copy did: OSC 52 sent, a file saved, a failure', async () => {
	const cases: {result: () => CopyResult | Promise<CopyResult>; says: string}[] = [
		{result: () => ({method: 'osc52', confirmed: false}), says: "Sent the report to your terminal's clipboard (OSC 52) \u2014 paste to check."},
		{result: () => ({method: 'file', path: '/tmp/chatmock-doctor-report.md', confirmed: true}), says: 'Saved the report to /tmp/chatmock-doctor-report.md (no clipboard available).'},
		{result: () => Promise.reject(new Error('the clipboard program hung')), says: 'Could not copy the report: the clipboard program hung'},
	];
	for (const {result, says} of cases) {
		const screen = start({shareText: redactedShareText, copy: result});
		await openPreview(screen);
		screen.press('c');
		const frame = await screen.waitFor(f => f.includes(says), says);
		assert.ok(!frame.includes('Copied'), 'never claims a copy');
		assert.ok(frame.includes('Report preview'), 'still on the preview');
		assert.ok(live(frame).length <= 23, 'the status line takes room from the text, not from the screen');
		screen.unmount();
	}
});

test('Esc and q go back to the verdict', async () => {
	const screen = start({shareText: redactedShareText});
	await openPreview(screen);
	screen.press(KEYS.escape);
	await screen.waitFor(f => f.includes('Findings (3)') && !f.includes('Report preview'), 'Esc: the verdict');
	screen.press('p');
	await screen.waitFor(f => f.includes('Report preview'));
	screen.press('q');
	await screen.waitFor(f => f.includes('Findings (3)') && !f.includes('Report preview'), 'q: the verdict');
});

test('a shareText that fails shows the failure and nothing to copy; one that takes a moment says so', async () => {
	const copied: string[] = [];
	let screen = start({
		shareText: () => {
			throw new Error('cannot read /etc/hostname');
		},
		copy: text => (copied.push(text), {method: 'xclip', confirmed: true}),
	});
	await screen.waitFor(f => f.includes('Findings (3)'));
	screen.press('p');
	let frame = await screen.waitFor(f => f.includes('Could not prepare the report to share'), 'the failure');
	assert.ok(frame.includes('cannot read /etc/hostname'));
	assert.ok(!frame.includes('### chatmock-doctor'), 'never the unredacted text instead');
	screen.press('c');
	screen.press(KEYS.escape);
	await screen.waitFor(f => f.includes('Findings (3)') && !f.includes('Report preview'));
	assert.deepEqual(copied, []);
	screen.unmount();

	let release: (text: string) => void = () => {};
	screen = start({shareText: () => new Promise<string>(resolve => (release = resolve))});
	await screen.waitFor(f => f.includes('Findings (3)'));
	screen.press('p');
	frame = await screen.waitFor(f => f.includes('Preparing the report'), 'preparing');
	release('# redacted\n\nall fine\n');
	frame = await screen.waitFor(f => f.includes('# redacted'), 'ready');
	assert.match(frame, /lines 1\u20133 of 3/);
});

test('40 columns, Unicode and ASCII: no line wider than the terminal, ASCII only in ASCII mode', async () => {
	for (const ascii of [false, true]) {
		const screen = start(
			{shareText: redactedShareText, copy: () => ({method: 'file', path: '/tmp/chatmock-doctor-report-2026-11-27T14-28-26-000Z.md', confirmed: true})},
			{columns: 40, rows: 20, ascii},
		);
		let frame = await openPreview(screen);
		const tooWide = (text: string) => live(text).filter(line => [...line].length > 40);
		assert.deepEqual(tooWide(frame), []);
		assert.ok(live(frame).length <= 19, `shorter than the terminal (${live(frame).length})`);
		screen.press('G');
		frame = await screen.waitFor(f => range(f)[1] === range(f)[2], 'the end');
		assert.deepEqual(tooWide(frame), []);
		screen.press('c');
		frame = await screen.waitFor(f => f.includes('Saved the report to'), 'the saved file');
		assert.equal(range(frame)[1], range(frame)[2], 'still at the end');
		assert.deepEqual(tooWide(frame), []);
		assert.ok(live(frame).length <= 19);
		assert.ok(live(frame).join('').replaceAll(' ', '').includes('/tmp/chatmock-doctor-report-2026-11-27T14-28-26-000Z.md(noclipboardavailable).'), 'the whole path, wrapped');
		if (ascii) {
			const visible = live(frame).join('\n');
			const foreign = [...visible].filter(char => char.charCodeAt(0) > 0x7e);
			assert.deepEqual([...new Set(foreign)], []);
		}
		screen.unmount();
	}
});
