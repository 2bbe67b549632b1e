import assert from 'node:assert/strict';
import {after, describe, it} from 'node:test';
import {connectDocker} from '../../../../source/facts/engine/docker-connector.js';
import type {ContainerInspect} from '../../../../source/facts/engine/engine-api.js';
import {probeContainers} from '../../../../source/facts/engine/probe-containers.js';
import {fakeEngineApi} from './fake-engine-api.js';
import {json, startFakeEngine, type FakeEngine} from './fake-engine-server.js';

const inspectOf = (id: string, status: string): ContainerInspect => ({
	id,
	name: id,
	image: 'ghcr.io/thebtf/chatmock:latest',
	state: {status, running: status === 'running', restarting: false, oomKilled: false, exitCode: 0},
	ports: {'8000/tcp': ['0.0.0.0:8000']},
});

describe('a busy engine', () => {
	const engines: FakeEngine[] = [];
	after(async () => {
		for (const engine of engines) await engine.close();
	});

	it('never asks for the logs of a container that only was created (it has none); still inspects it', async () => {
		const calls: string[] = [];
		const api = fakeEngineApi(
			{
				listContainers: async () => ({
					ok: true,
					value: [
						{id: 'c1', names: ['chatmock'], image: 'ghcr.io/thebtf/chatmock:latest', state: 'created'},
						{id: 'c2', names: ['chatmock-old'], image: 'ghcr.io/thebtf/chatmock:latest', state: 'exited'},
					],
				}),
				inspectContainer: async id => ({ok: true, value: inspectOf(id, id === 'c1' ? 'created' : 'exited')}),
			},
			calls,
		);
		const result = await probeContainers(api, {imageIds: []});
		assert.deepEqual(
			result.containers.map(c => [c.name, c.state, c.logTail, c.port8000]),
			[
				['c1', 'created', [], ['0.0.0.0:8000']],
				['c2', 'exited', [], ['0.0.0.0:8000']],
			],
		);
		assert.deepEqual(
			calls.filter(call => call.startsWith('containerLogs')).map(call => call.split(' ')[1]),
			['["c2",50]'],
		);
	});

	it('keeps one connection for a client and one abort listener on its signal, however many calls run', async () => {
		const engine = await startFakeEngine({'GET /_ping': (_req, res) => res.writeHead(200, {'Api-Version': '1.41'}).end('OK'), 'GET /info': json(200, {})});
		engines.push(engine);
		const controller = new AbortController();
		const connected = connectDocker({host: engine.host, reason: 'test'}, {timeoutMs: 1000, signal: controller.signal});
		assert.ok(connected.ok);
		const api = connected.value;
		await api.ping();
		for (let i = 0; i < 5; i++) assert.ok((await api.info()).ok);
		assert.equal(engine.connections(), 1, 'calls one after another share the kept-alive connection');
		const warnings: Error[] = [];
		const onWarning = (warning: Error) => warnings.push(warning);
		process.on('warning', onWarning);
		try {
			const answers = await Promise.all(Array.from({length: 24}, () => api.info({signal: controller.signal})));
			assert.ok(answers.every(answer => answer.ok));
			await new Promise(resolve => setImmediate(resolve));
		} finally {
			process.off('warning', onWarning);
		}
		assert.deepEqual(
			warnings.map(w => w.message),
			[],
		);
	});
});
