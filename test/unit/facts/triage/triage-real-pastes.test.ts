import assert from 'node:assert/strict';
import {readFileSync} from 'node:fs';
import {describe, it} from 'node:test';
import type {Fact} from '../../../../source/facts/fact.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';

// Real pastes from public issues; each fixture's first line names its source.
const paste = (name: string) => triageText(readFileSync(new URL(`../../../fixtures/pastes/${name}`, import.meta.url), 'utf8'));

/** Value and cited line of a fact, in one comparable shape. */
const at = <T>(f: Fact<T> | undefined) => (f === undefined ? undefined : {value: f.value, line: f.source.line, kind: f.source.kind});

describe('triage of real pastes', () => {
	it('Pi 4 with a 32-bit userland on a 64-bit kernel (prompts, uname -m, arch, dpkg, uname -a)', () => {
		const facts = paste('pinn-pi4-32bit-userland.md');
		assert.equal(facts.origin, 'triage');
		assert.deepEqual(at(facts.host.kernelMachine), {value: 'aarch64', line: 13, kind: 'paste'});
		assert.deepEqual(at(facts.host.dpkgArch), {value: 'armhf', line: 17, kind: 'paste'});
		assert.deepEqual(at(facts.host.kernelRelease), {value: '6.1.0-rpi6-rpi-v8', line: 19, kind: 'paste'});
		assert.deepEqual(at(facts.host.kernelName), {value: 'Linux', line: 19, kind: 'paste'});
		assert.equal(facts.host.kernelMachine?.source.excerpt, 'aarch64');
		assert.equal(facts.engine, undefined);
	});

	it('old docker version + docker info on a Pi 3: server OS/Arch and info Architecture kept apart', () => {
		const {engine, host} = paste('hypriot-rpi3-version-info.md');
		assert.deepEqual(at(engine?.clientOsArch), {value: 'linux/arm', line: 12, kind: 'paste'});
		assert.deepEqual(at(engine?.versionArch), {value: 'arm', line: 20, kind: 'paste'});
		assert.deepEqual(at(engine?.versionOs), {value: 'linux', line: 20, kind: 'paste'});
		assert.deepEqual(at(engine?.infoArchitecture), {value: 'armv7l', line: 41, kind: 'paste'});
		assert.deepEqual(at(engine?.kernelVersion), {value: '4.1.19-v7+', line: 38, kind: 'paste'});
		assert.equal(engine?.serverVersion?.value, '1.10.3');
		assert.equal(engine?.name?.value, 'raspberrypi');
		// Architecture: inside docker info is the engine's, never the host's kernelMachine.
		assert.equal(host.kernelMachine, undefined);
	});

	it('docker info after a `$ docker info` prompt (Raspbian buster)', () => {
		const {engine} = paste('qbittorrentvpn-rpi4-docker-info.md');
		assert.deepEqual(at(engine?.infoArchitecture), {value: 'armv7l', line: 32, kind: 'paste'});
		assert.deepEqual(at(engine?.operatingSystem), {value: 'Raspbian GNU/Linux 10 (buster)', line: 30, kind: 'paste'});
		assert.deepEqual(at(engine?.securityOptions), {value: ['name=seccomp,profile=default'], line: 26, kind: 'paste'});
		assert.equal(engine?.osType?.value, 'linux');
		assert.equal(engine?.driver?.value, 'overlay2');
	});

	it('docker version of Docker Desktop for Linux: platform name, engine arch, client context', () => {
		const {engine} = paste('desktop-linux-arm64-docker-version.md');
		assert.deepEqual(at(engine?.platformName), {value: 'Docker Desktop 4.43.2 (199162)', line: 18, kind: 'paste'});
		assert.deepEqual(at(engine?.versionArch), {value: 'arm64', line: 25, kind: 'paste'});
		assert.deepEqual(at(engine?.clientOsArch), {value: 'linux/arm64', line: 15, kind: 'paste'});
		assert.deepEqual(at(engine?.context), {value: 'desktop-linux', line: 16, kind: 'paste'});
		assert.equal(engine?.serverVersion?.value, '28.3.2');
		assert.equal(engine?.apiVersion?.value, '1.51');
		assert.equal(engine?.minApiVersion?.value, '1.24');
		assert.deepEqual(engine?.components?.value, ['Engine', 'containerd']);
	});

	it('a docker info cut short mid-line (Jetson) gives what it has', () => {
		const {engine} = paste('jetson-docker-info-truncated.md');
		assert.deepEqual(at(engine?.serverVersion), {value: '19.03.6', line: 12, kind: 'paste'});
		assert.deepEqual(at(engine?.kernelVersion), {value: '4.9.140-tegra', line: 33, kind: 'paste'});
		assert.equal(engine?.infoArchitecture, undefined);
	});

	it('Pi 5 /proc/cpuinfo with tabs: first core, revision decoded, board model', () => {
		const {host} = paste('pi5-cpuinfo-tabs.md');
		assert.deepEqual(at(host.cpuArchitecture), {value: '8', line: 8, kind: 'paste'});
		assert.deepEqual(at(host.cpuPart), {value: '0xd0b', line: 10, kind: 'paste'});
		assert.equal(host.cpuCount?.value, 4);
		assert.equal(host.piRevision?.value.processor, 'BCM2712');
		assert.equal(host.piRevision?.source.line, 41);
		assert.deepEqual(at(host.boardModel), {value: 'Raspberry Pi 5 Model B Rev 1.0', line: 43, kind: 'paste'});
	});

	it('Pi 1 /proc/cpuinfo quoted with `> ` in a markdown reply', () => {
		const {host} = paste('hyperion-pi1-cpuinfo-quoted.md');
		assert.deepEqual(at(host.cpuArmModelName), {value: 'ARMv6-compatible processor rev 7 (v6l)', line: 4, kind: 'paste'});
		assert.deepEqual(at(host.cpuArchitecture), {value: '7', line: 9, kind: 'paste'});
		assert.equal(host.piRevision?.value.code, '000d');
		assert.equal(host.piRevision?.source.line, 15);
	});

	it('Pi 5 with dpkg, getconf LONG_BIT and tree-indented lscpu after root prompts', () => {
		const {host} = paste('rethinkdb-pi5-lscpu.md');
		assert.deepEqual(at(host.dpkgArch), {value: 'arm64', line: 9, kind: 'paste'});
		assert.deepEqual(at(host.longBit), {value: 64, line: 11, kind: 'paste'});
		assert.deepEqual(at(host.kernelMachine), {value: 'aarch64', line: 13, kind: 'paste'});
		assert.deepEqual(at(host.cpuModel), {value: 'Cortex-A76', line: 19, kind: 'paste'});
	});

	it('Pi 5 16K pages: jemalloc signal, getconf PAGESIZE, a uname -a cut short', () => {
		const facts = paste('rauthy-pi5-jemalloc.md');
		assert.deepEqual(at(facts.host.pageSize), {value: 16384, line: 19, kind: 'paste'});
		assert.deepEqual(at(facts.host.kernelRelease), {value: '6.12.47+rpt-rpi-2712', line: 23, kind: 'paste'});
		assert.deepEqual(
			facts.signals.map(s => [s.kind, s.source.line]),
			[['page-size', 6]],
		);
	});

	it('Colima: version and status blocks with logrus prefixes, exec format error', () => {
		const facts = paste('colima-exec-format-error.md');
		assert.deepEqual(at(facts.engine?.infoArchitecture), {value: 'aarch64', line: 12, kind: 'paste'});
		assert.deepEqual(at(facts.engine?.productHint), {value: 'colima', line: 28, kind: 'paste'});
		assert.equal(facts.engine?.serverVersion?.value, '28.3.3');
		assert.deepEqual(
			facts.signals.map(s => [s.kind, s.platform, s.source.line]),
			// The `--platform` of the run: a later manifest error would name the request, not the engine.
			[
				['platform-requested', 'linux/amd64', 38],
				['exec-format-error', undefined, 40],
			],
		);
		// `docker run` output is the container's; nothing there is the host's.
		assert.equal(facts.host.kernelMachine, undefined);
	});

	it('podman info YAML maps to engine facts with productHint podman', () => {
		const {engine} = paste('podman-info-arm64.md');
		assert.deepEqual(at(engine?.versionArch), {value: 'arm64', line: 6, kind: 'paste'});
		assert.equal(engine?.productHint?.value, 'podman');
		assert.equal(engine?.name?.value, 'quadphone');
		assert.equal(engine?.operatingSystem?.value, 'postmarketos edge');
	});

	it('WSL: `wsl.exe -l -v` after a PowerShell prompt and the integration stub', () => {
		const facts = paste('wsl-integration-stub.md');
		assert.deepEqual(at(facts.host.wslDistro), {value: 'Ubuntu', line: 6, kind: 'paste'});
		assert.equal(facts.host.wsl?.value, 'wsl2');
		assert.deepEqual(
			facts.signals.map(s => [s.kind, s.source.line]),
			[['wsl-integration-stub', 10]],
		);
	});

	it('WSL: `> wsl --list --verbose` with several distros takes the default one', () => {
		const {host} = paste('wsl-list-verbose.md');
		assert.deepEqual(at(host.wslDistro), {value: 'Ubuntu', line: 5, kind: 'paste'});
		assert.equal(host.wsl?.value, 'wsl2');
	});

	it('no matching manifest for linux/arm/v8 and os-release after a Pi prompt', () => {
		const facts = paste('deluge-pi4-arm-v8-manifest.md');
		assert.deepEqual(
			facts.signals.map(s => [s.kind, s.platform, s.source.line]),
			[['no-matching-manifest', 'linux/arm/v8', 7]],
		);
		assert.equal(facts.host.osRelease?.value.id, 'raspbian');
		assert.equal(facts.host.osRelease?.value.versionCodename, 'bullseye');
		assert.equal(facts.host.osRelease?.source.kind, 'paste');
	});

	it('platform mismatch warning then exec format error', () => {
		const facts = paste('openchangelog-pi5-platform-warning.md');
		assert.deepEqual(
			facts.signals.map(s => ({kind: s.kind, line: s.source.line, image: s.imagePlatform, host: s.hostPlatform})),
			[
				{kind: 'platform-mismatch-warning', line: 5, image: 'linux/amd64', host: 'linux/arm64/v8'},
				{kind: 'exec-format-error', line: 6, image: undefined, host: undefined},
			],
		);
	});
});
