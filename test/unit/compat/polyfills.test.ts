// The Node 12 compat layer: each stand-in behaves as the Node 20 built-in it replaces (compared
// side by side here, on Node 20), and on Node 20 itself nothing is replaced.
import assert from 'node:assert/strict';
import os from 'node:os';
import {parseArgs, styleText} from 'node:util';
import {describe, test} from 'node:test';
import {AbortControllerShim, AbortSignalShim, installPolyfills, machineOf, processTarget, type CompatTarget} from '../../../source/compat/polyfills.js';

/** A target shaped like Node 12's: none of the newer APIs. */
function bareTarget(platform = 'linux', env: Record<string, string> = {}): CompatTarget & {[K in 'global' | 'arrayProto' | 'stringProto' | 'url' | 'os' | 'util']: Record<string, unknown>} {
	return {global: {}, arrayProto: {}, stringProto: {}, url: {}, os: {}, util: {}, platform, env};
}

describe('compat polyfills', () => {
	test('on Node 20 nothing is added', () => {
		assert.deepEqual(installPolyfills(processTarget()), []);
	});

	test('on a Node 12-like target every missing API is added, not enumerable, and a second install adds nothing', () => {
		const target = bareTarget();
		assert.deepEqual(installPolyfills(target).sort(), [
			'AbortController',
			'Array.prototype.at',
			'String.prototype.replaceAll',
			'URL.canParse',
			'os.machine',
			'structuredClone',
			'util.parseArgs',
			'util.styleText',
		]);
		assert.equal(Object.keys(target.arrayProto).length, 0);
		assert.equal(typeof target.global['AbortSignal'], 'function');
		assert.deepEqual(installPolyfills(target), []);
	});

	test('Array.prototype.at answers as the built-in for every index', () => {
		const {arrayProto} = bareTarget();
		installPolyfills({...bareTarget(), arrayProto});
		const at = arrayProto['at'] as (this: unknown[], i: number) => unknown;
		const list = ['a', 'b', 'c'];
		for (const i of [-4, -3, -1, 0, 1, 2, 3, 1.7, -1.2, Number.NaN]) assert.equal(at.call(list, i), list.at(i), `index ${i}`);
		assert.equal(at.call([], -1), undefined);
	});

	test('String.prototype.replaceAll: literal patterns with special characters, $ patterns and functions, as the built-in', () => {
		const {stringProto} = bareTarget();
		installPolyfills({...bareTarget(), stringProto});
		const replaceAll = stringProto['replaceAll'] as (this: string, p: string | RegExp, r: string | ((m: string) => string)) => string;
		const cases: Array<[string, string | RegExp, string | ((m: string) => string)]> = [
			['C:\\Users\\me\\x', '\\', '/'],
			['a.b.c', '.', '\\\\'],
			['1+1+1', '+', '[$&]'],
			['\u001B]52;x\u001B', '\u001B', '\u001B\u001B'],
			['aaa', 'a', m => m.toUpperCase()],
			['x(y)x', /x/g, 'z'],
		];
		for (const [text, pattern, replacement] of cases) {
			assert.equal(replaceAll.call(text, pattern, replacement), text.replaceAll(pattern as string, replacement as string), JSON.stringify([text, String(pattern)]));
		}
		assert.throws(() => replaceAll.call('x', /x/, 'y'), TypeError);
	});

	test('structuredClone: a deep copy of what the snapshot replays, as the built-in makes it', () => {
		const {global} = bareTarget();
		installPolyfills({...bareTarget(), global});
		const clone = global['structuredClone'] as <T>(v: T) => T;
		const value = {ok: true, value: {status: 200, list: [1, 'two', null, {deep: [3]}], when: new Date(0), map: new Map([['k', 1]])}};
		const copy = clone(value);
		assert.deepEqual(copy, structuredClone(value));
		assert.notEqual(copy.value.list, value.value.list);
		assert.throws(() => clone({f: () => 1}));
	});

	test('URL.canParse agrees with the built-in, with and without a base', () => {
		const url = {} as Record<string, unknown>;
		installPolyfills({...bareTarget(), url});
		const canParse = (url['canParse'] as (this: typeof URL, i: string, b?: string) => boolean).bind(URL);
		for (const [input, base] of [['http://[::1]/'], ['http://[fe80::1%eth0]/'], ['http://[zz::1]/'], ['/relative'], ['/relative', 'http://x/'], ['not a url']] as Array<[string, string?]>) {
			assert.equal(canParse(input, base), URL.canParse(input, base), `${input} ${String(base)}`);
		}
	});

	test('util.parseArgs comes from the package Node took it from: same values and the same errors', () => {
		const util = {} as Record<string, unknown>;
		installPolyfills({...bareTarget(), util});
		const polyfill = util['parseArgs'] as typeof parseArgs;
		const config = {options: {json: {type: 'boolean'}, output: {type: 'string', short: 'o'}}, allowPositionals: true, strict: true} as const;
		for (const args of [['--json', '-o', 'x', 'triage'], ['--output=y']]) assert.deepEqual(polyfill({...config, args}), parseArgs({...config, args}));
		for (const args of [['--nope'], ['-o'], ['--json=1']]) {
			const message = (f: () => unknown) => {
				try {
					f();
				} catch (error) {
					return (error as Error).message;
				}
				return 'no error';
			};
			assert.equal(
				message(() => polyfill({...config, args})),
				message(() => parseArgs({...config, args})),
				args.join(' '),
			);
		}
	});

	test('util.styleText writes what Node 20 writes, one style or several', () => {
		const util = {} as Record<string, unknown>;
		installPolyfills({...bareTarget(), util});
		const polyfill = util['styleText'] as typeof styleText;
		// Node's own, told not to leave a pipe uncoloured as newer releases do (the doctor decides colour itself).
		const native = (format: Parameters<typeof styleText>[0], text: string) => (styleText as (f: unknown, t: string, o: object) => string)(format, text, {validateStream: false});
		const cases: Array<Parameters<typeof styleText>[0]> = ['red', 'yellow', 'cyan', 'bold', 'dim', ['bold', 'red']];
		for (const format of cases) {
			const written = polyfill(format, 'x');
			assert.match(written, /^(\u001B\[\d+m)+x(\u001B\[\d+m)+$/);
			assert.equal(written, native(format, 'x'), JSON.stringify(format));
		}
		assert.equal(polyfill(['bold', 'red'], 'x'), '\u001B[1m\u001B[31mx\u001B[39m\u001B[22m');
		assert.throws(() => polyfill('nope' as never, 'x'), TypeError);
	});

	test("os.machine: uname -m on POSIX; Windows's native architecture, also for an emulated process", () => {
		assert.equal(
			machineOf('linux', {}, () => 'armv7l\n'),
			'armv7l',
		);
		assert.equal(
			machineOf('darwin', {}, () => 'arm64\n'),
			'arm64',
		);
		assert.equal(machineOf('win32', {PROCESSOR_ARCHITECTURE: 'AMD64'}), 'x86_64');
		assert.equal(machineOf('win32', {PROCESSOR_ARCHITECTURE: 'x86', PROCESSOR_ARCHITEW6432: 'AMD64'}), 'x86_64');
		assert.equal(machineOf('win32', {PROCESSOR_ARCHITECTURE: 'ARM64'}), 'arm64');
		assert.equal(machineOf('win32', {}), 'unknown');
		if (process.platform !== 'win32') {
			const stand = {} as Record<string, unknown>;
			installPolyfills({...bareTarget(process.platform), os: stand});
			assert.equal((stand['machine'] as () => string)(), os.machine());
		}
	});
});

describe('AbortController stand-in', () => {
	test('abort: aborted, a reason like the built-in, onabort and each listener once, in order', () => {
		const controller = new AbortControllerShim();
		const seen: string[] = [];
		controller.signal.onabort = event => seen.push(`onabort:${event.type}`);
		const listener = () => seen.push('listener');
		controller.signal.addEventListener('abort', listener, {once: true});
		controller.signal.addEventListener('abort', listener);
		controller.signal.addEventListener('abort', {handleEvent: () => seen.push('object')});
		const removed = () => seen.push('removed');
		controller.signal.addEventListener('abort', removed);
		controller.signal.removeEventListener('abort', removed);
		assert.equal(controller.signal.aborted, false);
		controller.abort();
		controller.abort();
		assert.equal(controller.signal.aborted, true);
		assert.deepEqual(seen, ['onabort:abort', 'listener', 'object']);
		const native = new AbortController();
		native.abort();
		assert.equal((controller.signal.reason as Error).name, (native.signal.reason as Error).name);
		assert.throws(() => controller.signal.throwIfAborted(), {name: 'AbortError'});
	});

	test('a reason given is kept; AbortSignal.abort and AbortSignal.timeout', async () => {
		const controller = new AbortControllerShim();
		controller.abort('why');
		assert.equal(controller.signal.reason, 'why');
		assert.equal(AbortSignalShim.abort().aborted, true);
		const timed = AbortSignalShim.timeout(5);
		await new Promise<void>(resolve => timed.addEventListener('abort', () => resolve(), {once: true}));
		assert.equal((timed.reason as Error).name, 'TimeoutError');
	});
});
