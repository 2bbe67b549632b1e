import assert from 'node:assert/strict';
import {test} from 'node:test';
import {kernelMachineFromCpuinfo, parseCpuinfo} from '../../../../source/facts/parse/cpuinfo.js';
import {fileSourceAt, pasteSourceAt} from '../../../../source/facts/parse/source-at.js';
import * as samples from './cpuinfo-samples.js';

const at = fileSourceAt('/proc/cpuinfo');

const cases = [
	{
		name: 'x86-64',
		text: samples.X86_64,
		expect: {cpuModel: 'Intel(R) Core(TM) i7-8700 CPU @ 3.20GHz', cpuCount: 2, cpuArchitecture: undefined, cpuArmModelName: undefined, machineHint: undefined},
	},
	{
		name: 'Pi 1 on an old kernel',
		text: samples.PI1_OLD_KERNEL,
		expect: {cpuModel: 'ARM1176', cpuArchitecture: '7', cpuArmModelName: 'ARMv6-compatible processor rev 7 (v6l)', cpuHardware: 'BCM2708', cpuCount: undefined, revision: '1000000e'},
	},
	{
		name: 'Pi Zero W',
		text: samples.PI_ZERO_W,
		expect: {cpuModel: 'ARM1176', cpuArchitecture: '7', cpuArmModelName: 'ARMv6-compatible processor rev 7 (v6l)', cpuCount: 1, model: 'Raspberry Pi Zero W Rev 1.1'},
	},
	{
		name: 'Pi 3 armv7l',
		text: samples.PI3_ARMV7,
		expect: {cpuModel: 'Cortex-A53', cpuArchitecture: '7', cpuArmModelName: 'ARMv7 Processor rev 4 (v7l)', cpuCount: 4, cpuImplementer: '0x41', cpuPart: '0xd03'},
	},
	{
		name: 'Pi 4 arm64',
		text: samples.PI4_ARM64,
		expect: {cpuModel: 'Cortex-A72', cpuArchitecture: '8', cpuArmModelName: undefined, cpuHardware: undefined, cpuCount: 2, revision: 'c03111'},
	},
	{name: 'Pi 5, spaces around colons', text: samples.PI5_SPACES, expect: {cpuModel: 'Cortex-A76', cpuArchitecture: '8', cpuCount: 1}},
	{name: 's390x', text: samples.S390X, expect: {cpuCount: 2, machineHint: 's390x', cpuArchitecture: undefined}},
	{name: 'ppc64le', text: samples.PPC64LE, expect: {cpuModel: 'POWER9 (architected), altivec supported', machineHint: 'ppc64le', revision: undefined, model: undefined, cpuCount: 1}},
	{name: 'riscv64', text: samples.RISCV64, expect: {machineHint: 'riscv64', cpuModel: 'sifive,u74-mc', cpuCount: 1}},
	{name: 'loongarch64', text: samples.LOONGARCH64, expect: {machineHint: 'loongarch64', cpuModel: 'Loongson-3A5000', cpuCount: 1}},
] as const;

for (const {name, text, expect} of cases) {
	test(`parseCpuinfo: ${name}`, () => {
		const facts = parseCpuinfo(text, at) as Record<string, {value: unknown} | undefined>;
		for (const [key, value] of Object.entries(expect)) {
			assert.deepEqual(facts[key]?.value, value, key);
		}
	});
}

test('parseCpuinfo: x86 flags include lm, cited at their line', () => {
	const facts = parseCpuinfo(samples.X86_64, at);
	assert.ok(facts.cpuFlags?.value.includes('lm'));
	assert.equal(facts.cpuFlags?.source.line, 6);
	assert.equal(facts.cpuFlags?.source.ref, '/proc/cpuinfo');
});

test('parseCpuinfo: the first core wins', () => {
	const text = ['processor : 0', 'CPU architecture: 7', 'CPU part : 0xd03', '', 'processor : 1', 'CPU architecture: 8', 'CPU part : 0xd08'].join('\n');
	const facts = parseCpuinfo(text, at);
	assert.equal(facts.cpuArchitecture?.value, '7');
	assert.equal(facts.cpuArchitecture?.source.line, 2);
	assert.equal(facts.cpuPart?.value, '0xd03');
});

test('parseCpuinfo: Raspberry Pi revisions are decoded, other boards are not', () => {
	assert.equal(parseCpuinfo(samples.PI3_ARMV7, at).piRevision?.value.type, '3B');
	assert.equal(parseCpuinfo(samples.PI4_ARM64, at).piRevision?.value.processor, 'BCM2711');
	assert.equal(parseCpuinfo(samples.PI5_SPACES, at).piRevision?.value.type, '5');
	assert.equal(parseCpuinfo(samples.PI_ZERO_W, at).piRevision?.value.type, 'Zero W');
	assert.equal(parseCpuinfo(samples.PI1_OLD_KERNEL, at).piRevision?.value.type, 'B');
	const other = parseCpuinfo('processor : 0\nCPU implementer : 0x41\nHardware : Allwinner sun8i\nRevision : 0000\n', at);
	assert.equal(other.piRevision, undefined);
	assert.equal(other.revision?.value, '0000');
});

test('parseCpuinfo: CRLF and a paste cite the pasted lines', () => {
	const facts = parseCpuinfo(samples.PI4_ARM64.replace(/\n/g, '\r\n'), pasteSourceAt(10));
	assert.equal(facts.cpuArchitecture?.value, '8');
	assert.equal(facts.cpuArchitecture?.source.kind, 'paste');
	assert.equal(facts.cpuArchitecture?.source.line, 14);
});

test('parseCpuinfo: an unknown ARM part falls back to the vendor, then the model name', () => {
	assert.equal(parseCpuinfo('processor : 0\nCPU implementer : 0x41\nCPU part : 0xfff\n', at).cpuModel?.value, 'Arm part 0xfff');
	assert.equal(parseCpuinfo('processor : 0\nCPU implementer : 0x61\nCPU part : 0x022\n', at).cpuModel?.value, 'Apple');
	assert.equal(parseCpuinfo('processor : 0\nmodel name : ARMv7 Processor rev 1 (v7l)\nCPU implementer : 0x99\n', at).cpuModel?.value, 'ARMv7 Processor rev 1 (v7l)');
});

test('parseCpuinfo: empty and garbage give no facts', () => {
	assert.deepEqual(parseCpuinfo('', at), {});
	assert.deepEqual(parseCpuinfo('\0\0\0::::\n:\n \n', at), {});
});

test('parseCpuinfo: 10 MB of random bytes do not throw and take under a second', () => {
	const bytes = new Uint8Array(10 * 1024 * 1024);
	for (let offset = 0; offset < bytes.length; offset += 65536) crypto.getRandomValues(bytes.subarray(offset, offset + 65536));
	const text = Buffer.from(bytes).toString('utf8');
	const started = performance.now();
	parseCpuinfo(text, at);
	assert.ok(performance.now() - started < 1000);
});

test('kernelMachineFromCpuinfo: the kernel a cpuinfo implies, cited as derived from its line', () => {
	const vendorArm64 = 'processor : 0\nmodel name : ARMv8 Processor rev 1 (v8l)\nFeatures : fp asimd evtstrm aes\nCPU implementer : 0x41\nCPU architecture: 8\n';
	const i686 = 'processor : 0\nvendor_id : AuthenticAMD\ncpu family : 15\nmodel name : AMD Athlon 64\nfdiv_bug : no\nf00f_bug : no\nflags : fpu lm\n';
	const cases = [
		[samples.PI1_OLD_KERNEL, 'armv6l'],
		[samples.PI_ZERO_W, 'armv6l'],
		[samples.PI3_ARMV7, 'armv7l'],
		[samples.PI4_ARM64, 'aarch64'],
		[samples.PI5_SPACES, 'aarch64'],
		[vendorArm64, 'aarch64'],
		[samples.S390X, 's390x'],
		[samples.PPC64LE, 'ppc64le'],
		[samples.RISCV64, 'riscv64'],
		[samples.LOONGARCH64, 'loongarch64'],
		[i686, 'i686'],
		[samples.X86_64, undefined],
		['', undefined],
	] as const;
	for (const [text, machine] of cases) {
		const derived = kernelMachineFromCpuinfo(parseCpuinfo(text, at));
		assert.equal(derived?.value, machine, text.slice(0, 40));
		if (derived) assert.equal(derived.source.kind, 'derived');
	}
});
