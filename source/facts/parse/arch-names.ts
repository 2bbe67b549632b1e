/**
 * The architecture vocabularies the doctor meets: the kernel's uname machine (aarch64, armv7l),
 * Debian's dpkg names (armhf, arm64) and Docker's platforms (linux/arm/v7). Mapping follows
 * containerd's normalizeArch: aarch64→arm64, x86_64→amd64, i386→386, armhf→arm/v7, armel→arm/v6.
 */
export interface LinuxPlatform {
	readonly os: 'linux';
	/** GOARCH: amd64, arm64, arm, 386, ppc64le, s390x, riscv64, loong64, mips64le, … */
	readonly arch: string;
	/** v5/v6/v7/v8 for arm, v8 for arm64. */
	readonly variant?: string;
}

const UNAME_MACHINE =
	/^(?:x86_64|amd64|i[3-6]86|aarch64(?:_be)?|arm64|armv[4-9][a-z]*|ppc64(?:le)?|ppc(?:le)?|s390x?|riscv(?:32|64)|loongarch(?:32|64)|mips(?:64)?(?:el)?|sparc64|ia64|alpha|m68k|sh4|parisc64?)$/;

const DEBIAN_TO_PLATFORM: Readonly<Record<string, LinuxPlatform>> = {
	amd64: {os: 'linux', arch: 'amd64'},
	arm64: {os: 'linux', arch: 'arm64', variant: 'v8'},
	// Raspbian's armhf is built for ARMv6 while Debian's targets ARMv7: the name alone says v7.
	armhf: {os: 'linux', arch: 'arm', variant: 'v7'},
	// Debian armel's baseline is ARMv5TE; containerd still normalises the name to arm/v6.
	armel: {os: 'linux', arch: 'arm', variant: 'v6'},
	i386: {os: 'linux', arch: '386'},
	ppc64el: {os: 'linux', arch: 'ppc64le'},
	ppc64: {os: 'linux', arch: 'ppc64'},
	s390x: {os: 'linux', arch: 's390x'},
	riscv64: {os: 'linux', arch: 'riscv64'},
	loong64: {os: 'linux', arch: 'loong64'},
	mips64el: {os: 'linux', arch: 'mips64le'},
	mipsel: {os: 'linux', arch: 'mipsle'},
	mips: {os: 'linux', arch: 'mips'},
};

const OTHER_DEBIAN_ARCHES = new Set(['powerpc', 'x32', 'hppa', 'alpha', 'm68k', 'sh4', 'sparc64', 'ia64', 'arm']);

/** True for a value `uname -m` prints (aarch64, armv7l, x86_64, i686, ppc64le, arm64 on macOS, …). */
export function isUnameMachine(value: string): boolean {
	return UNAME_MACHINE.test(value.trim());
}

/** True for a value `dpkg --print-architecture` prints. */
export function isDebianArch(value: string): boolean {
	const name = value.trim();
	return Object.hasOwn(DEBIAN_TO_PLATFORM, name) || OTHER_DEBIAN_ARCHES.has(name);
}

/** armhf → linux/arm/v7, arm64 → linux/arm64/v8, i386 → linux/386, ppc64el → linux/ppc64le; undefined when Docker has no such platform. */
export function debianArchToPlatform(value: string): LinuxPlatform | undefined {
	const name = value.trim();
	return Object.hasOwn(DEBIAN_TO_PLATFORM, name) ? DEBIAN_TO_PLATFORM[name] : undefined;
}

/** aarch64 → linux/arm64/v8, armv7l → linux/arm/v7, armv6l → linux/arm/v6, x86_64 → linux/amd64, i686 → linux/386. */
export function unameToPlatform(value: string): LinuxPlatform | undefined {
	const machine = value.trim().toLowerCase();
	if (machine === 'aarch64' || machine === 'arm64') return {os: 'linux', arch: 'arm64', variant: 'v8'};
	if (machine === 'x86_64' || machine === 'amd64') return {os: 'linux', arch: 'amd64'};
	if (/^i[3-6]86$/.test(machine)) return {os: 'linux', arch: '386'};
	const arm = /^armv([5-8])[a-z]*$/.exec(machine);
	if (arm) return {os: 'linux', arch: 'arm', variant: `v${arm[1]}`};
	if (machine === 'loongarch64') return {os: 'linux', arch: 'loong64'};
	// uname says mips64 for both byte orders; the Go names carry it, so only the explicit "el" forms map to *le.
	const mips = /^(mips(?:64)?)(el)?$/.exec(machine);
	if (mips) return {os: 'linux', arch: `${mips[1]}${mips[2] ? 'le' : ''}`};
	if (['ppc64le', 'ppc64', 's390x', 'riscv64'].includes(machine)) return {os: 'linux', arch: machine};
	return undefined;
}

/** linux/arm/v7 */
export function formatPlatform(platform: LinuxPlatform): string {
	return platform.variant ? `${platform.os}/${platform.arch}/${platform.variant}` : `${platform.os}/${platform.arch}`;
}
