/**
 * Copying a report to the clipboard. Pure decisions here; the node side effects come in
 * through `deps` (clipboard-node.ts gives the real ones), so every path is testable.
 */
export type CopyMethod = 'osc52' | 'tmux' | 'pbcopy' | 'wl-copy' | 'xclip' | 'xsel' | 'clip.exe' | 'file';

export interface CopyResult {
	readonly method: CopyMethod;
	/**
	 * The saved file: for 'file', and for OSC 52 when nothing proves it arrived (the text is
	 * always somewhere the user can find it).
	 */
	readonly path?: string;
	/**
	 * False for OSC 52: the sequence was sent, but a terminal never says whether it honoured it
	 * (GNOME Terminal and Terminal.app ignore it). Say "sent to your terminal", not "copied".
	 */
	readonly confirmed: boolean;
	/** tmux holds the text in its paste buffer (prefix ] pastes it): plain OSC 52 with set-clipboard on, or load-buffer. */
	readonly tmuxBuffer?: boolean;
}

export interface RunResult {
	/** Exit code; null when the program could not start, was killed or timed out. */
	readonly exitCode: number | null;
}

export interface ClipboardDeps {
	readonly env: Readonly<Record<string, string | undefined>>;
	/** process.platform */
	readonly platform: string;
	/** stdout is a terminal (OSC 52 goes there). */
	readonly isTTY: boolean;
	writeToTerminal(sequence: string): void;
	/** Runs a program with `input` on stdin; never throws. */
	run(file: string, args: readonly string[], input: string | Uint8Array, timeoutMs: number): Promise<RunResult>;
	/** Runs a program and returns what it printed, or undefined when it failed; never throws. */
	query(file: string, args: readonly string[], timeoutMs: number): Promise<string | undefined>;
	/** Saves the text somewhere the user can open it; returns the path. */
	saveFile(text: string): Promise<string>;
}

const ESC = '\u001B';
const BEL = '\u0007';
const ST = `${ESC}\\`;
/** GNU screen drops DCS strings longer than 768 bytes; stay well under it, like hterm's osc52.sh. */
const SCREEN_CHUNK = 252;
/** Many terminals ignore OSC 52 payloads above ~100 kB (hterm: 74994); past that, use a tool. */
export const OSC52_MAX_PAYLOAD = 74_994;
const TOOL_TIMEOUT_MS = 3000;

/**
 * What the tmux around us does with OSC 52 (from `tmux display-message`). tmux reads an
 * application's plain OSC 52 only when `set-clipboard` is `on`: it then stores the text as a
 * paste buffer and forwards it to the outer terminal. With `external` (the default since 2.6)
 * or `off` it drops it. The DCS passthrough form reaches the outer terminal only with
 * `allow-passthrough` (tmux 3.3+), and never lands in a tmux buffer.
 */
export interface TmuxClipboard {
	readonly setClipboard: 'on' | 'external' | 'off' | 'unknown';
	readonly allowPassthrough: boolean;
}

export type Osc52Form = 'plain' | 'tmux-passthrough' | 'screen';

/** How to send OSC 52 here, or undefined when nothing would carry it (tmux that drops it). */
export function osc52Form(env: Readonly<Record<string, string | undefined>>, tmux?: TmuxClipboard): Osc52Form | undefined {
	if (env['TMUX']) {
		if (tmux?.setClipboard === 'on') return 'plain';
		if (tmux?.allowPassthrough) return 'tmux-passthrough';
		return undefined;
	}
	if (env['TERM']?.startsWith('screen')) return 'screen';
	return 'plain';
}

/** The OSC 52 "set clipboard" sequence for `text`, in the given form. */
export function osc52Sequence(text: string, form: Osc52Form): string {
	const osc = `${ESC}]52;c;${Buffer.from(text, 'utf8').toString('base64')}${BEL}`;
	if (form === 'tmux-passthrough') return `${ESC}Ptmux;${osc.replaceAll(ESC, ESC + ESC)}${ST}`;
	if (form === 'screen') {
		let out = '';
		for (let i = 0; i < osc.length; i += SCREEN_CHUNK) out += `${ESC}P${osc.slice(i, i + SCREEN_CHUNK)}${ST}`;
		return out;
	}
	return osc;
}

/** Parses `#{set-clipboard}|#{allow-passthrough}` as tmux prints it (older versions print nothing for an unknown option). */
export function parseTmuxClipboard(printed: string | undefined): TmuxClipboard {
	const [clipboard = '', passthrough = ''] = (printed ?? '').trim().split('|');
	const setClipboard = clipboard === 'on' || clipboard === 'external' || clipboard === 'off' ? clipboard : 'unknown';
	// 3.3 prints 1/0; 3.4 prints on/all/off.
	return {setClipboard, allowPassthrough: ['1', 'on', 'all'].includes(passthrough)};
}

async function readTmuxClipboard(deps: ClipboardDeps): Promise<TmuxClipboard> {
	const pane = deps.env['TMUX_PANE'];
	return parseTmuxClipboard(await deps.query('tmux', ['display-message', '-p', ...(pane ? ['-t', pane] : []), '#{set-clipboard}|#{allow-passthrough}'], TOOL_TIMEOUT_MS));
}

interface Tool {
	readonly method: Exclude<CopyMethod, 'osc52' | 'file'>;
	readonly file: string;
	readonly args: readonly string[];
	readonly input: (text: string) => string | Uint8Array;
}

const utf8 = (text: string) => text;
// clip.exe reads the console code page unless given UTF-16LE with a BOM: "…" would turn into mojibake.
const utf16WithBom = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);

function isWsl(env: ClipboardDeps['env']): boolean {
	return Boolean(env['WSL_DISTRO_NAME'] || env['WSL_INTEROP']);
}

function isRemote(env: ClipboardDeps['env']): boolean {
	return Boolean(env['SSH_CONNECTION'] || env['SSH_CLIENT'] || env['SSH_TTY']);
}

/** The clipboard programs worth trying on this platform, best first. */
export function clipboardTools(platform: string, env: ClipboardDeps['env']): readonly Tool[] {
	const clip: Tool = {method: 'clip.exe', file: platform === 'win32' ? 'clip' : 'clip.exe', args: [], input: utf16WithBom};
	if (platform === 'darwin') return [{method: 'pbcopy', file: 'pbcopy', args: [], input: utf8}];
	if (platform === 'win32') return [clip];
	const tools: Tool[] = [];
	if (env['WAYLAND_DISPLAY']) tools.push({method: 'wl-copy', file: 'wl-copy', args: [], input: utf8});
	if (env['DISPLAY']) {
		tools.push({method: 'xclip', file: 'xclip', args: ['-selection', 'clipboard'], input: utf8});
		tools.push({method: 'xsel', file: 'xsel', args: ['--clipboard', '--input'], input: utf8});
	}
	if (isWsl(env)) tools.push(clip);
	return tools;
}

/**
 * Copies `text`: over SSH the terminal's OSC 52 first (the remote machine's clipboard is not the
 * user's); otherwise a clipboard program whose exit code proves the copy, then OSC 52 on a TTY,
 * then (inside tmux) tmux's own paste buffer, then a saved file. A program that fails or exits
 * non-zero is a failure: the next method is tried. OSC 52 that nothing confirms also saves the
 * file, so the text is never only "maybe" somewhere.
 */
export async function copyText(text: string, deps: ClipboardDeps): Promise<CopyResult> {
	const tmux = deps.env['TMUX'] ? await readTmuxClipboard(deps) : undefined;
	const form = osc52Form(deps.env, tmux);
	const osc52Fits = Buffer.byteLength(text, 'utf8') * (4 / 3) <= OSC52_MAX_PAYLOAD;
	const canOsc52 = form !== undefined && deps.isTTY && osc52Fits && deps.env['TERM'] !== 'dumb';
	const sendOsc52 = async (chosen: Osc52Form): Promise<CopyResult> => {
		deps.writeToTerminal(osc52Sequence(text, chosen));
		// tmux with set-clipboard on stores a plain OSC 52 for sure; anything else is only "sent".
		if (chosen === 'plain' && tmux?.setClipboard === 'on') return {method: 'osc52', confirmed: false, tmuxBuffer: true};
		return {method: 'osc52', confirmed: false, path: await deps.saveFile(text)};
	};
	if (canOsc52 && isRemote(deps.env)) return sendOsc52(form);
	for (const tool of clipboardTools(deps.platform, deps.env)) {
		// One after the other: the first success wins.
		const result = await deps.run(tool.file, tool.args, tool.input(text), TOOL_TIMEOUT_MS);
		if (result.exitCode === 0) return {method: tool.method, confirmed: true};
	}
	if (canOsc52) return sendOsc52(form);
	if (tmux !== undefined) {
		// -w (tmux 3.2+) also hands it to the outer terminal's clipboard where tmux can; older tmux refuses the flag.
		for (const args of [
			['load-buffer', '-w', '-'],
			['load-buffer', '-'],
		]) {
			if ((await deps.run('tmux', args, text, TOOL_TIMEOUT_MS)).exitCode === 0) return {method: 'tmux', confirmed: true, tmuxBuffer: true};
		}
	}
	return {method: 'file', path: await deps.saveFile(text), confirmed: true};
}
