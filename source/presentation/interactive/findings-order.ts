import type {Finding, Severity} from '../../diagnosis/types.js';

const RANK: Readonly<Record<Severity, number>> = {error: 0, warning: 1, info: 2};

/** Errors first, then warnings, then notes; the diagnosis order within each. */
export function rankFindings(findings: readonly Finding[]): readonly Finding[] {
	return findings
		.map((finding, index) => ({finding, index}))
		.sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.index - b.index)
		.map(entry => entry.finding);
}
