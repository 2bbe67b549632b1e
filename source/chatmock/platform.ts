/** Docker's platform notation, normalised the way containerd does: linux/arm64, linux/arm/v7, linux/386. */
export function normalizePlatform(os: string, architecture: string, variant?: string): string | undefined {
	const o = os.trim().toLowerCase();
	let arch = architecture.trim().toLowerCase();
	let v = variant?.trim().toLowerCase() || undefined;
	// Attestation manifests are listed as unknown/unknown; they are not images to run.
	if (o === '' || arch === '' || o === 'unknown' || arch === 'unknown') return undefined;
	switch (arch) {
		case 'aarch64':
			arch = 'arm64';
			break;
		case 'x86_64':
		case 'x86-64':
			arch = 'amd64';
			break;
		case 'i386':
		case 'i486':
		case 'i586':
		case 'i686':
			arch = '386';
			break;
		case 'armhf':
			arch = 'arm';
			v = 'v7';
			break;
		case 'armel':
			arch = 'arm';
			v = 'v6';
			break;
		default:
			break;
	}
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
