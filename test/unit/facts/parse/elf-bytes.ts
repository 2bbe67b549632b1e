/** A minimal 64-byte ELF header (only the fields the doctor reads are set), written for tests. */
export function elfHeader(machine: number, bits: 32 | 64, littleEndian = true): Uint8Array {
	const bytes = new Uint8Array(64);
	bytes.set([0x7f, 0x45, 0x4c, 0x46, bits === 32 ? 1 : 2, littleEndian ? 1 : 2, 1]);
	const view = new DataView(bytes.buffer);
	view.setUint16(16, 2, littleEndian); // e_type ET_EXEC
	view.setUint16(18, machine, littleEndian);
	view.setUint32(20, 1, littleEndian); // e_version
	return bytes;
}

export const ELF = {
	arm: () => elfHeader(0x28, 32),
	aarch64: () => elfHeader(0xb7, 64),
	x8664: () => elfHeader(0x3e, 64),
	i386: () => elfHeader(0x03, 32),
};
