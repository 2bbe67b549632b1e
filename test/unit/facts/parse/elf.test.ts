import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseElfHeader} from '../../../../source/facts/parse/elf.js';
import {elfHeader} from './elf-bytes.js';

const cases = [
	{machine: 0x28, bits: 32, name: 'arm'},
	{machine: 0xb7, bits: 64, name: 'aarch64'},
	{machine: 0x3e, bits: 64, name: 'x86-64'},
	{machine: 0x03, bits: 32, name: 'i386'},
	{machine: 0x15, bits: 64, name: 'ppc64'},
	{machine: 0x16, bits: 64, name: 's390'},
	{machine: 0xf3, bits: 64, name: 'riscv'},
	{machine: 0x102, bits: 64, name: 'loongarch'},
	{machine: 0x08, bits: 32, name: 'mips'},
	{machine: 0x99, bits: 32, name: 'unknown:0x99'},
] as const;

for (const {machine, bits, name} of cases) {
	test(`parseElfHeader: e_machine 0x${machine.toString(16)} → ${name}`, () => {
		assert.deepEqual(parseElfHeader(elfHeader(machine, bits)), {bits, machine: name, littleEndian: true});
	});
}

test('parseElfHeader: reads e_machine in the header’s byte order', () => {
	assert.deepEqual(parseElfHeader(elfHeader(0x16, 64, false)), {bits: 64, machine: 's390', littleEndian: false});
	assert.equal(parseElfHeader(elfHeader(0x15, 64, false))?.machine, 'ppc64');
});

test('parseElfHeader: not an ELF → undefined', () => {
	const macho = Uint8Array.from([0xcf, 0xfa, 0xed, 0xfe, 0x0c, 0x00, 0x00, 0x01, ...new Array(24).fill(0)]);
	assert.equal(parseElfHeader(macho), undefined);
	assert.equal(parseElfHeader(new TextEncoder().encode('#!/bin/sh\necho hello world\n')), undefined);
	assert.equal(parseElfHeader(elfHeader(0x3e, 64).subarray(0, 19)), undefined);
	const badClass = elfHeader(0x3e, 64);
	badClass[4] = 3;
	assert.equal(parseElfHeader(badClass), undefined);
});
