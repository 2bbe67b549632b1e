import type {Finding} from '../diagnosis/types.js';

export interface FindingComparison {
	/** Present before, gone now. */
	readonly fixed: readonly Finding[];
	/** Present before and now (the newer copy). */
	readonly remaining: readonly Finding[];
	/** New since the first check. */
	readonly added: readonly Finding[];
}

const keyOf = (finding: Finding) => `${finding.id}\u0000${finding.subject ?? ''}`;
const imageKeyOf = (finding: Finding) => (finding.imageId === undefined ? undefined : `${finding.id}\u0000${finding.imageId}`);

/**
 * Before → after of two checks. Findings match by id and subject; those left over match by id and
 * image, because a pull moves the tag: the old image is then named by another tag or its digest.
 * An error about an image that is still there but no longer the one in use (now a warning) is fixed.
 */
export function compareFindings(before: readonly Finding[], after: readonly Finding[]): FindingComparison {
	const afterKeys = new Set(after.map(keyOf));
	const beforeKeys = new Set(before.map(keyOf));
	const looseBefore = before.filter(finding => !afterKeys.has(keyOf(finding)));
	const looseAfter = after.filter(finding => !beforeKeys.has(keyOf(finding)));
	const renamed = new Map<Finding, Finding>();
	for (const old of looseBefore) {
		const key = imageKeyOf(old);
		const match = key === undefined ? undefined : looseAfter.find(now => imageKeyOf(now) === key && ![...renamed.values()].includes(now));
		if (match) renamed.set(old, match);
	}
	const stillError = (old: Finding, now: Finding) => !(old.severity === 'error' && now.severity !== 'error');
	const renamedAfter = new Set([...renamed.values()]);
	return {
		fixed: looseBefore.filter(old => !renamed.has(old) || !stillError(old, renamed.get(old)!)),
		remaining: [...after.filter(now => beforeKeys.has(keyOf(now))), ...[...renamed].filter(([old, now]) => stillError(old, now)).map(([, now]) => now)],
		added: looseAfter.filter(now => !renamedAfter.has(now)),
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
