import assert from 'node:assert/strict';
import {test} from 'node:test';
import {isDebianArch, isUnameMachine} from '../../../../source/facts/parse/arch-names.js';
import {canonicalPlatform} from '../../../../source/diagnosis/platform.js';

const unameCases = [
	['aarch64', 'linux/arm64'],
	['arm64', 'linux/arm64'],
	['armv7l', 'linux/arm/v7'],
	['armv6l', 'linux/arm/v6'],
	['x86_64', 'linux/amd64'],
	['amd64', 'linux/amd64'],
	['i386', 'linux/386'],
	['i686', 'linux/386'],
	['ppc64le', 'linux/ppc64le'],
	['s390x', 'linux/s390x'],
	['riscv64', 'linux/riscv64'],
	['loongarch64', 'linux/loong64'],
] as const;

for (const [machine, platform] of unameCases) {
	test(`uname machine ${machine} → ${platform}`, () => {
		assert.ok(isUnameMachine(machine));
		assert.equal(canonicalPlatform(machine), platform);
	});
}

const debianCases = [
	['armhf', 'linux/arm/v7'],
	['armel', 'linux/arm/v6'],
	['arm64', 'linux/arm64'],
	['amd64', 'linux/amd64'],
	['i386', 'linux/386'],
	['ppc64el', 'linux/ppc64le'],
	['s390x', 'linux/s390x'],
	['riscv64', 'linux/riscv64'],
	['loong64', 'linux/loong64'],
] as const;

for (const [arch, platform] of debianCases) {
	test(`dpkg architecture ${arch} → ${platform}`, () => {
		assert.ok(isDebianArch(arch));
		assert.equal(canonicalPlatform(arch), platform);
	});
}

test('arch names: unknown words are neither', () => {
	for (const word of ['', 'armhf', 'x86-64', 'toString', 'constructor', 'ARMv7 Processor']) assert.equal(isUnameMachine(word), false, word);
	for (const word of ['', 'aarch64', 'x86_64', 'toString', '__proto__']) assert.equal(isDebianArch(word), false, word);
	assert.equal(canonicalPlatform('armv7 junk'), undefined);
});
