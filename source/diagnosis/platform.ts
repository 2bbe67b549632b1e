import {normalizeGoArch, normalizePlatform} from '../chatmock/platform.js';

export {normalizeGoArch};

/** OCI platforms as Docker writes them: the published set and the name rules containerd uses. */

/** The platforms ChatMock's images are published for, in order of preference. */
export const CHATMOCK_PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386'] as const;

/** Canonical string for any platform text: "linux/arm64/v8" → "linux/arm64", "arm" → "linux/arm/v7". */
export function canonicalPlatform(text: string): string | undefined {
	const parts = text.trim().toLowerCase().split('/').filter(Boolean);
	if (parts.length === 0 || parts.length > 3) return undefined;
	const [os, arch, variant] = parts.length === 1 ? ['linux', parts[0]!] : parts;
	const goArch = normalizeGoArch(arch ?? '');
	// Names that carry the ARM level themselves: armv6l → v6, armhf → v7, armel → v6.
	const implied = /^armv([5-8])/.exec(arch ?? '')?.[1] ?? (arch === 'armhf' ? '7' : arch === 'armel' ? '6' : undefined);
	return goArch ? normalizePlatform(os!, goArch, variant ?? (goArch === 'arm' && implied ? `v${implied}` : undefined)) : undefined;
}

/** The architecture part of a platform in Docker's names: "linux/arm/v7" → "arm". */
export function platformArch(text: string): string | undefined {
	return canonicalPlatform(text)?.split('/')[1];
}
