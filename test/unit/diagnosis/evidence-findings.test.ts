import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {diagnose} from '../../../source/diagnosis/diagnose.js';
import type {Signal} from '../../../source/facts/types.js';
import {engineOf, factsOf} from '../../helpers/facts.js';

const ids = (facts: Parameters<typeof diagnose>[0]): string[] => diagnose(facts).findings.map(finding => finding.id);
const signal = (kind: Signal['kind'], extra: Partial<Signal> = {}): Signal => ({kind, source: {kind: 'paste', ref: 'line 1', line: 1}, ...extra});

describe('contradicting facts are findings', () => {
	it('the engine says amd64, the cpuinfo an ARMv6 part: the engine decides, at low confidence', () => {
		const facts = factsOf({cpuArchitecture: '7', cpuArmModelName: 'ARMv6-compatible processor rev 7 (v6l)', cpuHardware: 'BCM2835'}, {engine: engineOf({versionArch: 'amd64', osType: 'linux'})});
		const {verdict, findings} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/amd64');
		assert.equal(verdict.confidence, 'low');
		const conflict = findings.find(f => f.id === 'platform-evidence-conflict');
		assert.ok(conflict);
		assert.match(conflict.why, /The engine decides, because images run where the engine runs/);
		assert.ok(conflict.evidence.length >= 2);
	});

	it('a --root folder of one machine next to the live engine of another: said twice', () => {
		const facts = factsOf(
			{kernelMachine: 'armv6l', cpuArchitecture: '7', cpuArmModelName: 'ARMv6-compatible processor rev 7 (v6l)'},
			{origin: 'root', engine: engineOf({versionArch: 'amd64', infoArchitecture: 'x86_64'})},
		);
		const diagnosis = diagnose(facts);
		assert.equal(diagnosis.verdict.confidence, 'low');
		assert.ok(ids(facts).includes('platform-evidence-conflict'));
		assert.ok(ids(facts).includes('root-engine-mixed'));
		assert.match(diagnosis.findings.find(f => f.id === 'platform-evidence-conflict')!.why, /--root/);
	});

	it('a --root folder and an engine that agree: only the note that they were combined', () => {
		const facts = factsOf({kernelMachine: 'aarch64', dpkgArch: 'arm64'}, {origin: 'root', engine: engineOf({versionArch: 'arm64', infoArchitecture: 'aarch64'})});
		assert.equal(diagnose(facts).verdict.confidence, 'high');
		assert.deepEqual(ids(facts), ['root-engine-mixed']);
		assert.deepEqual(ids({...facts, engine: undefined}), []);
	});

	it('a 64-bit userland on a 32-bit kernel cannot be: a conflict', () => {
		const facts = factsOf({kernelMachine: 'armv7l', dpkgArch: 'arm64'});
		assert.equal(diagnose(facts).verdict.confidence, 'low');
		assert.ok(ids(facts).includes('platform-evidence-conflict'));
	});

	it('two engine platforms in one paste: the version report decides, low', () => {
		const facts = factsOf({}, {engine: engineOf({versionArch: 'amd64'}), signals: [signal('platform-mismatch-warning', {imagePlatform: 'linux/amd64', hostPlatform: 'linux/arm64/v8'})]});
		const {verdict} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/amd64');
		assert.equal(verdict.confidence, 'low');
	});

	it('uname aarch64, LONG_BIT 32 and an armhf engine agree: a 32-bit system on a 64-bit kernel, not a conflict', () => {
		const facts = factsOf({kernelMachine: 'aarch64', longBit: 32}, {engine: engineOf({versionArch: 'arm'})});
		assert.equal(diagnose(facts).verdict.platform, 'linux/arm/v7');
		assert.ok(ids(facts).includes('userland-32bit-on-64bit-kernel'));
		assert.ok(!ids(facts).includes('platform-evidence-conflict'));
	});

	it("a doctor running emulated in a container sees the emulator's machine: that is doctor-emulated, not a conflict", () => {
		const facts = factsOf({kernelMachine: 'aarch64', nodeArch: 'arm64', inContainer: 'docker'}, {origin: 'root', engine: engineOf({versionArch: 'amd64'})});
		assert.ok(!ids(facts).includes('platform-evidence-conflict'));
	});
});

describe('calibration', () => {
	it('ARMv5 gets no platform and unsupported-architecture', () => {
		const facts = factsOf({kernelMachine: 'armv5tel'});
		assert.equal(diagnose(facts).verdict.platform, null);
		assert.ok(ids(facts).includes('unsupported-architecture'));
		assert.equal(diagnose(factsOf({cpuArchitecture: '5TE'}, {engine: engineOf({versionArch: 'arm'})})).verdict.platform, null);
	});

	it('an arm engine with nothing said of the CPU is low: arm/v6 and arm/v7 differ', () => {
		const {verdict} = diagnose(factsOf({}, {engine: engineOf({versionArch: 'arm'})}));
		assert.equal(verdict.platform, 'linux/arm/v7');
		assert.equal(verdict.confidence, 'low');
		assert.equal(diagnose(factsOf({kernelMachine: 'armv7l'}, {engine: engineOf({versionArch: 'arm'})})).verdict.confidence, 'high');
	});

	it('a board named in prose never lifts the confidence', () => {
		const {verdict} = diagnose(factsOf({mentionedBoard: 'Raspberry Pi Zero W'}, {engine: engineOf({versionArch: 'arm'})}));
		assert.equal(verdict.platform, 'linux/arm/v6');
		assert.equal(verdict.confidence, 'low');
	});

	it('a Pi 64-bit kernel alone is low with pi-userland-unknown; a non-Pi arm64 kernel stays medium', () => {
		const pi = factsOf({kernelMachine: 'aarch64', kernelRelease: '6.6.51+rpt-rpi-v8'});
		assert.equal(diagnose(pi).verdict.confidence, 'low');
		assert.ok(ids(pi).includes('pi-userland-unknown'));
		const cloud = factsOf({kernelMachine: 'aarch64', kernelRelease: '6.8.0-1028-aws'});
		assert.equal(diagnose(cloud).verdict.confidence, 'medium');
		assert.ok(!ids(cloud).includes('pi-userland-unknown'));
	});

	it('a crash the platform does not explain is a finding, never "no problems"', () => {
		const facts = factsOf({kernelMachine: 'aarch64', dpkgArch: 'arm64'}, {signals: [signal('illegal-instruction')]});
		assert.equal(diagnose(facts).verdict.platform, 'linux/arm64');
		assert.ok(ids(facts).includes('failure-unexplained'));
	});
});
