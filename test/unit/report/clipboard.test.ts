import assert from 'node:assert/strict';
import {chmod, readFile, rm, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import {copyText, osc52Form, osc52Sequence, parseTmuxClipboard, type ClipboardDeps, type RunResult} from '../../../source/report/clipboard.js';
import {createNodeClipboardDeps} from '../../../source/report/clipboard-node.js';
import {tempDir} from '../../helpers/temp-dir.js';

const ESC = '\u001B';
const BEL = '\u0007';

describe('osc52Sequence', () => {
	it('plain terminal: ESC ] 52 ; c ; base64 BEL', () => {
		assert.equal(osc52Sequence('hi', 'plain'), `${ESC}]52;c;aGk=${BEL}`);
		assert.equal(osc52Sequence('é…', 'plain'), `${ESC}]52;c;w6nigKY=${BEL}`);
	});

	it('tmux passthrough: DCS tmux; with every ESC doubled', () => {
		assert.equal(osc52Sequence('hi', 'tmux-passthrough'), `${ESC}Ptmux;${ESC}${ESC}]52;c;aGk=${BEL}${ESC}\\`);
	});

	it('GNU screen: the sequence in DCS chunks of at most 252 bytes', () => {
		assert.equal(osc52Sequence('hi', 'screen'), `${ESC}P${ESC}]52;c;aGk=${BEL}${ESC}\\`);
		const text = 'x'.repeat(300); // 400 base64 chars + 7 prefix + BEL = 408 bytes → 252 + 156
		const osc = `${ESC}]52;c;${Buffer.from(text).toString('base64')}${BEL}`;
		assert.equal(osc52Sequence(text, 'screen'), `${ESC}P${osc.slice(0, 252)}${ESC}\\${ESC}P${osc.slice(252)}${ESC}\\`);
	});
});

describe('osc52Form', () => {
	const inTmux = {TMUX: '/tmp/tmux-0/default,1,0', TERM: 'screen'};
	it('outside tmux: plain, or DCS chunks under GNU screen', () => {
		assert.equal(osc52Form({TERM: 'xterm-256color'}), 'plain');
		assert.equal(osc52Form({TERM: 'screen.xterm-256color'}), 'screen');
	});

	it('tmux with set-clipboard on: plain, which tmux stores as a paste buffer and forwards', () => {
		assert.equal(osc52Form(inTmux, {setClipboard: 'on', allowPassthrough: true}), 'plain');
	});

	it('tmux with set-clipboard external or off: passthrough only when allowed, else none', () => {
		assert.equal(osc52Form(inTmux, {setClipboard: 'external', allowPassthrough: true}), 'tmux-passthrough');
		assert.equal(osc52Form(inTmux, {setClipboard: 'external', allowPassthrough: false}), undefined);
		assert.equal(osc52Form(inTmux, {setClipboard: 'off', allowPassthrough: false}), undefined);
		assert.equal(osc52Form(inTmux), undefined);
	});

	it('reads what tmux 3.3 and 3.4 print, and nothing from an old or absent tmux', () => {
		assert.deepEqual(parseTmuxClipboard('on|1\n'), {setClipboard: 'on', allowPassthrough: true});
		assert.deepEqual(parseTmuxClipboard('external|all'), {setClipboard: 'external', allowPassthrough: true});
		assert.deepEqual(parseTmuxClipboard('external|0'), {setClipboard: 'external', allowPassthrough: false});
		assert.deepEqual(parseTmuxClipboard('|'), {setClipboard: 'unknown', allowPassthrough: false});
		assert.deepEqual(parseTmuxClipboard(undefined), {setClipboard: 'unknown', allowPassthrough: false});
	});
});

interface Calls {
	runs: {file: string; args: readonly string[]; input: string | Uint8Array}[];
	queries: {file: string; args: readonly string[]}[];
	written: string[];
	saved: string[];
}

function fakeDeps(partial: Partial<ClipboardDeps>, exitCodes: Record<string, number | null> = {}, tmuxPrints?: string): {deps: ClipboardDeps; calls: Calls} {
	const calls: Calls = {runs: [], queries: [], written: [], saved: []};
	const deps: ClipboardDeps = {
		env: {},
		platform: 'linux',
		isTTY: false,
		writeToTerminal: s => calls.written.push(s),
		run: async (file, args, input): Promise<RunResult> => {
			calls.runs.push({file, args, input});
			const key = file === 'tmux' ? args.join(' ') : file;
			return {exitCode: key in exitCodes ? exitCodes[key]! : null};
		},
		query: async (file, args) => {
			calls.queries.push({file, args});
			return file === 'tmux' ? tmuxPrints : undefined;
		},
		saveFile: async text => {
			calls.saved.push(text);
			return '/tmp/report.md';
		},
		...partial,
	};
	return {deps, calls};
}

describe('copyText', () => {
	it('over SSH on a TTY: OSC 52, no program run, not claimed as confirmed, and the file saved too', async () => {
		const {deps, calls} = fakeDeps({isTTY: true, env: {SSH_CONNECTION: '1 2 3 4', DISPLAY: ':0'}}, {xclip: 0});
		assert.deepEqual(await copyText('hi', deps), {method: 'osc52', confirmed: false, path: '/tmp/report.md'});
		assert.deepEqual(calls.written, [`${ESC}]52;c;aGk=${BEL}`]);
		assert.deepEqual(calls.saved, ['hi']);
		assert.equal(calls.runs.length, 0);
	});

	it('in tmux with set-clipboard on: plain OSC 52 into its paste buffer, no file', async () => {
		const env = {TMUX: '/tmp/tmux-0/default,1,0', TMUX_PANE: '%3', TERM: 'tmux-256color'};
		const {deps, calls} = fakeDeps({isTTY: true, env}, {}, 'on|0\n');
		assert.deepEqual(await copyText('hi', deps), {method: 'osc52', confirmed: false, tmuxBuffer: true});
		assert.deepEqual(calls.written, [`${ESC}]52;c;aGk=${BEL}`]);
		assert.deepEqual(calls.queries, [{file: 'tmux', args: ['display-message', '-p', '-t', '%3', '#{set-clipboard}|#{allow-passthrough}']}]);
		assert.deepEqual(calls.saved, []);
	});

	it('in tmux with allow-passthrough but set-clipboard external: the passthrough form, and the file', async () => {
		const {deps, calls} = fakeDeps({isTTY: true, env: {TMUX: '/tmp/tmux-0/default,1,0', TERM: 'screen'}}, {}, 'external|1');
		assert.deepEqual(await copyText('hi', deps), {method: 'osc52', confirmed: false, path: '/tmp/report.md'});
		assert.deepEqual(calls.written, [`${ESC}Ptmux;${ESC}${ESC}]52;c;aGk=${BEL}${ESC}\\`]);
	});

	it('in tmux that would drop OSC 52: nothing sent; tmux load-buffer (-w, then without on old tmux); else a file', async () => {
		const env = {TMUX: '/tmp/tmux-0/default,1,0', TERM: 'screen'};
		const old = fakeDeps({isTTY: true, env}, {'load-buffer -w -': 1, 'load-buffer -': 0}, 'external|0');
		assert.deepEqual(await copyText('hi', old.deps), {method: 'tmux', confirmed: true, tmuxBuffer: true});
		assert.deepEqual(old.calls.written, []);
		assert.deepEqual(
			old.calls.runs.map(r => r.args.join(' ')),
			['load-buffer -w -', 'load-buffer -'],
		);
		assert.equal(old.calls.runs[1]!.input, 'hi');
		const none = fakeDeps({isTTY: true, env}, {}, undefined);
		assert.deepEqual(await copyText('hi', none.deps), {method: 'file', path: '/tmp/report.md', confirmed: true});
		assert.deepEqual(none.calls.written, []);
	});

	it('a failing program is not a copy: the next one is tried', async () => {
		const {deps, calls} = fakeDeps({env: {WAYLAND_DISPLAY: 'wayland-0', DISPLAY: ':0'}}, {'wl-copy': 1, xclip: null, xsel: 0});
		assert.deepEqual(await copyText('hi', deps), {method: 'xsel', confirmed: true});
		assert.deepEqual(
			calls.runs.map(r => r.file),
			['wl-copy', 'xclip', 'xsel'],
		);
	});

	it('local TTY without a working program: OSC 52', async () => {
		const {deps, calls} = fakeDeps({isTTY: true, env: {DISPLAY: ':0'}}, {xclip: 1, xsel: 1});
		assert.deepEqual(await copyText('hi', deps), {method: 'osc52', confirmed: false, path: '/tmp/report.md'});
		assert.equal(calls.written.length, 1);
	});

	it('no TTY and nothing works: a saved file, with its path', async () => {
		const {deps, calls} = fakeDeps({env: {DISPLAY: ':0'}}, {xclip: 1, xsel: 1});
		assert.deepEqual(await copyText('report', deps), {method: 'file', path: '/tmp/report.md', confirmed: true});
		assert.deepEqual(calls.saved, ['report']);
		assert.equal(calls.written.length, 0);
	});

	it('TERM=dumb and oversized payloads skip OSC 52', async () => {
		const dumb = fakeDeps({isTTY: true, env: {TERM: 'dumb', SSH_TTY: '/dev/pts/0'}});
		assert.equal((await copyText('hi', dumb.deps)).method, 'file');
		const big = fakeDeps({isTTY: true, env: {SSH_TTY: '/dev/pts/0'}});
		assert.equal((await copyText('x'.repeat(200_000), big.deps)).method, 'file');
		assert.equal(big.calls.written.length, 0);
	});

	it('platform programs: pbcopy on macOS, clip.exe on WSL with UTF-16LE and a BOM', async () => {
		const mac = fakeDeps({platform: 'darwin'}, {pbcopy: 0});
		assert.equal((await copyText('hi', mac.deps)).method, 'pbcopy');
		const wsl = fakeDeps({env: {WSL_DISTRO_NAME: 'Ubuntu'}}, {'clip.exe': 0});
		assert.equal((await copyText('hé', wsl.deps)).method, 'clip.exe');
		assert.deepEqual([...(wsl.calls.runs[0]!.input as Uint8Array)], [0xff, 0xfe, 0x68, 0x00, 0xe9, 0x00]);
		const win = fakeDeps({platform: 'win32'}, {clip: 0});
		assert.equal((await copyText('hi', win.deps)).method, 'clip.exe');
	});
});

describe('copyText with the node dependencies', () => {
	async function withBin(scripts: Record<string, string>, body: (dir: string) => Promise<void>) {
		const dir = tempDir('clip-test-');
		try {
			for (const [name, script] of Object.entries(scripts)) {
				await writeFile(join(dir, name), `#!/bin/sh\n${script}\n`);
				await chmod(join(dir, name), 0o755);
			}
			await body(dir);
		} finally {
			await rm(dir, {recursive: true, force: true});
		}
	}

	it('runs a stand-in xclip from PATH with DISPLAY set and no TTY', async () => {
		await withBin({xclip: 'cat > "$CLIP_OUT"'}, async dir => {
			const out = join(dir, 'clipboard.txt');
			const deps = createNodeClipboardDeps({
				env: {PATH: `${dir}:/usr/bin:/bin`, DISPLAY: ':99', CLIP_OUT: out},
				platform: 'linux',
				stdout: {isTTY: false} as NodeJS.WriteStream,
				saveDir: dir,
			});
			assert.deepEqual(await copyText('report ✓\n', deps), {method: 'xclip', confirmed: true});
			assert.equal(await readFile(out, 'utf8'), 'report ✓\n');
		});
	});

	it('a stand-in that exits 1 is not a copy: the text lands in a file', async () => {
		await withBin({xclip: 'cat >/dev/null; exit 1', xsel: 'exit 1'}, async dir => {
			const deps = createNodeClipboardDeps({
				env: {PATH: `${dir}:/usr/bin:/bin`, DISPLAY: ':99'},
				platform: 'linux',
				stdout: {isTTY: false} as NodeJS.WriteStream,
				saveDir: dir,
			});
			const result = await copyText('report', deps);
			assert.equal(result.method, 'file');
			assert.ok(result.path?.startsWith(dir));
			assert.equal(await readFile(result.path!, 'utf8'), 'report');
		});
	});
});
