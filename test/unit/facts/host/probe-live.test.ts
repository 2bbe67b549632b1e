import assert from 'node:assert/strict';
import os from 'node:os';
import {test} from 'node:test';
import {probeHost} from '../../../../source/facts/host/probe-host.js';
import {createLiveHost} from '../../../../source/facts/seam/live-host.js';
import {createRootHost} from '../../../../source/facts/seam/root-host.js';

const linux = process.platform === 'linux';

test('probeHost on this machine: the kernel is os.machine(), the userland is an ELF', {skip: !linux}, async () => {
	const facts = await probeHost(createLiveHost());
	assert.equal(facts.kernelMachine?.value, os.machine());
	assert.ok(facts.userlandElf);
	assert.equal(facts.nodeArch?.value, process.arch);
	assert.equal(facts.osKind?.value, 'linux');
});

test('probeHost over "/" agrees with the live probe', {skip: !linux}, async () => {
	const [live, root] = await Promise.all([probeHost(createLiveHost()), probeHost(createRootHost('/'))]);
	// /proc/sys/kernel/arch is absent before Linux 6.1: then only the live side knows the machine.
	if (root.kernelMachine) assert.equal(root.kernelMachine.value, live.kernelMachine?.value);
	assert.equal(root.kernelRelease?.value, live.kernelRelease?.value);
	assert.deepEqual(root.userlandElf?.value, live.userlandElf?.value);
	assert.equal(root.userlandElf?.source.ref, live.userlandElf?.source.ref);
	if (live.dpkgArch) assert.equal(root.dpkgArch?.value, live.dpkgArch.value);
	assert.equal(root.cpuModel?.value, live.cpuModel?.value);
	assert.equal(root.nodeArch, undefined);
});
