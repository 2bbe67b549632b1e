/**
 * dpkg's native architecture is the one its own program was built for: that is what
 * `dpkg --print-architecture` prints. Reading it from the ELF header of /usr/bin/dpkg saves a
 * fork and exec (tens of milliseconds on a Pi Zero). Undefined where the header alone cannot
 * name the Debian architecture; the caller then asks dpkg itself.
 */
export function debianArchOfElf(bytes: Uint8Array): string | undefined {
	if (bytes.length < 52 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return undefined;
	const bits = bytes[4] === 1 ? 32 : bytes[4] === 2 ? 64 : undefined;
	const little = bytes[5] === 1 ? true : bytes[5] === 2 ? false : undefined;
	if (bits === undefined || little === undefined) return undefined;
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	const machine = view.getUint16(18, little);
	switch (machine) {
		case 0x3e:
			return bits === 64 ? 'amd64' : 'x32';
		case 0x03:
			return bits === 32 ? 'i386' : undefined;
		case 0xb7:
			return bits === 64 && little ? 'arm64' : undefined;
		case 0x28: {
			if (bits !== 32 || !little) return undefined;
			// e_flags (offset 36 in a 32-bit header): EF_ARM_ABI_FLOAT_HARD 0x400 is armhf, EF_ARM_ABI_FLOAT_SOFT 0x200 armel.
			const flags = view.getUint32(36, little);
			return flags & 0x400 ? 'armhf' : flags & 0x200 ? 'armel' : undefined;
		}
		case 0x15:
			return bits === 64 ? (little ? 'ppc64el' : 'ppc64') : undefined;
		case 0x16:
			return bits === 64 && !little ? 's390x' : undefined;
		case 0xf3:
			return bits === 64 && little ? 'riscv64' : undefined;
		case 0x102:
			return bits === 64 && little ? 'loong64' : undefined;
		case 0x08:
			if (bits === 64) return little ? 'mips64el' : undefined;
			return little ? 'mipsel' : 'mips';
		default:
			return undefined;
	}
}
