import {fact, type Fact} from '../fact.js';
import type {OsRelease} from '../types.js';
import type {SourceAt} from './source-at.js';

const KEYS: Readonly<Record<string, keyof OsRelease>> = {
	ID: 'id',
	ID_LIKE: 'idLike',
	VERSION_ID: 'versionId',
	VERSION_CODENAME: 'versionCodename',
	PRETTY_NAME: 'prettyName',
};

/**
 * Parses os-release(5): KEY=value lines, values optionally in single quotes (literal) or double
 * quotes (backslash escapes), `#` comments. Cites the ID line (else the first known key).
 * Undefined when no known key is present.
 */
export function parseOsRelease(text: string, at: SourceAt): Fact<OsRelease> | undefined {
	const release: Partial<Record<keyof OsRelease, string>> = {};
	let citeLine: {line: number; text: string} | undefined;
	const lines = text.split('\n');
	for (const [index, raw] of lines.entries()) {
		const line = raw.replace(/\r$/, '').trim();
		if (line === '' || line.startsWith('#')) continue;
		const match = /^([A-Z][A-Z0-9_]*)=(.*)$/.exec(line);
		if (!match) continue;
		const key = KEYS[match[1] ?? ''];
		if (key === undefined || release[key] !== undefined) continue;
		const value = unquote(match[2] ?? '');
		if (value === '') continue;
		release[key] = value;
		if (citeLine === undefined || key === 'id') citeLine = {line: index + 1, text: line};
	}
	if (citeLine === undefined) return undefined;
	return fact(release as OsRelease, at(citeLine.line, citeLine.text));
}

function unquote(value: string): string {
	let out = '';
	let quote: '"' | "'" | undefined;
	for (let i = 0; i < value.length; i++) {
		const char = value[i]!;
		if (quote === "'") {
			if (char === "'") quote = undefined;
			else out += char;
		} else if (char === '\\' && i + 1 < value.length) {
			out += value[++i];
		} else if (char === quote) {
			quote = undefined;
		} else if (quote === undefined && (char === '"' || char === "'")) {
			quote = char;
		} else if (quote === undefined && char === '#' && /\s$/.test(out)) {
			break; // a trailing comment after an unquoted value
		} else {
			out += char;
		}
	}
	return out.trim();
}
