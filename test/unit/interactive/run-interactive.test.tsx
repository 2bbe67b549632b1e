import './as-a-person.js';
import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {CollectOptions} from '../../../source/facts/collect-types.js';
import {buildReport} from '../../../source/presentation/report-model.js';
import {diagnosis, finding} from '../fix/doubles.js';
import {runInteractive} from '../../../source/presentation/interactive/run-interactive.js';
import {copyText, type ClipboardDeps} from '../../../source/report/clipboard.js';
import {drivenCollector} from './collector.js';
import {FakeStdin, FakeStdout, plain, until} from './helpers.js';

const collect = {host: {} as CollectOptions['host'], timeoutMs: 3000, offline: true, noEngine: false};

/** The doctor on an 80×24 terminal, one exec-format-error found; `output()` is all it wrote. */
function start(extra: Partial<Parameters<typeof runInteractive>[0]> = {}) {
	const {collectFacts, diagnose} = drivenCollector([diagnosis([finding('exec-format-error', 'error')])], undefined, {auto: true});
	const stdin = new FakeStdin();
	const stdout = new FakeStdout(80, 24);
	const running = runInteractive({
		collect,
		version: '1.0.0',
		ascii: true,
		color: false,
		collectFacts,
		diagnose,
		buildReport,
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout(80, 24) as unknown as NodeJS.WriteStream,
		...extra,
	});
	return {stdin, running, output: () => stdout.frames.join('')};
}

test('runInteractive resolves with the exit code the root chose', async () => {
	const {stdin, running, output} = start();
	await until(() => plain(output()).includes('Findings (1)'), 'the verdict');
	assert.ok(!/\u001B\[3[0-9]m/.test(output()), 'no colour with color: false');
	await new Promise(resolve => setImmediate(resolve));
	stdin.write('\u0003');
	assert.equal(await running, 130);
});

test('runInteractive passes shareText and copy on: p previews the shared text, c copies it through copyText', async () => {
	const saved: string[] = [];
	// No display, no terminal for OSC 52: the real copyText falls back to a file and says so.
	const deps: ClipboardDeps = {
		env: {},
		platform: 'linux',
		isTTY: false,
		writeToTerminal: () => assert.fail('no OSC 52 without a terminal'),
		run: async () => ({exitCode: null}),
		query: async () => undefined,
		saveFile: async text => (saved.push(text), '/tmp/report.md'),
	};
	const {stdin, running, output} = start({shareText: async () => '# the redacted report\n', copy: text => copyText(text, deps)});
	await until(() => plain(output()).includes('Findings (1)'), 'the verdict');
	await new Promise(resolve => setImmediate(resolve));
	stdin.write('p');
	await until(() => plain(output()).includes('# the redacted report'), 'the preview');
	assert.ok(plain(output()).includes('Redacted'));
	await new Promise(resolve => setImmediate(resolve));
	stdin.write('c');
	await until(() => plain(output()).includes('/tmp/report.md (no clipboard available)'), 'the saved file');
	assert.deepEqual(saved, ['# the redacted report\n']);
	stdin.write('\u0003');
	assert.equal(await running, 130);
});
