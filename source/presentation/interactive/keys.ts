import type {Glyphs} from './theme.js';
import type {KeyHint} from './components.js';

/** The keys of each screen, for its footer and for the help screen. */
export function verdictKeys(glyphs: Glyphs, hasFindings: boolean, leaveLabel = 'quit'): KeyHint[] {
	return [
		...(hasFindings
			? [
					{keys: `${arrows(glyphs)} j/k`, label: 'select'},
					{keys: 'Enter', label: 'open'},
				]
			: []),
		{keys: 'p', label: 'report for an issue'},
		{keys: 'r', label: 'check again'},
		{keys: '?', label: 'help'},
		{keys: 'q', label: leaveLabel},
	];
}

/** The report preview: scrolling, copying (when a clipboard is given), back. */
export function previewKeys(glyphs: Glyphs, canCopy: boolean): KeyHint[] {
	return [{keys: `${arrows(glyphs)} j/k PgUp/PgDn`, label: 'scroll'}, ...(canCopy ? [{keys: 'c', label: 'copy'}] : []), {keys: '?', label: 'help'}, {keys: 'q/Esc', label: 'back'}];
}

export function findingKeys(canRun: boolean, canCopy: boolean): KeyHint[] {
	return [
		...(canRun ? [{keys: 'f', label: 'fix it now'}] : []),
		{keys: 'c', label: canCopy ? 'copy commands' : 'show commands to copy'},
		{keys: 's', label: 'skip'},
		{keys: 'r', label: 'check again'},
		{keys: '?', label: 'help'},
		{keys: 'q/Esc', label: 'back'},
	];
}

export const FIX_RUNNING_KEYS: KeyHint[] = [
	{keys: 'Esc', label: 'cancel'},
	{keys: '?', label: 'help'},
];
/** Enter is a "no" too: a key pressed out of habit never removes or rewrites anything. */
export const CONFIRM_KEYS: KeyHint[] = [
	{keys: 'y', label: 'yes'},
	{keys: 'n/Esc/Enter', label: 'no'},
];
export const DONE_KEYS: KeyHint[] = [
	{keys: 'Enter/q', label: 'back'},
	{keys: '?', label: 'help'},
];
export const CHECKING_KEYS: KeyHint[] = [
	{keys: 'q', label: 'stop'},
	{keys: 'Ctrl+C', label: 'quit'},
];

function arrows(glyphs: Glyphs): string {
	return glyphs.arrowUp.length > 1 ? `${glyphs.arrowUp}/${glyphs.arrowDown}` : `${glyphs.arrowUp}${glyphs.arrowDown}`;
}
