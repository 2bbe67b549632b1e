/**
 * The report preview without a screen: the shared text cut into terminal rows, the scroll
 * position, and how many rows the text may take. Pure, unit-tested.
 */
import {neutralizeLine} from '../../text/sanitize.js';
import type {KeyHint} from './components.js';
import {toAscii} from './terminal.js';

/** One terminal row of the preview; `line` is the report line it belongs to (1-based). */
export interface PreviewRow {
	readonly line: number;
	readonly text: string;
}

export interface PreviewText {
	readonly rows: readonly PreviewRow[];
	/** Lines of the report (what "lines a-b of n" counts). */
	readonly lineCount: number;
}

/**
 * The text as drawn: each line neutralized (and folded to ASCII when asked), then wrapped at
 * spaces to `width` cells, so every row is one terminal line and scrolling is exact.
 */
export function previewText(text: string, width: number, ascii: boolean): PreviewText {
	const lines = text.split('\n');
	if (lines.at(-1) === '') lines.pop();
	const rows: PreviewRow[] = [];
	for (const [index, line] of lines.entries()) {
		const shown = neutralizeLine(line, Number.MAX_SAFE_INTEGER);
		const drawn = ascii ? toAscii(shown.replaceAll('\uFE0F', '')) : shown;
		for (const part of wrapCells(drawn, width)) rows.push({line: index + 1, text: part});
	}
	return {rows, lineCount: lines.length};
}

/** Terminal cells of a character: 0 for joiners and combining marks, 2 for emoji and East Asian wide characters. */
export function cellWidth(char: string): number {
	const code = char.codePointAt(0) ?? 0;
	if (code === 0x200d || (code >= 0xfe00 && code <= 0xfe0f) || (code >= 0x0300 && code <= 0x036f)) return 0;
	if (
		(code >= 0x1100 && code <= 0x115f) ||
		(code >= 0x2e80 && code <= 0xa4cf) ||
		(code >= 0xac00 && code <= 0xd7a3) ||
		(code >= 0xf900 && code <= 0xfaff) ||
		(code >= 0xfe30 && code <= 0xfe4f) ||
		(code >= 0xff00 && code <= 0xff60) ||
		(code >= 0xffe0 && code <= 0xffe6) ||
		code >= 0x1f000
	)
		return 2;
	return 1;
}

/** Wraps one line to `width` cells, at the last space when there is one, else mid-word. Never returns an empty list. */
export function wrapCells(line: string, width: number): string[] {
	const limit = Math.max(1, width);
	const out: string[] = [];
	let row: string[] = [];
	let used = 0;
	/** Index in `row` of the last space that follows some text: where the row may break. */
	let breakAt = -1;
	let hasText = false;
	const restart = (rest: string[]) => {
		row = rest;
		used = rest.reduce((sum, char) => sum + cellWidth(char), 0);
		breakAt = -1;
		hasText = rest.some(char => char !== ' ');
	};
	for (const char of line) {
		const cells = cellWidth(char);
		if (used + cells > limit && row.length > 0) {
			if (char === ' ') {
				// A space at the edge is where the row breaks; it is not drawn.
				out.push(row.join(''));
				restart([]);
				continue;
			}
			if (breakAt > 0) {
				out.push(row.slice(0, breakAt).join(''));
				restart(row.slice(breakAt + 1));
			} else {
				out.push(row.join(''));
				restart([]);
			}
			if (used + cells > limit && row.length > 0) {
				out.push(row.join(''));
				restart([]);
			}
		}
		row.push(char);
		used += cells;
		if (char !== ' ') hasText = true;
		else if (hasText) breakAt = row.length - 1;
	}
	out.push(row.join(''));
	return out;
}

export type ScrollAction = {readonly type: 'line'; readonly delta: number} | {readonly type: 'page'; readonly delta: number} | {readonly type: 'home'} | {readonly type: 'end'};

/** The first row shown after `action`, kept where a full page still shows. */
export function scroll(offset: number, action: ScrollAction, total: number, height: number): number {
	const page = Math.max(1, height - 1);
	const next = action.type === 'line' ? offset + action.delta : action.type === 'page' ? offset + action.delta * page : action.type === 'home' ? 0 : Number.MAX_SAFE_INTEGER;
	return clampOffset(next, total, height);
}

export function clampOffset(offset: number, total: number, height: number): number {
	return Math.min(Math.max(0, offset), Math.max(0, total - Math.max(1, height)));
}

/** "lines 12–30 of 134": report lines of the first and last row shown. */
export function rangeLabel(text: PreviewText, offset: number, height: number, dash: string): string {
	const first = text.rows[offset];
	const last = text.rows[Math.min(text.rows.length, offset + height) - 1];
	if (!first || !last) return 'empty';
	const range = first.line === last.line ? `line ${first.line}` : `lines ${first.line}${dash}${last.line}`;
	return `${range} of ${text.lineCount}`;
}

/**
 * Terminal lines the footer takes at `columns`, as Ink lays it out: hints side by side with a
 * gap of two, wrapping to a new line when the next one does not fit.
 */
export function footerLines(hints: readonly KeyHint[], columns: number): number {
	let lines = 0;
	let used = 0;
	for (const hint of hints) {
		const width = [...hint.keys].length + 1 + [...hint.label].length;
		if (lines === 0 || used + 2 + width > columns) {
			lines++;
			used = width;
		} else {
			used += 2 + width;
		}
	}
	return lines;
}
