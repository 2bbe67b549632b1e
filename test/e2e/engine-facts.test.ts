import assert from 'node:assert/strict';
import {mkdtempSync, rmSync, mkdirSync, writeFileSync} from 'node:fs';
import {createServer, type Server} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {collectEngineFacts, type EngineCollectOptions} from '../../source/facts/engine/collect-engine.js';
import {connectDocker} from '../../source/facts/engine/docker-connector.js';
import {contextDigest} from '../../source/facts/engine/endpoint.js';
import type {Host} from '../../source/facts/seam/host.js';
import {createLiveHost} from '../../source/facts/seam/live-host.js';
import {harness, registerQemu, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';

const TIMEOUT_MS = 3000;
const ABSENT_SOCKET = '/nonexistent/chatmock-doctor/docker.sock';

/** This machine with the environment a test chooses (no DOCKER_HOST from the runner). */
function liveHost(env: Record<string, string | undefined> = {}): Host {
	const live = createLiveHost({engine: connectDocker});
	const base = {...live.env};
	delete base['DOCKER_HOST'];
	delete base['DOCKER_CONTEXT'];
	delete base['CHATMOCK_IMAGE'];
	return {...live, env: Object.freeze({...base, ...env})};
}

function collect(h: Harness, options: Partial<EngineCollectOptions> = {}) {
	return collectEngineFacts({
		host: liveHost({DOCKER_CONFIG: h.dockerConfigDir}),
		timeoutMs: TIMEOUT_MS,
		offline: true,
		noEngine: false,
		dockerHost: h.dockerHost,
		defaultSocket: ABSENT_SOCKET,
		...options,
	});
}

describe('engine facts against a real engine', {skip: skipE2E, timeout: 15 * 60_000}, () => {
	let h: Harness;
	const dir = mkdtempSync(join(tmpdir(), 'cmd-engine-e2e-'));
	before(async () => {
		h = await harness();
	});
	after(async () => {
		rmSync(dir, {recursive: true, force: true});
		await h?.removeContainers();
		await releaseHarness();
	});

	test('wrong-arch ChatMock image: arm64 image fact and the exec format error quoted from the container', async () => {
		const ref = 'ghcr.io/thebtf/chatmock:latest';
		await h.loadImage('arm64', ref);
		try {
			unregister('qemu-aarch64');
			const run = await h.runContainer(ref, {name: 'chatmock-e2e-wrongarch', keep: true});
			assert.notEqual(run.exitCode, 0);
			const facts = await collect(h);
			const image = facts.images?.find(i => i.ref === ref);
			assert.equal(image?.architecture, 'arm64');
			assert.equal(image?.os, 'linux');
			const container = facts.containers?.find(c => c.name === 'chatmock-e2e-wrongarch');
			assert.ok(container, 'container found by name');
			assert.equal(container.state, 'exited');
			assert.notEqual(container.exitCode, 0);
			assert.ok(container.logTail.some(line => /exec format error/.test(line)));
			const signal = facts.signals.find(s => s.kind === 'exec-format-error');
			assert.equal(signal?.source.ref, '/containers/chatmock-e2e-wrongarch/logs');
			assert.match(signal?.source.excerpt ?? '', /exec format error/);
			assert.equal(facts.emulation?.kind, 'binfmt');
			assert.ok(!facts.emulation?.handlers.some(x => x.name === 'qemu-aarch64' && x.enabled));
		} finally {
			await h.removeContainers();
			await h.restoreBaselineBinfmt();
		}
	});

	test('with a qemu-aarch64 handler (F): emulation fact, and a throwaway verify run reports aarch64 with the platform warning', async () => {
		const ref = 'ghcr.io/thebtf/chatmock:latest';
		await h.loadImage('arm64', ref);
		try {
			registerQemu('arm64', {fixBinary: true});
			const facts = await collect(h);
			const handler = facts.emulation?.handlers.find(x => x.name === 'qemu-aarch64');
			assert.equal(handler?.enabled, true);
			assert.equal(handler?.arch, 'arm64');
			assert.match(handler?.flags ?? '', /F/);
			assert.ok(facts.api);
			const verify = await facts.api.verifyRun(ref, {timeoutMs: 60_000});
			assert.ok(verify.ok, JSON.stringify(verify));
			assert.equal(verify.value.exitCode, 0);
			assert.equal(verify.value.machine, 'aarch64');
			assert.ok(verify.value.warnings.some(w => w.includes('does not match the detected host platform')));
			const left = await h.docker(['ps', '-a', '--filter', 'label=chatmock-doctor.verify', '--quiet']);
			assert.equal(left.stdout.trim(), '', 'the verify container is removed');
		} finally {
			await h.restoreBaselineBinfmt();
		}
	});

	test('published platforms come from the local registry (5), not the built-in table', async () => {
		const facts = await collect(h, {offline: false, imageRef: h.multiPlatformRef});
		assert.equal(facts.published?.source, 'registry');
		assert.deepEqual([...(facts.published?.platforms ?? [])].sort(), ['linux/386', 'linux/amd64', 'linux/arm/v6', 'linux/arm/v7', 'linux/arm64']);
	});

	test('registry down: built-in platforms, marked with the reason', async () => {
		await h.stopRegistry();
		try {
			const facts = await collect(h, {offline: false, imageRef: h.multiPlatformRef});
			assert.equal(facts.published?.source, 'built-in');
			assert.equal(facts.published?.platforms.length, 5);
			assert.match(facts.published?.fallbackReason ?? '', /^registry: /);
		} finally {
			await h.startRegistry();
		}
	});

	test('pull one platform through the API: every event scanned, final Status line required; then remove it', async () => {
		const facts = await collect(h);
		assert.ok(facts.api);
		const statuses: string[] = [];
		const pulled = await facts.api.pull(h.multiPlatformRef, 'linux/arm/v7', {onProgress: e => statuses.push(e.status), stallMs: 60_000});
		assert.ok(pulled.ok, JSON.stringify(pulled));
		assert.match(pulled.value.status, /^Status: /);
		const inspect = await facts.api.inspectImage(h.multiPlatformRef);
		assert.ok(inspect.ok);
		assert.equal(inspect.value.architecture, 'arm');
		assert.equal(inspect.value.variant, 'v7');
		const missing = await facts.api.pull(h.multiPlatformRef, 'linux/s390x');
		assert.equal(missing.ok, false);
		assert.ok(!missing.ok && /no matching manifest|not found|manifest unknown/i.test(missing.error.message));
		const removed = await facts.api.removeImage(h.multiPlatformRef);
		assert.ok(removed.ok, JSON.stringify(removed));
		assert.ok(removed.value.some(r => r.untagged !== undefined));
	});

	test('daemon socket absent → docker.unreachable with the endpoint', async () => {
		const facts = await collect(h, {dockerHost: `unix://${ABSENT_SOCKET}`});
		assert.equal(facts.engine, null);
		assert.equal(facts.engineFailure?.code, 'docker.unreachable');
		assert.equal(facts.engineFailure?.endpoint, `unix://${ABSENT_SOCKET}`);
		assert.equal(facts.images, undefined);
	});

	test('a socket that accepts and never answers → docker.timeout within the deadline plus a small margin', async () => {
		const socketPath = join(dir, 'silent.sock');
		const server: Server = createServer(() => undefined);
		await new Promise<void>(resolve => server.listen(socketPath, resolve));
		try {
			const started = performance.now();
			const facts = await collect(h, {dockerHost: `unix://${socketPath}`, timeoutMs: 1000});
			const elapsed = performance.now() - started;
			assert.equal(facts.engineFailure?.code, 'docker.timeout');
			assert.ok(elapsed < 1000 + 500, `took ${Math.round(elapsed)} ms`);
		} finally {
			server.close();
		}
	});

	for (const via of ['DOCKER_CONTEXT', 'config.json currentContext'] as const) {
		test(`${via} names a context pointing at the engine; DOCKER_HOST unset, default socket absent`, async () => {
			const config = join(dir, `config-${via.length}`);
			const name = 'e2e-engine';
			const metaDir = join(config, 'contexts', 'meta', contextDigest(name));
			mkdirSync(metaDir, {recursive: true});
			writeFileSync(join(metaDir, 'meta.json'), JSON.stringify({Name: name, Metadata: {}, Endpoints: {docker: {Host: h.dockerHost, SkipTLSVerify: false}}}));
			writeFileSync(join(config, 'config.json'), JSON.stringify(via === 'DOCKER_CONTEXT' ? {} : {currentContext: name}));
			const env = via === 'DOCKER_CONTEXT' ? {DOCKER_CONFIG: config, DOCKER_CONTEXT: name} : {DOCKER_CONFIG: config};
			const facts = await collectEngineFacts({
				host: liveHost(env),
				timeoutMs: TIMEOUT_MS,
				offline: true,
				noEngine: false,
				defaultSocket: ABSENT_SOCKET,
			});
			assert.equal(facts.engineFailure, undefined, JSON.stringify(facts.engineFailure));
			assert.equal(facts.endpoint?.host, h.dockerHost);
			assert.equal(facts.endpoint?.context, name);
			assert.equal(facts.endpoint?.reason, `context ${name} (${via})`);
			assert.equal(facts.engine?.osType?.value, 'linux');
		});
	}
});
