import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {archFromElfMagic, archFromName, parseBinfmtEntry, parseBinfmtRegistration} from '../../../../source/facts/parse/binfmt.js';
import {fileSourceAt} from '../../../../source/facts/parse/source-at.js';
import {probeEmulation} from '../../../../source/facts/engine/probe-emulation.js';
import {fact} from '../../../../source/facts/fact.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';

const DIR = '/proc/sys/fs/binfmt_misc';
const AARCH64 = `enabled
interpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P
flags: POCF
offset 0
magic 7f454c460201010000000000000000000200b700
mask ffffffffffffff00fffffffffffffffffeffffff
`;
const ARM_NO_F = `disabled
interpreter /usr/bin/qemu-arm-static
flags: OC
offset 0
magic 7f454c4601010100000000000000000002002800
mask ffffffffffffff00fffffffffffffffffeffffff
`;
const WSL = `enabled
interpreter /init
flags: PF
offset 0
magic 4d5a
`;
const ROSETTA = `enabled
interpreter /mnt/lima-rosetta/rosetta
flags: OCF
offset 0
magic 7f454c4602010100000000000000000002003e00
mask fffffffffffefe00fffffffffffffffffeffffff
`;

describe('binfmt_misc parsing', () => {
	it('reads an enabled qemu handler with its flags and arch from the ELF magic', () => {
		const h = parseBinfmtEntry('qemu-aarch64', AARCH64, fileSourceAt(`${DIR}/qemu-aarch64`));
		assert.deepEqual(
			{...h, source: undefined},
			{
				name: 'qemu-aarch64',
				enabled: true,
				interpreter: '/usr/libexec/qemu-binfmt/aarch64-binfmt-P',
				flags: 'POCF',
				arch: 'arm64',
				source: undefined,
			},
		);
		assert.equal(h?.source.line, 3);
	});
	it('reads a disabled handler without F', () => {
		const h = parseBinfmtEntry('qemu-arm', ARM_NO_F, fileSourceAt(`${DIR}/qemu-arm`));
		assert.equal(h?.enabled, false);
		assert.equal(h?.flags, 'OC');
		assert.equal(h?.arch, 'arm');
	});
	it('WSLInterop is no emulator; rosetta runs amd64', () => {
		assert.equal(parseBinfmtEntry('WSLInterop', WSL, fileSourceAt('x'))?.arch, undefined);
		assert.equal(parseBinfmtEntry('rosetta', ROSETTA, fileSourceAt('x'))?.arch, 'amd64');
	});
	it('maps e_machine values', () => {
		const magic = (cls: string, data: string, machine: string) => `7f454c46${cls}${data}0100000000000000000002 00${machine}`.replace(' ', '');
		assert.equal(archFromElfMagic(magic('01', '01', '0300')), '386');
		assert.equal(archFromElfMagic(magic('02', '01', '3e00')), 'amd64');
		assert.equal(archFromElfMagic(magic('02', '01', 'f300')), 'riscv64');
		assert.equal(archFromElfMagic(magic('02', '01', '1500')), 'ppc64le');
		assert.equal(archFromElfMagic('7f454c4602020100000000000000000000020016'), 's390x');
		assert.equal(archFromElfMagic('4d5a'), undefined);
	});
	it('falls back to the name', () => {
		assert.equal(archFromName('qemu-x86_64'), 'amd64');
		assert.equal(archFromName('qemu-riscv64'), 'riscv64');
		assert.equal(archFromName('WSLInterop'), undefined);
	});
	it('parses a registration line with escaped magic', () => {
		const line =
			':qemu-aarch64:M::\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00:\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff:/usr/libexec/qemu-binfmt/aarch64-binfmt-P:OCF';
		const h = parseBinfmtRegistration(line, 1, fileSourceAt('/usr/lib/binfmt.d/qemu-aarch64.conf'));
		assert.equal(h?.arch, 'arm64');
		assert.equal(h?.flags, 'OCF');
	});
});

describe('probeEmulation', () => {
	const linux = {sysname: 'Linux', release: '6.1.0-rpi', machine: 'x86_64'};
	const files = {
		[`${DIR}/status`]: 'enabled\n',
		[`${DIR}/register`]: '',
		[`${DIR}/qemu-aarch64`]: AARCH64,
		[`${DIR}/qemu-arm`]: ARM_NO_F,
		[`${DIR}/WSLInterop`]: WSL,
	};
	it('reads binfmt for a local engine on the same kernel', async () => {
		const host = createMemoryHost({uname: linux, files});
		const engine = {kernelVersion: fact('6.1.0-rpi', {kind: 'engine', ref: '/info'})};
		const e = await probeEmulation(host, engine, {host: 'unix:///var/run/docker.sock', reason: 'default', alternatives: []});
		assert.equal(e.kind, 'binfmt');
		assert.deepEqual(
			e.handlers.map(h => [h.name, h.enabled, h.arch]),
			[
				['WSLInterop', true, undefined],
				['qemu-aarch64', true, 'arm64'],
				['qemu-arm', false, 'arm'],
			],
		);
	});
	it('a globally disabled binfmt_misc disables every handler', async () => {
		const host = createMemoryHost({uname: linux, files: {...files, [`${DIR}/status`]: 'disabled\n'}});
		const e = await probeEmulation(host, null, undefined);
		assert.ok(e.handlers.every(h => !h.enabled));
	});
	it('unmounted binfmt_misc: no handlers, with a note', async () => {
		const e = await probeEmulation(createMemoryHost({uname: linux}), null, undefined);
		assert.equal(e.kind, 'binfmt');
		assert.equal(e.handlers.length, 0);
		assert.ok(e.note);
	});
	it('Docker Desktop has QEMU built in', async () => {
		const engine = {operatingSystem: fact('Docker Desktop', {kind: 'engine', ref: '/info'})};
		const e = await probeEmulation(createMemoryHost({uname: linux, files}), engine, undefined);
		assert.equal(e.kind, 'docker-desktop');
		assert.equal(e.rosetta, undefined);
	});
	it('a remote engine is unknown', async () => {
		const e = await probeEmulation(createMemoryHost({uname: linux, files}), null, {host: 'tcp://10.0.0.5:2375', reason: 'DOCKER_HOST', alternatives: []});
		assert.equal(e.kind, 'unknown');
	});
	it('an engine on another kernel (a VM) is unknown', async () => {
		const engine = {kernelVersion: fact('6.8.0-orbstack', {kind: 'engine', ref: '/info'})};
		const e = await probeEmulation(createMemoryHost({uname: linux, files}), engine, {host: 'unix:///x', reason: 'default', alternatives: []});
		assert.equal(e.kind, 'unknown');
	});
	it('rosetta is reported when registered', async () => {
		const host = createMemoryHost({uname: linux, files: {[`${DIR}/status`]: 'enabled', [`${DIR}/rosetta`]: ROSETTA}});
		const e = await probeEmulation(host, null, undefined);
		assert.equal(e.rosetta, true);
	});
});
