import assert from 'node:assert/strict';
import {after, before, describe, test} from 'node:test';
import {binfmtEqual, harness, registerQemu, releaseHarness, skipE2E, snapshotBinfmt, unregister, type Harness} from './harness/index.js';

interface DistributionAnswer {
	readonly Platforms: readonly {readonly architecture: string; readonly os: string; readonly variant?: string}[];
}

describe('e2e harness', {skip: skipE2E, timeout: 15 * 60_000}, () => {
	let h: Harness;
	before(async () => {
		h = await harness();
	});
	after(releaseHarness);

	test('the engine answers /_ping', async () => {
		assert.equal(await h.ping(), true);
	});

	test('the registry serves a five-platform tag the engine can read without pulling', async () => {
		const answer = await h.engineJson<DistributionAnswer>(`/distribution/${h.multiPlatformRef}/json`);
		const platforms = answer.Platforms.map(p => [p.os, p.architecture, p.variant].filter(Boolean).join('/')).sort();
		assert.deepEqual(platforms, ['linux/386', 'linux/amd64', 'linux/arm/v6', 'linux/arm/v7', 'linux/arm64/v8']);
	});

	test('a per-arch image keeps its platform in the engine', async () => {
		const ref = 'ghcr.io/thebtf/chatmock:latest';
		await h.loadImage('arm64', ref);
		const inspect = await h.docker(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}/{{.Variant}}', ref]);
		assert.equal(inspect.stdout.trim(), 'linux/arm64/v8');
	});

	test('arm64 without a handler fails with exec format error; with qemu-aarch64 (F) it runs', async () => {
		const before = snapshotBinfmt();
		try {
			unregister('qemu-aarch64');
			const failed = await h.runContainer(h.images.arm64.ref, {cmd: ['uname', '-m']});
			assert.match(failed.logs, /exec format error/);
			assert.notEqual(failed.exitCode, 0);
			assert.ok(failed.warnings.some(w => w.includes('does not match the detected host platform')));

			const entry = registerQemu('arm64', {fixBinary: true});
			assert.match(snapshotBinfmt().entries.find(e => e.name === entry)?.flags ?? '', /F/);
			const ran = await h.runContainer(h.images.arm64.ref, {cmd: ['uname', '-m']});
			assert.equal(ran.exitCode, 0);
			assert.equal(ran.logs.trim(), 'aarch64');
		} finally {
			await h.restoreBaselineBinfmt();
		}
		assert.ok(binfmtEqual(snapshotBinfmt(), before), 'binfmt_misc is back as found');
	});

	test('a handler without F cannot be found inside the container', async () => {
		try {
			registerQemu('arm64', {fixBinary: false});
			const ran = await h.runContainer(h.images.arm64.ref, {cmd: ['uname', '-m']});
			assert.notEqual(ran.exitCode, 0);
			assert.match(ran.logs, /no such file or directory/);
		} finally {
			await h.restoreBaselineBinfmt();
		}
	});

	test("the engine is its own: a private socket, never the machine's default one", () => {
		assert.notEqual(h.socketPath, '/var/run/docker.sock');
		assert.ok(h.dockerHost.startsWith('unix:///'), h.dockerHost);
		assert.ok(!h.dockerHost.includes('/var/run/'), h.dockerHost);
	});

	test('a published port answers on 127.0.0.1 through the harness bridge', async () => {
		const server = await h.runContainer(h.images.amd64.ref, {
			cmd: ['sh', '-c', 'mkdir -p /www && echo ok > /www/health && exec httpd -f -p 8000 -h /www'],
			detach: true,
			publish: [8000],
		});
		assert.ok(server.id, server.stderr);
		const port = server.ports[8000];
		assert.ok(port !== undefined && port > 0, `published port: ${JSON.stringify(server.ports)}`);
		await h.waitForHttp(`http://127.0.0.1:${port}/health`);
		const body = await (await fetch(`http://127.0.0.1:${port}/health`)).text();
		assert.equal(body.trim(), 'ok');
		const network = await h.engineJson<{Options: Record<string, string>}>('/networks/bridge');
		assert.equal(network.Options['com.docker.network.bridge.name'] ?? h.bridge.name, h.bridge.name);
		await h.removeContainers();
	});

	test('the engine can be stopped and started again, keeping its images', async () => {
		await h.stopEngine();
		assert.equal(await h.ping(), false);
		await h.startEngine();
		assert.equal(await h.ping(), true);
		const inspect = await h.docker(['image', 'inspect', '--format', '{{.Architecture}}', h.images.armv7.ref]);
		assert.equal(inspect.stdout.trim(), 'arm');
	});

	test('the default command prints "chatmock up"', async () => {
		const ran = await h.runContainer(h.images.amd64.ref);
		assert.equal(ran.exitCode, 0);
		assert.match(ran.logs, /^chatmock up x86_64$/m);
	});
});
