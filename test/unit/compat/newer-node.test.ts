// On a Node older than the screens need, the doctor shows the plain report and one line: what a
// newer Node adds and the commands that install one on this kind of machine.
import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {tmpdir} from 'node:os';
import {describe, test} from 'node:test';
import {newerNodeLine, screensRunOn} from '../../../source/compat/newer-node.js';
import {runCli} from '../../../source/cli/run.js';
import {fact} from '../../../source/facts/fact.js';
import type {HostFacts, OsRelease} from '../../../source/facts/types.js';

const src = {kind: 'file', ref: '/proc/cpuinfo'} as const;
function host(parts: {kernel?: string; dpkg?: string; os?: 'linux' | 'darwin' | 'windows'; release?: OsRelease; pi?: string; board?: string}): HostFacts {
	return {
		...(parts.kernel ? {kernelMachine: fact(parts.kernel, src)} : {}),
		...(parts.dpkg ? {dpkgArch: fact(parts.dpkg, src)} : {}),
		osKind: fact(parts.os ?? 'linux', src),
		...(parts.release ? {osRelease: fact(parts.release, src)} : {}),
		...(parts.pi ? {piRevision: fact({code: '9000c1', processor: parts.pi, newStyle: true}, src)} : {}),
		...(parts.board ? {boardModel: fact(parts.board, src)} : {}),
	} as HostFacts;
}
const piOs = {id: 'raspbian', idLike: 'debian', versionCodename: 'bullseye'};

describe('a newer Node for the screens', () => {
	test('the screens run from Node 20 on', () => {
		assert.equal(screensRunOn('v12.22.12'), false);
		assert.equal(screensRunOn('18.19.0'), false);
		assert.equal(screensRunOn('v20.0.0'), true);
		assert.equal(screensRunOn('v24.1.0'), true);
	});

	test('each kind of machine gets the commands that work there', () => {
		const line = (h: HostFacts) => newerNodeLine(h, 'v12.22.12');
		// Pi Zero / Pi 1: ARMv6 has only the unofficial builds.
		assert.match(
			line(host({kernel: 'armv6l', dpkg: 'armhf', release: piOs, pi: 'BCM2835'})),
			/this Raspberry Pi \(ARMv6\), run: .*nvm\.sh && NVM_NODEJS_ORG_MIRROR=https:\/\/unofficial-builds\.nodejs\.org\/download\/release nvm install 22$/,
		);
		// A 32-bit Pi OS, even on a 64-bit kernel: nvm (NodeSource has no armhf packages).
		assert.match(line(host({kernel: 'aarch64', dpkg: 'armhf', release: piOs, board: 'Raspberry Pi 4 Model B Rev 1.4'})), /this Raspberry Pi \(32-bit ARM\), run: curl -o- .*nvm install 22$/);
		// A 64-bit Pi OS, and Debian/Ubuntu on amd64: NodeSource's packages.
		assert.match(
			line(host({kernel: 'aarch64', dpkg: 'arm64', release: {id: 'debian'}, pi: 'BCM2712'})),
			/On this Raspberry Pi, run: curl -fsSL https:\/\/deb\.nodesource\.com\/setup_22\.x \| sudo -E bash - && sudo apt-get install -y nodejs$/,
		);
		assert.match(line(host({kernel: 'x86_64', dpkg: 'amd64', release: {id: 'ubuntu', idLike: 'debian', versionId: '22.04'}})), /On this machine, run: .*setup_22\.x/);
		// Elsewhere: nvm, Homebrew, winget.
		assert.match(line(host({kernel: 'x86_64', release: {id: 'fedora'}})), /On this machine, run: curl -o- .*nvm install 22$/);
		assert.match(line(host({os: 'darwin', kernel: 'arm64'})), /brew install node/);
		assert.match(line(host({os: 'windows'})), /winget install OpenJS\.NodeJS\.LTS/);
		for (const h of [host({kernel: 'armv6l'}), host({os: 'darwin'})]) {
			assert.match(line(h), /^Node\.js 12\.22\.12 shows the plain report; Node\.js 20 or newer adds the interactive doctor/);
			assert.doesNotMatch(line(h), /\n/);
		}
	});

	test('in a terminal on Node 12 the doctor prints the plain report, then that one line, and never loads the screens', async () => {
		const tty = () => Object.assign(new PassThrough(), {isTTY: true, columns: 80, rows: 24});
		const stdout = tty();
		const stderr = tty();
		let out = '';
		stdout.on('data', chunk => (out += String(chunk)));
		const code = await runCli({
			argv: ['--root', 'test/fixtures/hosts/marvell-armada-385-cpuinfo/root', '--no-color'],
			env: {TERM: 'xterm'},
			stdin: tty() as unknown as NodeJS.ReadStream,
			stdout: stdout as unknown as NodeJS.WriteStream,
			stderr: stderr as unknown as NodeJS.WriteStream,
			platform: 'linux',
			cwd: tmpdir(),
			signal: new AbortController().signal,
			nodeVersion: 'v12.22.12',
		});
		assert.ok(code === 0 || code === 1, `exit code ${code}`);
		const lines = out.trimEnd().split('\n');
		assert.match(out, /linux\/arm\/v7/);
		assert.match(lines.at(-1)!, /^Node\.js 12\.22\.12 shows the plain report; .*\(32-bit ARM\), run: .*nvm install 22$/);
		assert.equal(lines.filter(l => l.includes('Node.js 20 or newer')).length, 1);
		assert.doesNotMatch(out, /\u001B\[\?25l/, 'no Ink frame (the cursor is never hidden)');
	});
});
