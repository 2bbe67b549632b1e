import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import type {EmulationFacts, ImageFact} from '../../../source/facts/types.js';
import {engineOf, factsOf} from '../../helpers/facts.js';

const image = (architecture: string, variant?: string, ref = 'ghcr.io/thebtf/chatmock:latest'): ImageFact => ({
	ref,
	id: `sha256:${architecture}${variant ?? ''}`,
	os: 'linux',
	architecture,
	...(variant ? {variant} : {}),
	source: {kind: 'engine', ref: `/images/${ref}/json`},
});
const amd64Engine = engineOf({versionArch: 'amd64', osType: 'linux', infoArchitecture: 'x86_64'});
const binfmt = (handlers: EmulationFacts['handlers']): EmulationFacts => ({kind: 'binfmt', handlers});
const qemuArm64 = (flags: string) => ({name: 'qemu-aarch64', enabled: true, flags, arch: 'arm64', source: {kind: 'file' as const, ref: '/proc/sys/fs/binfmt_misc/qemu-aarch64'}});

describe('image findings', () => {
	it('an arm64 image on amd64 with no emulator: exec-format-error with a pull fix', () => {
		const facts = factsOf({kernelMachine: 'x86_64'}, {engine: amd64Engine, emulation: binfmt([]), images: [image('arm64', 'v8')]});
		const {findings, verdict} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/amd64');
		const finding = findings.find(x => x.id === 'exec-format-error');
		assert.equal(finding?.severity, 'error');
		assert.equal(finding?.subject, 'ghcr.io/thebtf/chatmock:latest');
		assert.ok(finding?.fix.commands.includes('docker pull --platform linux/amd64 ghcr.io/thebtf/chatmock:latest'));
		assert.deepEqual(finding?.fix.actions?.[0], {kind: 'pull-platform', ref: 'ghcr.io/thebtf/chatmock:latest', platform: 'linux/amd64'});
	});

	it('the same with a QEMU handler (F flag): emulated-image, a warning', () => {
		const facts = factsOf({kernelMachine: 'x86_64'}, {engine: amd64Engine, emulation: binfmt([qemuArm64('OCF')]), images: [image('arm64', 'v8')]});
		const {findings} = diagnose(facts);
		assert.deepEqual(
			findings.map(x => [x.id, x.severity]),
			[['emulated-image', 'warning']],
		);
	});

	it('an arm64 image on a remote amd64 engine whose emulators cannot be seen: foreign-image, a warning with a pull fix', () => {
		const remote: EmulationFacts = {kind: 'unknown', handlers: [], note: 'the engine at ssh://pi@host-1.invalid is on another machine: its emulators cannot be read from here'};
		const facts = factsOf({}, {engine: amd64Engine, emulation: remote, images: [image('arm64', 'v8')]});
		const {findings, verdict} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/amd64');
		const finding = findings.find(x => x.id === 'foreign-image');
		assert.equal(finding?.severity, 'warning');
		assert.match(finding?.why ?? '', /another machine/);
		assert.deepEqual(finding?.fix.actions?.[0], {kind: 'pull-platform', ref: 'ghcr.io/thebtf/chatmock:latest', platform: 'linux/amd64'});
		// The native image there: nothing to say; an unused foreign one: not worth a warning.
		assert.ok(!diagnose(factsOf({}, {engine: amd64Engine, emulation: remote, images: [image('amd64')]})).findings.some(x => x.id === 'foreign-image'));
		const leftover = diagnose(factsOf({}, {engine: amd64Engine, emulation: remote, images: [image('arm64', 'v8', 'ghcr.io/thebtf/chatmock:old')]}));
		assert.ok(!leftover.findings.some(x => x.id === 'foreign-image'));
	});

	it('a handler without F: binfmt-missing-fix-flag, and the image fails', () => {
		const facts = factsOf({kernelMachine: 'x86_64'}, {engine: amd64Engine, emulation: binfmt([qemuArm64('OP')]), images: [image('arm64', 'v8')]});
		const found = diagnose(facts).findings.map(x => x.id);
		assert.ok(found.includes('binfmt-missing-fix-flag'));
		assert.ok(!found.includes('emulated-image'));
	});

	it('the right image: no finding, exit-worthy errors none', () => {
		const facts = factsOf({kernelMachine: 'x86_64'}, {engine: amd64Engine, emulation: binfmt([]), images: [image('amd64')]});
		assert.deepEqual(diagnose(facts).findings, []);
	});

	it('an arm/v7 image on an ARMv6 Pi: arm-variant-mismatch, not exec format error', () => {
		const facts = factsOf(
			{kernelMachine: 'armv6l', cpuArchitecture: '7', cpuArmModelName: 'ARMv6-compatible processor rev 7 (v6l)'},
			{engine: engineOf({versionArch: 'arm', osType: 'linux'}), emulation: binfmt([]), images: [image('arm', 'v7')]},
		);
		const found = diagnose(facts).findings.map(x => x.id);
		assert.deepEqual(found, ['arm-variant-mismatch']);
	});

	it('storagetime/chatmock on a 32-bit Pi: platform-not-published, pointing at the image that has arm/v7', () => {
		const facts = factsOf(
			{kernelMachine: 'armv7l', dpkgArch: 'armhf'},
			{
				engine: engineOf({versionArch: 'arm', osType: 'linux'}),
				published: {ref: 'storagetime/chatmock:latest', platforms: ['linux/amd64', 'linux/arm64'], source: 'registry'},
			},
		);
		const finding = diagnose(facts).findings.find(x => x.id === 'platform-not-published');
		assert.ok(finding);
		assert.ok(finding.fix.commands.some(c => c.includes('ghcr.io/thebtf/chatmock')));
	});

	it('engine failures become their findings', () => {
		const facts = factsOf({kernelMachine: 'x86_64'}, {engine: null, engineFailure: {code: 'docker.eacces', message: 'connect EACCES /var/run/docker.sock', source: {kind: 'engine', ref: '/_ping'}}});
		assert.ok(diagnose(facts).findings.some(x => x.id === 'docker-permission-denied'));
	});

	it('no ChatMock image in a reachable engine: an info finding', () => {
		const facts = factsOf({kernelMachine: 'x86_64'}, {engine: amd64Engine, images: []});
		assert.deepEqual(
			diagnose(facts).findings.map(x => [x.id, x.severity]),
			[['no-chatmock-image', 'info']],
		);
	});

	it('two tags of one wrong image: one finding, named by the tag the user runs', () => {
		const other = {...image('arm64', 'v8', 'chatmock:latest'), id: image('arm64', 'v8').id};
		const facts = factsOf({kernelMachine: 'x86_64'}, {engine: amd64Engine, emulation: binfmt([]), images: [other, image('arm64', 'v8')]});
		const found = diagnose(facts).findings.filter(x => x.id === 'exec-format-error');
		assert.equal(found.length, 1);
		assert.equal(found[0]?.subject, 'ghcr.io/thebtf/chatmock:latest');
	});

	it('a wrong image nobody runs is a warning; the one the user runs is an error', () => {
		const leftover = {...image('arm64', 'v8', 'storagetime/chatmock:latest'), id: 'sha256:leftover'};
		const facts = factsOf({kernelMachine: 'x86_64'}, {engine: amd64Engine, emulation: binfmt([]), images: [leftover, image('amd64')]});
		assert.deepEqual(
			diagnose(facts).findings.map(x => [x.id, x.severity, x.subject]),
			[['exec-format-error', 'warning', 'storagetime/chatmock:latest']],
		);
		const used = factsOf(
			{kernelMachine: 'x86_64'},
			{
				engine: amd64Engine,
				emulation: binfmt([]),
				images: [leftover],
				containers: [
					{
						id: 'c1',
						name: 'chatmock',
						image: 'storagetime/chatmock:latest',
						imageId: 'sha256:leftover',
						state: 'exited',
						exitCode: 255,
						logTail: [],
						source: {kind: 'engine', ref: '/containers/c1/json'},
					},
				],
			},
		);
		assert.equal(diagnose(used).findings.find(x => x.id === 'exec-format-error')?.severity, 'error');
	});
});
