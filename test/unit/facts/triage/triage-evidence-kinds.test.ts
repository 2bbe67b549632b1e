// Each kind of evidence issue 11 names, as a user pastes it: the verdict (platform and confidence)
// and the finding that must come with it. Real samples of each kind live in test/fixtures/hosts;
// these are the small hand-made cases the rules were built against.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';
import {expectVerdict, verdictOf} from './expect-verdict.js';

const lines = (...parts: string[]) => parts.join('\n');

const V6_WARNING = "WARNING: The requested image's platform (linux/arm/v7) does not match the detected host platform (linux/arm/v6) and no specific platform was requested";

describe("the daemon's own words about its platform, however they arrive", () => {
	it('the ARMv6 warning alone means an ARMv6 engine, and the arm/v7 image a variant mismatch', () => {
		expectVerdict(V6_WARNING, 'linux/arm/v6', 'medium', 'arm-variant-mismatch');
	});

	it('wrapped over two lines, at a space or inside a word', () => {
		expectVerdict(V6_WARNING.replace(' platform (linux/arm/v6)', '\nplatform (linux/arm/v6)'), 'linux/arm/v6', 'medium');
		expectVerdict(V6_WARNING.replace('host platform (linux/arm/v6)', 'host plat\nform (linux/arm/v6)'), 'linux/arm/v6', 'medium');
	});

	it('prefixed by docker:, a compose service, or a build step', () => {
		const amd = V6_WARNING.replace('(linux/arm/v7)', '(linux/amd64)');
		for (const prefix of ['docker: ', 'chatmock-1  | ', 'chatmock_1   | ', ' ---> [Warning] ']) expectVerdict(prefix + amd.replace(/^WARNING: /, ''), 'linux/arm/v6', 'medium');
	});

	it("Podman names the host's platform as the expected one, in braces or slashes", () => {
		expectVerdict('WARN[0000] image platform ({arm linux [] v7}) does not match the expected platform ({arm64 linux [] })', 'linux/arm64', 'medium');
		expectVerdict('WARNING: image platform (linux/amd64) does not match the expected platform (linux/arm64/v8)', 'linux/arm64', 'medium');
	});

	it('a manifest error names the platform the engine asked for, unless --platform asked for it', () => {
		expectVerdict('no matching manifest for linux/arm/v7 in the manifest list entries', 'linux/arm/v7', 'medium');
		expectVerdict('docker: no matching manifest for linux/arm/v8 in the manifest list entries.', 'linux/arm/v7', 'medium', 'userland-32bit-on-64bit-kernel');
		expectVerdict(lines('$ docker pull --platform linux/arm/v7 example/app', 'no matching manifest for linux/arm/v7 in the manifest list entries'), null, 'low', 'unknown-architecture');
		expectVerdict('Error response from daemon: no matching manifest for unknown in the manifest list entries', null, 'low', 'unknown-architecture');
	});

	it("hello-world's text names the image it pulled for this engine", () => {
		const hello = (arch: string) =>
			lines('Hello from Docker!', 'To generate this message, Docker took the following steps:', ' 2. The Docker daemon pulled the "hello-world" image from the Docker Hub.', `    (${arch})`);
		expectVerdict(hello('arm32v6'), 'linux/arm/v6', 'medium');
		expectVerdict(hello('arm64v8'), 'linux/arm64', 'medium');
		expectVerdict(hello('amd64'), 'linux/amd64', 'medium');
	});

	it("get.docker.com's unrecognised platform is uname's machine", () => {
		expectVerdict(lines('# Executing docker install script, commit: 7cae5f8b', 'Error: i686 is not a recognized platform.'), 'linux/386', ['medium', 'high']);
	});
});

describe('machine output with something around it', () => {
	it('uname -a with a NAS suffix, a full stop, markdown bold, in a bullet, without its hostname', () => {
		expectVerdict('Linux DS920 4.4.180+ #42962 SMP Tue Oct 18 15:07:03 CST 2022 x86_64 GNU/Linux synology_geminilake_920+', 'linux/amd64', 'medium');
		expectVerdict('My uname -a is Linux box 5.10.0-21-armmp #1 SMP Debian 5.10.162-1 (2023-01-21) armv7l GNU/Linux.', 'linux/arm/v7', 'high');
		expectVerdict('Linux host 5.4.0-113-generic #127-Ubuntu SMP Wed May 18 14:30:56 UTC 2022 x86_64 x86_64 x86_64 GNU/Linux**', 'linux/amd64', 'medium');
		expectVerdict('- Kernel: Linux 5.15.32-v8+ #1538 SMP PREEMPT Thu Mar 31 19:40:39 BST 2022 aarch64 GNU/Linux', 'linux/arm64', 'low', 'pi-userland-unknown');
		expectVerdict('5.10.103-v7+ #1529 SMP Tue Mar 8 12:21:37 GMT 2022 armv7l GNU/Linux', 'linux/arm/v7', 'high');
	});

	it('uname from inside a container still gives the host kernel build, not the machine field', () => {
		const paste = lines('$ docker run --rm ubuntu uname -a', 'Linux c507964803a1 5.10.17-v8+ #1403 SMP PREEMPT Mon Feb 22 11:37:54 GMT 2021 aarch64 aarch64 aarch64 GNU/Linux');
		const facts = triageText(paste);
		assert.equal(facts.host.kernelRelease?.value, '5.10.17-v8+');
		assert.equal(facts.host.kernelMachine, undefined);
	});

	it('kernel release names that say the word size', () => {
		expectVerdict(lines('$ uname -r', '6.1.21-v8+'), 'linux/arm64', 'low', 'pi-userland-unknown');
		expectVerdict('6.6.20+rpt-rpi-v8', 'linux/arm64', 'low', 'pi-userland-unknown');
		expectVerdict('Operating system: Linux 6.1.21-v7+', 'linux/arm/v7', 'medium');
		expectVerdict('Kernel: 5.10.103-v7l+', 'linux/arm/v7', 'medium');
		expectVerdict('6.6.31+rpt-rpi-2712', 'linux/arm64', 'low', 'page-size-16k');
		expectVerdict('Kernel version: 5.15.0-1034-raspi', 'linux/arm64', 'low');
	});

	it('file /usr/bin/dockerd: a 32-bit ARM ELF is a 32-bit engine', () => {
		const file = '/usr/bin/dockerd: ELF 32-bit LSB pie executable, ARM, EABI5 version 1 (SYSV), dynamically linked, stripped';
		expectVerdict(file, 'linux/arm/v7', 'low', 'architecture-guessed');
		const onPi4 = lines(file, 'Linux pi 5.10.17-v8+ #1403 SMP PREEMPT Mon Feb 22 11:37:54 GMT 2021 aarch64 GNU/Linux');
		expectVerdict(onPi4, 'linux/arm/v7', 'medium', 'userland-32bit-on-64bit-kernel');
	});

	it('docker.list with [arch=armhf]: armhf userland, arm/v6 or arm/v7 unknown', () => {
		expectVerdict('deb [arch=armhf signed-by=/etc/apt/keyrings/docker.gpg] https://download.docker.com/linux/raspbian bullseye stable', 'linux/arm/v7', 'low');
	});

	it("Home Assistant's ha info names the Supervisor's architecture (armhf is its ARMv6 build)", () => {
		const info = (arch: string) => lines('$ ha info', `arch: ${arch}`, 'channel: stable', 'hassio: true', 'machine: raspberrypi', 'supervisor: 2023.01.1');
		expectVerdict(info('armv7'), 'linux/arm/v7', 'medium');
		expectVerdict(info('armhf'), 'linux/arm/v6', 'medium');
		expectVerdict(info('aarch64'), 'linux/arm64', 'medium');
	});

	it('a client-only docker version is evidence, weaker than the server', () => {
		const paste = lines(
			'Client: Docker Engine - Community',
			' Version:           20.10.17',
			' OS/Arch:           linux/arm64',
			'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
		);
		expectVerdict(paste, 'linux/arm64', 'low', 'docker-unreachable');
	});

	it('Docker 1.6 prints one flat list with the side in the key', () => {
		expectVerdict(lines('Client version: 1.6.1', 'OS/Arch (client): linux/amd64', 'Server version: 1.6.1', 'OS/Arch (server): linux/amd64'), 'linux/amd64', 'high');
	});
});

describe('architectures no ChatMock image fits', () => {
	it('armv5 from uname, cpuinfo or a Kirkwood named in prose: no platform, unsupported-architecture', () => {
		expectVerdict('Linux nas 2.6.31.8 #1 Mon Apr 4 12:00:00 CST 2011 armv5tel GNU/Linux', null, 'high', 'unsupported-architecture');
		expectVerdict(lines('$ uname -m', 'armv5tejl'), null, 'high', 'unsupported-architecture');
		const cpuinfo = lines(
			'Processor\t: Feroceon 88FR131 rev 1 (v5l)',
			'BogoMIPS\t: 1192.75',
			'Features\t: swp half thumb fastmult edsp',
			'CPU architecture: 5TE',
			'Hardware\t: Marvell Kirkwood (Flattened Device Tree)',
		);
		expectVerdict(cpuinfo, null, ['medium', 'high'], 'unsupported-architecture');
		expectVerdict('I run it on my SheevaPlug, a Marvell Kirkwood box.', null, 'low', 'unsupported-architecture');
	});
});

describe('evidence that points at the CPU without naming an architecture', () => {
	it('jemalloc and the 16K page size: a 64-bit ARM kernel, at low confidence', () => {
		expectVerdict('<jemalloc>: Unsupported system page size', 'linux/arm64', 'low', 'page-size-16k');
	});

	it('exit 132 from an image asked for as linux/arm/v7: an ARMv6 CPU, at low confidence', () => {
		expectVerdict(lines('$ docker run --platform linux/arm/v7 example/app', 'Illegal instruction (core dumped)'), 'linux/arm/v6', 'low');
		expectVerdict(lines('$ docker run --rm arm32v7/nginx', 'nginx exited with code 139'), 'linux/arm/v6', 'low', 'arm-variant-mismatch');
		// Exit 132 alone is any CPU lacking an instruction (AVX on old x86 too): it says nothing of the architecture.
		expectVerdict('chatmock exited with code 132', null, 'low', 'unknown-architecture');
	});
});

describe('confidence follows evidence', () => {
	it('a Raspberry Pi 64-bit kernel and nothing else: low, with the commands that settle it', () => {
		const diagnosis = diagnose(triageText(lines('$ uname -a', 'Linux raspberrypi 6.1.21-v8+ #1642 SMP PREEMPT Mon Apr  3 17:24:16 BST 2023 aarch64 GNU/Linux')));
		assert.equal(diagnosis.verdict.confidence, 'low');
		const finding = diagnosis.findings.find(f => f.id === 'pi-userland-unknown');
		assert.ok(finding);
		assert.deepEqual([...finding.fix.commands], ['dpkg --print-architecture', 'getconf LONG_BIT', 'docker version']);
	});

	it('the same kernel with the system named settles it', () => {
		const uname = 'Linux raspberrypi 6.1.21-v8+ #1642 SMP PREEMPT Mon Apr  3 17:24:16 BST 2023 aarch64 GNU/Linux';
		expectVerdict(lines(uname, '$ dpkg --print-architecture', 'armhf'), 'linux/arm/v7', 'high', 'userland-32bit-on-64bit-kernel');
		expectVerdict(lines(uname, '$ dpkg --print-architecture', 'arm64'), 'linux/arm64', 'high');
	});

	it('an error line and nothing else: no platform, never "no problems"', () => {
		for (const paste of ['exec /usr/bin/python3: exec format error', 'standard_init_linux.go:228: exec user process caused: exec format error']) {
			const got = verdictOf(paste);
			assert.equal(got.platform, null);
			assert.equal(got.confidence, 'low');
			assert.ok(got.ids.includes('exec-format-error'));
		}
	});

	it('the engine says amd64, the cpuinfo an ARM1176: a conflict, the engine decides, low confidence', () => {
		const paste = lines(
			'Server:',
			' Engine:',
			'  Version: 24.0.5',
			'  OS/Arch: linux/amd64',
			'$ cat /proc/cpuinfo',
			'processor\t: 0',
			'model name\t: ARMv6-compatible processor rev 7 (v6l)',
			'Features\t: half thumb fastmult vfp edsp java tls',
			'CPU implementer\t: 0x41',
			'CPU architecture: 7',
			'CPU part\t: 0xb76',
			'Hardware\t: BCM2835',
		);
		const diagnosis = diagnose(triageText(paste));
		assert.equal(diagnosis.verdict.platform, 'linux/amd64');
		assert.equal(diagnosis.verdict.confidence, 'low');
		const conflict = diagnosis.findings.find(f => f.id === 'platform-evidence-conflict');
		assert.ok(conflict);
		assert.match(conflict.why, /engine says amd64.*arm.*The engine decides/s);
	});
});
