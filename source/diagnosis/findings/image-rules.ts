import type {ImageFact, Signal} from '../../facts/types.js';
import {KNOWN_IMAGES, knownImageFor} from '../../chatmock/images.js';
import {imageRunDetail, type ImageRunDetail} from '../image-runs.js';
import {normalizeReference} from '../../chatmock/reference.js';
import {canonicalPlatform} from '../platform.js';
import type {Evidence, Finding} from '../types.js';
import {quote, type Rule, type RuleContext} from './context.js';
import {pullableRef, pullCommand, recreateFix} from './fix-commands.js';
import {singleArchTag} from './single-arch-tag.js';

interface JudgedImage {
	readonly image: ImageFact;
	readonly platform: string;
	readonly detail: ImageRunDetail;
}

interface JudgedImageGroup extends JudgedImage {
	/** Every tag of the same image: one finding, not one per tag. */
	readonly refs: readonly string[];
	/** The image the user runs (the chosen reference) or one a container was made from; others are leftovers. */
	readonly inUse: boolean;
}

function judged({facts, verdict, profile, imageRef}: RuleContext): JudgedImageGroup[] {
	const byId = new Map<string, ImageFact[]>();
	// Appended in place: copying the list per tag made one image with 16k tags quadratic.
	for (const image of facts.images ?? []) {
		const tags = byId.get(image.id);
		if (tags) tags.push(image);
		else byId.set(image.id, [image]);
	}
	const chosen = normalizeReference(imageRef);
	const usedIds = new Set((facts.containers ?? []).map(c => c.imageId).filter(Boolean));
	return [...byId.values()].map(tags => {
		// The tag the user runs names the finding when it is one of them.
		const image = tags.find(t => normalizeReference(t.ref) === chosen) ?? tags[0]!;
		return {
			image,
			refs: tags.map(t => t.ref),
			inUse: tags.some(t => normalizeReference(t.ref) === chosen) || usedIds.has(image.id),
			platform: [image.os, image.architecture, image.variant].filter(Boolean).join('/'),
			detail: imageRunDetail(image, verdict, facts, profile),
		};
	});
}

/** Signals from the logs of containers made from this image (the engine probe cites /containers/<id>/logs). */
function containerEvidence(context: RuleContext, image: ImageFact, kinds: readonly Signal['kind'][]): Evidence[] {
	const containers = (context.facts.containers ?? []).filter(c => c.imageId === image.id || c.image === image.ref);
	const out: Evidence[] = [];
	for (const container of containers) {
		// The container probe cites /containers/<name>/logs (or the id when it has no name).
		const cited = (ref: string) => ref.startsWith(`/containers/${container.name}/`) || ref.startsWith(`/containers/${container.id}/`);
		const signals = context.facts.signals.filter(s => kinds.includes(s.kind) && cited(s.source.ref));
		for (const signal of signals) out.push({text: `container ${container.name}: ${signal.source.excerpt ?? signal.kind}`, source: signal.source});
		if (container.exitCode !== undefined && container.state !== 'running' && signals.length === 0 && container.exitCode !== 0) {
			out.push({text: `container ${container.name} ${container.state}, exit code ${container.exitCode}`, source: container.source});
		}
	}
	return out;
}

function fixFor(context: RuleContext, ref: string, wrong?: ImageFact): Finding['fix'] {
	return recreateFix(context, ref, wrong);
}

const imageEvidence = ({image, platform, refs}: JudgedImageGroup): Evidence => ({
	text: `image ${image.ref} is ${platform}${refs.length > 1 ? ` (also tagged ${refs.filter(r => r !== image.ref).join(', ')})` : ''}`,
	source: image.source,
});

export const execFormatError: Rule = context => {
	const failing = judged(context).filter(j => j.detail.runs === 'fails' && (j.detail.cause === 'no-emulator' || j.detail.cause === 'engine-32bit'));
	const findings: Finding[] = failing.map(j => ({
		id: 'exec-format-error',
		// A wrong image nobody runs is clutter, not the failure itself.
		severity: j.inUse ? 'error' : 'warning',
		subject: j.image.ref,
		imageId: j.image.id,
		title: `${j.image.ref} is built for ${j.platform}, which this machine cannot run`,
		why:
			j.detail.cause === 'engine-32bit'
				? 'A 32-bit Docker cannot run arm64 containers even on a 64-bit kernel (its seccomp profile knows only 32-bit calls).'
				: `No emulator for ${j.image.architecture} is registered, so the kernel refuses the image's programs: "exec format error".`,
		evidence: [imageEvidence(j), ...containerEvidence(context, j.image, ['exec-format-error'])],
		fix: fixFor(context, j.image.ref, j.image),
	}));
	const covered = new Set(findings.flatMap(f => f.evidence.map(e => e.source?.ref)));
	const loose = context.facts.signals.filter(s => s.kind === 'exec-format-error' && !covered.has(s.source.ref));
	if (loose.length > 0 && !context.profile.armv6Cpu?.value) {
		findings.push({
			id: 'exec-format-error',
			severity: 'error',
			title: 'A container failed with "exec format error"',
			why: 'The image was built for another CPU architecture and no emulator ran it (or its entrypoint has no valid interpreter line).',
			evidence: loose.map(s => ({text: quote(s.source), source: s.source})),
			fix: fixFor(context, context.imageRef),
		});
	}
	return findings;
};

/** A warned image of a newer ARM level than this CPU: it does not run emulated, it crashes (arm-variant-mismatch). */
function warnedArmVariant(context: RuleContext, warning: Signal): boolean {
	const [os, architecture, variant] = (canonicalPlatform(warning.imagePlatform ?? '') ?? '').split('/');
	if (!os || !architecture) return false;
	const detail = imageRunDetail({os, architecture, ...(variant ? {variant} : {})}, context.verdict, context.facts, context.profile);
	return detail.runs === 'fails' && detail.cause === 'arm-variant';
}

export const emulatedImage: Rule = context => {
	const findings: Finding[] = judged(context)
		.filter(j => j.detail.runs === 'emulated')
		.map(j => ({
			id: 'emulated-image',
			severity: 'warning',
			subject: j.image.ref,
			imageId: j.image.id,
			title: `${j.image.ref} is ${j.platform} and runs under ${j.detail.emulator ?? 'emulation'}: slowly`,
			why: 'An emulator translates every instruction of a foreign image; under QEMU that is often 5–25 times slower than native.',
			evidence: [imageEvidence(j)],
			fix: fixFor(context, j.image.ref, j.image),
		}));
	if (findings.length > 0 || context.facts.signals.some(s => s.kind === 'exec-format-error')) return findings;
	const warning = context.facts.signals.find(s => s.kind === 'platform-mismatch-warning');
	const platform = context.verdict.platform;
	if (warning && platform && warning.imagePlatform && canonicalPlatform(warning.imagePlatform) !== platform && !warnedArmVariant(context, warning)) {
		findings.push({
			id: 'emulated-image',
			severity: 'warning',
			title: `A ${warning.imagePlatform} image was started on a ${warning.hostPlatform ?? platform} engine`,
			why: 'Docker ran an image of another architecture; it either runs slowly under an emulator or fails.',
			evidence: [{text: quote(warning.source), source: warning.source}],
			fix: fixFor(context, context.imageRef),
		});
	}
	return findings;
};

/**
 * A foreign image on an engine whose emulators cannot be seen (another machine, a VM): it either
 * runs slowly under an emulator or fails with "exec format error". Either way the native platform
 * is what the user wants; which of the two cannot be told from here, so it is a warning, not an error.
 */
export const foreignImage: Rule = context => {
	if (context.verdict.platform === null) return [];
	return judged(context)
		.filter(j => j.inUse && j.detail.runs === 'unknown' && context.facts.emulation?.kind === 'unknown' && j.detail.cause === undefined)
		.filter(j => canonicalPlatform(j.platform) !== null && !context.verdict.nativePlatforms.includes(canonicalPlatform(j.platform)!))
		.map(j => ({
			id: 'foreign-image',
			severity: 'warning',
			subject: j.image.ref,
			imageId: j.image.id,
			title: `${j.image.ref} is ${j.platform}, not native to this engine`,
			why: `${context.facts.emulation?.note ?? "The engine's emulators cannot be seen from here"}: it either runs slowly under an emulator or fails with "exec format error".`,
			evidence: [imageEvidence(j)],
			fix: fixFor(context, j.image.ref, j.image),
		}));
};

export const armVariantMismatch: Rule = context => {
	const findings: Finding[] = judged(context)
		.filter(j => j.detail.cause === 'arm-variant')
		.map(j => ({
			id: 'arm-variant-mismatch',
			severity: j.inUse ? 'error' : 'warning',
			subject: j.image.ref,
			imageId: j.image.id,
			title: `${j.image.ref} is ${j.platform}, newer than this ARM CPU`,
			why: 'The CPU runs ARM code itself, so no "exec format error" appears: the container dies with an illegal instruction (exit 132) or a crash (139).',
			evidence: [imageEvidence(j), ...containerEvidence(context, j.image, ['illegal-instruction', 'segfault'])],
			fix: fixFor(context, j.image.ref, j.image),
		}));
	const warned = context.facts.signals.find(s => s.kind === 'platform-mismatch-warning' && warnedArmVariant(context, s));
	if (findings.length === 0 && warned) {
		findings.push({
			id: 'arm-variant-mismatch',
			severity: 'error',
			title: `A ${warned.imagePlatform ?? 'newer ARM'} image was started on this ${warned.hostPlatform ?? 'older ARM'} engine`,
			why: 'The CPU runs ARM code itself, so no emulator steps in: code for a newer ARM level dies with an illegal instruction (exit 132) or a crash (139).',
			evidence: [{text: quote(warned.source), source: warned.source}],
			fix: fixFor(context, context.imageRef),
		});
	}
	if (findings.length === 0 && context.profile.armv6Cpu?.value) {
		const crashes = context.facts.signals.filter(s => s.kind === 'illegal-instruction' || s.kind === 'segfault' || s.kind === 'exec-format-error');
		if (crashes.length > 0) {
			findings.push({
				id: 'arm-variant-mismatch',
				severity: 'error',
				title: 'An ARMv7 or arm64 image crashed on this ARMv6 CPU',
				why: 'Pi 1 and Zero CPUs are ARMv6; images for arm/v7 die with an illegal instruction (exit 132) or a crash (139).',
				evidence: crashes.map(s => ({text: quote(s.source), source: s.source})),
				fix: fixFor(context, context.imageRef),
			});
		}
	}
	return findings;
};

function publishers(platform: string): string[] {
	return KNOWN_IMAGES.filter(i => i.platforms.includes(platform)).map(i => i.familiar);
}

export const platformNotPublished: Rule = context => {
	const {facts, verdict, imageRef} = context;
	const platform = verdict.platform;
	const findings: Finding[] = [];
	const manifestSignals = facts.signals.filter(s => s.kind === 'no-matching-manifest');
	const published = facts.published;
	const known = knownImageFor(published?.ref ?? imageRef);
	// No platform known (a private mirror the built-in table does not know, a registry that did not answer) is
	// "unknown", not "published for nothing".
	const list = published && published.platforms.length > 0 ? published.platforms : known && known.platforms.length > 0 ? known.platforms : undefined;
	const missing = platform && list && !list.includes(platform);
	if (!missing && manifestSignals.length === 0) return [];
	const ref = published?.ref ?? imageRef;
	const others = platform ? publishers(platform).filter(name => name !== known?.familiar) : [];
	const evidence: Evidence[] = [
		...(list ? [{text: `${ref} is published for ${list.join(', ')}${published ? ` (${published.source === 'registry' ? 'read from the registry' : 'built-in table'})` : ' (built-in table)'}`}] : []),
		...manifestSignals.map(s => ({text: quote(s.source), source: s.source})),
	];
	// A tag of one platform (latest-arm64): the same repository's multi-platform tag beats another project.
	const single = platform && missing ? singleArchTag(context, pullableRef(ref, imageRef), platform) : undefined;
	const alternative = single?.better ? undefined : others[0];
	findings.push({
		id: 'platform-not-published',
		severity: 'error',
		subject: ref,
		title: platform && missing ? `${ref} has no ${platform} image` : `The registry has no image for the platform Docker asked for`,
		why:
			platform && missing
				? `This machine needs ${platform}, and ${ref} is not published for it${alternative ? `; ${alternative} is` : single?.better ? `; ${single.better} is` : ''}.`
				: `Docker asked for ${manifestSignals[0]?.platform ?? 'a platform'} and the image's manifest list has no such entry.`,
		evidence,
		fix: platform
			? alternative && missing
				? {
						summary: `Use ${alternative}, which is published for ${platform}.`,
						commands: [
							pullCommand(context.cli, platform, `${alternative}:latest`),
							...(facts.chosenImage?.source.kind === 'file' ? [`CHATMOCK_IMAGE=${alternative}:latest ${context.cli.compose()} up -d`] : []),
						],
						// Advice only: the doctor never pulls a repository the user did not choose.
						actions: [],
					}
				: single
					? recreateFix(context, ref)
					: {...recreateFix(context, ref), summary: `Ask for ${platform} explicitly.`}
			: {summary: 'No ChatMock platform runs natively here; see the architecture finding.', commands: []},
	});
	return findings;
};

export const noChatmockImage: Rule = context => {
	const {facts, verdict, imageRef} = context;
	if (!facts.engine || facts.images === undefined || facts.images.length > 0 || !verdict.platform) return [];
	const single = singleArchTag(context, pullableRef(imageRef), verdict.platform);
	return [
		{
			id: 'no-chatmock-image',
			severity: 'info',
			title: 'No ChatMock image is in this Docker engine yet',
			why: 'Nothing to diagnose in the engine: pulling with the platform given avoids the wrong-architecture trap from the start.',
			evidence: [],
			fix: single
				? recreateFix(context, imageRef)
				: {
						summary: `Pull ${pullableRef(imageRef)} for ${verdict.platform}.`,
						commands: [pullCommand(context.cli, verdict.platform, pullableRef(imageRef))],
						actions: [{kind: 'pull-platform', ref: pullableRef(imageRef), platform: verdict.platform}],
					},
		},
	];
};

export const binfmtMissingFixFlag: Rule = context => {
	const affected = judged(context).filter(j => j.detail.cause === 'emulator-without-f-flag');
	const signals = context.facts.signals.filter(s => s.kind === 'binfmt-no-fix-flag');
	if (affected.length === 0 && signals.length === 0) return [];
	const names = [...new Set(affected.map(j => j.detail.emulator).filter((n): n is string => Boolean(n)))];
	return [
		{
			id: 'binfmt-missing-fix-flag',
			severity: 'warning',
			title: `QEMU is registered without the F flag${names.length > 0 ? ` (${names.join(', ')})` : ''}`,
			why: 'Without F the kernel looks for the emulator inside each container, where it is missing: foreign images fail with "no such file or directory".',
			evidence: [...affected.map(imageEvidence), ...signals.map(s => ({text: quote(s.source), source: s.source}))],
			fix: {
				summary: 'Re-register the emulators with the F flag.',
				commands: [`${context.cli.docker} run --privileged --rm tonistiigi/binfmt --uninstall 'qemu-*'`, `${context.cli.docker} run --privileged --rm tonistiigi/binfmt --install all`],
			},
		},
	];
};
