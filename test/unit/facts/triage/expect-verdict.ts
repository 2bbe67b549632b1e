// The verdict a paste gets, and an assertion on it: shared by the triage tests of kinds of evidence.
import assert from 'node:assert/strict';

import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import type {Confidence, Finding} from '../../../../source/diagnosis/types.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';

export interface PasteVerdict {
	readonly platform: string | null;
	readonly confidence: Confidence;
	readonly ids: readonly string[];
	readonly findings: readonly Finding[];
}

export function verdictOf(paste: string): PasteVerdict {
	const diagnosis = diagnose(triageText(paste));
	return {platform: diagnosis.verdict.platform, confidence: diagnosis.verdict.confidence, ids: diagnosis.findings.map((finding): string => finding.id), findings: diagnosis.findings};
}

/** Asserts the platform, a confidence (or one of several) and, when named, a finding; returns what the paste got. */
export function expectVerdict(paste: string, platform: string | null, confidence: Confidence | readonly Confidence[], finding?: string): PasteVerdict {
	const got = verdictOf(paste);
	assert.equal(got.platform, platform, `platform of:\n${paste}\n(got ${JSON.stringify({platform: got.platform, confidence: got.confidence, ids: got.ids})})`);
	const allowed: readonly Confidence[] = typeof confidence === 'string' ? [confidence] : confidence;
	assert.ok(allowed.includes(got.confidence), `confidence ${got.confidence}, expected ${allowed.join(' or ')}`);
	if (finding) assert.ok(got.ids.includes(finding), `finding ${finding} missing (got ${got.ids.join(', ') || 'none'})`);
	return got;
}
