import type {CliOptions} from './args.js';

export type OutputMode = 'interactive' | 'json' | 'markdown' | 'plain';

export interface Terminal {
	readonly stdinIsTTY: boolean;
	readonly stdoutIsTTY: boolean;
	readonly env: Readonly<Record<string, string | undefined>>;
}

/** Decided once: the full screen only for a person at a terminal, never in CI or when asked for a format. */
export function outputMode(options: CliOptions, terminal: Terminal): OutputMode {
	if (options.json) return 'json';
	if (options.report || (options.output !== undefined && options.command !== 'snapshot')) return 'markdown';
	if (options.plain || options.fix || options.command !== 'doctor' || options.from !== undefined) return 'plain';
	// As Ink's own CI check (is-in-ci): a CI variable present, whatever its value but "0"/"false", means CI.
	const ciValue = terminal.env['CI'];
	const ci =
		ciValue !== '0' &&
		ciValue !== 'false' &&
		(ciValue !== undefined || terminal.env['CONTINUOUS_INTEGRATION'] !== undefined || Object.keys(terminal.env).some(key => key.startsWith('CI_')));
	if (!terminal.stdinIsTTY || !terminal.stdoutIsTTY || ci || terminal.env['TERM'] === 'dumb') return 'plain';
	return 'interactive';
}

/** ASCII glyphs where Unicode is unlikely to render: the Linux console, dumb terminals, non-UTF-8 locales. */
export function wantsAscii(options: CliOptions, env: Readonly<Record<string, string | undefined>>, platform: string): boolean {
	if (options.ascii) return true;
	if (env['TERM'] === 'linux' || env['TERM'] === 'dumb') return true;
	if (platform === 'win32') return !(env['WT_SESSION'] || env['TERM_PROGRAM'] === 'vscode' || env['TERM']?.includes('xterm'));
	const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
	return locale !== '' && !/utf-?8/i.test(locale) && locale !== 'C.UTF-8';
}
