import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
	debianArchToPlatform,
	formatPlatform,
	isDebianArch,
	isUnameMachine,
	unameToPlatform,
} from '../../../../source/facts/parse/arch-names.js';

const unameCases = [
	['aarch64', 'linux/arm64/v8'],
	['arm64', 'linux/arm64/v8'],
	['armv8l', 'linux/arm/v8'],
	['armv7l', 'linux/arm/v7'],
	['armv6l', 'linux/arm/v6'],
	['armv5tel', 'linux/arm/v5'],
	['x86_64', 'linux/amd64'],
	['amd64', 'linux/amd64'],
	['i386', 'linux/386'],
	['i686', 'linux/386'],
	['ppc64le', 'linux/ppc64le'],
	['ppc64', 'linux/ppc64'],
	['s390x', 'linux/s390x'],
	['riscv64', 'linux/riscv64'],
	['loongarch64', 'linux/loong64'],
	['mips64', 'linux/mips64'],
	['mipsel', 'linux/mipsle'],
] as const;

for (const [machine, platform] of unameCases) {
	test(`unameToPlatform: ${machine} → ${platform}`, () => {
		assert.ok(isUnameMachine(machine));
		const mapped = unameToPlatform(machine);
		assert.ok(mapped);
		assert.equal(formatPlatform(mapped), platform);
	});
}

const debianCases = [
	['armhf', 'linux/arm/v7'],
	['armel', 'linux/arm/v6'],
	['arm64', 'linux/arm64/v8'],
	['amd64', 'linux/amd64'],
	['i386', 'linux/386'],
	['ppc64el', 'linux/ppc64le'],
	['s390x', 'linux/s390x'],
	['riscv64', 'linux/riscv64'],
	['loong64', 'linux/loong64'],
	['mips64el', 'linux/mips64le'],
] as const;

for (const [arch, platform] of debianCases) {
	test(`debianArchToPlatform: ${arch} → ${platform}`, () => {
		assert.ok(isDebianArch(arch));
		const mapped = debianArchToPlatform(arch);
		assert.ok(mapped);
		assert.equal(formatPlatform(mapped), platform);
	});
}

test('arch names: unknown words are neither', () => {
	for (const word of ['', 'armhf', 'x86-64', 'toString', 'constructor', 'ARMv7 Processor']) assert.equal(isUnameMachine(word), false, word);
	for (const word of ['', 'aarch64', 'x86_64', 'toString', '__proto__']) {
		assert.equal(isDebianArch(word), false, word);
		assert.equal(debianArchToPlatform(word), undefined, word);
	}
	assert.equal(unameToPlatform('sparc64'), undefined);
	assert.equal(unameToPlatform('armv7 junk'), undefined);
});
