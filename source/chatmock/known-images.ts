/**
 * The images ChatMock ships as, and the platforms each is published for — the built-in
 * table used when the registry cannot be asked (--offline, no network). Sources: the fork's
 * publish workflow and build script (ghcr.io/thebtf/chatmock), upstream's release workflow
 * (storagetime/chatmock: linux/amd64,linux/arm64).
 */
export interface KnownImage {
	/** Repository as Docker normalises it (no tag). */
	readonly repository: string;
	/** What people type. */
	readonly shortName: string;
	readonly platforms: readonly string[];
	readonly note: string;
}

export const KNOWN_IMAGES: readonly KnownImage[] = [
	{
		repository: 'ghcr.io/thebtf/chatmock',
		shortName: 'ghcr.io/thebtf/chatmock',
		platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386'],
		note: 'multi-architecture build of ChatMock',
	},
	{
		repository: 'docker.io/storagetime/chatmock',
		shortName: 'storagetime/chatmock',
		platforms: ['linux/amd64', 'linux/arm64'],
		note: "upstream's image on Docker Hub",
	},
	{
		repository: 'docker.io/library/chatmock',
		shortName: 'chatmock',
		platforms: [],
		note: 'built locally from the ChatMock repository',
	},
];

export const DEFAULT_IMAGE = 'ghcr.io/thebtf/chatmock:latest';
