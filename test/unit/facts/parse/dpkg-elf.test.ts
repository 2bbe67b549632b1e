import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {debianArchOfElf} from '../../../../source/facts/parse/dpkg-elf.js';
import {DPKG_PROGRAM_HEADERS, dpkgProgramHeader} from './dpkg-program-headers.js';

for (const arch of Object.keys(DPKG_PROGRAM_HEADERS)) {
	test(`debianArchOfElf: Debian's own ${arch} dpkg program → ${arch}`, () => {
		assert.equal(debianArchOfElf(dpkgProgramHeader(arch)), arch);
	});
}

test('debianArchOfElf: armel and armhf differ only in the float-ABI flag', () => {
	const hard = dpkgProgramHeader('armhf');
	const none = hard.slice();
	none[37] = 0; // e_flags without EF_ARM_ABI_FLOAT_HARD or _SOFT: an old ABI the header cannot name
	assert.equal(debianArchOfElf(none), undefined);
});

test('debianArchOfElf: a short, foreign or unknown header → undefined (dpkg itself is asked then)', () => {
	assert.equal(debianArchOfElf(dpkgProgramHeader('amd64').subarray(0, 40)), undefined);
	assert.equal(debianArchOfElf(new TextEncoder().encode('#!/bin/sh\nexec /usr/bin/dpkg.real "$@"\n'.padEnd(64))), undefined);
	const powerpc = dpkgProgramHeader('i386').slice();
	powerpc[18] = 0x14; // EM_PPC: 32-bit powerpc is not in the table
	assert.equal(debianArchOfElf(powerpc), undefined);
});

test('debianArchOfElf never throws on arbitrary bytes', () => {
	fc.assert(
		fc.property(fc.uint8Array({maxLength: 80}), bytes => {
			const withMagic = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, ...bytes]);
			const arch = debianArchOfElf(withMagic);
			assert.ok(arch === undefined || typeof arch === 'string');
		}),
	);
});
