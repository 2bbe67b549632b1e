import type {Source} from '../fact.js';

/**
 * Parsers are shared by the probes (reading files) and triage (reading pastes); they cite
 * through this callback so the same parser yields `/proc/cpuinfo:3` or `pasted line 41`.
 * `line` is 1-based within the text given to the parser.
 */
export type SourceAt = (line: number, excerpt: string) => Source;

export function fileSourceAt(path: string): SourceAt {
	return (line, excerpt) => ({kind: 'file', ref: path, line, excerpt: excerpt.trim().slice(0, 200)});
}

export function commandSourceAt(commandLine: string): SourceAt {
	return (line, excerpt) => ({kind: 'command', ref: commandLine, line, excerpt: excerpt.trim().slice(0, 200)});
}

/** For a block that starts at `firstLine` (1-based) of a pasted text. */
export function pasteSourceAt(firstLine: number): SourceAt {
	return (line, excerpt) => {
		const at = firstLine + line - 1;
		return {kind: 'paste', ref: `line ${at}`, line: at, excerpt: excerpt.trim().slice(0, 200)};
	};
}
