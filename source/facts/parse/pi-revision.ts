import type {PiRevision} from '../types.js';

// Tables from the Raspberry Pi documentation, computers/raspberry-pi/revision-codes.adoc.
const PROCESSORS = ['BCM2835', 'BCM2836', 'BCM2837', 'BCM2711', 'BCM2712'];

const NEW_TYPES: Readonly<Record<number, string>> = {
	0x00: 'A',
	0x01: 'B',
	0x02: 'A+',
	0x03: 'B+',
	0x04: '2B',
	0x05: 'Alpha',
	0x06: 'CM1',
	0x08: '3B',
	0x09: 'Zero',
	0x0a: 'CM3',
	0x0c: 'Zero W',
	0x0d: '3B+',
	0x0e: '3A+',
	0x10: 'CM3+',
	0x11: '4B',
	0x12: 'Zero 2 W',
	0x13: '400',
	0x14: 'CM4',
	0x15: 'CM4S',
	0x17: '5',
	0x18: 'CM5',
	0x19: '500',
	0x1a: 'CM5 Lite',
};

/** Old-style codes 0002–0015, all BCM2835: [type, RAM in MB]. */
const OLD_TYPES: Readonly<Record<number, readonly [string, number | undefined]>> = {
	0x02: ['B', 256],
	0x03: ['B', 256],
	0x04: ['B', 256],
	0x05: ['B', 256],
	0x06: ['B', 256],
	0x07: ['A', 256],
	0x08: ['A', 256],
	0x09: ['A', 256],
	0x0d: ['B', 512],
	0x0e: ['B', 512],
	0x0f: ['B', 512],
	0x10: ['B+', 512],
	0x11: ['CM1', 512],
	0x12: ['A+', 256],
	0x13: ['B+', 512],
	0x14: ['CM1', 512],
	0x15: ['A+', undefined], // 256 MB or 512 MB
};

/**
 * Decodes a cpuinfo "Revision" code. New-style codes set bit 23; old-style ones are 0002–0015,
 * shown as 1000xxxx when the board was over-volted (warranty bit). Undefined for anything else.
 */
export function decodePiRevision(code: string): PiRevision | undefined {
	const written = code.trim().toLowerCase().replace(/^0x/, '');
	if (!/^[0-9a-f]{1,8}$/.test(written)) return undefined;
	const value = Number.parseInt(written, 16);
	if ((value & (1 << 23)) !== 0) {
		const processor = PROCESSORS[(value >> 12) & 0xf];
		if (processor === undefined) return undefined;
		const type = NEW_TYPES[(value >> 4) & 0xff];
		const memoryMb = 256 * 2 ** ((value >> 20) & 0x7);
		return {code: written, processor, ...(type === undefined ? {} : {type}), memoryMb, newStyle: true};
	}
	// An over-volted board shows an old-style code with a '1000' prefix (1000000e); nothing else may sit above it.
	const high = Math.floor(value / 0x10000);
	if (high !== 0 && high !== 0x1000) return undefined;
	const rest = value & 0xffff;
	const old = OLD_TYPES[rest];
	if (old === undefined) return undefined;
	const [type, memoryMb] = old;
	return {code: rest.toString(16).padStart(4, '0'), processor: 'BCM2835', type, ...(memoryMb === undefined ? {} : {memoryMb}), newStyle: false};
}
