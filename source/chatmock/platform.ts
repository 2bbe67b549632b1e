/** Docker's platform notation, normalised the way containerd does: linux/arm64, linux/arm/v7, linux/386. */
export function normalizePlatform(os: string, architecture: string, variant?: string): string | undefined {
	const o = os.trim().toLowerCase();
	let arch = architecture.trim().toLowerCase();
	let v = variant?.trim().toLowerCase() || undefined;
	// Attestation manifests are listed as unknown/unknown; they are not images to run.
	if (o === '' || arch === '' || o === 'unknown' || arch === 'unknown') return undefined;
	// The names that also say the ARM level; every other alias maps through normalizeGoArch.
	if (arch === 'armhf') v = 'v7';
	if (arch === 'armel') v = 'v6';
	arch = normalizeGoArch(arch) ?? arch;
	if (arch === 'arm64' && (v === 'v8' || v === '8')) v = undefined;
	// amd64 micro-architecture levels (v2, v3) run where plain amd64 does: one entry.
	if (arch === 'amd64') v = undefined;
	if (arch === 'arm') v = v === undefined ? 'v7' : v.startsWith('v') ? v : `v${v}`;
	return v === undefined ? `${o}/${arch}` : `${o}/${arch}/${v}`;
}

/** Parses "linux/arm/v7" into its parts and normalises it. */
export function normalizePlatformString(text: string): string | undefined {
	const [os = '', arch = '', variant] = text.trim().split('/');
	return normalizePlatform(os, arch, variant);
}

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
			if (/^armv[5-8][a-z]*$/.test(v)) return v.startsWith('armv8') && !v.endsWith('l') ? 'arm64' : 'arm';
			return /^[a-z0-9_]+$/.test(v) ? v : undefined;
	}
}
