// A slow ssh handshake (a Pi Zero: seconds to connect, log in and start `docker system dial-stdio`)
// is not a slow engine: the connection has its own allowance, and --timeout counts from the
// engine's first answer. A handshake that never ends is still bounded. The "ssh" here is a script
// on PATH that sleeps, then bridges its stdio to a fake engine's socket, as dial-stdio does.
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {collectEngineFacts} from '../../../../source/facts/engine/collect-engine.js';
import {connectDocker} from '../../../../source/facts/engine/docker-connector.js';
import type {EngineApi} from '../../../../source/facts/engine/engine-api.js';
import {SSH_CONNECT_FLOOR_MS, sshArgs, sshConnectAllowanceMs} from '../../../../source/facts/engine/ssh-dial.js';
import {createTransport} from '../../../../source/facts/engine/transport.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';
import {engineDeadlineMs} from '../../../../source/fleet/collect-fleet.js';
import {connectorOf, fakeEngineApi} from './fake-engine-api.js';
import {json, startFakeEngine, type FakeEngine} from './fake-engine-server.js';

const dir = mkdtempSync(join(tmpdir(), 'cmd-ssh-handshake-'));
const savedPath = process.env['PATH'];
let engine: FakeEngine;

/** Puts an `ssh` on PATH that waits `delaySeconds` (its handshake), then is the engine's socket on stdin/stdout. */
function fakeSsh(delaySeconds: number | 'forever'): void {
	const bin = join(dir, `bin-${Math.random().toString(36).slice(2)}`);
	mkdirSync(bin);
	const bridge = `const s=require('net').connect(${JSON.stringify(engine.socketPath)});process.stdin.pipe(s);s.pipe(process.stdout);s.on('close',()=>process.exit(0));`;
	const body = delaySeconds === 'forever' ? `exec sleep ${FOREVER_SECONDS}` : `sleep ${delaySeconds}\nexec ${JSON.stringify(process.execPath)} -e ${JSON.stringify(bridge)}`;
	writeFileSync(join(bin, 'ssh'), `#!/bin/sh\n${body}\n`);
	chmodSync(join(bin, 'ssh'), 0o755);
	process.env['PATH'] = `${bin}:${savedPath ?? ''}`;
}

/**
 * The never-ending handshake sleeps this long: a number no other process on the machine sleeps
 * (a tmux pane of the e2e tests ends in `sleep 600`), so counting them counts ours alone.
 */
const FOREVER_SECONDS = 86_389;

const SSH = {host: 'ssh://pi@pi4.local', reason: 'test'} as const;

before(async () => {
	engine = await startFakeEngine({
		'GET /_ping': (_req, res) => res.writeHead(200, {'Api-Version': '1.41'}).end('OK'),
		'GET /info': json(200, {OSType: 'linux'}),
		// An engine that is slow itself, after the connection is up.
		'GET /version': (req, res, url) => setTimeout(() => json(200, {ApiVersion: '1.41'})(req, res, url), 1500),
	});
});
after(async () => {
	process.env['PATH'] = savedPath;
	await engine.close();
	rmSync(dir, {recursive: true, force: true});
});

describe('the ssh handshake has its own allowance', () => {
	test('it is --timeout, never less than 10 s, and ssh is told the same (ConnectTimeout)', () => {
		assert.equal(sshConnectAllowanceMs(3000), SSH_CONNECT_FLOOR_MS);
		assert.equal(sshConnectAllowanceMs(20_000), 20_000);
		assert.ok(sshArgs({hostname: 'pi4.local'}, 20_000).includes('ConnectTimeout=20'));
		assert.ok(sshArgs({hostname: 'pi4.local'}, sshConnectAllowanceMs(3000)).includes('ConnectTimeout=10'));
	});

	test('a 1 s handshake with a 300 ms --timeout: the engine answers; on the open connection --timeout bounds each answer again', async () => {
		fakeSsh(1);
		const connected = connectDocker(SSH, {timeoutMs: 300});
		assert.ok(connected.ok);
		const api = connected.value;
		const started = Date.now();
		const ping = await api.ping();
		assert.ok(ping.ok, JSON.stringify(ping));
		assert.ok(Date.now() - started >= 900, 'the handshake took its second');
		// Kept alive: no new handshake, the same connection answers at once.
		const again = Date.now();
		assert.ok((await api.info()).ok);
		assert.ok(Date.now() - again < 900, 'no second handshake');
		// The engine itself slow (1.5 s) on a connection that is up: a timeout of the answer, as ever.
		const slow = await api.version();
		assert.equal(slow.ok, false);
		assert.equal(!slow.ok && slow.error.cause, 'answer-timeout', JSON.stringify(slow));
	});

	test('a handshake that never ends fails within its allowance plus the timeout, as a connection that never came up', async () => {
		fakeSsh('forever');
		const transport = createTransport(SSH, undefined, {sshConnectAllowanceMs: 400});
		assert.ok(transport.ok);
		const started = Date.now();
		const result = await transport.value.send({method: 'GET', path: '/_ping'}, {timeoutMs: 100});
		const took = Date.now() - started;
		assert.equal(result.ok, false);
		assert.equal(!result.ok && result.error.cause, 'connect-timeout', JSON.stringify(result));
		assert.match(!result.ok ? result.error.message : '', /no connection within 500 ms \(ssh's connect, login and `docker system dial-stdio` had 400 ms of it\)/);
		assert.ok(took >= 450 && took < 3000, `took ${took} ms`);
		// The ssh child is gone with the call: nothing sleeps on.
		const left = execFileSync('sh', ['-c', `ps -eo args | grep -c "^sleep ${FOREVER_SECONDS}$" || true`], {encoding: 'utf8'}).trim();
		assert.equal(left, '0');
	});

	test("the whole check's deadline starts at the engine's first answer over ssh, not before", async () => {
		// The first answer comes after 600 ms (the handshake); the check's deadline is 200 ms.
		const slowFirst = (endpoint: string): EngineApi =>
			fakeEngineApi({
				endpoint,
				ping: () => new Promise(done => setTimeout(() => done({ok: true, value: {apiVersion: '1.41', osType: 'linux'}}), 600)),
				listImages: async () => ({ok: true, value: [{id: 'sha256:arm', repoTags: ['ghcr.io/thebtf/chatmock:latest'], repoDigests: []}]}),
				inspectImage: async () => ({ok: true, value: {id: 'sha256:arm', repoTags: [], repoDigests: [], os: 'linux', architecture: 'arm64'}}),
			});
		const check = (dockerHost: string) =>
			collectEngineFacts({
				host: createMemoryHost({home: '/home/u', env: {DOCKER_HOST: dockerHost}}),
				timeoutMs: 200,
				offline: true,
				noEngine: false,
				connector: connectorOf(slowFirst(dockerHost)),
			});
		const overSsh = await check('ssh://pi@pi4.local');
		assert.equal(overSsh.engineFailure, undefined);
		assert.equal(overSsh.images?.[0]?.architecture, 'arm64', JSON.stringify(overSsh.incomplete));
		// On a local socket the connection is no handshake: the deadline still counts from the start.
		const local = await check('unix:///var/run/docker.sock');
		assert.equal(local.images?.length ?? 0, 0, 'past the deadline, the images were not asked');
	});

	test("the fleet's per-engine bound adds the allowance for ssh engines only", () => {
		assert.equal(engineDeadlineMs(3000, true) - engineDeadlineMs(3000), SSH_CONNECT_FLOOR_MS);
	});
});
