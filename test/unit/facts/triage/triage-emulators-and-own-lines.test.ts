// Evidence triage used to pass over: pasted binfmt_misc state (an emulator is registered), the
// doctor's own "no ChatMock image" lines, and Windows' "error during connect" on Docker Desktop's
// named pipe. Real samples of the first and last live in test/fixtures/hosts (binfmt-*, windows-*).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import {imageRunDetail} from '../../../../source/diagnosis/image-runs.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';

const lines = (...parts: string[]) => parts.join('\n');
const handlers = (paste: string) => triageText(paste).emulation?.handlers.map(h => ({name: h.name, arch: h.arch, enabled: h.enabled, flags: h.flags, nameOnly: h.nameOnly === true}));

const AARCH64_FILE = ['enabled', 'interpreter /usr/bin/qemu-aarch64-static', 'flags: F', 'offset 0', 'magic 7f454c460201010000000000000000000200b700', 'mask ffffffffffffff00fffffffffffffffffeffffff'];
const X86_HOST = 'Linux build 6.1.0-18-amd64 #1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1 (2024-02-01) x86_64 GNU/Linux';
const ARM64_IMAGE = '[{"Id": "sha256:1111111111111111111111111111111111111111111111111111111111111111", "RepoTags": ["ghcr.io/thebtf/chatmock:latest"], "Os": "linux", "Architecture": "arm64"}]';

describe('a pasted binfmt_misc handler file', () => {
	it('after its cat line: the handler, named by the file, with its flags and the architecture its magic names', () => {
		assert.deepEqual(handlers(lines('$ cat /proc/sys/fs/binfmt_misc/qemu-aarch64', ...AARCH64_FILE)), [{name: 'qemu-aarch64', arch: 'arm64', enabled: true, flags: 'F', nameOnly: false}]);
	});

	it('without the cat line, named by its interpreter; a disabled one stays disabled', () => {
		assert.deepEqual(handlers(lines('```', ...AARCH64_FILE, '```')), [{name: 'qemu-aarch64', arch: 'arm64', enabled: true, flags: 'F', nameOnly: false}]);
		const disabled = ['disabled', 'interpreter /usr/bin/qemu-arm', 'flags: POCF', 'offset 0', 'magic 7f454c4601010100000000000000000002002800'];
		assert.deepEqual(handlers(lines(...disabled)), [{name: 'qemu-arm', arch: 'arm', enabled: false, flags: 'POCF', nameOnly: false}]);
	});

	it('a lone "enabled" (the status file, a feature flag) is no handler', () => {
		assert.equal(triageText(lines('cat /proc/sys/fs/binfmt_misc/status', 'enabled')).emulation, undefined);
		assert.equal(triageText(lines('Experimental:', 'enabled', 'Rosetta is')).emulation, undefined);
	});

	it('cites the flags line of the paste, so the report points at it', () => {
		const handler = triageText(lines('Here it is:', '$ cat /proc/sys/fs/binfmt_misc/qemu-aarch64', ...AARCH64_FILE)).emulation?.handlers[0];
		assert.equal(handler?.source.line, 5);
		assert.equal(handler?.source.excerpt, 'flags: F');
	});
});

describe("Debian's update-binfmts --display", () => {
	it('reads each handler with its interpreter and fix_binary as the F flag', () => {
		const paste = lines(
			'qemu-aarch64 (enabled):',
			'     package = qemu-user-static',
			'        type = magic',
			'      offset = 0',
			'       magic = \\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00',
			' interpreter = /usr/libexec/qemu-binfmt/aarch64-binfmt-P',
			'    detector =',
			'  credentials = yes',
			'  fix_binary = yes',
			'qemu-x86_64 (disabled):',
			' interpreter = /usr/libexec/qemu-binfmt/x86_64-binfmt-P',
		);
		assert.deepEqual(handlers(paste), [
			{name: 'qemu-aarch64', arch: 'arm64', enabled: true, flags: 'CF', nameOnly: false},
			{name: 'qemu-x86_64', arch: 'amd64', enabled: false, flags: '', nameOnly: false},
		]);
	});
});

describe('a pasted listing of binfmt_misc', () => {
	it('`ls /proc/sys/fs/binfmt_misc`: the names beside register and status, state and flags unknown', () => {
		assert.deepEqual(handlers(lines('# ls /proc/sys/fs/binfmt_misc/', 'qemu-aarch64  qemu-arm  register  status')), [
			{name: 'qemu-aarch64', arch: 'arm64', enabled: true, flags: '', nameOnly: true},
			{name: 'qemu-arm', arch: 'arm', enabled: true, flags: '', nameOnly: true},
		]);
	});

	it('one path a line (`ls /proc/sys/fs/binfmt_misc/qemu-*`)', () => {
		assert.deepEqual(
			handlers(lines('/proc/sys/fs/binfmt_misc/qemu-aarch64', '/proc/sys/fs/binfmt_misc/qemu-riscv64', '/proc/sys/fs/binfmt_misc/register'))?.map(h => h.name),
			['qemu-aarch64', 'qemu-riscv64'],
		);
	});

	it('a line of words after the ls that lacks the control files is not the listing', () => {
		assert.equal(triageText(lines('ls /proc/sys/fs/binfmt_misc', 'ls: cannot access: No such file or directory')).emulation, undefined);
	});

	it('the listing, then the file of one handler: the file wins', () => {
		const paste = lines('ls /proc/sys/fs/binfmt_misc', 'qemu-aarch64 register status', '', 'cat /proc/sys/fs/binfmt_misc/qemu-aarch64', ...AARCH64_FILE);
		assert.deepEqual(handlers(paste), [{name: 'qemu-aarch64', arch: 'arm64', enabled: true, flags: 'F', nameOnly: false}]);
	});
});

describe('what a pasted emulator means for the diagnosis', () => {
	it('an arm64 image on an x86-64 host with qemu-aarch64 (F) registered runs emulated: slowly, not "exec format error"', () => {
		const diagnosis = diagnose(triageText(lines(X86_HOST, 'cat /proc/sys/fs/binfmt_misc/qemu-aarch64', ...AARCH64_FILE, ARM64_IMAGE)));
		assert.equal(diagnosis.verdict.platform, 'linux/amd64');
		const ids = diagnosis.findings.map(f => f.id);
		assert.ok(ids.includes('emulated-image'), ids.join(', '));
		assert.ok(!ids.includes('exec-format-error'), ids.join(', '));
	});

	it('a paste shows some handlers: one not shown is "cannot tell", never "no emulator"', () => {
		const facts = triageText(lines(X86_HOST, 'cat /proc/sys/fs/binfmt_misc/qemu-arm', 'enabled', 'interpreter /usr/bin/qemu-arm', 'flags: F'));
		const diagnosis = diagnose(facts);
		assert.deepEqual(imageRunDetail({os: 'linux', architecture: 'arm64'}, diagnosis.verdict, facts), {runs: 'unknown'});
		assert.equal(imageRunDetail({os: 'linux', architecture: 'arm', variant: 'v7'}, diagnosis.verdict, facts).runs, 'emulated');
	});

	it('a handler known by name only: registered, but whether a container can use it is unknown', () => {
		const facts = triageText(lines(X86_HOST, 'ls /proc/sys/fs/binfmt_misc', 'qemu-aarch64 register status'));
		assert.equal(imageRunDetail({os: 'linux', architecture: 'arm64'}, diagnose(facts).verdict, facts).runs, 'unknown');
	});

	it('an architecture named only in prose is not this machine when an emulator for it is registered', () => {
		const word = 'Building for aarch64 here.';
		assert.equal(diagnose(triageText(word)).verdict.platform, 'linux/arm64');
		assert.equal(diagnose(triageText(lines(word, 'ls /proc/sys/fs/binfmt_misc', 'qemu-aarch64 register status'))).verdict.platform, null);
	});
});

describe("the doctor's own lines pasted back", () => {
	const ENGINE = lines('Client:', ' Version:    24.0.7', ' OS/Arch:    linux/amd64', 'Server:', ' Engine:', '  Version:   24.0.7', '  OS/Arch:   linux/amd64');

	it("collect.sh's `(no ChatMock image)`: the engine holds none, so the doctor says to pull the right platform", () => {
		const facts = triageText(lines(ENGINE, '$ docker image inspect --format "{Id, RepoTags, Os, Architecture, Variant}" <ChatMock images>', '(no ChatMock image)'));
		assert.deepEqual(facts.images, []);
		assert.ok(diagnose(facts).findings.some(f => f.id === 'no-chatmock-image'));
	});

	it("the checklist's `✔ Local images  no ChatMock image` says the same", () => {
		assert.deepEqual(triageText(lines(ENGINE, '✔ Local images          no ChatMock image')).images, []);
	});

	it('without either, images are unknown; prose about "no ChatMock image" is not a listing; pasted images win', () => {
		assert.equal(triageText(ENGINE).images, undefined);
		assert.equal(triageText(lines(ENGINE, 'There is no ChatMock image for my board.', 'No ChatMock image runs here — Pi Zero')).images, undefined);
		assert.equal(triageText(lines(ENGINE, '(no ChatMock image)', ARM64_IMAGE)).images?.length, 1);
	});
});

describe("Windows: Docker Desktop not started (the CLI's named pipe is missing)", () => {
	const NOT_FOUND =
		'error during connect: Get http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.40/containers/json: open //./pipe/docker_engine: The system cannot find the file specified. In the default daemon configuration on Windows, the docker client must be run elevated to connect. This error may also indicate that the docker daemon is not running.';

	it('"error during connect … //./pipe/docker_engine": the engine does not answer, on Windows, with the Windows way to start it', () => {
		const facts = triageText(NOT_FOUND);
		assert.equal(facts.host.osKind?.value, 'windows');
		const finding = diagnose(facts).findings.find(f => f.id === 'docker-unreachable');
		assert.ok(finding, 'docker-unreachable missing');
		assert.ok(
			finding.fix.commands.some(c => c.includes('Docker Desktop.exe')),
			finding.fix.commands.join(' | '),
		);
		assert.ok(!finding.fix.commands.some(c => c.includes('systemctl')), finding.fix.commands.join(' | '));
		assert.match(finding.fix.summary, /npipe:\/\/\/\/\.\/pipe\/docker_engine/);
	});

	it("in the system's language, and Docker Desktop's newer pipe", () => {
		const ids = (paste: string) => diagnose(triageText(paste)).findings.map(f => f.id);
		assert.ok(ids('open //./pipe/docker_engine: O sistema não pode encontrar o arquivo especificado. error during connect').includes('docker-unreachable'));
		assert.ok(
			ids(
				'error during connect: this error may indicate that the docker daemon is not running: Get "http://%2F%2F.%2Fpipe%2FdockerDesktopLinuxEngine/v1.46/containers/json": open //./pipe/dockerDesktopLinuxEngine: The system cannot find the file specified.',
			).includes('docker-unreachable'),
		);
	});

	it('"Access is denied" on the pipe is not an engine that is down', () => {
		const facts = triageText('error during connect: Get http://%2F%2F.%2Fpipe%2Fdocker_engine/v1.40/version: open //./pipe/docker_engine: Access is denied.');
		assert.equal(facts.host.osKind?.value, 'windows');
		assert.ok(!facts.signals.some(s => s.kind === 'daemon-unreachable'));
	});
});
