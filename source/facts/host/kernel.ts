import {fact, type Source} from '../fact.js';
import type {Host} from '../seam/host.js';
import type {ProbeContext} from './probe-context.js';

/** The file a folder host reads each uname field from, so a citation names that one file. */
const KERNEL_FILES = {machine: '/proc/sys/kernel/arch', release: '/proc/sys/kernel/osrelease', sysname: '/proc/sys/kernel/ostype'} as const;

/** uname (machine, release, sysname) and /proc/version: read first, the other probes build on them. */
export async function probeKernel(host: Host): Promise<ProbeContext['kernel']> {
	const [uname, procVersion] = await Promise.all([host.uname(), host.readText('/proc/version', {maxBytes: 4096})]);
	const source = (field: keyof typeof KERNEL_FILES): Source => ({
		kind: 'uname',
		ref: uname.via.includes(KERNEL_FILES[field]) ? KERNEL_FILES[field] : uname.via,
	});
	const kernel: {-readonly [K in keyof ProbeContext['kernel']]: ProbeContext['kernel'][K]} = {};
	if (uname.machine) kernel.kernelMachine = fact(uname.machine, source('machine'));
	if (uname.release) kernel.kernelRelease = fact(uname.release, source('release'));
	if (uname.sysname) kernel.kernelName = fact(uname.sysname, source('sysname'));
	const version = procVersion?.split('\n')[0]?.trim();
	if (version) kernel.procVersion = fact(version, {kind: 'file', ref: '/proc/version', line: 1, excerpt: version.slice(0, 200)});
	return kernel;
}
