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
	const ci = ciValue !== '0' && ciValue !== 'false' && (ciValue !== undefined || terminal.env['CONTINUOUS_INTEGRATION'] !== undefined || Object.keys(terminal.env).some(key => key.startsWith('CI_')));
	if (!terminal.stdinIsTTY || !terminal.stdoutIsTTY || ci || terminal.env['TERM'] === 'dumb') return 'plain';
	return 'interactive';
}
