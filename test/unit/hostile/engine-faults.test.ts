// Engine faults against fake engines on local sockets, through the whole CLI (--json): each asserts
// the finding and what it says, the exit code, the bound on time, and that nothing raw reaches stdout.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {createServer as createHttpServer} from 'node:http';
import {connect, type AddressInfo} from 'node:net';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {createEngineApi} from '../../../source/facts/engine/docker-connector.js';
import {createTransport, mapSocketError} from '../../../source/facts/engine/transport.js';
import {isNeutral} from '../../../source/text/sanitize.js';
import {frame, json, startFakeEngine, type FakeEngine, type Route} from '../facts/engine/fake-engine-server.js';
import {runCliInProcess} from '../../helpers/cli-in-process.js';
import {tempDir} from '../../helpers/temp-dir.js';

interface Run {
	readonly code: number;
	readonly stdout: string;
	readonly stderr: string;
	readonly ms: number;
	readonly report: {findings: {id: string; title: string; why: string; evidence: {text: string}[]}[]};
}

async function doctor(host: string, extra: string[] = []): Promise<Run> {
	const run = await runCliInProcess(['--json', '--offline', '--host', host, ...extra]);
	assert.ok(isNeutral(run.stdout), 'stdout carries a raw control character');
	assert.ok(isNeutral(run.stderr), 'stderr carries a raw control character');
	return {...run, report: JSON.parse(run.stdout)};
}

const finding = (run: Run, id: string) => {
	const found = run.report.findings.find(f => f.id === id);
	assert.ok(found, `no ${id} finding; got ${run.report.findings.map(f => f.id).join(', ')}`);
	return found;
};
const text = (f: {title: string; why: string; evidence: {text: string}[]}) => `${f.title} ${f.why} ${f.evidence.map(e => e.text).join(' ')}`;

const VERSION = {Version: '24.0.7', ApiVersion: '1.43', MinAPIVersion: '1.12', Arch: 'amd64', Os: 'linux', KernelVersion: '6.1.0'};
const INFO = {OSType: 'linux', Architecture: 'x86_64', OperatingSystem: 'Debian GNU/Linux 12', Name: 'fake-engine', KernelVersion: '6.1.0'};
const ping: Route = (_req, res) => res.writeHead(200, {'Api-Version': '1.43', 'Content-Type': 'text/plain'}).end('OK');
const hang: Route = () => {
	/* accepts the request, never answers */
};

describe('engine faults: the finding says what happened', () => {
	const engines: FakeEngine[] = [];
	const start = async (routes: Record<string, Route>) => {
		const engine = await startFakeEngine(routes);
		engines.push(engine);
		return engine;
	};
	after(async () => {
		for (const engine of engines) await engine.close();
	});

	it('no socket at all: unreachable, "no socket"', async () => {
		const run = await doctor(`unix://${join(tempDir('cmd-none-'), 'docker.sock')}`, ['--timeout', '1000']);
		assert.equal(run.code, 1);
		assert.match(text(finding(run, 'docker-unreachable')), /no socket/i);
	});

	it('refused: "refused", not "not installed"', async () => {
		const run = await doctor('tcp://127.0.0.1:1', ['--timeout', '1000']);
		assert.equal(run.code, 1);
		assert.match(text(finding(run, 'docker-unreachable')), /refused/i);
	});

	it('accepted, never answered: docker-timeout "accepted the connection", within --timeout + 1 s', async () => {
		const engine = await start({'GET /_ping': hang, 'GET /version': hang, 'GET /info': hang});
		const run = await doctor(engine.host, ['--timeout', '700']);
		assert.equal(run.code, 1);
		const f = finding(run, 'docker-timeout');
		assert.match(text(f), /accepted the connection/);
		assert.match(text(f), /connected, but no answer/);
		assert.ok(run.ms < 1700, `${run.ms} ms`);
	});

	it('HTTP 500 with dockerd\'s message: "answers with an error" and the message, not "Nothing listens"', async () => {
		const engine = await start({'GET /_ping': json(500, {message: 'error initializing graphdriver: no space left on device'})});
		const run = await doctor(engine.host, ['--timeout', '1000']);
		const f = finding(run, 'docker-unreachable');
		assert.match(text(f), /answers with an error/);
		assert.match(text(f), /no space left on device/);
		assert.doesNotMatch(text(f), /Nothing listens/);
	});

	it('an HTML page: "not a Docker engine"', async () => {
		const html: Route = (_req, res) => res.writeHead(200, {'Content-Type': 'text/html'}).end('<!DOCTYPE html><html><body>Router login</body></html>');
		const engine = await start({'GET /_ping': html, 'GET /version': html, 'GET /info': html});
		const run = await doctor(engine.host, ['--timeout', '1000']);
		assert.match(text(finding(run, 'docker-unreachable')), /other than a Docker engine|HTML page/);
	});

	it('invalid JSON after a good ping: "not a Docker engine"', async () => {
		const garbage: Route = (_req, res) => res.writeHead(200, {'Content-Type': 'application/json'}).end('{"Version": ');
		const engine = await start({'GET /_ping': ping, 'GET /version': garbage, 'GET /info': garbage});
		const run = await doctor(engine.host, ['--timeout', '1000']);
		assert.match(text(finding(run, 'docker-unreachable')), /other than a Docker engine/);
	});

	it('/info nested 5,000 levels: a partial engine, said; snapshot still writes', async () => {
		const deep: Route = (_req, res) => res.writeHead(200, {'Content-Type': 'application/json'}).end(`{"Name":${'['.repeat(5000)}${']'.repeat(5000)}}`);
		const engine = await start({'GET /_ping': ping, 'GET /version': json(200, VERSION), 'GET /info': deep, 'GET /images/json': json(200, []), 'GET /containers/json': json(200, [])});
		const run = await doctor(engine.host, ['--timeout', '1000']);
		assert.match(text(finding(run, 'check-incomplete')), /\/info failed: .*nested deeper/);
	});

	it('a TLS client to a plain server: the TLS class', async () => {
		const server = createHttpServer((_req, res) => res.end('OK'));
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		const {port} = server.address() as AddressInfo;
		try {
			const transport = createTransport({host: `tcp://127.0.0.1:${port}`, reason: 'test', tls: {verify: false}});
			assert.ok(transport.ok);
			const answer = await transport.value.send({method: 'GET', path: '/_ping'}, {timeoutMs: 2000});
			assert.ok(!answer.ok);
			assert.equal(answer.error.cause, 'tls', JSON.stringify(answer.error));
		} finally {
			server.close();
		}
		// A broken key: Node's TLS client fails on it when it dials.
		const broken = createTransport({host: 'tcp://127.0.0.1:1', reason: 'test', tls: {verify: true, cert: Buffer.from('garbage'), key: Buffer.from('not a key')}});
		const brokenAnswer = broken.ok ? await broken.value.send({method: 'GET', path: '/_ping'}, {timeoutMs: 2000}) : broken;
		assert.ok(!brokenAnswer.ok);
		assert.equal(brokenAnswer.error.cause, 'tls', JSON.stringify(brokenAnswer.error));
		assert.equal(mapSocketError(Object.assign(new Error('x'), {code: 'ERR_SSL_WRONG_VERSION_NUMBER'})).cause, 'tls');
	});

	it('a failed pull carries dockerd\'s message, not "HTTP 500"', async () => {
		const engine = await start({'POST /images/create': json(500, {message: 'Get "https://registry.lan/v2/": dial tcp: lookup registry.lan: no such host'})});
		const transport = createTransport({host: engine.host, reason: 'test'});
		assert.ok(transport.ok);
		transport.value.apiVersion = '1.43';
		const pulled = await createEngineApi(transport.value, 1000).pull('registry.lan/chatmock:latest', 'linux/amd64');
		assert.ok(!pulled.ok);
		assert.match(pulled.error.message, /no such host/);
		assert.equal(pulled.error.status, 500);
	});

	it('timed out before accept: "no connection", not "accepted"', async t => {
		// A listener that never accepts, its backlog filled: the kernel then drops new connection attempts.
		const python = spawn('python3', ['-c', 'import socket,sys,time\ns=socket.socket()\ns.bind(("127.0.0.1",0))\ns.listen(0)\nprint(s.getsockname()[1],flush=True)\ntime.sleep(30)'], {
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		const port = await new Promise<number | undefined>(resolve => {
			python.on('error', () => resolve(undefined));
			python.stdout.once('data', chunk => resolve(Number(String(chunk).trim())));
		});
		if (port === undefined) {
			t.skip('python3 is not installed');
			return;
		}
		const fillers = [];
		try {
			for (let i = 0; i < 4; i++) {
				const socket = connect(port, '127.0.0.1');
				socket.on('error', () => undefined);
				fillers.push(socket);
			}
			const run = await doctor(`tcp://127.0.0.1:${port}`, ['--timeout', '800']);
			const f = finding(run, 'docker-timeout');
			assert.match(text(f), /could not be reached in time|no connection within/);
			assert.doesNotMatch(text(f), /accepted the connection/);
			assert.ok(run.ms < 1800, `${run.ms} ms`);
		} finally {
			for (const socket of fillers) socket.destroy();
			python.kill('SIGKILL');
		}
	});

	it('2,000 tags on one image and 200 containers whose calls hang: --json within --timeout + 1 s, said to be partial', async () => {
		const tags = Array.from({length: 2000}, (_, i) => `ghcr.io/thebtf/chatmock:t${i}`);
		const containers = Array.from({length: 200}, (_, i) => ({Id: `${i}`.padStart(64, 'c'), Names: [`/chatmock-${i}`], Image: tags[0], ImageID: 'sha256:img', State: 'running', Status: 'Up'}));
		const engine = await start({
			'GET /_ping': ping,
			'GET /version': json(200, VERSION),
			'GET /info': json(200, INFO),
			'GET /images/json': json(200, [{Id: 'sha256:img', RepoTags: tags, RepoDigests: []}]),
			'GET /images/*/json': json(200, {Id: 'sha256:img', RepoTags: tags, RepoDigests: [], Os: 'linux', Architecture: 'amd64'}),
			'GET /containers/json': json(200, containers),
			'GET /containers/*/json': hang,
			'GET /containers/*/logs': hang,
		});
		const run = await doctor(engine.host, ['--timeout', '1500']);
		assert.ok(run.ms < 2500, `${run.ms} ms`);
		const f = finding(run, 'check-incomplete');
		assert.match(run.report.findings.map(x => x.title).join(' '), /partial/);
		assert.match(text(f), /could not be inspected/);
		assert.match(text(f), /only the first 50 of 200/);
		assert.doesNotMatch(run.stdout, /No problems found/);
	});

	it('logs of hostile containers: no raw control character in --json', async () => {
		const logs: Route = (_req, res) => res.writeHead(200, {'Content-Type': 'application/vnd.docker.multiplexed-stream'}).end(frame(1, 'ok \u001B]52;c;ZWNobyBwd25lZA==\u0007 \u009B2J \u202Eevil\n'));
		const engine = await start({
			'GET /_ping': ping,
			'GET /version': json(200, VERSION),
			'GET /info': json(200, {...INFO, Name: 'evil\u202E\u001B[2Jhost', OperatingSystem: 'Debian\u2066\u009Bx'}),
			'GET /images/json': json(200, []),
			'GET /containers/json': json(200, [{Id: 'c'.padEnd(64, '1'), Names: ['/chatmock\u202E'], Image: 'x', State: 'exited'}]),
			'GET /containers/*/json': json(200, {Id: 'c'.padEnd(64, '1'), Name: '/chatmock\u202E\u009B', Config: {Image: 'x'}, State: {Status: 'exited', ExitCode: 1}, NetworkSettings: {Ports: {}}}),
			'GET /containers/*/logs': logs,
		});
		const run = await doctor(engine.host, ['--timeout', '1000']);
		assert.ok([0, 1].includes(run.code));
		for (const extra of [['--report'], ['--plain']]) {
			const {stdout} = await runCliInProcess(['--offline', '--host', engine.host, ...extra]);
			assert.ok(isNeutral(stdout), `${extra[0]} carries a raw control character`);
		}
	});
});
