import {parseCpuinfo, type CpuinfoFacts} from '../parse/cpuinfo.js';
import {fileSourceAt} from '../parse/source-at.js';
import type {ProbeContext} from './probe-context.js';

/** Large enough for the cpuinfo of a many-core server, small enough for a planted huge file. */
const CPUINFO_MAX_BYTES = 8 * 1024 * 1024;

/** /proc/cpuinfo; empty on macOS and Windows. */
export async function probeCpuinfo(context: ProbeContext): Promise<CpuinfoFacts> {
	const text = await context.host.readText('/proc/cpuinfo', {maxBytes: CPUINFO_MAX_BYTES});
	return text === undefined ? {} : parseCpuinfo(text, fileSourceAt('/proc/cpuinfo'));
}
