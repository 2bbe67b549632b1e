import {compact} from '../parse/docker-api.js';
import {kernelMachineFromCpuinfo, type CpuinfoFacts} from '../parse/cpuinfo.js';
import {cite, fact} from '../fact.js';
import type {Host} from '../seam/host.js';
import type {HostFacts} from '../types.js';
import {probeContainer} from './container.js';
import {probeCpuinfo} from './cpu.js';
import {probeKernel} from './kernel.js';
import {probeMacos} from './macos.js';
import {osKindOf} from './os-kind.js';
import {probeOsRelease} from './os-release.js';
import {probePageSize} from './page-size.js';
import type {HostFactsPart, ProbeContext} from './probe-context.js';
import {piRevisionOf, probeBoard, type BoardFacts} from './raspberry-pi.js';
import {probeUserland} from './userland.js';
import {probeWindows} from './windows.js';
import {probeWsl} from './wsl.js';

/**
 * Everything the doctor knows about the machine, read through the host seam. Never throws:
 * a part that fails is simply unknown. The kernel is read first; the rest runs concurrently.
 */
export async function probeHost(host: Host, options: {readonly signal?: AbortSignal} = {}): Promise<HostFacts> {
	const kernel = await settle(probeKernel(host), {});
	const osKind = osKindOf(host, kernel);
	const context: ProbeContext = {host, kernel, ...(osKind ? {osKind} : {}), ...(options.signal ? {signal: options.signal} : {})};
	const system = osKind?.value;

	const [cpu, board, userland, osRelease, inContainer, pageSize, wsl, macos] = await Promise.all([
		settle<CpuinfoFacts>(probeCpuinfo(context), {}),
		settle<BoardFacts>(probeBoard(context), {}),
		settle(probeUserland(context), {}),
		settle(probeOsRelease(context), undefined),
		system === 'linux' || system === undefined ? settle(probeContainer(context), undefined) : undefined,
		settle(probePageSize(context), undefined),
		settle(probeWsl(context), {}),
		system === 'darwin' ? settle(probeMacos(context), {}) : ({} as HostFactsPart),
	]);
	const windows = system === 'windows' ? safe(() => probeWindows(context), {}) : {};

	// A folder without the uname files still shows a Linux system through these.
	const looksLinux = cpu.cpuCount ?? cpu.cpuModel ?? kernel.procVersion ?? osRelease;
	const kind = osKind ?? (looksLinux && fact('linux' as const, {kind: 'derived', ref: `Linux files (${cite(looksLinux.source)})`}));
	return compact<HostFacts>({
		...kernel,
		// A folder without /proc/sys/kernel/arch (kernels before 6.1, or no /proc at all) may still have a cpuinfo.
		kernelMachine: kernel.kernelMachine ?? kernelMachineFromCpuinfo(cpu),
		cpuModel: cpu.cpuModel,
		cpuArchitecture: cpu.cpuArchitecture,
		cpuArmModelName: cpu.cpuArmModelName,
		cpuHardware: cpu.cpuHardware,
		cpuFlags: cpu.cpuFlags,
		cpuImplementer: cpu.cpuImplementer,
		cpuPart: cpu.cpuPart,
		cpuCount: cpu.cpuCount,
		machineHint: cpu.machineHint,
		...userland,
		...wsl,
		...macos,
		...windows,
		osKind: kind || undefined,
		osRelease,
		boardModel: board.boardModel,
		piRevision: piRevisionOf(cpu, board),
		pageSize,
		inContainer,
	});
}

async function settle<T>(promise: Promise<T>, fallback: T): Promise<T> {
	try {
		return await promise;
	} catch {
		return fallback;
	}
}

function safe<T>(read: () => T, fallback: T): T {
	try {
		return read();
	} catch {
		return fallback;
	}
}
