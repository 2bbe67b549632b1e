/**
 * The two architecture vocabularies pastes and probes meet: the kernel's uname machine
 * (aarch64, armv7l, x86_64) and Debian's dpkg names (armhf, arm64, amd64). They overlap
 * (arm64, amd64, riscv64, s390x), which is why a bare word is read by its context.
 * Mapping either to Docker's platforms is the diagnosis' job (normalizeGoArch, canonicalPlatform).
 */
const UNAME_MACHINE =
	/^(?:x86_64|amd64|i[3-6]86|aarch64(?:_be)?|arm64|armv[4-9][a-z]*|ppc64(?:le)?|ppc(?:le)?|s390x?|riscv(?:32|64)|loongarch(?:32|64)|mips(?:64)?(?:el)?|sparc64|ia64|alpha|m68k|sh4|parisc64?)$/;

const DEBIAN_ARCHES = new Set([
	'amd64',
	'arm64',
	// Raspbian's armhf is built for ARMv6 while Debian's targets ARMv7; armel's baseline is ARMv5TE.
	'armhf',
	'armel',
	'i386',
	'ppc64el',
	'ppc64',
	's390x',
	'riscv64',
	'loong64',
	'mips64el',
	'mipsel',
	'mips',
	'powerpc',
	'x32',
	'hppa',
	'alpha',
	'm68k',
	'sh4',
	'sparc64',
	'ia64',
	'arm',
]);

/** True for a value `uname -m` prints (aarch64, armv7l, x86_64, i686, ppc64le, arm64 on macOS, …). */
export function isUnameMachine(value: string): boolean {
	return UNAME_MACHINE.test(value.trim());
}

/** True for a value `dpkg --print-architecture` prints. */
export function isDebianArch(value: string): boolean {
	return DEBIAN_ARCHES.has(value.trim());
}
