import assert from 'node:assert/strict';
import {test} from 'node:test';
import {probeHost} from '../../../../source/facts/host/probe-host.js';
import type {CommandResult, Host} from '../../../../source/facts/seam/host.js';
import {createMemoryHost, type MemoryHostSpec} from '../../../../source/facts/seam/memory-host.js';
import {ELF} from '../parse/elf-bytes.js';
import * as cpuinfo from '../parse/cpuinfo-samples.js';
import {dpkgProgramHeader} from '../parse/dpkg-program-headers.js';

const said = (stdout: string): CommandResult => ({ok: true, stdout, stderr: '', exitCode: 0});
const RASPBIAN = 'PRETTY_NAME="Raspbian GNU/Linux 12 (bookworm)"\nID=raspbian\nID_LIKE=debian\nVERSION_ID="12"\n';

const pi4Raspbian32: MemoryHostSpec = {
	kind: 'live',
	uname: {sysname: 'Linux', release: '6.6.31+rpt-rpi-v8', machine: 'aarch64'},
	node: {arch: 'arm', platform: 'linux', version: 'v20.0.0'},
	files: {
		'/proc/cpuinfo': cpuinfo.PI4_ARM64,
		'/bin/sh': ELF.arm(),
		'/etc/os-release': RASPBIAN,
		'/proc/device-tree/model': 'Raspberry Pi 4 Model B Rev 1.1\0',
		'/proc/1/cgroup': '0::/init.scope\n',
	},
	commands: {
		'dpkg --print-architecture': said('armhf\n'),
		'getconf LONG_BIT': said('32\n'),
		'getconf PAGESIZE': said('4096\n'),
	},
};

test('probeHost: 32-bit Raspbian on a 64-bit Pi 4 kernel', async () => {
	const facts = await probeHost(createMemoryHost(pi4Raspbian32));
	assert.equal(facts.kernelMachine?.value, 'aarch64');
	assert.equal(facts.kernelMachine?.source.kind, 'uname');
	assert.deepEqual(facts.userlandElf?.value, {bits: 32, machine: 'arm', littleEndian: true});
	assert.equal(facts.userlandElf?.source.ref, '/bin/sh');
	assert.equal(facts.dpkgArch?.value, 'armhf');
	assert.equal(facts.dpkgArch?.source.kind, 'command');
	assert.equal(facts.longBit?.value, 32);
	assert.equal(facts.pageSize?.value, 4096);
	assert.equal(facts.nodeArch?.value, 'arm');
	assert.equal(facts.cpuArchitecture?.value, '8');
	assert.equal(facts.cpuModel?.value, 'Cortex-A72');
	assert.equal(facts.boardModel?.value, 'Raspberry Pi 4 Model B Rev 1.1');
	assert.equal(facts.piRevision?.value.type, '4B');
	assert.equal(facts.osKind?.value, 'linux');
	assert.equal(facts.osRelease?.value.id, 'raspbian');
	assert.equal(facts.wsl?.value, 'none');
	assert.equal(facts.inContainer?.value, false);
});

test("probeHost: dpkg's architecture is read from its program's header, without running it", async () => {
	const ran: string[] = [];
	const spec: MemoryHostSpec = {...pi4Raspbian32, files: {...pi4Raspbian32.files, '/usr/bin/dpkg': dpkgProgramHeader('armhf')}};
	const host = createMemoryHost(spec);
	const facts = await probeHost({...host, run: async (file, args, options) => (ran.push([file, ...args].join(' ')), host.run(file, args, options))});
	assert.equal(facts.dpkgArch?.value, 'armhf');
	assert.deepEqual(facts.dpkgArch?.source, {kind: 'file', ref: '/usr/bin/dpkg', excerpt: 'ELF header: armhf'});
	assert.ok(!ran.includes('dpkg --print-architecture'), ran.join(', '));
});

test('probeHost: a dpkg program the header cannot name (a wrapper script) → dpkg is asked', async () => {
	const spec: MemoryHostSpec = {...pi4Raspbian32, files: {...pi4Raspbian32.files, '/usr/bin/dpkg': '#!/bin/sh\nexec dpkg.distrib "$@"\n'}};
	const facts = await probeHost(createMemoryHost(spec));
	assert.equal(facts.dpkgArch?.value, 'armhf');
	assert.equal(facts.dpkgArch?.source.kind, 'command');
});

test('probeHost: a folder replay (no commands) falls back to files and derivations', async () => {
	const facts = await probeHost(
		createMemoryHost({
			uname: {sysname: 'Linux', release: '6.6.31+rpt-rpi-2712', via: '/proc/sys/kernel/ostype, /proc/sys/kernel/osrelease'},
			files: {
				'/proc/cpuinfo': cpuinfo.PI5_SPACES,
				'/bin/busybox': ELF.aarch64(),
				'/var/lib/dpkg/status': 'Package: adduser\nArchitecture: all\n\nPackage: dpkg\nStatus: install ok installed\nArchitecture: arm64\n',
			},
		}),
	);
	assert.equal(facts.kernelMachine?.value, 'aarch64');
	assert.equal(facts.kernelMachine?.source.kind, 'derived');
	assert.equal(facts.kernelRelease?.source.ref, '/proc/sys/kernel/osrelease');
	assert.equal(facts.userlandElf?.value.machine, 'aarch64');
	assert.equal(facts.userlandElf?.source.ref, '/bin/busybox');
	assert.equal(facts.dpkgArch?.value, 'arm64');
	assert.deepEqual([facts.dpkgArch?.source.ref, facts.dpkgArch?.source.line], ['/var/lib/dpkg/status', 6]);
	assert.equal(facts.longBit, undefined);
	assert.equal(facts.pageSize?.value, 16384);
	assert.equal(facts.pageSize?.source.kind, 'derived');
	assert.equal(facts.piRevision?.value.type, '5');
	assert.equal(facts.nodeArch, undefined);
	assert.equal(facts.osKind?.value, 'linux');
});

test('probeHost: Pi revision from the device tree or from a Revision line the board names', async () => {
	const fromDt = await probeHost(createMemoryHost({files: {'/proc/device-tree/system/linux,revision': Uint8Array.from([0x00, 0xc0, 0x31, 0x11])}}));
	assert.equal(fromDt.piRevision?.value.type, '4B');
	assert.equal(fromDt.piRevision?.source.ref, '/proc/device-tree/system/linux,revision');

	const bare = 'processor : 0\nCPU implementer : 0x41\nCPU architecture: 8\nCPU part : 0xd03\n\nRevision : 902120\n';
	const fromCpuinfo = await probeHost(createMemoryHost({files: {'/proc/cpuinfo': bare, '/proc/device-tree/model': 'Raspberry Pi Zero 2 W Rev 1.0\0'}}));
	assert.equal(fromCpuinfo.piRevision?.value.type, 'Zero 2 W');
	assert.equal(fromCpuinfo.piRevision?.source.ref, '/proc/cpuinfo');
});

test('probeHost: Node under Rosetta on Apple Silicon', async () => {
	const facts = await probeHost(
		createMemoryHost({
			kind: 'live',
			uname: {sysname: 'Darwin', release: '23.5.0', machine: 'x86_64'},
			node: {arch: 'x64', platform: 'darwin', version: 'v20.0.0'},
			commands: {
				'sysctl -in sysctl.proc_translated': said('1\n'),
				'sysctl -in hw.optional.arm64': said('1\n'),
				'sysctl -n machdep.cpu.brand_string': said('Apple M2\n'),
				'sw_vers -productVersion': said('14.5\n'),
				'getconf LONG_BIT': said('64\n'),
			},
		}),
	);
	assert.equal(facts.osKind?.value, 'darwin');
	assert.equal(facts.rosettaTranslated?.value, true);
	assert.equal(facts.arm64Capable?.value, true);
	assert.equal(facts.cpuModel?.value, 'Apple M2');
	assert.equal(facts.osVersion?.value, '14.5');
	assert.equal(facts.nodeArch?.value, 'x64');
	assert.equal(facts.kernelMachine?.value, 'x86_64');
	assert.equal(facts.wsl?.value, 'none');
	assert.equal(facts.inContainer, undefined);
});

test('probeHost: an Intel Mac answers the Apple Silicon keys with nothing → false', async () => {
	const facts = await probeHost(
		createMemoryHost({
			kind: 'live',
			node: {arch: 'x64', platform: 'darwin', version: 'v20.0.0'},
			commands: {'sysctl -in sysctl.proc_translated': said(''), 'sysctl -in hw.optional.arm64': said('')},
		}),
	);
	assert.equal(facts.rosettaTranslated?.value, false);
	assert.equal(facts.arm64Capable?.value, false);
});

test('probeHost: x64 Node on ARM64 Windows; no Linux commands are run', async () => {
	const ran: string[] = [];
	const base = createMemoryHost({
		kind: 'live',
		uname: {sysname: 'Windows_NT', release: '10.0.22631', machine: 'x86_64'},
		node: {arch: 'x64', platform: 'win32', version: 'v20.0.0'},
		env: {
			PROCESSOR_ARCHITECTURE: 'AMD64',
			PROCESSOR_IDENTIFIER: 'ARMv8 (64-bit) Family 8 Model 1 Revision 201, Qualcomm Technologies Inc',
			NUMBER_OF_PROCESSORS: '8',
		},
	});
	const host: Host = {...base, run: async (file, args, options) => (ran.push(file), base.run(file, args, options))};
	const facts = await probeHost(host);
	assert.equal(facts.osKind?.value, 'windows');
	assert.equal(facts.kernelMachine?.value, 'arm64');
	assert.equal(facts.kernelMachine?.source.kind, 'env');
	assert.equal(facts.cpuCount?.value, 8);
	assert.equal(facts.osVersion?.value, '10.0.22631');
	assert.equal(facts.nodeArch?.value, 'x64');
	assert.equal(facts.wsl?.value, 'none');
	assert.deepEqual(ran, []);
});

test('probeHost: WSL2 and WSL1', async () => {
	const wsl2 = await probeHost(
		createMemoryHost({
			uname: {sysname: 'Linux', release: '5.15.153.1-microsoft-standard-WSL2', machine: 'x86_64'},
			env: {WSL_DISTRO_NAME: 'Ubuntu', WSL_INTEROP: '/run/WSL/1_interop'},
		}),
	);
	assert.equal(wsl2.wsl?.value, 'wsl2');
	assert.equal(wsl2.wsl?.source.kind, 'uname');
	assert.equal(wsl2.wslDistro?.value, 'Ubuntu');

	const wsl1 = await probeHost(
		createMemoryHost({
			files: {'/proc/version': 'Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #1237-Microsoft\n'},
			env: {WSL_DISTRO_NAME: 'Debian'},
		}),
	);
	assert.equal(wsl1.wsl?.value, 'wsl1');
	assert.equal(wsl1.wsl?.source.ref, '/proc/version');

	const customKernel = await probeHost(createMemoryHost({uname: {sysname: 'Linux', release: '6.9.0-custom'}, env: {WSL_INTEROP: '/run/WSL/1_interop'}}));
	assert.equal(customKernel.wsl?.value, 'wsl2');
	assert.equal(customKernel.wsl?.source.kind, 'env');

	assert.equal((await probeHost(createMemoryHost({}))).wsl, undefined);
});

test('probeHost: container markers', async () => {
	const cases: readonly [MemoryHostSpec, string | false | undefined][] = [
		[{files: {'/.dockerenv': ''}}, 'docker'],
		[{files: {'/run/.containerenv': 'engine="podman-4.9"'}}, 'podman'],
		[{env: {container: 'lxc'}}, 'lxc'],
		[{files: {'/proc/1/cgroup': '12:pids:/kubepods/besteffort/pod1/abc\n'}}, 'container'],
		[{files: {'/proc/1/cgroup': '0::/\n', '/proc/self/mountinfo': '1 0 0:1 / / rw - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/X\n'}}, 'docker'],
		[{files: {'/proc/1/cgroup': '0::/init.scope\n'}}, false],
		[{}, undefined],
	];
	for (const [spec, expected] of cases) {
		const facts = await probeHost(createMemoryHost({uname: {sysname: 'Linux'}, ...spec}));
		assert.equal(facts.inContainer?.value, expected, JSON.stringify(spec));
	}
});

test('probeHost: a 16K-page kernel is recognised from its release only when getconf is silent', async () => {
	for (const [release, expected] of [
		['6.6.31+rpt-rpi-2712', 16384],
		['6.8.9-400.asahi.fc40.aarch64+16k', 16384],
		['6.6.31+rpt-rpi-v8', undefined],
	] as const) {
		const facts = await probeHost(createMemoryHost({uname: {sysname: 'Linux', release}}));
		assert.equal(facts.pageSize?.value, expected, release);
	}
});

test('probeHost: garbage files and a host that throws give unknowns, never an exception', async () => {
	const noise = Uint8Array.from({length: 4096}, (_, i) => (i * 7919) % 256);
	const garbage = await probeHost(
		createMemoryHost({
			files: {'/proc/cpuinfo': noise, '/bin/sh': noise, '/etc/os-release': noise, '/proc/device-tree/model': noise},
			commands: {'dpkg --print-architecture': said('dpkg: error\n'), 'getconf LONG_BIT': said('lots\n')},
			kind: 'live',
		}),
	);
	assert.equal(garbage.userlandElf, undefined);
	assert.equal(garbage.dpkgArch, undefined);
	assert.equal(garbage.longBit, undefined);

	const broken = async (): Promise<never> => {
		throw new Error('broken seam');
	};
	const host: Host = {
		...createMemoryHost(),
		readFile: broken,
		readText: broken,
		listDir: broken,
		exists: broken,
		uname: broken,
		run: broken,
	};
	const facts = await probeHost(host);
	assert.equal(facts.kernelMachine, undefined);
	assert.equal(facts.userlandElf, undefined);
});
