import {parseArgs as parseArgsPolyfill} from '@pkgjs/parseargs';
import {execFileSync} from 'child_process';
import os from 'os';
import util from 'util';
import v8 from 'v8';

/**
 * What the core uses that Node 12 to 19 may lack, each added only where missing. The core bundle
 * runs this first (scripts/build.mjs injects source/compat/install.ts); sources are written for
 * Node 20 and stay so. A new use of an API newer than Node 12 belongs here, with its test.
 */
export interface CompatTarget {
	readonly global: Record<string, unknown>;
	readonly arrayProto: Record<string, unknown>;
	readonly stringProto: Record<string, unknown>;
	readonly url: Record<string, unknown>;
	readonly os: Record<string, unknown>;
	readonly util: Record<string, unknown>;
	readonly platform: string;
	readonly env: Readonly<Record<string, string | undefined>>;
}

/** Adds each missing API to the target; returns the names it added (none on Node 20). */
export function installPolyfills(target: CompatTarget): string[] {
	const added: string[] = [];
	const add = (owner: Record<string, unknown>, name: string, value: unknown, label: string) => {
		if (owner[name] !== undefined) return;
		// Like the built-ins: not enumerable, so a for…in over an array never meets it.
		Object.defineProperty(owner, name, {value, writable: true, configurable: true, enumerable: false});
		added.push(label);
	};
	add(target.arrayProto, 'at', arrayAt, 'Array.prototype.at'); // Node 16.6
	add(target.stringProto, 'replaceAll', stringReplaceAll, 'String.prototype.replaceAll'); // Node 15
	add(target.global, 'structuredClone', cloneBySerializing, 'structuredClone'); // Node 17
	add(target.url, 'canParse', urlCanParse, 'URL.canParse'); // Node 19.9
	add(target.os, 'machine', () => machineOf(target.platform, target.env), 'os.machine'); // Node 18.9
	add(target.util, 'styleText', styleText, 'util.styleText'); // Node 20.12 (21.7)
	// Node 18.3 (16.17): the package Node's own parseArgs came from, with the same options and messages.
	add(target.util, 'parseArgs', parseArgsPolyfill, 'util.parseArgs');
	if (target.global['AbortController'] === undefined) {
		// Node 15 (14.17 behind a flag); the two come together.
		target.global['AbortController'] = AbortControllerShim;
		target.global['AbortSignal'] = AbortSignalShim;
		added.push('AbortController');
	}
	return added;
}

/** As Node 20.12 writes it: each style's opening code in order, the closing ones in reverse. */
function styleText(format: string | readonly string[], text: string): string {
	if (typeof text !== 'string') throw new TypeError('The "text" argument must be of type string');
	let left = '';
	let right = '';
	for (const key of typeof format === 'string' ? [format] : format) {
		const codes = util.inspect.colors[key];
		if (codes === undefined) throw new TypeError(`The argument 'format' must be one of: ${Object.keys(util.inspect.colors).join(', ')}. Received ${JSON.stringify(key)}`);
		left += `\u001B[${codes[0]}m`;
		right = `\u001B[${codes[1]}m${right}`;
	}
	return `${left}${text}${right}`;
}

function arrayAt(this: unknown[], index: number): unknown {
	const length = this.length;
	let i = Math.trunc(index) || 0;
	if (i < 0) i += length;
	return i < 0 || i >= length ? undefined : this[i];
}

function stringReplaceAll(this: string, pattern: string | RegExp, replacement: string | ((...args: never[]) => string)): string {
	if (pattern instanceof RegExp) {
		if (!pattern.global) throw new TypeError('replaceAll must be called with a global RegExp');
		return this.replace(pattern, replacement as string);
	}
	// A string pattern is literal: escaped into a global expression; `$` patterns in the replacement keep their meaning.
	const literal = new RegExp(String(pattern).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&'), 'g');
	return this.replace(literal, replacement as string);
}

/** The structured clone of V8's serializer: the same algorithm structuredClone uses. */
function cloneBySerializing<T>(value: T): T {
	return v8.deserialize(v8.serialize(value)) as T;
}

function urlCanParse(this: new (input: string, base?: string) => unknown, input: string, base?: string): boolean {
	try {
		new this(input, base);
		return true;
	} catch {
		return false;
	}
}

/**
 * What uname(2) calls the machine, as os.machine() returns it: `uname -m` on POSIX; on Windows
 * the native architecture (PROCESSOR_ARCHITEW6432 is set when this process is emulated, e.g. 32-bit
 * Node on 64-bit Windows), named as libuv names it.
 */
export function machineOf(platform: string, env: Readonly<Record<string, string | undefined>>, uname: () => string = unameMachine): string {
	if (platform === 'win32') {
		const native = (env['PROCESSOR_ARCHITEW6432'] ?? env['PROCESSOR_ARCHITECTURE'] ?? '').toUpperCase();
		const names: Record<string, string> = {AMD64: 'x86_64', X86: 'i686', ARM64: 'arm64', ARM: 'arm', IA64: 'ia64'};
		return names[native] ?? 'unknown';
	}
	return uname().trim();
}

function unameMachine(): string {
	return execFileSync('uname', ['-m'], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000, windowsHide: true});
}

type Listener = ((event: {type: string; target: unknown}) => void) | {handleEvent: (event: {type: string; target: unknown}) => void};

/** AbortSignal as the core uses it: aborted, reason, onabort, throwIfAborted and the 'abort' listeners. */
export class AbortSignalShim {
	aborted = false;
	reason: unknown = undefined;
	onabort: ((event: {type: string; target: unknown}) => void) | null = null;
	private readonly listeners: Array<{listener: Listener; once: boolean}> = [];

	static abort(reason?: unknown): AbortSignalShim {
		const controller = new AbortControllerShim();
		controller.abort(reason);
		return controller.signal;
	}

	static timeout(ms: number): AbortSignalShim {
		const controller = new AbortControllerShim();
		const timer = setTimeout(() => controller.abort(domError('The operation was aborted due to timeout', 'TimeoutError')), ms);
		// Like Node's: the timer alone never keeps the process alive.
		timer.unref?.();
		return controller.signal;
	}

	addEventListener(type: string, listener: Listener | null, options?: boolean | {once?: boolean}): void {
		if (type !== 'abort' || !listener || this.listeners.some(l => l.listener === listener)) return;
		this.listeners.push({listener, once: typeof options === 'object' && options !== null && options.once === true});
	}

	removeEventListener(type: string, listener: Listener | null): void {
		if (type !== 'abort') return;
		const at = this.listeners.findIndex(l => l.listener === listener);
		if (at >= 0) this.listeners.splice(at, 1);
	}

	dispatchEvent(event: {type: string}): boolean {
		const dispatched = {type: event.type, target: this};
		if (event.type === 'abort') this.onabort?.call(this, dispatched);
		for (const entry of [...this.listeners]) {
			if (event.type !== 'abort') continue;
			if (entry.once) this.removeEventListener('abort', entry.listener);
			try {
				if (typeof entry.listener === 'function') entry.listener.call(this, dispatched);
				else entry.listener.handleEvent(dispatched);
			} catch (error) {
				// As with EventTarget: a throwing listener is reported, the others still run.
				process.nextTick(() => {
					throw error;
				});
			}
		}
		return true;
	}

	throwIfAborted(): void {
		if (this.aborted) throw this.reason;
	}
}

export class AbortControllerShim {
	readonly signal = new AbortSignalShim();

	abort(reason?: unknown): void {
		const signal = this.signal;
		if (signal.aborted) return;
		signal.aborted = true;
		signal.reason = reason === undefined ? domError('This operation was aborted', 'AbortError') : reason;
		signal.dispatchEvent({type: 'abort'});
	}
}

function domError(message: string, name: string): Error {
	return Object.assign(new Error(message), {name, code: name === 'AbortError' ? 20 : 23});
}

/** The live process's target. */
export function processTarget(): CompatTarget {
	return {
		global: globalThis as unknown as Record<string, unknown>,
		arrayProto: Array.prototype as unknown as Record<string, unknown>,
		stringProto: String.prototype as unknown as Record<string, unknown>,
		url: URL as unknown as Record<string, unknown>,
		os: os as unknown as Record<string, unknown>,
		util: util as unknown as Record<string, unknown>,
		platform: process.platform,
		env: process.env,
	};
}
