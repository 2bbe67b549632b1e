import type {ElfInfo} from '../types.js';

/** e_machine values (the same ones binfmt_misc magics match on). */
const MACHINES: Readonly<Record<number, string>> = {
	0x03: 'i386',
	0x08: 'mips',
	0x15: 'ppc64',
	0x16: 's390',
	0x28: 'arm',
	0x3e: 'x86-64',
	0xb7: 'aarch64',
	0xf3: 'riscv',
	0x102: 'loongarch',
};

/**
 * Reads what a userland binary was built for from its first 20 bytes: byte 4 EI_CLASS
 * (1 = 32-bit, 2 = 64-bit), byte 5 EI_DATA (1 = little, 2 = big endian), bytes 18–19 e_machine.
 * Undefined for anything that is not an ELF file (a Mach-O /bin/sh on macOS, a text file, junk).
 */
export function parseElfHeader(bytes: Uint8Array): ElfInfo | undefined {
	if (bytes.length < 20) return undefined;
	if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) return undefined;
	const elfClass = bytes[4];
	const data = bytes[5];
	if ((elfClass !== 1 && elfClass !== 2) || (data !== 1 && data !== 2)) return undefined;
	const littleEndian = data === 1;
	const lo = bytes[littleEndian ? 18 : 19] ?? 0;
	const hi = bytes[littleEndian ? 19 : 18] ?? 0;
	const code = (hi << 8) | lo;
	const machine = MACHINES[code] ?? `unknown:0x${code.toString(16).padStart(2, '0')}`;
	return {bits: elfClass === 1 ? 32 : 64, machine, littleEndian};
}
