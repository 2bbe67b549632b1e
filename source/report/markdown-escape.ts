import {neutralize, neutralizeLine} from '../text/sanitize.js';

export {safeJson} from './safe-json.js';

/**
 * Foreign text made safe for GitHub Markdown: control sequences neutralized first, then
 * nothing that could open HTML, a link, a table cell or escape a code span or fence.
 */

/** One line of prose: HTML escaped, Markdown punctuation backslash-escaped. */
export function mdText(text: string, max = 500): string {
	return neutralizeLine(text, max)
		.replace(/[\\`*_[\]|~#!]/g, '\\$&')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

function longestRun(text: string, char: string): number {
	let longest = 0;
	let current = 0;
	for (const c of text) {
		current = c === char ? current + 1 : 0;
		if (current > longest) longest = current;
	}
	return longest;
}

/**
 * An inline code span that no backtick inside can close. In a table cell `|` still splits the
 * row (GFM splits cells before reading code spans), so it is escaped there.
 */
export function mdCode(text: string, options: {readonly inTable?: boolean; readonly max?: number} = {}): string {
	let body = neutralizeLine(text, options.max ?? 500);
	if (options.inTable) body = body.replace(/\|/g, '\\|');
	if (body === '') return '` `';
	const ticks = '`'.repeat(longestRun(body, '`') + 1);
	const pad = body.startsWith('`') || body.endsWith('`') || (body.startsWith(' ') && body.endsWith(' ')) ? ' ' : '';
	return `${ticks}${pad}${body}${pad}${ticks}`;
}

/** A fenced block longer than any backtick run inside, so the content cannot close it. */
export function mdFence(content: string, language = ''): string {
	const body = neutralize(content).replace(/\n+$/, '');
	const fence = '`'.repeat(Math.max(3, longestRun(body, '`') + 1));
	return `${fence}${language}\n${body}\n${fence}`;
}
