/**
 * Readable names for ARM "CPU implementer"/"CPU part" pairs, so an arm64 /proc/cpuinfo (which
 * has no "model name") still says what the CPU is. Short on purpose: the common boards and clouds.
 * Values from the Arm and vendors' technical reference manuals (MIDR_EL1 part numbers).
 */
const PARTS: Readonly<Record<string, string>> = {
	'0x41:0xb76': 'ARM1176',
	'0x41:0xc07': 'Cortex-A7',
	'0x41:0xc08': 'Cortex-A8',
	'0x41:0xc09': 'Cortex-A9',
	'0x41:0xc0f': 'Cortex-A15',
	'0x41:0xd03': 'Cortex-A53',
	'0x41:0xd04': 'Cortex-A35',
	'0x41:0xd05': 'Cortex-A55',
	'0x41:0xd07': 'Cortex-A57',
	'0x41:0xd08': 'Cortex-A72',
	'0x41:0xd09': 'Cortex-A73',
	'0x41:0xd0b': 'Cortex-A76',
	'0x41:0xd0c': 'Neoverse-N1',
	'0x41:0xd40': 'Neoverse-V1',
	'0x41:0xd41': 'Cortex-A78',
	'0x41:0xd42': 'Cortex-A78AE',
	'0x41:0xd44': 'Cortex-X1',
	'0x41:0xd46': 'Cortex-A510',
	'0x41:0xd47': 'Cortex-A710',
	'0x41:0xd48': 'Cortex-X2',
	'0x41:0xd49': 'Neoverse-N2',
	'0x41:0xd4f': 'Neoverse-V2',
	'0x41:0xd80': 'Cortex-A520',
	'0x41:0xd81': 'Cortex-A720',
	'0x43:0x0a1': 'Cavium ThunderX',
	'0x43:0x0af': 'Cavium ThunderX2',
	'0x4e:0x004': 'NVIDIA Carmel',
	'0x51:0x800': 'Qualcomm Kryo',
	'0x51:0x801': 'Qualcomm Kryo',
	'0x51:0x802': 'Qualcomm Kryo',
	'0x51:0x803': 'Qualcomm Kryo',
	'0x51:0x804': 'Qualcomm Kryo',
	'0x51:0x805': 'Qualcomm Kryo',
	'0xc0:0xac3': 'Ampere-1',
};

const IMPLEMENTERS: Readonly<Record<string, string>> = {
	'0x41': 'Arm',
	'0x42': 'Broadcom',
	'0x43': 'Cavium',
	'0x46': 'Fujitsu',
	'0x48': 'HiSilicon',
	'0x4e': 'NVIDIA',
	'0x51': 'Qualcomm',
	'0x61': 'Apple',
	'0xc0': 'Ampere',
};

/** "0x41", "0xd08" → "Cortex-A72"; an unknown part of a known implementer → "Arm part 0xd99"; else undefined. */
export function armPartName(implementer: string, part: string | undefined): string | undefined {
	const impl = normaliseHex(implementer);
	if (impl === undefined) return undefined;
	const partHex = part === undefined ? undefined : normaliseHex(part, 3);
	if (partHex !== undefined) {
		const known = PARTS[`${impl}:${partHex}`];
		if (known) return known;
	}
	const vendor = IMPLEMENTERS[impl];
	if (vendor === undefined) return undefined;
	// Apple's part numbers change with every chip; the vendor alone is what a reader needs.
	if (vendor === 'Apple' || partHex === undefined) return vendor;
	return `${vendor} part ${partHex}`;
}

function normaliseHex(value: string, width = 2): string | undefined {
	const match = /^0x([0-9a-f]+)$/i.exec(value.trim());
	if (!match) return undefined;
	return `0x${match[1]!
		.toLowerCase()
		.replace(/^0+(?=.)/, '')
		.padStart(width, '0')}`;
}
