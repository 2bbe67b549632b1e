/** OCI platforms as Docker writes them, and the rules containerd uses to match them. */
export interface Platform {
	readonly os: string;
	readonly arch: string;
	readonly variant?: string;
}

export function formatPlatform(platform: Platform): string {
	return [platform.os, platform.arch, platform.variant].filter(Boolean).join('/');
}

/** The platforms ChatMock's images are published for, in order of preference. */
export const CHATMOCK_PLATFORMS = ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386'] as const;

/** Go's GOARCH names and the usual aliases, to Docker's arch names (containerd normalizeArch). */
export function normalizeGoArch(value: string): string | undefined {
	const v = value.trim().toLowerCase();
	switch (v) {
		case 'amd64':
		case 'x86_64':
		case 'x86-64':
		case 'x64':
			return 'amd64';
		case 'arm64':
		case 'aarch64':
			return 'arm64';
		case 'arm':
		case 'armhf':
		case 'armel':
			return 'arm';
		case '386':
		case 'i386':
		case 'i486':
		case 'i586':
		case 'i686':
		case 'x86':
		case 'ia32':
			return '386';
		case 'ppc64le':
		case 'ppc64el':
			return 'ppc64le';
		case 'loong64':
		case 'loongarch64':
			return 'loong64';
		default:
			if (/^armv[5-8]/.test(v)) return v.startsWith('armv8') && !v.endsWith('l') ? 'arm64' : 'arm';
			return /^[a-z0-9_]+$/.test(v) ? v : undefined;
	}
}

/** Parses `linux/arm/v7`, `linux/arm64/v8`, `arm64` into a platform; arm without a variant is v7 (containerd). */
export function parsePlatform(text: string): Platform | undefined {
	const parts = text.trim().toLowerCase().split('/').filter(Boolean);
	if (parts.length === 0 || parts.length > 3) return undefined;
	const [first, second, third] = parts.length === 1 ? ['linux', parts[0], undefined] : parts;
	const arch = normalizeGoArch(second ?? '');
	if (!first || !arch) return undefined;
	let variant = third;
	if (arch === 'arm') variant ??= 'v7';
	if (arch === 'arm64' && variant === 'v8') variant = undefined;
	if (arch === 'amd64') variant = undefined;
	return variant ? {os: first, arch, variant} : {os: first, arch};
}

/** Canonical string for any platform text, e.g. "linux/arm64/v8" → "linux/arm64". */
export function canonicalPlatform(text: string): string | undefined {
	const platform = parsePlatform(text);
	return platform ? formatPlatform(platform) : undefined;
}

function armLevel(variant: string | undefined): number {
	const n = Number.parseInt((variant ?? 'v7').replace(/^v/, ''), 10);
	return Number.isFinite(n) ? n : 7;
}

/**
 * What an engine whose default platform is `host` accepts from a manifest list, best first
 * (containerd's platformVector): arm/vN → vN … v5; arm64 → arm/v8 … v5 too; amd64 → 386.
 * 32-bit arm never falls back to arm64.
 */
export function platformVector(host: Platform): string[] {
	const out = [formatPlatform(host)];
	if (host.arch === 'amd64') out.push(formatPlatform({os: host.os, arch: '386'}));
	if (host.arch === 'arm' || host.arch === 'arm64') {
		const top = host.arch === 'arm64' ? 8 : armLevel(host.variant);
		for (let level = host.arch === 'arm64' ? top : top - 1; level >= 5; level--) {
			out.push(formatPlatform({os: host.os, arch: 'arm', variant: `v${level}`}));
		}
	}
	return out;
}
