import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import {engineOf, factsOf} from '../../helpers/facts.js';

const ids = (facts: Parameters<typeof diagnose>[0]) => diagnose(facts).findings.map(finding => finding.id);

describe('verdict', () => {
	it('32-bit Raspberry Pi OS on a 64-bit kernel: arm/v7, Docker asks for arm/v8', () => {
		const facts = factsOf(
			{kernelMachine: 'aarch64', dpkgArch: 'armhf', longBit: 32, cpuArchitecture: '8', boardModel: 'Raspberry Pi 4 Model B Rev 1.4'},
			{engine: engineOf({versionArch: 'arm', infoArchitecture: 'aarch64', osType: 'linux'})},
		);
		const {verdict} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/arm/v7');
		assert.equal(verdict.dockerDefault, 'linux/arm/v8');
		assert.deepEqual(verdict.nativePlatforms, ['linux/arm/v7', 'linux/arm/v6']);
		assert.equal(verdict.confidence, 'high');
		assert.ok(ids(facts).includes('userland-32bit-on-64bit-kernel'));
	});

	it('the same without an engine still follows the userland', () => {
		const facts = factsOf({kernelMachine: 'aarch64', dpkgArch: 'armhf'});
		assert.equal(diagnose(facts).verdict.platform, 'linux/arm/v7');
	});

	it('Pi Zero: cpuinfo says 7 but the model name says ARMv6', () => {
		const facts = factsOf({kernelMachine: 'armv6l', cpuArchitecture: '7', cpuArmModelName: 'ARMv6-compatible processor rev 7 (v6l)'});
		const {verdict} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/arm/v6');
		assert.equal(verdict.dockerDefault, 'linux/arm/v6');
		assert.deepEqual(verdict.nativePlatforms, ['linux/arm/v6']);
	});

	it('Pi 3 on a 32-bit OS: arm/v7', () => {
		assert.equal(diagnose(factsOf({kernelMachine: 'armv7l', cpuArchitecture: '7', dpkgArch: 'armhf'})).verdict.platform, 'linux/arm/v7');
	});

	it('Apple Silicon with Node under Rosetta: arm64, and says so', () => {
		const facts = factsOf({kernelMachine: 'x86_64', nodeArch: 'x64', osKind: 'darwin', rosettaTranslated: true, arm64Capable: true});
		const {verdict} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/arm64');
		assert.ok(ids(facts).includes('node-under-rosetta'));
	});

	it('Windows-containers mode: no platform', () => {
		const facts = factsOf({}, {engine: engineOf({osType: 'windows', versionArch: 'amd64', operatingSystem: 'Windows 10 Pro'})});
		const {verdict} = diagnose(facts);
		assert.equal(verdict.platform, null);
		assert.deepEqual(ids(facts), ['windows-containers-mode']);
	});

	it('WSL 1: the CPU decides, and the finding says to convert', () => {
		const facts = factsOf({kernelMachine: 'x86_64', kernelRelease: '4.4.0-19041-Microsoft', wsl: 'wsl1', wslDistro: 'Ubuntu'});
		assert.equal(diagnose(facts).verdict.platform, 'linux/amd64');
		const finding = diagnose(facts).findings.find(x => x.id === 'wsl1');
		assert.ok(finding?.fix.commands.includes('wsl --set-version Ubuntu 2'));
	});

	for (const machine of ['ppc64le', 's390x', 'riscv64', 'loongarch64']) {
		it(`${machine}: none, unsupported-architecture`, () => {
			const facts = factsOf({kernelMachine: machine});
			assert.equal(diagnose(facts).verdict.platform, null);
			assert.ok(ids(facts).includes('unsupported-architecture'));
		});
	}

	it('i386 userland on an x86_64 kernel: 386', () => {
		const facts = factsOf({kernelMachine: 'x86_64', dpkgArch: 'i386'});
		assert.equal(diagnose(facts).verdict.platform, 'linux/386');
	});

	it('nothing known: no platform, low confidence, unknown-architecture', () => {
		const {verdict, findings} = diagnose(factsOf({}));
		assert.equal(verdict.platform, null);
		assert.equal(verdict.confidence, 'low');
		assert.deepEqual(
			findings.map(x => x.id),
			['unknown-architecture'],
		);
	});
});

describe('the doctor in its own container', () => {
	it('an amd64 doctor image on an arm64 engine says it runs emulated, and the verdict follows the engine', () => {
		const facts = {
			...factsOf({kernelMachine: 'aarch64', dpkgArch: 'arm64', nodeArch: 'x64', inContainer: 'docker'}, {engine: engineOf({versionArch: 'arm64', osType: 'linux'})}),
			origin: 'root' as const,
		};
		const {verdict, findings} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/arm64');
		assert.ok(findings.some(x => x.id === 'doctor-emulated'));
	});

	it('a native doctor image says nothing of it', () => {
		const facts = factsOf({kernelMachine: 'aarch64', nodeArch: 'arm64', inContainer: 'docker'}, {engine: engineOf({versionArch: 'arm64', osType: 'linux'})});
		assert.ok(!diagnose(facts).findings.some(x => x.id === 'doctor-emulated'));
	});
});

describe('engine-only facts', () => {
	it('docker info of a Pi Zero (armv6l) alone: arm/v6', () => {
		const facts = factsOf({}, {engine: engineOf({infoArchitecture: 'armv6l', osType: 'linux', operatingSystem: 'Raspbian GNU/Linux 11 (bullseye)'})});
		assert.equal(diagnose(facts).verdict.platform, 'linux/arm/v6');
	});

	it('docker version of a 32-bit Docker on a Pi 4 with a 64-bit kernel: arm/v7 and the 32-on-64 finding', () => {
		const facts = factsOf({}, {engine: engineOf({versionArch: 'arm', infoArchitecture: 'aarch64', osType: 'linux'})});
		const {verdict, findings} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/arm/v7');
		assert.equal(verdict.dockerDefault, 'linux/arm/v8');
		assert.ok(findings.some(x => x.id === 'userland-32bit-on-64bit-kernel'));
	});

	it('Docker Desktop on Apple Silicon (docker info only): arm64', () => {
		const facts = factsOf({}, {engine: engineOf({infoArchitecture: 'aarch64', osType: 'linux', operatingSystem: 'Docker Desktop', kernelVersion: '5.15.49-linuxkit'})});
		assert.equal(diagnose(facts).verdict.platform, 'linux/arm64');
	});
});

describe('Raspbian is the 32-bit edition', () => {
	it('docker info alone from 32-bit Raspberry Pi OS on a 64-bit kernel: arm/v7, not arm64', () => {
		const facts = factsOf({}, {engine: engineOf({infoArchitecture: 'aarch64', osType: 'linux', operatingSystem: 'Raspbian GNU/Linux 12 (bookworm)', kernelVersion: '6.6.31+rpt-rpi-v8'})});
		const {verdict, findings} = diagnose(facts);
		assert.equal(verdict.platform, 'linux/arm/v7');
		assert.ok(findings.some(x => x.id === 'userland-32bit-on-64bit-kernel'));
	});

	it('64-bit Raspberry Pi OS calls itself Debian: arm64', () => {
		const facts = factsOf({}, {engine: engineOf({infoArchitecture: 'aarch64', osType: 'linux', operatingSystem: 'Debian GNU/Linux 12 (bookworm)', kernelVersion: '6.6.31+rpt-rpi-v8'})});
		assert.equal(diagnose(facts).verdict.platform, 'linux/arm64');
	});

	it('os-release ID=raspbian with an aarch64 uname: arm/v7', () => {
		const facts = factsOf({kernelMachine: 'aarch64', osRelease: {id: 'raspbian', prettyName: 'Raspbian GNU/Linux 11 (bullseye)'}});
		assert.equal(diagnose(facts).verdict.platform, 'linux/arm/v7');
	});
});
