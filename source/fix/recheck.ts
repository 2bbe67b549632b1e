import {parseReference, repositoryName} from '../chatmock/reference.js';
import type {Finding} from '../diagnosis/types.js';

export interface FindingComparison {
	/** Present before, gone now. */
	readonly fixed: readonly Finding[];
	/** Present before and now (the newer copy). */
	readonly remaining: readonly Finding[];
	/** New since the first check. */
	readonly added: readonly Finding[];
}

// After a pull the old image loses its tag and is named by digest: the same repository is the same subject.
const keyOf = (finding: Finding) => `${finding.id}\u0000${subjectRepository(finding.subject)}`;

function subjectRepository(subject: string | undefined): string {
	if (subject === undefined) return '';
	const ref = parseReference(subject);
	return ref ? repositoryName(ref) : subject;
}

/** Before → after of two checks, matching findings by id and subject (its repository, whatever tag or digest). */
export function compareFindings(before: readonly Finding[], after: readonly Finding[]): FindingComparison {
	const beforeKeys = new Set(before.map(keyOf));
	const afterKeys = new Set(after.map(keyOf));
	return {
		fixed: before.filter(finding => !afterKeys.has(keyOf(finding))),
		remaining: after.filter(finding => beforeKeys.has(keyOf(finding))),
		added: after.filter(finding => !beforeKeys.has(keyOf(finding))),
	};
}

export function errorCount(findings: readonly Finding[]): number {
	return findings.filter(finding => finding.severity === 'error').length;
}

/** "2 fixed, 1 remains, 0 new" */
export function describeComparison(comparison: FindingComparison): string {
	const remains = comparison.remaining.length === 1 ? 'remains' : 'remain';
	return `${comparison.fixed.length} fixed, ${comparison.remaining.length} ${remains}, ${comparison.added.length} new`;
}
