import assert from 'node:assert/strict';
import {test} from 'node:test';
import {withOrigins} from '../../../../source/facts/engine/probe-origins.js';
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
