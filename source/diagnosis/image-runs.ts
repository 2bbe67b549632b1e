import type {Facts, ImageFact} from '../facts/types.js';
import {hostProfile, type HostProfile} from './host-profile.js';
import {canonicalPlatform, normalizeGoArch} from './platform.js';
import type {Verdict} from './types.js';

/** How an image will run on this engine: natively, under an emulator (slow), not at all, or cannot tell. */
export type ImageRun = 'native' | 'emulated' | 'fails' | 'unknown';

export interface ImageRunDetail {
	readonly runs: ImageRun;
	/** Why it fails: no emulator ("exec format error"), the CPU lacks the instructions (ARMv7 image on ARMv6), a 32-bit engine. */
	readonly cause?: 'no-emulator' | 'arm-variant' | 'engine-32bit' | 'emulator-without-f-flag';
	readonly emulator?: string;
}

export function imageRunDetail(image: Pick<ImageFact, 'os' | 'architecture' | 'variant'>, verdict: Verdict, facts: Facts, profile: HostProfile = hostProfile(facts)): ImageRunDetail {
	const platform = canonicalPlatform([image.os || 'linux', image.architecture, image.variant].filter(Boolean).join('/'));
	const arch = normalizeGoArch(image.architecture);
	if (!platform || !arch || verdict.nativePlatforms.length === 0) return {runs: 'unknown'};
	if (verdict.nativePlatforms.includes(platform)) return {runs: 'native'};
	const dockerd = profile.dockerdArch?.value;
	const kernel = profile.kernelArch?.value;
	// The CPU decodes ARM code itself, so no emulator is consulted: a newer ARM variant just crashes (SIGILL).
	if (arch === 'arm' && (dockerd === 'arm' || dockerd === 'arm64')) return {runs: 'fails', cause: 'arm-variant'};
	if (arch === 'arm64' && dockerd === 'arm' && kernel === 'arm64') return {runs: 'fails', cause: 'engine-32bit'};
	const emulation = facts.emulation;
	if (!emulation) return {runs: 'unknown'};
	if (emulation.kind === 'docker-desktop') return {runs: 'emulated', emulator: emulation.rosetta && arch === 'amd64' ? 'Rosetta' : 'QEMU'};
	if (emulation.kind === 'unknown') return {runs: 'unknown'};
	const handler = emulation.handlers.find(h => h.arch === arch && h.enabled);
	// A paste shows some handlers: one not shown may still be registered.
	if (!handler) return emulation.partial ? {runs: 'unknown'} : {runs: 'fails', cause: 'no-emulator'};
	// Registered, but whether with the F flag a container needs was not shown.
	if (handler.nameOnly) return {runs: 'unknown', emulator: handler.name};
	if (!handler.flags.includes('F')) return {runs: 'fails', cause: 'emulator-without-f-flag', emulator: handler.name};
	return {runs: 'emulated', emulator: handler.name};
}
