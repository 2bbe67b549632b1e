import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import fc from 'fast-check';
import {triageText} from '../../../../source/facts/triage/triage-text.js';
import {splitPaste} from '../../../../source/facts/triage/paste-lines.js';

const lines = (...text: string[]) => text.join('\n');

describe('triage is bounded and never throws', () => {
	it('empty input gives empty facts', () => {
		assert.deepEqual(triageText(''), {origin: 'triage', host: {}, signals: []});
	});

	it('never throws on arbitrary strings', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 2000}), text => {
				const facts = triageText(text);
				assert.equal(facts.origin, 'triage');
			}),
			{numRuns: 300},
		);
	});

	it('never throws on strings built from paste-like pieces', () => {
		const piece = fc.constantFrom(
			'```',
			'{',
			'[',
			'"',
			'Server:',
			' OS/Arch: linux/arm',
			'processor\t: 0',
			'host:',
			'  arch: arm64',
			'uname -m',
			'$ ',
			'> ',
			'\r',
			'\n',
			'\u0000',
			'aarch64',
			'Architecture: armhf',
			'Security Options:',
			'  seccomp',
		);
		fc.assert(
			fc.property(fc.array(piece, {maxLength: 200}), parts => {
				assert.equal(triageText(parts.join('')).origin, 'triage');
			}),
			{numRuns: 300},
		);
	});

	it('10 MB of random bytes read as latin1 returns quickly', () => {
		const bytes = Buffer.alloc(10 * 1024 * 1024);
		let seed = 42;
		for (let i = 0; i < bytes.length; i++) {
			seed = (seed * 1103515245 + 12345) >>> 0;
			bytes[i] = seed >>> 24;
		}
		const started = performance.now();
		const facts = triageText(bytes.toString('latin1'));
		const elapsed = performance.now() - started;
		assert.equal(facts.origin, 'triage');
		assert.ok(elapsed < 1500, `took ${Math.round(elapsed)} ms`);
	});

	it('a paste full of unbalanced braces stays fast', () => {
		const started = performance.now();
		triageText('{\n'.repeat(200_000));
		assert.ok(performance.now() - started < 1500);
	});

	it('caps lines and their length', () => {
		assert.equal(splitPaste('x\n'.repeat(30_000)).length, 20_000);
		assert.equal(splitPaste('x'.repeat(5000))[0]!.text.length, 1000);
		// Past 2 MB nothing is read.
		assert.equal(splitPaste(`${'y'.repeat(2 * 1024 * 1024)}\naarch64`).length, 1);
	});
});

describe('triage reads pastes however they arrive', () => {
	const sample = lines('$ uname -m', 'armv7l', '$ getconf LONG_BIT', '32', 'exec /app/start.sh: exec format error');

	it('CRLF line ends give the same facts and line numbers', () => {
		const lf = triageText(sample);
		const crlf = triageText(sample.replace(/\n/g, '\r\n'));
		assert.deepEqual(crlf, lf);
		assert.equal(crlf.host.kernelMachine?.source.line, 2);
		assert.equal(crlf.host.longBit?.value, 32);
	});

	it('text pasted twice keeps the first citations and one signal per line kind', () => {
		const facts = triageText(`${sample}\n${sample}`);
		assert.equal(facts.host.kernelMachine?.source.line, 2);
		assert.deepEqual(
			facts.signals.map(s => [s.kind, s.source.line]),
			[['exec-format-error', 5]],
		);
	});

	it('two machines disagreeing: the first uname -m wins', () => {
		const facts = triageText(lines('$ uname -m', 'aarch64', '', '$ uname -m', 'x86_64'));
		assert.deepEqual([facts.host.kernelMachine?.value, facts.host.kernelMachine?.source.line], ['aarch64', 2]);
	});

	it('UTF-16 wsl -l -v whose NULs became spaces, or raw UTF-16', () => {
		const spaced = lines('PS C:\\> wsl -l -v', '    N A M E             S T A T E           V E R S I O N ', '*   U b u n t u         R u n n i n g       1 ');
		assert.equal(triageText(spaced).host.wsl?.value, 'wsl1');
		const raw = Buffer.from('  NAME      STATE      VERSION\r\n* Debian    Running    2\r\n', 'utf16le').toString('latin1');
		const facts = triageText(raw);
		assert.deepEqual([facts.host.wslDistro?.value, facts.host.wsl?.value, facts.host.wsl?.source.line], ['Debian', 'wsl2', 2]);
	});

	it('headings and <details> name the output that follows', () => {
		const facts = triageText(lines('<details><summary>getconf PAGESIZE</summary>', '', '```', '16384', '```', '</details>', '### dpkg --print-architecture', 'arm64'));
		assert.deepEqual([facts.host.pageSize?.value, facts.host.pageSize?.source.line], [16384, 4]);
		assert.deepEqual([facts.host.dpkgArch?.value, facts.host.dpkgArch?.source.line], ['arm64', 8]);
	});

	it('bare values: uname names alone are the kernel, dpkg names alone the userland, arm64 alone nothing', () => {
		assert.equal(triageText('aarch64').host.kernelMachine?.value, 'aarch64');
		assert.equal(triageText('armhf').host.dpkgArch?.value, 'armhf');
		assert.deepEqual(triageText('arm64').host, {});
		assert.equal(triageText('$ uname -m arm64').host.kernelMachine?.value, 'arm64');
	});

	it('device-tree model with a trailing NUL or a literal \\0', () => {
		assert.equal(triageText('$ cat /proc/device-tree/model\nRaspberry Pi 4 Model B Rev 1.4\u0000').host.boardModel?.value, 'Raspberry Pi 4 Model B Rev 1.4');
		assert.equal(triageText('Raspberry Pi 3 Model B Plus Rev 1.3\\0').host.boardModel?.value, 'Raspberry Pi 3 Model B Plus Rev 1.3');
	});

	it('/proc/version of WSL1 and hostnamectl', () => {
		const wsl = triageText('Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #1237-Microsoft Sat Sep 11 14:32:00 PST 2021');
		assert.equal(wsl.host.wsl?.value, 'wsl1');
		assert.equal(wsl.host.kernelRelease?.value, '4.4.0-19041-Microsoft');
		const ctl = triageText(
			lines('$ hostnamectl', '   Static hostname: pi', '  Operating System: Raspbian GNU/Linux 11 (bullseye)', '            Kernel: Linux 5.15.84-v8+', '      Architecture: arm64'),
		);
		assert.deepEqual([ctl.host.kernelMachine?.value, ctl.host.kernelMachine?.source.line], ['aarch64', 5]);
		assert.equal(ctl.host.kernelRelease?.value, '5.15.84-v8+');
	});

	it('sbc-bench: header, Kernel/Userland, lsb_release followed by dpkg Architecture, lscpu', () => {
		const facts = triageText(
			lines(
				'sbc-bench v0.9.0 Raspberry Pi 4 Model B Rev 1.4 (Tue, 04 Jan 2022 12:22:08 +0000)',
				'',
				'Distributor ID:\tRaspbian',
				'Description:\tRaspbian GNU/Linux 11 (bullseye)',
				'Release:\t11',
				'Codename:\tbullseye',
				'Architecture: armhf',
				'',
				'Kernel: 5.10.63-v8+/aarch64',
				'Userland: armhf',
				'',
				'Architecture:                    aarch64',
				'CPU op-mode(s):                  32-bit, 64-bit',
				'Byte Order:                      Little Endian',
				'Model name:                      Cortex-A72',
			),
		);
		assert.deepEqual([facts.host.boardModel?.value, facts.host.boardModel?.source.line], ['Raspberry Pi 4 Model B Rev 1.4', 1]);
		assert.deepEqual([facts.host.dpkgArch?.value, facts.host.dpkgArch?.source.line], ['armhf', 7]);
		assert.deepEqual([facts.host.kernelRelease?.value, facts.host.kernelRelease?.source.line], ['5.10.63-v8+', 9]);
		assert.deepEqual([facts.host.kernelMachine?.value, facts.host.kernelMachine?.source.line], ['aarch64', 9]);
		assert.equal(facts.host.osRelease?.value.id, 'raspbian');
		assert.equal(facts.host.cpuModel?.value, 'Cortex-A72');
	});

	it('docker version and docker info JSON, one-line and pretty', () => {
		const version = JSON.stringify({
			Client: {Version: '24.0.7', Os: 'darwin', Arch: 'arm64', Context: 'colima'},
			Server: {Platform: {Name: 'Docker Engine - Community'}, Components: [{Name: 'Engine'}], Version: '24.0.7', ApiVersion: '1.43', Arch: 'arm64', Os: 'linux'},
		});
		const info = JSON.stringify(
			{ServerVersion: '24.0.7', OSType: 'linux', Architecture: 'aarch64', Name: 'colima', OperatingSystem: 'Ubuntu 23.10', SecurityOptions: ['name=seccomp,profile=builtin']},
			null,
			2,
		);
		const facts = triageText(lines("$ docker version --format '{{json .}}'", version, '$ docker info --format json', info));
		const engine = facts.engine!;
		assert.deepEqual([engine.versionArch?.value, engine.versionArch?.source.line], ['arm64', 2]);
		assert.equal(engine.clientOsArch?.value, 'darwin/arm64');
		assert.equal(engine.context?.value, 'colima');
		assert.equal(engine.platformName?.value, 'Docker Engine - Community');
		assert.deepEqual([engine.infoArchitecture?.value, engine.infoArchitecture?.source.line], ['aarch64', 7]);
		assert.deepEqual([engine.name?.value, engine.name?.source.line], ['colima', 8]);
	});

	it('podman info JSON', () => {
		const facts = triageText(JSON.stringify({host: {arch: 'amd64', os: 'linux', kernel: '6.5.6-300.fc39.x86_64', security: {rootless: true}}, version: {Version: '4.7.2'}}));
		assert.equal(facts.engine?.productHint?.value, 'podman');
		assert.equal(facts.engine?.versionArch?.value, 'amd64');
		assert.deepEqual(facts.engine?.securityOptions?.value, ['name=rootless']);
	});

	it('error lines become signals with their platforms and exit codes', () => {
		const facts = triageText(
			lines(
				'standard_init_linux.go:228: exec user process caused: exec format error',
				'no matching manifest for linux/arm/v8 in the manifest list entries',
				'chatmock-1  | Illegal instruction (core dumped)',
				'chatmock-1 exited with code 139',
				'exec /entrypoint.sh: no such file or directory',
				'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.24/info": dial unix /var/run/docker.sock: connect: permission denied',
				'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
			),
		);
		assert.deepEqual(
			facts.signals.map(s => [s.kind, s.source.line, s.platform]),
			[
				['exec-format-error', 1, undefined],
				['no-matching-manifest', 2, 'linux/arm/v8'],
				['illegal-instruction', 3, undefined],
				['segfault', 4, undefined],
				['crlf-entrypoint', 5, undefined],
				['permission-denied', 6, undefined],
				['daemon-unreachable', 7, undefined],
			],
		);
		assert.deepEqual(
			facts.containers?.map(c => [c.name, c.exitCode, c.source.line]),
			[['chatmock-1', 139, 4]],
		);
	});

	it('the chosen ChatMock image from compose, .env and the CLI', () => {
		const cite = (text: string) => {
			const chosen = triageText(text).chosenImage;
			return chosen && [chosen.value, chosen.source.line];
		};
		assert.deepEqual(cite(lines('services:', '  chatmock:', '    image: ghcr.io/thebtf/chatmock:latest')), ['ghcr.io/thebtf/chatmock:latest', 3]);
		assert.deepEqual(cite('CHATMOCK_IMAGE=ghcr.io/thebtf/chatmock:1.2'), ['ghcr.io/thebtf/chatmock:1.2', 1]);
		assert.deepEqual(cite('    image: ${CHATMOCK_IMAGE:-storagetime/chatmock:latest}'), ['storagetime/chatmock:latest', 1]);
		assert.deepEqual(cite('$ docker run -d --name chatmock -p 8000:8000 ghcr.io/thebtf/chatmock'), ['ghcr.io/thebtf/chatmock', 1]);
		assert.equal(cite('I love chatmock'), undefined);
	});
});
