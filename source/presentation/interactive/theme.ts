import figures from 'figures';
import type {Severity} from '../../diagnosis/types.js';
import type {StepStatus} from '../../facts/collect-types.js';

/** Every symbol the screens draw. The Unicode set comes from `figures`; the ASCII set is plain 7-bit. */
export interface Glyphs {
	readonly ok: string;
	readonly error: string;
	readonly warning: string;
	readonly info: string;
	readonly skipped: string;
	readonly pointer: string;
	readonly bullet: string;
	readonly arrowRight: string;
	readonly arrowUp: string;
	readonly arrowDown: string;
	readonly dash: string;
	readonly ellipsis: string;
	/** The rule left of quoted text (the report preview). */
	readonly gutter: string;
	readonly barFull: string;
	readonly barEmpty: string;
	readonly spinner: readonly string[];
	readonly border: 'round' | 'classic';
}

export const unicodeGlyphs: Glyphs = {
	ok: figures.tick,
	error: figures.cross,
	warning: figures.warning,
	info: figures.info,
	skipped: figures.circle,
	pointer: figures.pointer,
	bullet: figures.bullet,
	arrowRight: figures.arrowRight,
	arrowUp: figures.arrowUp,
	arrowDown: figures.arrowDown,
	dash: '\u2014',
	ellipsis: figures.ellipsis,
	gutter: figures.lineVertical,
	barFull: '\u2588',
	barEmpty: '\u2591',
	spinner: ['\u280B', '\u2819', '\u2839', '\u2838', '\u283C', '\u2834', '\u2826', '\u2827', '\u2807', '\u280F'],
	border: 'round',
};

export const asciiGlyphs: Glyphs = {
	ok: '[ok]',
	error: '[x]',
	warning: '[!]',
	info: '[i]',
	skipped: '[-]',
	pointer: '>',
	bullet: '*',
	arrowRight: '->',
	arrowUp: 'Up',
	arrowDown: 'Down',
	dash: '-',
	ellipsis: '...',
	gutter: '|',
	barFull: '#',
	barEmpty: '.',
	spinner: ['-', '\\', '|', '/'],
	border: 'classic',
};

/** Colour tokens: screens name a meaning, never a colour. Undefined = the terminal's default. */
export interface Palette {
	readonly success?: string;
	readonly error?: string;
	readonly warning?: string;
	readonly info?: string;
	readonly accent?: string;
	readonly muted?: string;
	readonly command?: string;
}

const colorPalette: Palette = {
	success: 'green',
	error: 'red',
	warning: 'yellow',
	info: 'blue',
	accent: 'cyan',
	muted: 'gray',
	command: 'cyan',
};

export interface Theme {
	readonly ascii: boolean;
	readonly color: boolean;
	readonly glyphs: Glyphs;
	readonly palette: Palette;
}

export function createTheme({ascii, color}: {readonly ascii: boolean; readonly color: boolean}): Theme {
	return {ascii, color, glyphs: ascii ? asciiGlyphs : unicodeGlyphs, palette: color ? colorPalette : {}};
}

export type Tone = 'success' | 'error' | 'warning' | 'info' | 'muted';

/** The symbol and colour token of a severity: colour is never the only signal. */
export function severityMark(theme: Theme, severity: Severity): {readonly symbol: string; readonly tone: Tone} {
	switch (severity) {
		case 'error':
			return {symbol: theme.glyphs.error, tone: 'error'};
		case 'warning':
			return {symbol: theme.glyphs.warning, tone: 'warning'};
		default:
			return {symbol: theme.glyphs.info, tone: 'info'};
	}
}

/** The symbol of a finished checklist row; running rows draw the spinner. */
export function stepMark(theme: Theme, status: Exclude<StepStatus, 'running'> | 'pending'): {readonly symbol: string; readonly tone: Tone} {
	switch (status) {
		case 'ok':
			return {symbol: theme.glyphs.ok, tone: 'success'};
		case 'error':
			return {symbol: theme.glyphs.error, tone: 'error'};
		case 'warning':
			return {symbol: theme.glyphs.warning, tone: 'warning'};
		case 'skipped':
			return {symbol: theme.glyphs.skipped, tone: 'muted'};
		default:
			return {symbol: ' ', tone: 'muted'};
	}
}
