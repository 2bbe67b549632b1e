import type {BinfmtHandler} from '../types.js';
import type {SourceAt} from './source-at.js';

/**
 * binfmt_misc handlers: the files under /proc/sys/fs/binfmt_misc/ (`enabled`, `interpreter …`,
 * `flags: POCF`, `offset 0`, `magic 7f454c46…`) and registration lines
 * (`:name:type:offset:magic:mask:interpreter:flags`, as in binfmt.d). The architecture comes from
 * the ELF header in the magic (e_machine at bytes 18–19), the name only when that is missing.
 */

/** Files in the binfmt_misc folder that are not handlers. */
export const BINFMT_CONTROL_FILES = new Set(['register', 'status']);

export function parseBinfmtEntry(name: string, text: string, sourceAt: SourceAt): BinfmtHandler | undefined {
	const lines = text.split('\n');
	let enabled: boolean | undefined;
	let interpreter: string | undefined;
	let flags = '';
	let flagsLine = 0;
	let offset = 0;
	let magic: string | undefined;
	lines.forEach((raw, index) => {
		const line = raw.trim();
		if (line === 'enabled') enabled = true;
		else if (line === 'disabled') enabled = false;
		else if (line.startsWith('interpreter ')) interpreter = line.slice('interpreter '.length).trim();
		else if (line.startsWith('flags:')) {
			flags = line.slice('flags:'.length).trim();
			flagsLine = index + 1;
		} else if (line.startsWith('offset ')) offset = Number.parseInt(line.slice('offset '.length), 10) || 0;
		else if (line.startsWith('magic ')) magic = line.slice('magic '.length).trim();
	});
	if (enabled === undefined) return undefined;
	const arch = (magic === undefined ? undefined : archFromElfMagic(magic, offset)) ?? archFromName(name);
	const at = flagsLine > 0 ? flagsLine : 1;
	return {
		name,
		enabled,
		...(interpreter === undefined ? {} : {interpreter}),
		flags,
		...(arch === undefined ? {} : {arch}),
		source: sourceAt(at, lines[at - 1] ?? ''),
	};
}

/** A binfmt.d / register line; enabled, since that is what registering does. */
export function parseBinfmtRegistration(line: string, lineNumber: number, sourceAt: SourceAt): BinfmtHandler | undefined {
	const text = line.trim();
	if (text.length < 2 || text.startsWith('#')) return undefined;
	const separator = text[0]!;
	const fields = text.slice(1).split(separator);
	if (fields.length < 6) return undefined;
	const [name = '', type, offsetText, magicText, , interpreter, flags = ''] = fields;
	if (name === '' || (type !== 'M' && type !== 'E')) return undefined;
	const magic = type === 'M' ? decodeEscapedMagic(magicText ?? '') : undefined;
	const arch = (magic === undefined ? undefined : archFromElfMagic(magic, Number.parseInt(offsetText ?? '0', 10) || 0)) ?? archFromName(name);
	return {
		name,
		enabled: true,
		...(interpreter ? {interpreter} : {}),
		flags,
		...(arch === undefined ? {} : {arch}),
		source: sourceAt(lineNumber, text),
	};
}

/** Registration magics escape bytes as \xNN; returns hex like the /proc files show. */
function decodeEscapedMagic(text: string): string {
	let hex = '';
	for (let i = 0; i < text.length; i++) {
		if (text[i] === '\\' && text[i + 1] === 'x' && /^[0-9a-fA-F]{2}$/.test(text.slice(i + 2, i + 4))) {
			hex += text.slice(i + 2, i + 4).toLowerCase();
			i += 3;
		} else if (text[i] === '\\' && text[i + 1] === '\\') {
			hex += '5c';
			i += 1;
		} else {
			hex += text.charCodeAt(i).toString(16).padStart(2, '0');
		}
	}
	return hex;
}

const E_MACHINE: Readonly<Record<number, (is64: boolean, littleEndian: boolean) => string>> = {
	0x03: () => '386',
	0x08: (is64, le) => (is64 ? (le ? 'mips64le' : 'mips64') : le ? 'mipsle' : 'mips'),
	0x14: () => 'ppc',
	0x15: (_is64, le) => (le ? 'ppc64le' : 'ppc64'),
	0x16: () => 's390x',
	0x28: () => 'arm',
	0x3e: () => 'amd64',
	0xb7: () => 'arm64',
	0xf3: is64 => (is64 ? 'riscv64' : 'riscv32'),
	0x102: () => 'loong64',
};

/** Docker's arch name for the ELF header a magic matches; undefined when it is not an ELF magic. */
export function archFromElfMagic(magicHex: string, offset = 0): string | undefined {
	const hex = magicHex.toLowerCase().replace(/[^0-9a-f]/g, '');
	if (offset !== 0 || !hex.startsWith('7f454c46') || hex.length < 40) return undefined;
	const byte = (i: number) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16);
	const is64 = byte(4) === 2;
	const littleEndian = byte(5) !== 2;
	const machine = littleEndian ? byte(18) | (byte(19) << 8) : (byte(18) << 8) | byte(19);
	return E_MACHINE[machine]?.(is64, littleEndian);
}

const NAME_ARCH: Readonly<Record<string, string>> = {
	aarch64: 'arm64',
	arm: 'arm',
	armeb: 'arm',
	x86_64: 'amd64',
	i386: '386',
	i486: '386',
	riscv64: 'riscv64',
	ppc64le: 'ppc64le',
	ppc64: 'ppc64',
	s390x: 's390x',
	mips64el: 'mips64le',
	mips64: 'mips64',
	loongarch64: 'loong64',
};

/** qemu-aarch64 → arm64; rosetta runs amd64; WSLInterop and others are no emulators. */
export function archFromName(name: string): string | undefined {
	if (/^rosetta$/i.test(name)) return 'amd64';
	const match = /^qemu-(.+?)(?:-static)?$/.exec(name);
	return match ? NAME_ARCH[match[1]!] : undefined;
}
