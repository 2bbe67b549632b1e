import assert from 'node:assert/strict';
import {test} from 'node:test';
import {withOrigins} from '../../../../source/facts/engine/probe-origins.js';
import {withDeadline} from '../../../../source/facts/engine/probe-deadline.js';
import {hasContainerOps} from '../../../../source/facts/engine/container-ops.js';
import type {ContainerSpec} from '../../../../source/facts/engine/container-ops.js';
import type {EngineApi} from '../../../../source/facts/engine/engine-api.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';
import type {ContainerFact} from '../../../../source/facts/types.js';

const fact = (id: string, name: string): ContainerFact => ({
	id,
	name,
	image: 'ghcr.io/thebtf/chatmock:latest',
	state: 'exited',
	logTail: [],
	source: {kind: 'engine', ref: `/containers/${name}/json`},
});
const spec = (id: string, name: string, labels: Record<string, string>): ContainerSpec =>
	({
		id,
		name,
		image: 'ghcr.io/thebtf/chatmock:latest',
		imageId: 'sha256:img',
		config: {Image: 'ghcr.io/thebtf/chatmock:latest', Labels: labels, Env: ['PATH=/bin', 'OPENAI_API_KEY=sk-secret', 'MODE=fast']},
		hostConfig: {RestartPolicy: {Name: 'unless-stopped'}, PortBindings: {'8000/tcp': [{HostIp: '', HostPort: '8000'}]}, Binds: ['chatmock-data:/data'], NetworkMode: 'default'},
		networks: {},
		mounts: [],
		labels,
		state: {status: 'exited', running: false, restarting: false},
		restartCount: 0,
		ports: {},
	}) as ContainerSpec;

function engine(specs: ContainerSpec[]): EngineApi {
	const byId = new Map(specs.map(s => [s.id, s]));
	return {
		inspectContainerSpec: async (id: string) => (byId.has(id) ? {ok: true, value: byId.get(id)} : {ok: false, error: {code: 'not-found', message: 'gone'}}),
		inspectImageConfig: async () => ({
			ok: true,
			value: {id: 'sha256:img', os: 'linux', architecture: 'arm64', env: ['PATH=/bin'], labels: {}, volumes: ['/data'], exposedPorts: ['8000/tcp'], repoTags: []},
		}),
		trialRun: async () => ({ok: false}),
		createContainer: async () => ({ok: false}),
	} as unknown as EngineApi;
}

test('compose labels give the project, service, folder and files; the compose CLI found is named', async () => {
	const labels = {
		'com.docker.compose.project': 'stack',
		'com.docker.compose.service': 'chatmock',
		'com.docker.compose.project.working_dir': '/srv/stack',
		'com.docker.compose.project.config_files': 'compose.yaml,/srv/stack/compose.override.yml',
	};
	const host = createMemoryHost({commands: {'docker-compose version --short': {ok: true, stdout: '1.29.2\n', stderr: '', exitCode: 0}}});
	const [one] = await withOrigins(engine([spec('a', 'stack_chatmock_1', labels)]), host, [fact('a', 'stack_chatmock_1')]);
	assert.deepEqual(one?.origin, {
		kind: 'compose',
		project: 'stack',
		service: 'chatmock',
		workingDir: '/srv/stack',
		configFiles: ['/srv/stack/compose.yaml', '/srv/stack/compose.override.yml'],
		cli: 'docker-compose',
	});
});

test('a docker run container gets its docker run line back; a vanished one keeps no origin', async () => {
	const host = createMemoryHost({});
	const [run, gone] = await withOrigins(engine([spec('b', 'chatmock', {})]), host, [fact('b', 'chatmock'), fact('z', 'gone')]);
	assert.equal(run?.origin?.kind, 'run');
	assert.match(run?.origin?.kind === 'run' ? (run.origin.command ?? '') : '', /^docker run -d --name chatmock .*-p 8000:8000.*chatmock-data:\/data.*ghcr\.io\/thebtf\/chatmock:latest$/);
	assert.equal(gone?.origin, undefined);
	assert.equal(run?.origin?.kind === 'run' && run.origin.ownEnv, 2, 'counted');
	assert.doesNotMatch(JSON.stringify(run?.origin), /sk-secret|MODE|OPENAI/, 'never kept: reports are shared');
});

test('an engine without the full inspect (a replay) leaves the containers as they are', async () => {
	const containers = [fact('a', 'x')];
	assert.deepEqual(await withOrigins({} as EngineApi, createMemoryHost({}), containers), containers);
});

test("the check's deadline-bound client still reads how a container was made (its origin), within that deadline", async () => {
	const host = createMemoryHost({});
	const api = withDeadline(engine([spec('b', 'chatmock', {})]), Date.now() + 60_000);
	assert.ok(hasContainerOps(api), 'the bounded client is still one that can inspect in full');
	const [run] = await withOrigins(api, host, [fact('b', 'chatmock')]);
	assert.equal(run?.origin?.kind, 'run');
	const late = withDeadline(engine([spec('b', 'chatmock', {})]), Date.now() - 1);
	const [none] = await withOrigins(late, host, [fact('b', 'chatmock')]);
	assert.equal(none?.origin, undefined, 'past the deadline nothing more is asked');
});

test('the full inspects get what is left of the deadline; calls that change the engine are carried through unbounded', async () => {
	const seen: {call: string; timeoutMs?: number}[] = [];
	const record = (call: string) => async (_id: unknown, options?: {timeoutMs?: number}) => {
		seen.push({call, ...(options?.timeoutMs === undefined ? {} : {timeoutMs: options.timeoutMs})});
		return {ok: false, error: {code: 'error', message: 'fake'}};
	};
	const inner = {
		...engine([]),
		inspectContainerSpec: record('spec'),
		inspectImageConfig: record('config'),
		trialRun: async () => ({ok: false}),
		createContainer: record('create'),
		stopContainer: record('stop'),
	} as unknown as EngineApi;
	const api = withDeadline(inner, Date.now() + 5_000);
	assert.ok(hasContainerOps(api));
	await api.inspectContainerSpec('a', {timeoutMs: 60_000});
	await api.inspectImageConfig('sha256:img');
	await api.createContainer({}, {timeoutMs: 60_000});
	await api.stopContainer('a');
	assert.deepEqual(
		seen.map(s => s.call),
		['spec', 'config', 'create', 'stop'],
	);
	assert.ok(seen[0]!.timeoutMs! <= 5_000 && seen[1]!.timeoutMs! <= 5_000, JSON.stringify(seen));
	assert.equal(seen[2]!.timeoutMs, 60_000, 'a create keeps its own timeout');
	assert.equal(seen[3]!.timeoutMs, undefined);
	const spent = withDeadline(inner, Date.now() - 1);
	assert.ok(hasContainerOps(spent));
	const late = await spent.inspectContainerSpec('a');
	assert.equal(late.ok ? undefined : late.error.code, 'timeout');
	assert.equal(seen.length, 4, 'not asked once the deadline passed');
});

test('a replayed client (no container calls) stays one without them behind the deadline', () => {
	assert.equal(hasContainerOps(withDeadline({} as EngineApi, Date.now() + 1000)), false);
});
