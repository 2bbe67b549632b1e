import {emulatedPlatform} from '../host-profile.js';
import {canonicalPlatform} from '../platform.js';
import type {Finding} from '../types.js';
import {quote, type Rule} from './context.js';
import {recreateFix} from './fix-commands.js';

/** What settles which platform the engine and the failing image have. */
const SETTLE_COMMANDS = ['uname -m', 'docker version', "docker image inspect --format '{{.Os}}/{{.Architecture}}/{{.Variant}}' IMAGE"];

/**
 * A foreign image died under its emulator ("qemu: uncaught target signal 11", "rosetta error: failed
 * to open elf"): the crash is the emulator's, not the program's or the CPU's, and it proves the image
 * is not the engine's platform. The image of the engine's own platform needs no emulator.
 */
export const emulatorFailed: Rule = context => {
	const failures = context.facts.signals.filter(s => s.kind === 'emulator-failed');
	if (failures.length === 0) return [];
	const rosetta = failures.some(s => s.emulator === 'rosetta');
	const emulated = emulatedPlatform(context.facts)?.platform;
	// A verdict naming the emulated platform itself is contradicted (see the conflict finding): no native platform to offer.
	const platform = emulated && context.verdict.platform === canonicalPlatform(emulated) ? null : context.verdict.platform;
	const finding: Finding = {
		id: 'emulated-image',
		severity: 'error',
		title: rosetta ? 'An x86-64 (amd64) image failed under Rosetta, on an Apple Silicon engine' : `${emulated ? `A ${emulated}` : 'A foreign'} image crashed under QEMU emulation`,
		why: `An emulator runs only what is built for another CPU than the engine's; its failures (a loader it cannot open, an uncaught signal) are the emulator's, not the program's. ${
			platform ? `The ${platform} image runs natively, without it.` : "Which platform the engine runs natively is not in the facts: these commands tell it, and the failing image's."
		}`,
		evidence: failures.slice(0, 3).map(s => ({text: quote(s.source), source: s.source})),
		fix: platform
			? {...recreateFix(context, context.imageRef), summary: `Run the ${platform} image instead of an emulated one.`}
			: {summary: 'Find the native platform first.', commands: SETTLE_COMMANDS},
	};
	return [finding];
};
