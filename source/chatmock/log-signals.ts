import type {Source} from '../facts/fact.js';
import {exitCodeKind, failureSignals, signalKey} from '../facts/parse/failure-lines.js';
import type {Signal} from '../facts/types.js';

/**
 * A container log's failure lines, read by the rules triage reads a pasted log with, so a log
 * gives the same signals live and pasted. Each signal is reported once per text, at its first line.
 * `sourceAt(line, text)` cites a 1-based line. Lines should already be neutralized.
 */
export function scanLines(lines: readonly string[], sourceAt: (line: number, text: string) => Source): Signal[] {
	const signals: Signal[] = [];
	const seen = new Set<string>();
	lines.forEach((line, index) => {
		for (const found of failureSignals(line)) {
			const key = signalKey(found);
			if (seen.has(key)) continue;
			seen.add(key);
			signals.push({...found, source: sourceAt(index + 1, line)});
		}
	});
	return signals;
}

/** A container's exit code as the crash it stands for (132 = 128 + SIGILL, 139 = 128 + SIGSEGV). */
export function exitCodeSignal(exitCode: number | undefined, source: Source): Signal | undefined {
	const kind = exitCodeKind(exitCode);
	return kind === undefined ? undefined : {kind, source};
}
