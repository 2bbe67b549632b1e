import assert from 'node:assert/strict';
import {test} from 'node:test';
import {probeHost} from '../../../../source/facts/host/probe-host.js';
import type {CommandResult} from '../../../../source/facts/seam/host.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';
import {auxv} from '../parse/auxv-bytes.js';
import {ELF} from '../parse/elf-bytes.js';

const said = (stdout: string): CommandResult => ({ok: true, stdout, stderr: '', exitCode: 0});
const node = {arch: 'arm64', platform: 'linux', version: 'v20.0.0'};

test('probeHost: the page size and LONG_BIT come from files, without getconf', async () => {
	const ran: string[] = [];
	const base = createMemoryHost({
		kind: 'live',
		node,
		uname: {sysname: 'Linux', release: '6.6.31+rpt-rpi-2712', machine: 'aarch64'},
		files: {'/proc/self/auxv': auxv([[6, 16384]], 8), '/bin/sh': ELF.aarch64()},
		commands: {'dpkg --print-architecture': said('arm64\n'), 'getconf PAGESIZE': said('4096\n'), 'getconf LONG_BIT': said('32\n')},
	});
	const facts = await probeHost({...base, run: async (file, args, options) => (ran.push([file, ...args].join(' ')), base.run(file, args, options))});
	assert.equal(facts.pageSize?.value, 16384);
	assert.deepEqual(facts.pageSize?.source, {kind: 'file', ref: '/proc/self/auxv', excerpt: 'AT_PAGESZ 16384'});
	assert.equal(facts.longBit?.value, 64);
	assert.deepEqual(facts.longBit?.source, {kind: 'file', ref: '/bin/sh'});
	assert.equal(facts.dpkgArch?.source.kind, 'command');
	assert.deepEqual(ran, ['dpkg --print-architecture']);
});

test('probeHost: getconf answers when auxv and /bin/sh cannot be read', async () => {
	const facts = await probeHost(
		createMemoryHost({
			kind: 'live',
			node,
			uname: {sysname: 'Linux', release: '6.6.31+rpt-rpi-2712'},
			files: {'/proc/self/auxv': Uint8Array.from([1, 2, 3])},
			commands: {'getconf PAGESIZE': said('4096\n'), 'getconf LONG_BIT': said('64\n')},
		}),
	);
	assert.equal(facts.pageSize?.value, 4096);
	assert.equal(facts.pageSize?.source.ref, 'getconf PAGESIZE');
	assert.equal(facts.longBit?.source.ref, 'getconf LONG_BIT');
});
