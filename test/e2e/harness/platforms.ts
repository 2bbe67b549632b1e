/** The five platforms ghcr.io/thebtf/chatmock publishes, with the Debian architecture whose busybox-static stands in for it. */
export interface ImagePlatform {
	/** Short key used in tags: latest-arm64, latest-armv7 … */
	readonly key: ImageArch;
	readonly debArch: string;
	readonly architecture: string;
	readonly variant?: string;
	/** os/arch[/variant] as the Engine API spells it. */
	readonly platform: string;
}

export type ImageArch = 'amd64' | 'arm64' | 'armv7' | 'armv6' | '386';

export const PLATFORMS: readonly ImagePlatform[] = [
	{key: 'amd64', debArch: 'amd64', architecture: 'amd64', platform: 'linux/amd64'},
	{key: 'arm64', debArch: 'arm64', architecture: 'arm64', variant: 'v8', platform: 'linux/arm64/v8'},
	{key: 'armv7', debArch: 'armhf', architecture: 'arm', variant: 'v7', platform: 'linux/arm/v7'},
	{key: 'armv6', debArch: 'armel', architecture: 'arm', variant: 'v6', platform: 'linux/arm/v6'},
	{key: '386', debArch: 'i386', architecture: '386', platform: 'linux/386'},
];

/** Accepts a key (arm64), a Docker platform (linux/arm/v7, arm/v6), or a Debian arch (armhf). */
export function platformOf(arch: string): ImagePlatform {
	const wanted = arch.replace(/^linux\//, '');
	const found = PLATFORMS.find(p => p.key === wanted || p.debArch === wanted || p.platform === `linux/${wanted}` || p.platform === `linux/${wanted}/v8`);
	if (found === undefined) throw new Error(`unknown image arch ${arch}; one of ${PLATFORMS.map(p => p.key).join(', ')}`);
	return found;
}
