import {fact, type Fact} from '../fact.js';
import type {CpuinfoFacts} from '../parse/cpuinfo.js';
import {decodePiRevision} from '../parse/pi-revision.js';
import type {PiRevision} from '../types.js';
import type {ProbeContext} from './probe-context.js';

const MODEL_PATHS = ['/proc/device-tree/model', '/sys/firmware/devicetree/base/model'];
const DT_REVISION = '/proc/device-tree/system/linux,revision';

export interface BoardFacts {
	readonly boardModel?: Fact<string>;
	/** The firmware's revision code from the device tree, decoded. */
	readonly dtRevision?: Fact<PiRevision>;
}

/** The board name and the device tree's revision code (both NUL-terminated or binary). */
export async function probeBoard(context: ProbeContext): Promise<BoardFacts> {
	const [boardModel, dtRevision] = await Promise.all([readModel(context), readDtRevision(context)]);
	return {...(boardModel ? {boardModel} : {}), ...(dtRevision ? {dtRevision} : {})};
}

/**
 * The Pi revision: cpuinfo's decoded one, else cpuinfo's raw "Revision" when the board is
 * named a Raspberry Pi (arm64 kernels print no "Hardware" line), else the device tree's.
 */
export function piRevisionOf(cpu: CpuinfoFacts, board: BoardFacts): Fact<PiRevision> | undefined {
	if (cpu.piRevision) return cpu.piRevision;
	if (cpu.revision && board.boardModel && /Raspberry Pi/i.test(board.boardModel.value)) {
		const decoded = decodePiRevision(cpu.revision.value);
		if (decoded) return fact(decoded, cpu.revision.source);
	}
	return board.dtRevision;
}

async function readModel(context: ProbeContext): Promise<Fact<string> | undefined> {
	for (const path of MODEL_PATHS) {
		const raw = await context.host.readText(path, {maxBytes: 1024});
		const model = raw?.replace(/\0[\s\S]*$/, '').trim();
		if (model) return fact(model, {kind: 'file', ref: path, excerpt: model.slice(0, 200)});
	}
	return undefined;
}

async function readDtRevision(context: ProbeContext): Promise<Fact<PiRevision> | undefined> {
	const bytes = await context.host.readFile(DT_REVISION, {maxBytes: 16});
	if (bytes === undefined || bytes.length !== 4) return undefined;
	const value = bytes.readUInt32BE(0);
	const code = value.toString(16).padStart(4, '0');
	const decoded = decodePiRevision(code);
	return decoded && fact(decoded, {kind: 'file', ref: DT_REVISION, excerpt: `0x${code}`});
}
