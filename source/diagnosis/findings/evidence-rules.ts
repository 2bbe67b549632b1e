import {cite} from '../../facts/fact.js';
import {PRODUCT_LABELS} from '../engine-product.js';
import {piSystemUnknown} from '../verdict.js';
import type {Evidence, Finding} from '../types.js';
import {evidenceFrom, type Rule} from './context.js';
import type {EngineCli} from './engine-cli.js';

/** What settles a 32- or 64-bit question on the machine itself: the system's package architecture, its word size, the engine's build. */
function settleCommands(cli: EngineCli): string[] {
	return ['dpkg --print-architecture', 'getconf LONG_BIT', `${cli.dockerOnItsMachine} version`];
}

/** Facts that disagree: which ones, which decides and why. The verdict's confidence is already low. */
export const platformEvidenceConflict: Rule = ({profile, cli}) => {
	if (profile.conflicts.length === 0) return [];
	const evidence: Evidence[] = profile.conflicts.flatMap(conflict => conflict.sources.map(source => evidenceFrom(`${source.excerpt ?? cite(source)}`, source)));
	return [
		{
			id: 'platform-evidence-conflict',
			severity: 'warning',
			title: 'The facts disagree about this machine',
			why: profile.conflicts.map(conflict => `${conflict.what} ${conflict.decides}`).join(' '),
			evidence,
			fix: {
				summary: 'Run these on the machine whose Docker runs ChatMock, and check again with their output alone.',
				commands: ['uname -m', ...settleCommands(cli), 'docker context ls'],
			},
		},
	];
};

/**
 * A Raspberry Pi with a 64-bit kernel and nothing said of the system on it: Raspberry Pi OS boots its
 * 64-bit kernel under the 32-bit (armhf) system too, and Docker follows the system, not the kernel.
 */
export const piUserlandUnknown: Rule = ({facts, profile, cli}) => {
	const basis = profile.dockerdArch?.basis;
	const unknown = basis === 'kernel' || basis === 'cpu' || (basis === 'engine-info' && piSystemUnknown(facts, profile));
	if (!profile.raspberryPi?.value || profile.kernelArch?.value !== 'arm64' || profile.userland || !unknown) return [];
	return [
		{
			id: 'pi-userland-unknown',
			severity: 'warning',
			title: 'A 64-bit Raspberry Pi kernel: the system on it may still be 32-bit',
			why: 'Raspberry Pi OS boots the 64-bit kernel under its 32-bit system too (Pi 4 and 5, since 2023), and Docker follows the system: linux/arm64 is a guess until the system itself says it is 64-bit; a 32-bit one needs linux/arm/v7.',
			evidence: [...(profile.kernelArch?.sources ?? []), ...(profile.raspberryPi.sources ?? [])].map(source => evidenceFrom(source.excerpt ?? cite(source), source)),
			fix: {summary: 'Run these on the Pi and give their output to `chatmock-doctor triage`: arm64/64 means linux/arm64, armhf/32 means linux/arm/v7.', commands: settleCommands(cli)},
		},
	];
};

/** Any other guess from weak evidence (prose, a docker client alone, an error line): say it is one, and how to settle it. */
export const architectureGuessed: Rule = context => {
	const {profile, verdict, cli} = context;
	if (verdict.confidence !== 'low' || !profile.dockerdArch || profile.conflicts.length > 0 || profile.windowsContainers?.value) return [];
	if (piUserlandUnknown(context).length > 0) return [];
	return [
		{
			id: 'architecture-guessed',
			severity: 'warning',
			title: `${verdict.platform ?? 'No platform'} is a guess: little in the facts says which CPU and system this is`,
			why: 'The verdict rests on weak evidence only (an architecture named in prose, a docker client without its engine, a kernel name, or 32-bit ARM without a word on the CPU, where arm/v6 and arm/v7 differ).',
			evidence: profile.dockerdArch.sources.map(source => evidenceFrom(source.excerpt ?? cite(source), source)),
			fix: {summary: 'Run these on the machine and give their output to `chatmock-doctor triage`.', commands: ['uname -m', ...settleCommands(cli), 'cat /proc/cpuinfo']},
		},
	];
};

/** --root reads a folder's files, but the engine is the one this process reaches: say so. */
export const rootEngineMixed: Rule = ({facts, profile}) => {
	if (facts.origin !== 'root' || !facts.engine) return [];
	const endpoint = facts.endpoint ? ` (${facts.endpoint.host}, ${facts.endpoint.reason})` : '';
	const product = profile.product ? PRODUCT_LABELS[profile.product] : 'Docker engine';
	return [
		{
			id: 'root-engine-mixed',
			severity: 'info',
			title: "Host facts come from the folder, the engine from this machine's connection",
			why: `--root read the machine's files from a folder, while the ${product} checked is the one this process reaches${endpoint}. That is right when the folder is that engine's machine (the doctor's container with / mounted); when the folder is another machine, its engine is not this one.`,
			evidence: [],
			fix: {summary: 'For a folder from another machine, leave the engine out.', commands: ['chatmock-doctor --root DIR --no-engine']},
		},
	];
};

/** Signals that show something failed. */
const FAILURES: ReadonlySet<string> = new Set(['exec-format-error', 'no-matching-manifest', 'platform-mismatch-warning', 'illegal-instruction', 'segfault', 'page-size', 'crlf-entrypoint']);

/**
 * A failure in the facts that no other finding explains: never "no problems" next to a crash.
 * Runs after the other rules (it reads their findings).
 */
export function failureUnexplained(context: Parameters<Rule>[0], others: readonly Finding[]): Finding[] {
	if (others.some(finding => finding.severity !== 'info')) return [];
	const failures = context.facts.signals.filter(signal => FAILURES.has(signal.kind));
	if (failures.length === 0) return [];
	const crash = failures.some(signal => signal.kind === 'illegal-instruction' || signal.kind === 'segfault');
	return [
		{
			id: 'failure-unexplained',
			severity: 'warning',
			title: 'A failure is shown that the platform does not explain',
			why: crash
				? `The platform fits this machine (${context.verdict.platform ?? 'unknown'}), yet a program crashed: the image may use instructions this CPU lacks (a newer ARMv8.x or x86-64 level, AVX), or the crash is the program's own.`
				: `The platform fits this machine (${context.verdict.platform ?? 'unknown'}), yet something failed; the failing image or its platform is not in the facts.`,
			evidence: failures.map(signal => evidenceFrom(signal.source.excerpt ?? cite(signal.source), signal.source)),
			fix: {
				summary: "Check the failing image's platform against this machine, and the CPU's features.",
				commands: [`${context.cli.docker} image inspect --format '{{.Os}}/{{.Architecture}}/{{.Variant}}' IMAGE`, `${context.cli.docker} version`, 'cat /proc/cpuinfo'],
			},
		},
	];
}
