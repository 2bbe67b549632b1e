import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {mkdir, rm, symlink, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {after, before, test} from 'node:test';
import {probeHost} from '../../../../source/facts/host/probe-host.js';
import {createRootHost} from '../../../../source/facts/seam/root-host.js';
import {ELF} from '../parse/elf-bytes.js';
import {PI3_ARMV7} from '../parse/cpuinfo-samples.js';
import {tempDir} from '../../../helpers/temp-dir.js';

let base: string;

async function put(root: string, path: string, content: string | Uint8Array): Promise<void> {
	await mkdir(dirname(join(root, path)), {recursive: true});
	await writeFile(join(root, path), content);
}

before(async () => {
	base = tempDir('probe-root-');
});

after(async () => {
	await rm(base, {recursive: true, force: true});
});

test('probeHost over a folder: a Raspbian SD card with usrmerge links', async () => {
	const root = join(base, 'pi');
	await put(root, 'usr/bin/dash', ELF.arm());
	await symlink('usr/bin', join(root, 'bin'));
	await symlink('dash', join(root, 'usr/bin/sh'));
	await put(root, 'usr/lib/os-release', 'ID=raspbian\nVERSION_CODENAME=bookworm\n');
	await mkdir(join(root, 'etc'));
	await symlink('../usr/lib/os-release', join(root, 'etc/os-release'));
	await put(root, 'var/lib/dpkg/status', 'Package: base-files\nArchitecture: armhf\n\nPackage: dpkg\nArchitecture: armhf\n');
	await put(root, 'proc/sys/kernel/ostype', 'Linux\n');
	await put(root, 'proc/sys/kernel/osrelease', '6.6.31+rpt-rpi-v7\n');
	await put(root, 'proc/cpuinfo', PI3_ARMV7);

	const facts = await probeHost(createRootHost(root));
	// No /proc/sys/kernel/arch: the machine is derived from cpuinfo's "(v7l)".
	assert.equal(facts.kernelMachine?.value, 'armv7l');
	assert.equal(facts.kernelMachine?.source.kind, 'derived');
	assert.equal(facts.kernelRelease?.value, '6.6.31+rpt-rpi-v7');
	assert.equal(facts.kernelRelease?.source.ref, '/proc/sys/kernel/osrelease');
	assert.deepEqual(facts.userlandElf?.value, {bits: 32, machine: 'arm', littleEndian: true});
	assert.equal(facts.dpkgArch?.value, 'armhf');
	assert.equal(facts.dpkgArch?.source.line, 5);
	assert.equal(facts.osRelease?.value.id, 'raspbian');
	assert.equal(facts.osRelease?.source.ref, '/etc/os-release');
	assert.equal(facts.cpuArchitecture?.value, '7');
	assert.equal(facts.piRevision?.value.type, '3B');
	assert.equal(facts.osKind?.value, 'linux');
	assert.equal(facts.nodeArch, undefined);
	assert.equal(facts.longBit, undefined);
	assert.equal(facts.wsl?.value, 'none');
});

test('probeHost over a folder: each userland ELF is recognised', async () => {
	for (const [name, bytes, machine, bits] of [
		['aarch64', ELF.aarch64(), 'aarch64', 64],
		['x86-64', ELF.x8664(), 'x86-64', 64],
		['i386', ELF.i386(), 'i386', 32],
	] as const) {
		const root = join(base, `elf-${name}`);
		await put(root, 'bin/sh', bytes);
		const facts = await probeHost(createRootHost(root));
		assert.deepEqual([facts.userlandElf?.value.machine, facts.userlandElf?.value.bits], [machine, bits], name);
	}
});

test('probeHost over a folder: an empty folder gives unknowns', async () => {
	const root = join(base, 'empty');
	await mkdir(root);
	const facts = await probeHost(createRootHost(root));
	assert.deepEqual(Object.keys(facts), []);
});

test('probeHost over a folder: escaping links and a 10 MB random cpuinfo', async () => {
	const root = join(base, 'hostile');
	await put(root, 'proc/cpuinfo', randomBytes(10 * 1024 * 1024));
	await mkdir(join(root, 'bin'), {recursive: true});
	await symlink('/bin/sh', join(root, 'bin/sh')); // points at itself inside the folder: a loop
	await mkdir(join(root, 'etc'));
	await symlink('../../../../../../../../etc/os-release', join(root, 'etc/os-release'));
	await symlink('/proc/version', join(root, 'proc/version-link'));
	const started = performance.now();
	const facts = await probeHost(createRootHost(root));
	assert.ok(performance.now() - started < 2000);
	assert.equal(facts.userlandElf, undefined);
	assert.equal(facts.osRelease, undefined);
	assert.equal(facts.procVersion, undefined);
});
