import {neutralize, neutralizeLine} from '../text/sanitize.js';

export {safeJson} from './safe-json.js';

/**
 * Foreign text made safe for GitHub Markdown: control sequences neutralized first, then
 * nothing that could open HTML, a link, a table cell or escape a code span or fence.
 */

/**
 * What GitHub turns live in prose: `@name` pings a person or team, `#12`/`GH-12` links an issue,
 * and URLs (bare, `www.`) autolink. In a code span none of them does.
 */
const LIVE = /(?:https?|ftp|file|ssh|tcp|unix|npipe):\/\/[^\s<>]+|\bwww\.[^\s<>]+|(?<![\w`])@[A-Za-z0-9][\w-]*(?:\/[\w.-]+)?|(?<![\w&])#\d+\b|\bGH-\d+\b/gi;

function escapeProse(text: string): string {
	return text
		.replace(/[\\`*_[\]|~#!]/g, '\\$&')
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;');
}

/** One line of prose: HTML escaped, Markdown punctuation backslash-escaped, mentions and URLs as code. */
export function mdText(text: string, max = 500): string {
	const line = neutralizeLine(text, max);
	let out = '';
	let at = 0;
	for (const match of line.matchAll(LIVE)) {
		// As GitHub's autolinker: trailing punctuation and an unbalanced ")" are not part of a URL.
		const live = match[0].replace(/[.,;:!?'")\]]+$/, '');
		if (live === '') continue;
		out += escapeProse(line.slice(at, match.index)) + mdCode(live, {max});
		at = match.index + live.length;
	}
	return out + escapeProse(line.slice(at));
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
