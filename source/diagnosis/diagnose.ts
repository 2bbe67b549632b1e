import type {Facts} from '../facts/types.js';
import {engineRules, incompleteRules} from './findings/engine-rules.js';
import {ruleContext, type Rule} from './findings/context.js';
import {armVariantMismatch, binfmtMissingFixFlag, emulatedImage, execFormatError, foreignImage, noChatmockImage, platformNotPublished} from './findings/image-rules.js';
import {doctorEmulated, nodeUnderRosetta, pageSize16k, unknownArchitecture, unsupportedArchitecture, userland32On64, windowsContainersMode} from './findings/platform-rules.js';
import {wsl1, wslIntegrationDisabled} from './findings/wsl-rules.js';
import {architectureGuessed, failureUnexplained, piUserlandUnknown, platformEvidenceConflict, rootEngineMixed} from './findings/evidence-rules.js';
import {emulatorFailed} from './findings/emulator-rules.js';
import {crlfEntrypoint} from './findings/missing-interpreter.js';
import {hostProbeRan} from './findings/host-probe-rules.js';
import {hostProfile} from './host-profile.js';
import type {Diagnosis, Finding, Severity} from './types.js';
import {decideVerdict} from './verdict.js';

const RULES: readonly Rule[] = [
	windowsContainersMode,
	unsupportedArchitecture,
	unknownArchitecture,
	platformEvidenceConflict,
	piUserlandUnknown,
	architectureGuessed,
	engineRules,
	incompleteRules,
	wslIntegrationDisabled,
	wsl1,
	execFormatError,
	armVariantMismatch,
	platformNotPublished,
	userland32On64,
	emulatedImage,
	emulatorFailed,
	foreignImage,
	binfmtMissingFixFlag,
	crlfEntrypoint,
	pageSize16k,
	nodeUnderRosetta,
	doctorEmulated,
	noChatmockImage,
	rootEngineMixed,
	hostProbeRan,
];

const RANK: Readonly<Record<Severity, number>> = {error: 0, warning: 1, info: 2};

/** Facts in, verdict and findings out: pure, no I/O, the same for live, --root, triage and replay. */
export function diagnose(facts: Facts): Diagnosis {
	const profile = hostProfile(facts);
	const verdict = decideVerdict(facts, profile);
	const context = ruleContext(facts, profile, verdict);
	const found: Finding[] = RULES.flatMap(rule => rule(context));
	const findings = [...found, ...failureUnexplained(context, found)];
	// Stable: by severity, then rule order.
	const ranked = findings.map((finding, index) => ({finding, index})).sort((a, b) => RANK[a.finding.severity] - RANK[b.finding.severity] || a.index - b.index);
	return {verdict, findings: ranked.map(r => r.finding), profile};
}
