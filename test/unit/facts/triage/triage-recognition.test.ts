import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Fact} from '../../../../source/facts/fact.js';
import {parseCpuinfo} from '../../../../source/facts/parse/cpuinfo.js';
import {pasteSourceAt} from '../../../../source/facts/parse/source-at.js';
import {splitPaste} from '../../../../source/facts/triage/paste-lines.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';

const lines = (...text: string[]) => text.join('\n');
/** Value and cited line of a fact, in one comparable shape. */
const at = <T>(f: Fact<T> | undefined) => (f === undefined ? undefined : {value: f.value, line: f.source.line});

describe('uname -a recognised by its shape', () => {
	it('after a `~ $` prompt in a bash fence, with a #1-Microsoft version (WSL 1)', () => {
		const {host} = triageText(lines('```bash', ' ~ $ uname -a', 'Linux EvePC 4.4.0-43-Microsoft #1-Microsoft Wed Dec 31 14:42:53 PST 2014 x86_64 x86_64 x86_64 GNU/Linux', '```'));
		assert.deepEqual(at(host.kernelMachine), {value: 'x86_64', line: 3});
		assert.deepEqual(at(host.kernelRelease), {value: '4.4.0-43-Microsoft', line: 3});
		assert.deepEqual(at(host.wsl), {value: 'wsl1', line: 3});
		assert.deepEqual(at(host.osKind), {value: 'linux', line: 3});
	});

	it('inside a fence opened and closed on its own line', () => {
		const {host} = triageText(
			lines(' - [x] Kernel version from `uname -a`', '```Linux localhost.localdomain 3.10.0-957.21.3.el7.x86_64 #1 SMP Tue Jun 18 16:35:19 UTC 2019 x86_64 x86_64 x86_64 GNU/Linux```'),
		);
		assert.deepEqual(at(host.kernelMachine), {value: 'x86_64', line: 2});
		assert.deepEqual(at(host.kernelRelease), {value: '3.10.0-957.21.3.el7.x86_64', line: 2});
	});

	it('a bare line whose version reads #39-Ubuntu or #38~18.04.1-Ubuntu', () => {
		const bare = triageText(lines(' - [ ] Kernel version from `uname -a`', 'Linux m97 4.4.0-70-generic #91-Ubuntu SMP Wed Mar 22 12:46:23 UTC 2017 ppc64le ppc64le ppc64le GNU/Linux'));
		assert.deepEqual(at(bare.host.kernelMachine), {value: 'ppc64le', line: 2});
		const hwe = triageText('Linux HOSTNAME 5.3.0-46-generic #38~18.04.1-Ubuntu SMP Tue Mar 31 04:17:56 UTC 2020 x86_64 x86_64 x86_64 GNU/Linux');
		assert.deepEqual(at(hwe.host.kernelRelease), {value: '5.3.0-46-generic', line: 1});
		assert.deepEqual(at(hwe.host.kernelMachine), {value: 'x86_64', line: 1});
	});

	it('in inline code inside prose', () => {
		const {host} = triageText(
			lines('Here is the output of uname -a:', 'see `Linux jetson-0420719082691 4.9.108-tegra #2 SMP PREEMPT Wed Oct 31 15:11:49 PDT 2018 aarch64 aarch64 aarch64 GNU/Linux` here'),
		);
		assert.deepEqual(at(host.kernelMachine), {value: 'aarch64', line: 2});
		assert.deepEqual(at(host.kernelRelease), {value: '4.9.108-tegra', line: 2});
	});

	it('macOS Darwin, BusyBox and a line cut before the machine', () => {
		const mac = triageText('Darwin mbp 23.1.0 Darwin Kernel Version 23.1.0: Mon Oct  9 21:28:45 PDT 2023; root:xnu-10002.41.9~6/RELEASE_ARM64_T6000 arm64');
		assert.deepEqual(at(mac.host.kernelMachine), {value: 'arm64', line: 1});
		assert.deepEqual(at(mac.host.osKind), {value: 'darwin', line: 1});
		assert.equal(mac.host.kernelRelease?.value, '23.1.0');
		const busybox = triageText('Linux pi 5.10.17+ #1403 Mon Feb 22 11:26:13 GMT 2021 armv6l Linux');
		assert.equal(busybox.host.kernelMachine?.value, 'armv6l');
		const cut = triageText(lines('x', 'Linux raspberrypi 6.1.0-rpi7-rpi-v7 #1 SMP Raspbian 1:6.1.63-1+rpt1'));
		assert.deepEqual(at(cut.host.kernelRelease), {value: '6.1.0-rpi7-rpi-v7', line: 2});
		assert.equal(cut.host.kernelMachine, undefined);
	});

	it('old coreutils "unknown" fields are skipped; the machine is the first of the trailing ones', () => {
		assert.equal(triageText('Linux box 2.6.32 #1 SMP Fri Jan 1 00:00:00 UTC 2010 i686 unknown unknown GNU/Linux').host.kernelMachine?.value, 'i686');
	});

	it('after `uname -a` the version may lack its #', () => {
		const {host} = triageText(lines('$ uname -a', 'Linux host 5.15.0-1034-raspi SMP PREEMPT aarch64 GNU/Linux'));
		assert.deepEqual(at(host.kernelMachine), {value: 'aarch64', line: 2});
	});

	it("prose announcing `uname -a` ends a container's output, whose own uname is never the host's", () => {
		const {host} = triageText(
			lines(
				'`sudo docker run -it --runtime nvidia devicequery`',
				'Linux 3f2a9c1b 4.9.108-tegra #2 SMP PREEMPT Wed Oct 31 15:11:49 PDT 2018 x86_64 Linux',
				'',
				'Here is the output of uname -a',
				'`Linux jetson 4.9.108-tegra #2 SMP PREEMPT Wed Oct 31 15:11:49 PDT 2018 aarch64 aarch64 aarch64 GNU/Linux`',
			),
		);
		assert.deepEqual(at(host.kernelMachine), {value: 'aarch64', line: 5});
	});

	it('after its one line, `uname -a` reads nothing more, and "my arch" in prose announces nothing', () => {
		const {host} = triageText(lines('$ uname -a', 'Linux pi 6.1.0 #1 SMP aarch64 GNU/Linux', 'Linux users 2.0 said so'));
		assert.deepEqual(at(host.kernelRelease), {value: '6.1.0', line: 2});
		assert.deepEqual(triageText(lines('Which image fits my arch', 'it runs 5.10 fine')).host, {});
	});

	it('prose and /proc/version are not uname -a', () => {
		assert.deepEqual(triageText('No specific setup files for #1-Microsoft Wed Dec 31 14:42:53 PST 2014 yet').host, {});
		const proc = triageText('Linux version 5.15.0 (builder@host) (gcc 11) #1 SMP aarch64');
		assert.equal(proc.host.kernelMachine, undefined);
		assert.equal(proc.host.procVersion?.source.line, 1);
	});
});

describe('OrbStack diagnostic header', () => {
	const report = (cpu: string, model: string) =>
		lines(
			'### Diagnostic report (REQUIRED)',
			'',
			'OrbStack info:',
			'  Version: 2.0.5',
			'  Commit: cfe4762 (v2.0.5)',
			'',
			'System info:',
			'  macOS: 26.3.1 (25D2128)',
			`  CPU: ${cpu}`,
			`  CPU model: ${model}`,
			'  Memory: 16 GiB',
		);

	it('Apple Silicon: darwin, arm64, the CPU model, and the engine is OrbStack', () => {
		const {host, engine} = triageText(report('arm64, 8 cores', 'Apple M1'));
		assert.deepEqual(at(host.osKind), {value: 'darwin', line: 8});
		assert.deepEqual(at(host.osVersion), {value: '26.3.1', line: 8});
		assert.deepEqual(at(host.kernelMachine), {value: 'arm64', line: 9});
		assert.deepEqual(at(host.cpuCount), {value: 8, line: 9});
		assert.deepEqual(at(host.cpuModel), {value: 'Apple M1', line: 10});
		assert.deepEqual(at(engine?.productHint), {value: 'orbstack', line: 3});
		// The OrbStack app's version is not the engine's.
		assert.equal(engine?.serverVersion, undefined);
	});

	it('Intel: Go says amd64, uname on a Mac says x86_64', () => {
		assert.deepEqual(at(triageText(report('amd64, 16 cores', 'Intel(R) Core(TM) i9-9880H CPU @ 2.30GHz')).host.kernelMachine), {value: 'x86_64', line: 9});
	});
});

describe('engine outputs', () => {
	it('podman info YAML opening with its Client part: host.arch, client OsArch, product', () => {
		const {engine} = triageText(
			lines('```yaml', 'Client:', '  APIVersion: 6.0.2', '  Os: darwin', '  OsArch: darwin/arm64', '  Version: 6.0.2', 'host:', '  arch: arm64', '  kernel: 7.1.3-200.fc44.aarch64', '```'),
		);
		assert.deepEqual(at(engine?.clientOsArch), {value: 'darwin/arm64', line: 5});
		assert.deepEqual(at(engine?.versionArch), {value: 'arm64', line: 8});
		assert.deepEqual(at(engine?.kernelVersion), {value: '7.1.3-200.fc44.aarch64', line: 9});
		assert.equal(engine?.productHint?.value, 'podman');
		assert.equal(engine?.serverVersion, undefined);
	});

	it('docker info cut between Client and the server keys: server-only keys name the engine', () => {
		const {engine} = triageText(
			lines(
				'Client: Docker Engine - Community',
				' Version:    24.0.6',
				' Context:    default',
				'',
				'Kernel Version: 6.1.21-v8+',
				' Operating System: Raspbian GNU/Linux 11 (bullseye)',
				' OSType: linux',
				' Architecture: aarch64',
			),
		);
		assert.deepEqual(at(engine?.infoArchitecture), {value: 'aarch64', line: 8});
		assert.deepEqual(at(engine?.kernelVersion), {value: '6.1.21-v8+', line: 5});
		assert.deepEqual(at(engine?.operatingSystem), {value: 'Raspbian GNU/Linux 11 (bullseye)', line: 6});
		// The client's Version is not the engine's.
		assert.equal(engine?.serverVersion, undefined);
	});

	it('one-line `docker info --format "{{json .}}"` longer than a text line may be', () => {
		const json = JSON.stringify({ID: 'x', Driver: 'overlay2', Padding: 'p'.repeat(3000), KernelVersion: '4.9.0-8-amd64', OSType: 'linux', Architecture: 'x86_64', ServerVersion: '18.09.0'});
		const {engine} = triageText(lines("$ docker info --format '{{json .}}'", json));
		assert.deepEqual(at(engine?.infoArchitecture), {value: 'x86_64', line: 2});
		assert.equal(engine?.serverVersion?.value, '18.09.0');
		assert.equal(splitPaste(`  ${json}`)[0]!.text.length, json.length + 2);
		assert.equal(splitPaste('x'.repeat(5000))[0]!.text.length, 1000);
	});
});

describe('cpuinfo machine hints', () => {
	const hint = (...text: string[]) => parseCpuinfo(lines(...text), pasteSourceAt(1)).machineHint;
	const x86 = (bugs: boolean, flags: string) => [
		'processor\t: 0',
		'vendor_id\t: AuthenticAMD',
		'cpu family\t: 16',
		'model name\t: AMD Engineering Sample',
		...(bugs ? ['fdiv_bug\t: no', 'hlt_bug\t\t: no', 'f00f_bug\t: no', 'coma_bug\t: no'] : []),
		'fpu\t\t: yes',
		'fpu_exception\t: yes',
		'cpuid level\t: 5',
		'wp\t\t: yes',
		`flags\t\t: ${flags}`,
	];

	it('x86: the 32-bit kernel bug lines give i686, their absence with lm gives x86_64', () => {
		assert.deepEqual(at(hint(...x86(true, 'fpu vme cx8 lm sse sse2'))), {value: 'i686', line: 5});
		assert.deepEqual(at(hint(...x86(false, 'fpu vme cx8 lm sse sse2'))), {value: 'x86_64', line: 9});
		assert.equal(hint(...x86(false, 'fpu vme cx8 sse sse2')), undefined);
		// Cut before the lines that surround the bug lines: nothing can be told.
		assert.equal(hint('processor\t: 0', 'vendor_id\t: GenuineIntel', 'flags\t\t: fpu lm'), undefined);
	});

	it('s390x, POWER, RISC-V, LoongArch and MIPS', () => {
		assert.deepEqual(at(hint('vendor_id       : IBM/S390', '# processors    : 2')), {value: 's390x', line: 1});
		assert.deepEqual(at(hint('processor\t: 0', 'cpu\t\t: POWER8 (raw), altivec supported', 'platform\t: PowerNV')), {value: 'ppc64le', line: 2});
		assert.deepEqual(at(hint('processor\t: 0', 'cpu\t\t: POWER7 (architected), altivec supported', 'platform\t: pSeries')), {value: 'ppc64', line: 2});
		assert.deepEqual(at(hint('processor\t: 0', 'hart\t\t: 0', 'isa\t\t: rv64imafdc')), {value: 'riscv64', line: 3});
		assert.deepEqual(at(hint('system type\t\t: generic-loongson-machine', 'processor\t\t: 0', 'CPU Family\t\t: Loongson-64bit')), {value: 'loongarch64', line: 3});
		assert.deepEqual(at(hint('system type\t\t: Atheros AR7161 rev 2', 'processor\t\t: 0', 'cpu model\t\t: MIPS 24Kc V7.4')), {value: 'mips', line: 3});
		assert.deepEqual(
			at(
				hint(
					'system type\t\t: generic-loongson-machine',
					'processor\t\t: 0',
					'cpu model\t\t: ICT Loongson-3 V0.1  FPU V0.1',
					'isa\t\t\t: mips1 mips2 mips3 mips4 mips5 mips32r1 mips32r2 mips64r1 mips64r2',
				),
			),
			{value: 'mips64', line: 4},
		);
	});

	it('triage: a later uname wins over the cpuinfo hint; without one the hint is the kernel machine', () => {
		const cpuinfo = ['$ cat /proc/cpuinfo', ...x86(true, 'fpu cx8 lm')];
		const withUname = triageText(lines(...cpuinfo, '', '$ uname -m', 'i686'));
		assert.deepEqual(at(withUname.host.kernelMachine), {value: 'i686', line: 17});
		assert.deepEqual(at(withUname.host.machineHint), {value: 'i686', line: 6});
		assert.deepEqual(at(triageText(lines(...cpuinfo)).host.kernelMachine), {value: 'i686', line: 6});
	});
});
