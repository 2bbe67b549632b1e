/**
 * Terminal manners, decided once from the environment: which glyphs the terminal can show and
 * whether colour is welcome. Pure: the caller passes the environment in.
 */
export interface TerminalEnvironment {
	readonly env: Readonly<Record<string, string | undefined>>;
	/** process.platform */
	readonly platform: string;
	/** The user asked for no colour (--no-color). */
	readonly noColorFlag?: boolean;
	/** The user asked for ASCII glyphs (--ascii). */
	readonly asciiFlag?: boolean;
}

export interface TerminalManners {
	/** Draw with ASCII only: Linux console, dumb terminals, non-UTF-8 locales, the legacy Windows console. */
	readonly ascii: boolean;
	readonly color: boolean;
	/** Why the glyphs are ASCII, for --debug output; undefined when Unicode is used. */
	readonly asciiReason?: string;
}

export function decideManners(input: TerminalEnvironment): TerminalManners {
	const asciiReason = asciiReasonOf(input);
	return {ascii: asciiReason !== undefined, color: colorWanted(input), ...(asciiReason ? {asciiReason} : {})};
}

function asciiReasonOf({env, platform, asciiFlag}: TerminalEnvironment): string | undefined {
	if (asciiFlag) return '--ascii';
	const term = env['TERM'] ?? '';
	if (term === 'linux') return 'TERM=linux (the Linux console has no fonts for most symbols)';
	if (term === 'dumb') return 'TERM=dumb';
	if (platform === 'win32') {
		// Windows Terminal, VS Code, ConEmu and mintty draw Unicode; the legacy console host does not.
		const modern =
			Boolean(env['WT_SESSION']) ||
			Boolean(env['TERMINUS_SUBLIME']) ||
			env['ConEmuTask'] === '{cmd::Cmder}' ||
			env['TERM_PROGRAM'] === 'vscode' ||
			term === 'xterm-256color' ||
			term === 'alacritty' ||
			env['TERMINAL_EMULATOR'] === 'JetBrains-JediTerm';
		return modern ? undefined : 'legacy Windows console';
	}
	// The effective locale: LC_ALL overrides LC_CTYPE overrides LANG.
	const locale = firstSet(env['LC_ALL'], env['LC_CTYPE'], env['LANG']);
	if (locale === undefined) return undefined;
	if (locale === 'C' || locale === 'POSIX') return `locale ${locale}`;
	return /utf-?8/i.test(locale) ? undefined : `locale ${locale} is not UTF-8`;
}

function colorWanted({env, noColorFlag}: TerminalEnvironment): boolean {
	if (noColorFlag) return false;
	// https://no-color.org: any non-empty value disables colour.
	if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
	if (env['TERM'] === 'dumb') return false;
	if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return false;
	return true;
}

function firstSet(...values: (string | undefined)[]): string | undefined {
	return values.find(value => value !== undefined && value !== '');
}

const ASCII_FOLDS: Readonly<Record<string, string>> = {
	'\u2014': '-', // em dash
	'\u2013': '-', // en dash
	'\u2012': '-',
	'\u2212': '-',
	'\u2026': '...',
	'\u2018': "'",
	'\u2019': "'",
	'\u201C': '"',
	'\u201D': '"',
	'\u00A0': ' ',
	'\u2192': '->',
	'\u2190': '<-',
	'\u2022': '*',
	'\u00B7': '*',
	'\u00D7': 'x',
	'\u2713': 'v',
	'\u2714': 'v',
	'\u2716': 'x',
	'\u2718': 'x',
	'\u26A0': '!',
	'\u2265': '>=',
	'\u2264': '<=',
	'\uFFFD': '?',
};

/** Folds typographic characters to ASCII and shows anything else beyond ASCII as '?'. */
export function toAscii(text: string): string {
	let out = '';
	for (const char of text) {
		const code = char.codePointAt(0) ?? 0;
		if (code < 0x80) out += char;
		else out += ASCII_FOLDS[char] ?? '?';
	}
	return out;
}

/** Cuts one line to `width` columns, marking the cut with an ellipsis ('...' in ASCII mode). Counts code points; wide characters are rare here. */
export function fit(text: string, width: number, ascii: boolean): string {
	const chars = [...text];
	if (width <= 0) return '';
	if (chars.length <= width) return text;
	const mark = ascii ? '...' : '\u2026';
	if (width <= mark.length) return chars.slice(0, width).join('');
	return chars.slice(0, width - mark.length).join('') + mark;
}

/** Terminal columns; some pseudo terminals report 0 or nothing, then 80. */
export function usableColumns(columns: number | undefined): number {
	return columns && columns > 0 ? columns : 80;
}

/** Terminal rows; some pseudo terminals report 0 or nothing, then 24. */
export function usableRows(rows: number | undefined): number {
	return rows && rows > 0 ? rows : 24;
}
