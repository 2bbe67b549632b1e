// Renders Ink trees into fake streams and waits for frames by polling, never by fixed sleeps.
// Not ink-testing-library: its render() takes no options, so the width is fixed at 100 columns
// (these screens are tested at 40 and 80, and resized), there are no rows, no theme, and no
// waitUntilExit() for the exit code; its streams cannot be swapped in from outside.
import {EventEmitter} from 'node:events';
import {render} from 'ink';
import type {ReactElement} from 'react';
import {ThemeProvider} from '../../../source/presentation/interactive/theme-context.js';
import {createTheme} from '../../../source/presentation/interactive/theme.js';

export class FakeStdout extends EventEmitter {
	frames: string[] = [];
	isTTY = true;
	constructor(
		public columns: number,
		public rows = 200,
	) {
		super();
	}
	write = (frame: string) => {
		this.frames.push(frame);
		return true;
	};
	lastFrame = () => this.frames.at(-1) ?? '';
	resize(columns: number) {
		this.columns = columns;
		this.emit('resize');
	}
}

export class FakeStdin extends EventEmitter {
	isTTY = true;
	data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
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
}

export const KEYS = {
	up: '\u001B[A',
	down: '\u001B[B',
	enter: '\r',
	escape: '\u001B',
	ctrlC: '\u0003',
	pageUp: '\u001B[5~',
	pageDown: '\u001B[6~',
	home: '\u001B[H',
	end: '\u001B[F',
} as const;

// Strips colours and other SGR sequences so assertions read what a person sees.

const ANSI = /\u001B\[[0-9;?]*[A-Za-z]/g;
export const plain = (text: string) => text.replace(ANSI, '');

/**
 * The fix has been checked again: the comparison's title is drawn. Not the word "after" alone,
 * which the pull step also says while it runs ("moves … only after that image passes verification").
 */
export const checkedAgain = (frame: string): boolean => /Before (→|->) after/.test(frame);

export interface Rendered {
	readonly stdout: FakeStdout;
	readonly stdin: FakeStdin;
	lastFrame(): string;
	press(key: string): void;
	waitFor(predicate: (frame: string) => boolean, what?: string, timeoutMs?: number): Promise<string>;
	unmount(): void;
	waitUntilExit(): Promise<unknown>;
}

export function renderInk(tree: ReactElement, options: {columns?: number; rows?: number; ascii?: boolean; color?: boolean} = {}): Rendered {
	const stdout = new FakeStdout(options.columns ?? 100, options.rows);
	const stderr = new FakeStdout(options.columns ?? 100);
	const stdin = new FakeStdin();
	const theme = createTheme({ascii: options.ascii ?? false, color: options.color ?? true});
	const instance = render(<ThemeProvider theme={theme}>{tree}</ThemeProvider>, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: stderr as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	const lastFrame = () => plain(stdout.lastFrame());
	return {
		stdout,
		stdin,
		lastFrame,
		press: key => stdin.write(key),
		async waitFor(predicate, what = 'a frame', timeoutMs = 15_000) {
			const started = Date.now();
			for (;;) {
				const frame = lastFrame();
				if (predicate(frame)) {
					// The frame is written on commit; key listeners attach in effects just after. Let them.
					await settle();
					return frame;
				}
				if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; last frame:\n${frame}`);
				await new Promise(resolve => setTimeout(resolve, 5));
			}
		},
		unmount: () => instance.unmount(),
		waitUntilExit: () => instance.waitUntilExit(),
	};
}

/** Lets React run the effects of the last commit (new screens attach their key listeners there). */
export async function settle(): Promise<void> {
	await new Promise(resolve => setImmediate(resolve));
	await new Promise(resolve => setTimeout(resolve, 0));
}

/** Resolves when `predicate` holds, polling; for non-screen state (calls on a fake). */
export async function until(predicate: () => boolean, what = 'a condition', timeoutMs = 15_000): Promise<void> {
	const started = Date.now();
	while (!predicate()) {
		if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
		await new Promise(resolve => setTimeout(resolve, 5));
	}
}
