import {describe, it, after} from 'node:test';
import assert from 'node:assert/strict';
import {createServer, type Server} from 'node:net';
import {rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {connectDocker} from '../../../../source/facts/engine/docker-connector.js';
import {probeEngine} from '../../../../source/facts/engine/probe-engine.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';
import type {EngineApi} from '../../../../source/facts/engine/engine-api.js';
import type {ContainerOps} from '../../../../source/facts/engine/container-ops.js';
import {mapSocketError} from '../../../../source/facts/engine/transport.js';
import {frame, json, recordedCreate, startFakeEngine, type FakeEngine} from './fake-engine-server.js';
import {tempDir} from '../../../helpers/temp-dir.js';

function connect(host: string, timeoutMs = 1000, signal?: AbortSignal): EngineApi {
	const result = connectDocker({host, reason: 'test'}, {timeoutMs, ...(signal ? {signal} : {})});
	assert.ok(result.ok, 'connects');
	return result.value;
}

describe('docker connector against local servers', () => {
	const dir = tempDir('cmd-connector-');
	const servers: Server[] = [];
	const engines: FakeEngine[] = [];
	after(async () => {
		for (const s of servers) {
			s.close();
		}
		for (const e of engines) await e.close();
		rmSync(dir, {recursive: true, force: true});
	});

	it('maps a socket that accepts and never answers to timeout within the deadline', async () => {
		const socketPath = join(dir, 'silent.sock');
		const server = createServer(() => {
			/* accepts, never answers */
		});
		servers.push(server);
		await new Promise<void>(resolve => server.listen(socketPath, resolve));
		const started = performance.now();
		const result = await connect(`unix://${socketPath}`, 300).ping();
		const elapsed = performance.now() - started;
		assert.equal(result.ok, false);
		assert.equal(!result.ok && result.error.code, 'timeout');
		assert.ok(elapsed >= 290 && elapsed < 800, `took ${elapsed} ms`);
	});

	it('maps a missing socket to unreachable (ENOENT)', async () => {
		const result = await connect(`unix://${join(dir, 'absent.sock')}`).ping();
		assert.equal(!result.ok && result.error.code, 'unreachable');
		assert.equal(!result.ok && result.error.errno, 'ENOENT');
	});

	it('maps a socket file nobody listens on to unreachable (ECONNREFUSED)', async () => {
		const socketPath = join(dir, 'dead.sock');
		const server = createServer();
		await new Promise<void>(resolve => server.listen(socketPath, resolve));
		// Closing a listening unix socket unlinks it; recreate a stale one by hand.
		await new Promise<void>(resolve => server.close(() => resolve()));
		writeFileSync(socketPath, '');
		const result = await connect(`unix://${socketPath}`).ping();
		assert.equal(!result.ok && result.error.code, 'unreachable');
	});

	it('maps EACCES and EPERM to eacces (root cannot be refused by chmod 000, so the errno is mapped directly)', () => {
		assert.equal(mapSocketError(Object.assign(new Error('connect EACCES /var/run/docker.sock'), {code: 'EACCES'})).code, 'eacces');
		assert.equal(mapSocketError(Object.assign(new Error('x'), {code: 'EPERM'})).code, 'eacces');
		assert.equal(mapSocketError(Object.assign(new Error('x'), {code: 'ECONNREFUSED'})).code, 'unreachable');
	});

	it('honours an AbortSignal', async () => {
		const socketPath = join(dir, 'silent2.sock');
		const server = createServer(() => undefined);
		servers.push(server);
		await new Promise<void>(resolve => server.listen(socketPath, resolve));
		const controller = new AbortController();
		setTimeout(() => controller.abort(), 50);
		const result = await connect(`unix://${socketPath}`, 5000).ping({signal: controller.signal});
		assert.equal(!result.ok && result.error.code, 'aborted');
	});

	it('fails a bad host without throwing', () => {
		const result = connectDocker({host: 'fd://3', reason: 'test'}, {timeoutMs: 100});
		assert.equal(!result.ok && result.error.code, 'bad-endpoint');
		const empty = connectDocker({host: 'unix://', reason: 'test'}, {timeoutMs: 100});
		assert.equal(!empty.ok && empty.error.code, 'bad-endpoint');
	});

	it('reads ping headers (Podman) and pins the API version to the engine when it is older', async () => {
		const engine = await startFakeEngine({
			'GET /_ping': (_req, res) => res.writeHead(200, {'Api-Version': '1.40', 'Libpod-Api-Version': '4.3.1', Ostype: 'linux'}).end('OK'),
			'GET /images/json': json(200, []),
		});
		engines.push(engine);
		const api = connect(engine.host);
		const ping = await api.ping();
		assert.ok(ping.ok);
		assert.equal(ping.value.libpodApiVersion, '4.3.1');
		assert.equal(ping.value.apiVersion, '1.40');
		assert.equal(api.apiVersion, '1.40');
		await api.listImages(['chatmock']);
		assert.match(engine.seen.at(-1)!, /^GET \/v1\.40\/images\/json\?filters=/);
	});

	it('probeEngine asks /version and /info with the ping, unversioned, and the rest in the negotiated version', async () => {
		let answerPing: (() => void) | undefined;
		const arrived = new Set<string>();
		const arrive = (what: string) => {
			arrived.add(what);
			// The ping is answered only once /version and /info have arrived: a probe that waited for it would hang.
			if (arrived.has('version') && arrived.has('info')) answerPing?.();
		};
		const engine = await startFakeEngine({
			'GET /_ping': (_req, res) => {
				answerPing = () => res.writeHead(200, {'Api-Version': '1.43'}).end('OK');
				arrive('ping');
			},
			'GET /version': (req, res, url) => {
				json(200, {Version: '24.0.7', ApiVersion: '1.43', Os: 'linux', Arch: 'arm'})(req, res, url);
				arrive('version');
			},
			'GET /info': (req, res, url) => {
				json(200, {Architecture: 'aarch64', OSType: 'linux', ServerVersion: '24.0.7'})(req, res, url);
				arrive('info');
			},
			'GET /images/json': json(200, []),
		});
		engines.push(engine);
		const listed: Promise<unknown>[] = [];
		const probe = await probeEngine(createMemoryHost({env: {DOCKER_HOST: engine.host}}), {
			timeoutMs: 2000,
			connector: connectDocker,
			onPing: api => listed.push(api.listImages(['chatmock'])),
		});
		await Promise.all(listed);
		assert.equal(probe.failure, undefined, JSON.stringify(probe.failure));
		assert.equal(probe.engine?.versionArch?.value, 'arm');
		assert.deepEqual(engine.seen.slice(0, 3).sort(), ['GET /_ping', 'GET /info', 'GET /version']);
		assert.match(engine.seen.at(-1)!, /^GET \/v1\.43\/images\/json/);
	});

	it('never pins above its own version', async () => {
		const engine = await startFakeEngine({'GET /_ping': (_req, res) => res.writeHead(200, {'Api-Version': '1.99'}).end('OK')});
		engines.push(engine);
		const api = connect(engine.host);
		await api.ping();
		assert.equal(api.apiVersion, '1.45');
	});

	it('sends reference filters to the engine and maps inspect answers without env', async () => {
		const engine = await startFakeEngine({
			'GET /images/json': json(200, [{Id: 'sha256:aa', RepoTags: ['ghcr.io/thebtf/chatmock:latest'], RepoDigests: []}]),
			'GET /containers/*/json': json(200, {
				Id: 'c1',
				Name: '/chatmock',
				Image: 'sha256:aa',
				Config: {Image: 'ghcr.io/thebtf/chatmock:latest', Env: ['CHATGPT_TOKEN=secret']},
				State: {Status: 'restarting', Running: false, Restarting: true, ExitCode: 255, Health: {Status: 'unhealthy'}},
				RestartCount: 7,
				NetworkSettings: {Ports: {}},
				HostConfig: {PortBindings: {'8000/tcp': [{HostIp: '127.0.0.1', HostPort: '8000'}]}},
			}),
		});
		engines.push(engine);
		const api = connect(engine.host);
		const images = await api.listImages(['chatmock', '*/chatmock']);
		assert.ok(images.ok);
		assert.deepEqual(images.value[0]?.repoTags, ['ghcr.io/thebtf/chatmock:latest']);
		const query = new URL(`http://x${engine.seen.at(-1)!.slice(4)}`).searchParams.get('filters');
		assert.deepEqual(JSON.parse(query!), {reference: ['chatmock', '*/chatmock']});
		const inspect = await api.inspectContainer('c1');
		assert.ok(inspect.ok);
		assert.equal(inspect.value.state.exitCode, 255);
		assert.equal(inspect.value.restartCount, 7);
		assert.equal(inspect.value.state.health, 'unhealthy');
		assert.deepEqual(inspect.value.ports['8000/tcp'], ['127.0.0.1:8000']);
		assert.equal(JSON.stringify(inspect.value).includes('secret'), false);
	});

	it('demultiplexes logs', async () => {
		const engine = await startFakeEngine({
			'GET /containers/*/logs': (_req, res) => {
				res.writeHead(200, {'content-type': 'application/vnd.docker.raw-stream'});
				res.end(Buffer.concat([frame(1, 'chatmock starting\n'), frame(2, 'exec /app/start.sh: exec format error\n')]));
			},
		});
		engines.push(engine);
		const logs = await connect(engine.host).containerLogs('c1', 50);
		assert.ok(logs.ok);
		assert.deepEqual(logs.value, ['chatmock starting', 'exec /app/start.sh: exec format error']);
		assert.match(engine.seen.at(-1)!, /tail=50/);
	});

	it('maps HTTP statuses to codes with the engine message', async () => {
		const engine = await startFakeEngine({
			'GET /images/*/json': json(404, {message: 'No such image: nope:latest'}),
			'DELETE /images/*': json(409, {message: 'image is being used by stopped container c1'}),
		});
		engines.push(engine);
		const api = connect(engine.host);
		const inspect = await api.inspectImage('nope');
		assert.equal(!inspect.ok && inspect.error.code, 'not-found');
		const removed = await api.removeImage('sha256:aa');
		assert.equal(!removed.ok && removed.error.code, 'conflict');
		assert.match(engine.seen.at(-1)!, /force=false/);
		assert.match(engine.seen.at(-1)!, /noprune=false/);
	});

	it('pull: fails on an {error} event inside a 200 stream', async () => {
		const engine = await startFakeEngine({
			'POST /images/create': (_req, res) => {
				res.writeHead(200, {'content-type': 'application/json'});
				res.write(`${JSON.stringify({status: 'Pulling from thebtf/chatmock', id: 'latest'})}\n`);
				res.end(
					`${JSON.stringify({errorDetail: {message: 'no matching manifest for linux/arm/v8 in the manifest list entries'}, error: 'no matching manifest for linux/arm/v8 in the manifest list entries'})}\n`,
				);
			},
		});
		engines.push(engine);
		const events: string[] = [];
		const result = await connect(engine.host).pull('ghcr.io/thebtf/chatmock', 'linux/arm/v8', {onProgress: e => events.push(e.status)});
		assert.equal(!result.ok && result.error.code, 'error');
		assert.match(!result.ok ? result.error.message : '', /no matching manifest/);
		assert.deepEqual(events, ['Pulling from thebtf/chatmock']);
		const query = new URL(`http://x${engine.seen.at(-1)!.slice(5)}`).searchParams;
		assert.equal(query.get('tag'), 'latest');
		assert.equal(query.get('platform'), 'linux/arm/v8');
	});

	it('pull: requires the final Status line', async () => {
		const engine = await startFakeEngine({
			'POST /images/create': (_req, res) => {
				res.writeHead(200, {'content-type': 'application/json'});
				res.end(`${JSON.stringify({status: 'Downloading', id: 'abc', progressDetail: {current: 1, total: 10}})}\n`);
			},
		});
		engines.push(engine);
		const result = await connect(engine.host).pull('storagetime/chatmock:latest', 'linux/arm64');
		assert.equal(!result.ok && result.error.code, 'protocol');
	});

	it('pull: succeeds with the Status line and its digest; a stall is a timeout', async () => {
		const engine = await startFakeEngine({
			'POST /images/create': (req, res) => {
				res.writeHead(200, {'content-type': 'application/json'});
				if (new URL(req.url!, 'http://x').searchParams.get('tag') === 'stall') {
					res.write(`${JSON.stringify({status: 'Pulling fs layer', id: 'abc'})}\n`);
					return;
				}
				res.write(`${JSON.stringify({status: 'Digest: sha256:0123'})}\n`);
				res.end(`${JSON.stringify({status: 'Status: Downloaded newer image for storagetime/chatmock:latest'})}\n`);
			},
		});
		engines.push(engine);
		const api = connect(engine.host);
		const ok = await api.pull('storagetime/chatmock:latest', 'linux/arm64');
		assert.ok(ok.ok);
		assert.equal(ok.value.digest, 'sha256:0123');
		const stalled = await api.pull('storagetime/chatmock:stall', 'linux/arm64', {stallMs: 200});
		assert.equal(!stalled.ok && stalled.error.code, 'timeout');
	});

	it('verifyRun: keeps the create Warnings, overrides the entrypoint, covers volumes with tmpfs and removes the container without force or volumes', async () => {
		const create = recordedCreate({
			Id: 'v1',
			Warnings: ["The requested image's platform (linux/arm64/v8) does not match the detected host platform (linux/amd64) and no specific platform was requested"],
		});
		const engine = await startFakeEngine({
			'POST /containers/create': create.route,
			'GET /images/ghcr.io/thebtf/chatmock:latest/json': json(200, {Id: 'sha256:img', Os: 'linux', Architecture: 'arm64', Config: {Volumes: {'/data': {}}}}),
			'POST /containers/*/start': (_req, res) => res.writeHead(204).end(),
			'POST /containers/*/wait': json(200, {StatusCode: 0}),
			'POST /containers/*/stop': (_req, res) => res.writeHead(304).end(),
			'GET /containers/*/json': json(200, {Id: 'v1', Name: '/x', Config: {}, State: {Status: 'exited'}}),
			'GET /containers/*/logs': (_req, res) => res.writeHead(200).end(frame(1, 'aarch64\n')),
			'DELETE /containers/*': (_req, res) => res.writeHead(204).end(),
		});
		engines.push(engine);
		const result = await connect(engine.host).verifyRun('ghcr.io/thebtf/chatmock:latest');
		assert.ok(result.ok);
		assert.equal(result.value.machine, 'aarch64');
		assert.equal(result.value.exitCode, 0);
		assert.match(result.value.warnings[0]!, /does not match the detected host platform/);
		assert.deepEqual(create.sent.body['Entrypoint'], ['uname', '-m']);
		assert.deepEqual((create.sent.body['HostConfig'] as Record<string, unknown>)['Tmpfs'], {'/data': ''});
		const removal = engine.seen.find(line => line.startsWith('DELETE /containers/v1'));
		assert.ok(removal);
		assert.match(removal, /force=false/);
		assert.match(removal, /v=false/);
	});
	it('trialRun: an image that stays up through the window counts as started, and is stopped then removed without force', async () => {
		const create = recordedCreate({Id: 't1', Warnings: []});
		const engine = await startFakeEngine({
			'POST /containers/create': create.route,
			'GET /images/*/json': json(200, {Id: 'sha256:img', Os: 'linux', Architecture: 'amd64', Config: {Entrypoint: ['/serve']}}),
			'POST /containers/*/start': (_req, res) => res.writeHead(204).end(),
			// Never answers: the server keeps running.
			'POST /containers/*/wait': () => undefined,
			'POST /containers/*/stop': (_req, res) => res.writeHead(204).end(),
			'GET /containers/*/json': json(200, {Id: 't1', Name: '/x', Config: {}, State: {Status: 'exited', ExitCode: 137}}),
			'GET /containers/*/logs': (_req, res) => res.writeHead(200).end(frame(1, 'listening on :8000\n')),
			'DELETE /containers/*': (_req, res) => res.writeHead(204).end(),
		});
		engines.push(engine);
		const api = connect(engine.host) as EngineApi & ContainerOps;
		const result = await api.trialRun('chatmock-like:latest', {platform: 'linux/amd64', windowMs: 200});
		assert.ok(result.ok);
		assert.equal(result.value.running, true);
		assert.equal(result.value.exitCode, undefined);
		assert.deepEqual(result.value.output, ['listening on :8000']);
		assert.equal(create.sent.body['Entrypoint'], undefined, 'the image runs its own entrypoint');
		assert.equal((create.sent.body['HostConfig'] as Record<string, unknown>)['NetworkMode'], 'none');
		assert.ok(engine.seen.some(line => line.startsWith('POST /containers/t1/stop')));
		assert.ok(engine.seen.some(line => /^DELETE \/containers\/t1\?force=false&v=false/.test(line)));
	});
});
