import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdir, rm, symlink, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {createLiveHost} from '../../../../source/facts/seam/live-host.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';
import {createRootHost} from '../../../../source/facts/seam/root-host.js';
import {tempDir} from '../../../helpers/temp-dir.js';

let base: string;
let root: string;

before(async () => {
	base = tempDir('seams-');
	root = join(base, 'root');
	await writeFile(join(base, 'secret.txt'), 'outside');
	await mkdir(join(root, 'usr/bin'), {recursive: true});
	await mkdir(join(root, 'etc'), {recursive: true});
	await mkdir(join(root, 'proc/sys/kernel'), {recursive: true});
	await writeFile(join(root, 'usr/bin/dash'), 'dash inside');
	await symlink('usr/bin', join(root, 'bin')); // usrmerge: /bin -> usr/bin
	await symlink('dash', join(root, 'usr/bin/sh'));
	await symlink('/usr/bin/dash', join(root, 'usr/bin/sh-absolute'));
	await symlink('/secret.txt', join(root, 'etc/absolute-escape'));
	await symlink(join(base, 'secret.txt'), join(root, 'etc/host-path-escape'));
	await symlink('../../secret.txt', join(root, 'etc/relative-escape'));
	await symlink('loop-b', join(root, 'etc/loop-a'));
	await symlink('loop-a', join(root, 'etc/loop-b'));
	await writeFile(join(root, 'etc/big'), Buffer.alloc(100_000, 0x41));
	await writeFile(join(root, 'proc/sys/kernel/ostype'), 'Linux\n');
	await writeFile(join(root, 'proc/sys/kernel/osrelease'), '6.1.21-v8+\n');
});

after(async () => {
	await rm(base, {recursive: true, force: true});
});

test('root host: symlinks resolve inside the folder like a chroot', async () => {
	const host = createRootHost(root);
	assert.equal(await host.readText('/bin/sh'), 'dash inside');
	assert.equal(await host.readText('/usr/bin/sh-absolute'), 'dash inside');
	assert.equal(await host.readText('/bin/../bin/./sh'), 'dash inside');
	assert.equal(await host.exists('/bin/sh'), true);
	assert.deepEqual(await host.listDir('/bin'), ['dash', 'sh', 'sh-absolute']);
});

test('root host: nothing outside the folder is reachable', async () => {
	const host = createRootHost(root);
	for (const path of ['/../secret.txt', '/../../secret.txt', '/etc/absolute-escape', '/etc/host-path-escape', '/etc/relative-escape', '../secret.txt']) {
		assert.equal(await host.readText(path), undefined, path);
		assert.equal(await host.exists(path), false, path);
	}
	assert.deepEqual(await host.listDir('/..'), await host.listDir('/'));
});

test('root host: a symlink loop ends, unknown', async () => {
	const host = createRootHost(root);
	assert.equal(await host.readText('/etc/loop-a'), undefined);
	assert.equal(await host.exists('/etc/loop-a/x'), false);
});

test('root host: reads are capped; directories and FIFOs are not read', async () => {
	const host = createRootHost(root);
	assert.equal((await host.readFile('/etc/big', {maxBytes: 1000}))?.length, 1000);
	assert.equal((await host.readFile('/etc/big'))?.length, 100_000);
	assert.equal(await host.readFile('/etc'), undefined);
	let fifo = false;
	try {
		execFileSync('mkfifo', [join(root, 'etc/fifo')]);
		fifo = true;
	} catch {
		// no mkfifo on this system: nothing to test
	}
	if (fifo) assert.equal(await host.readFile('/etc/fifo'), undefined);
});

test('root host: uname from /proc/sys/kernel, arch missing → machine unknown; no commands, no env', async () => {
	const host = createRootHost(root);
	const uname = await host.uname();
	assert.equal(uname.sysname, 'Linux');
	assert.equal(uname.release, '6.1.21-v8+');
	assert.equal(uname.machine, undefined);
	assert.match(uname.via, /\/proc\/sys\/kernel\/osrelease/);
	assert.deepEqual(host.env, {});
	assert.equal(host.node, undefined);
	assert.equal(host.kind, 'root');
	const result = await host.run('dpkg', ['--print-architecture']);
	assert.equal(result.ok, false);
	assert.equal(result.ok ? undefined : result.reason, 'not-run');
});

test('memory host: files, directories, commands', async () => {
	const host = createMemoryHost({
		files: {'/etc/os-release': 'ID=x', '/proc/device-tree/model': Uint8Array.from([0x50, 0x69, 0])},
		commands: {'dpkg --print-architecture': {ok: true, stdout: 'armhf\n', stderr: '', exitCode: 0}},
		kind: 'live',
	});
	assert.equal(await host.readText('/etc/os-release'), 'ID=x');
	assert.equal((await host.readFile('/proc/device-tree/model'))?.length, 3);
	assert.equal((await host.readFile('/etc/os-release', {maxBytes: 2}))?.toString(), 'ID');
	assert.deepEqual(await host.listDir('/proc'), ['device-tree']);
	assert.equal(await host.listDir('/nope'), undefined);
	assert.equal(await host.exists('/proc/device-tree'), true);
	assert.equal(await host.exists('/proc/nope'), false);
	const dpkg = await host.run('dpkg', ['--print-architecture']);
	assert.equal(dpkg.ok && dpkg.stdout, 'armhf\n');
	const missing = await host.run('getconf', ['LONG_BIT']);
	assert.equal(missing.ok ? undefined : missing.reason, 'missing');
	const replay = await createMemoryHost().run('getconf', ['LONG_BIT']);
	assert.equal(replay.ok ? undefined : replay.reason, 'not-run');
	assert.equal((await createMemoryHost().uname()).via, 'uname');
});

const node = process.execPath;

test('live host: runs a program without a shell and keeps its exit code', async () => {
	const host = createLiveHost();
	const ok = await host.run(node, ['-e', 'process.stdout.write("hi $HOME")']);
	assert.deepEqual(ok.ok && [ok.stdout, ok.exitCode], ['hi $HOME', 0]);
	const failed = await host.run(node, ['-e', 'process.exit(3)']);
	assert.equal(failed.ok && failed.exitCode, 3);
});

test('live host: a missing program, a deadline, an abort', async () => {
	const host = createLiveHost();
	const missing = await host.run('no-such-program-for-this-test', []);
	assert.equal(missing.ok ? undefined : missing.reason, 'missing');

	const started = performance.now();
	const slow = await host.run(node, ['-e', 'setTimeout(() => {}, 10000)'], {timeoutMs: 300});
	assert.equal(slow.ok ? undefined : slow.reason, 'timeout');
	assert.ok(performance.now() - started < 5000);

	const controller = new AbortController();
	const pending = host.run(node, ['-e', 'setTimeout(() => {}, 10000)'], {signal: controller.signal});
	setTimeout(() => controller.abort(), 100);
	const aborted = await pending;
	assert.equal(aborted.ok ? undefined : aborted.reason, 'error');
});

test('live host: output is capped', async () => {
	const result = await createLiveHost().run(node, ['-e', 'process.stdout.write("x".repeat(200000))'], {maxBytes: 1000});
	assert.equal(result.ok && result.stdout.length, 1000);
});

test('live host: reads size-0 /proc files to EOF; directories are not files', {skip: process.platform !== 'linux'}, async () => {
	const host = createLiveHost();
	assert.match((await host.readText('/proc/self/status')) ?? '', /^Name:/);
	assert.equal(await host.readFile('/proc'), undefined);
	assert.ok((await host.listDir('/proc'))?.includes('self'));
	assert.equal(host.kind, 'live');
	assert.equal(host.node?.arch, process.arch);
});
