import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {proveServing, type ProbeHttp} from '../../../../source/fix/recreate/prove.js';
import {containerPort, networkAddresses} from '../../../../source/fix/recreate/health-ask.js';
import {fakeContainers, virtualClock, type FakeBehaviour} from './fake-containers.js';

const LOCAL = 'unix:///var/run/docker.sock';
const REMOTE = 'tcp://nas.local:2376';
const NETWORKS = {chatmock_default: {IPAddress: '172.18.0.5', Gateway: '172.18.0.1'}};
const UNPUBLISHED = {ports: {'8000/tcp': []}, networks: NETWORKS, config: {ExposedPorts: {'8000/tcp': {}}, Healthcheck: {Test: ['CMD-SHELL', 'true']}}};

/** A new container (made and started in the fake) proven against `endpoint`; what was asked is recorded. */
async function prove(behaviour: FakeBehaviour, endpoint: string, answers: Record<string, number | undefined> = {}) {
	const engine = fakeContainers([], {newSpec: UNPUBLISHED, ...behaviour});
	const created = await engine.createContainer({Image: 'chatmock'}, {name: 'chatmock'});
	assert.ok(created.ok);
	await engine.startContainer(created.value.id);
	const asked: string[] = [];
	const probeHttp: ProbeHttp = async url => {
		asked.push(url);
		return answers[url];
	};
	const result = await proveServing(engine, created.value.id, {endpoint, probeHttp, deadlineMs: 30_000, ...virtualClock()});
	return {result, asked, execs: engine.calls.filter(call => call.startsWith('exec '))};
}

describe('/health of a container published on another machine', () => {
	const PUBLISHED = {...UNPUBLISHED, ports: {'8000/tcp': ['0.0.0.0:18000']}};
	it('its port silent from here (an ssh alias, a firewall): asked inside the container, not rolled back', async () => {
		const {result, asked} = await prove({newSpec: PUBLISHED, inside: {clients: ['python3']}}, 'ssh://pi');
		assert.ok(result.ok);
		assert.equal(asked[0], 'http://pi:18000/health');
		assert.equal(result.lines[2], 'GET http://127.0.0.1:8000/health inside the container (python3) answered 200');
		assert.deepEqual(result.health, {asked: true, how: 'GET http://127.0.0.1:8000/health inside the container (python3)', status: 200});
	});

	it('silent from here and nothing inside can ask: /health was not checked, said plainly', async () => {
		const {result} = await prove({newSpec: PUBLISHED}, 'ssh://pi');
		assert.ok(result.ok);
		assert.match(result.lines[2] ?? '', /^\/health was not checked: http:\/\/pi:18000\/health did not answer from here and the image has none of python3, wget, curl/);
		assert.equal(result.health.asked, false, 'the result says so as a field, not only in its text');
		assert.match(!result.health.asked ? result.health.why : '', /^http:\/\/pi:18000\/health did not answer from here/);
	});
});

describe('/health of a container without a published port', () => {
	it("with the engine on this machine: asked on the container's own address on its network", async () => {
		const {result, asked, execs} = await prove({}, LOCAL, {'http://172.18.0.5:8000/health': 200});
		assert.ok(result.ok);
		assert.equal(result.lines[2], 'GET http://172.18.0.5:8000/health (its address on chatmock_default) answered 200');
		assert.deepEqual(asked.slice(0, 1), ['http://172.18.0.5:8000/health']);
		assert.deepEqual(execs, []);
	});

	it("when that address does not answer (Docker Desktop's VM): asked inside the container with the image's python3", async () => {
		const {result, execs} = await prove({inside: {clients: ['python3']}}, LOCAL);
		assert.ok(result.ok);
		assert.equal(result.lines[2], 'GET http://127.0.0.1:8000/health inside the container (python3) answered 200');
		assert.deepEqual(execs.slice(0, 1), ['exec chatmock python3']);
	});

	it('with a remote engine: inside the container, falling back to wget, and the client that works is kept', async () => {
		const {result, asked, execs} = await prove({inside: {clients: ['wget', 'curl']}}, REMOTE, {'http://172.18.0.5:8000/health': 200});
		assert.ok(result.ok);
		assert.equal(result.lines[2], 'GET http://127.0.0.1:8000/health inside the container (wget) answered ok');
		assert.deepEqual(result.health, {asked: true, how: 'GET http://127.0.0.1:8000/health inside the container (wget)', status: 'ok'});
		assert.deepEqual(asked, [], 'the address of a container on another machine is not asked from here');
		assert.deepEqual(execs.slice(0, 2), ['exec chatmock python3', 'exec chatmock wget']);
		assert.ok(
			execs.slice(2).every(call => call === 'exec chatmock wget'),
			execs.join(),
		);
	});

	it('a client that crashes (exit 139) is passed over for the next one', async () => {
		const {result, execs} = await prove({inside: {clients: ['wget', 'curl'], crashes: ['wget']}}, REMOTE);
		assert.ok(result.ok);
		assert.equal(result.lines[2], 'GET http://127.0.0.1:8000/health inside the container (curl) answered 200');
		assert.deepEqual(execs.slice(0, 3), ['exec chatmock python3', 'exec chatmock wget', 'exec chatmock curl']);
	});

	it('curl, when it is the only client; an answer other than 2xx is not serving', async () => {
		const {result} = await prove({inside: {clients: ['curl'], status: 503}}, REMOTE);
		assert.equal(result.ok, false);
		assert.match(!result.ok ? result.message : '', /^not healthy within 30 s: GET http:\/\/127\.0\.0\.1:8000\/health inside the container \(curl\) answered 503$/);
	});

	it('nothing can ask: the proof says plainly /health was not checked, and why', async () => {
		const {result} = await prove({}, REMOTE);
		assert.ok(result.ok);
		assert.equal(
			result.lines[2],
			'/health was not checked: no port is published; the engine is on another machine, so its address is not reachable from here; the image has none of python3, wget, curl to ask it from inside',
		);
		assert.ok(!result.lines.some(line => /answered/.test(line)));
		assert.deepEqual(result.health, {
			asked: false,
			why: 'no port is published; the engine is on another machine, so its address is not reachable from here; the image has none of python3, wget, curl to ask it from inside',
		});
	});

	it('an engine that refuses exec is named as the reason', async () => {
		const {result} = await prove({execFails: 'exec is not allowed by the authorization plugin'}, REMOTE);
		assert.ok(result.ok);
		assert.match(result.lines[2] ?? '', /^\/health was not checked: .*the engine refused to run a command in it \(exec is not allowed by the authorization plugin\)$/);
	});

	it('its address silent and no client inside: waits a grace past healthy, then says it was not checked (never "answered")', async () => {
		const {result, asked} = await prove({}, LOCAL);
		assert.ok(result.ok);
		assert.equal(
			result.lines[2],
			'/health was not checked: http://172.18.0.5:8000/health (its address on chatmock_default) did not answer and the image has none of python3, wget, curl to ask it from inside',
		);
		assert.ok(asked.length >= 20, `kept asking through the grace (${asked.length})`);
		assert.equal(result.health.asked, false);
	});

	it('its address answering an error fails the proof, even with the healthcheck healthy', async () => {
		const {result} = await prove({}, LOCAL, {'http://172.18.0.5:8000/health': 500});
		assert.equal(result.ok, false);
		assert.match(!result.ok ? result.message : '', /answered 500$/);
	});
});

describe('where inside the container', () => {
	it("ChatMock's port 8000 when exposed, else the one exposed port, else 8000", () => {
		assert.equal(containerPort({config: {ExposedPorts: {'9000/tcp': {}, '8000/tcp': {}}}, ports: {}}), 8000);
		assert.equal(containerPort({config: {ExposedPorts: {'5005/tcp': {}}}, ports: {}}), 5005);
		assert.equal(containerPort({config: {}, ports: {}}), 8000);
	});

	it('addresses on every network that gave one; none for host or none mode', () => {
		assert.deepEqual(networkAddresses({networks: {bridge: {IPAddress: '172.17.0.2'}, backend: {IPAddress: '10.0.3.4'}, host: {IPAddress: ''}}}), [
			{network: 'bridge', ip: '172.17.0.2'},
			{network: 'backend', ip: '10.0.3.4'},
		]);
	});
});
