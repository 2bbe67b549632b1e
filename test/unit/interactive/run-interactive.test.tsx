import './as-a-person.js';
import assert from 'node:assert/strict';
import {EventEmitter} from 'node:events';
import {test} from 'node:test';
import type {CollectOptions} from '../../../source/facts/collect-types.js';
import {buildReport} from '../../../source/presentation/report-model.js';
import {diagnosis, finding} from '../fix/doubles.js';
import {runInteractive} from '../../../source/presentation/interactive/run-interactive.js';
import {copyText, type ClipboardDeps} from '../../../source/report/clipboard.js';
import {drivenCollector} from './collector.js';
import {plain, until} from './helpers.js';

class Stream extends EventEmitter {
	isTTY = true;
	columns = 80;
	rows = 24;
	output = '';
	data: string | null = null;
	write = (chunk: string) => {
		this.output += chunk;
		return true;
	};
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};
	type(data: string) {
		this.data = data;
		this.emit('readable');
	}
}

const collect = {host: {} as CollectOptions['host'], timeoutMs: 3000, offline: true, noEngine: false};

test('runInteractive resolves with the exit code the root chose', async () => {
	const {collectFacts, diagnose} = drivenCollector([diagnosis([finding('exec-format-error', 'error')])], undefined, {auto: true});
	const stdin = new Stream();
	const stdout = new Stream();
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
		stderr: new Stream() as unknown as NodeJS.WriteStream,
	});
	await until(() => plain(stdout.output).includes('Findings (1)'), 'the verdict');
	assert.ok(!/\u001B\[3[0-9]m/.test(stdout.output), 'no colour with color: false');
	await new Promise(resolve => setImmediate(resolve));
	stdin.type('\u0003');
	assert.equal(await running, 130);
});

test('runInteractive passes shareText and copy on: p previews the shared text, c copies it through copyText', async () => {
	const {collectFacts, diagnose} = drivenCollector([diagnosis([finding('exec-format-error', 'error')])], undefined, {auto: true});
	const stdin = new Stream();
	const stdout = new Stream();
	const saved: string[] = [];
	// No display, no terminal for OSC 52: the real copyText falls back to a file and says so.
	const deps: ClipboardDeps = {
		env: {},
		platform: 'linux',
		isTTY: false,
		writeToTerminal: () => assert.fail('no OSC 52 without a terminal'),
		run: async () => ({exitCode: null}),
		saveFile: async text => (saved.push(text), '/tmp/report.md'),
	};
	const running = runInteractive({
		collect,
		version: '1.0.0',
		ascii: true,
		color: false,
		collectFacts,
		diagnose,
		buildReport,
		shareText: async () => '# the redacted report\n',
		copy: text => copyText(text, deps),
		stdin: stdin as unknown as NodeJS.ReadStream,
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new Stream() as unknown as NodeJS.WriteStream,
	});
	await until(() => plain(stdout.output).includes('Findings (1)'), 'the verdict');
	await new Promise(resolve => setImmediate(resolve));
	stdin.type('p');
	await until(() => plain(stdout.output).includes('# the redacted report'), 'the preview');
	assert.ok(plain(stdout.output).includes('Redacted'));
	await new Promise(resolve => setImmediate(resolve));
	stdin.type('c');
	await until(() => plain(stdout.output).includes('/tmp/report.md (no clipboard available)'), 'the saved file');
	assert.deepEqual(saved, ['# the redacted report\n']);
	stdin.type('\u0003');
	assert.equal(await running, 130);
});
