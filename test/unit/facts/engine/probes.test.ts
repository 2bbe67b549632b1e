import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {collectEngineFacts} from '../../../../source/facts/engine/collect-engine.js';
import {probeContainers} from '../../../../source/facts/engine/probe-containers.js';
import {probeEngine} from '../../../../source/facts/engine/probe-engine.js';
import {probeImages} from '../../../../source/facts/engine/probe-images.js';
import {probePublished} from '../../../../source/facts/engine/probe-published.js';
import type {ContainerInspect, ImageInspect, ImageSummary} from '../../../../source/facts/engine/engine-api.js';
import type {StepEvent} from '../../../../source/facts/collect-types.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';
import {connectorOf, failing, fakeEngineApi} from './fake-engine-api.js';
import type {EngineApi} from '../../../../source/facts/engine/engine-api.js';
import {hasContainerOps} from '../../../../source/facts/engine/container-ops.js';
import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import {factsOf} from '../../../helpers/facts.js';

const arm64: ImageInspect = {id: 'sha256:arm', repoTags: [], repoDigests: [], os: 'linux', architecture: 'arm64', variant: 'v8'};
/** ChatMock's container on the arm64 image, exited 255 after three restarts. */
const exited: ContainerInspect = {
	id: 'c1',
	name: 'chatmock',
	image: 'ghcr.io/thebtf/chatmock:latest',
	imageId: 'sha256:arm',
	state: {status: 'exited', running: false, restarting: false, oomKilled: false, exitCode: 255},
	restartCount: 3,
	ports: {'8000/tcp': ['127.0.0.1:8000']},
};

describe('probeImages', () => {
	it('asks the engine with reference filters and inspects only matches', async () => {
		const calls: string[] = [];
		let filters: readonly string[] = [];
		const api = fakeEngineApi(
			{
				listImages: async f => {
					filters = f;
					const rows: ImageSummary[] = [{id: 'sha256:arm', repoTags: ['ghcr.io/thebtf/chatmock:latest', 'my/unrelated:tag'], repoDigests: []}];
					return {ok: true, value: rows};
				},
				inspectImage: async () => ({ok: true, value: arm64}),
			},
			calls,
		);
		const result = await probeImages(api, {chosen: 'registry.example.com/me/mymock:1'});
		assert.ok(filters.includes('*/*/chatmock'));
		assert.ok(filters.includes('registry.example.com/me/mymock'));
		assert.deepEqual(
			result.images.map(i => [i.ref, i.architecture, i.variant]),
			[['ghcr.io/thebtf/chatmock:latest', 'arm64', 'v8']],
		);
		assert.equal(calls.filter(c => c.startsWith('listImages')).length, 1);
		assert.equal(calls.filter(c => c.startsWith('inspectImage')).length, 1);
		assert.deepEqual(result.imageIds, ['sha256:arm']);
	});

	it('bounds parallel inspects', async () => {
		let inFlight = 0;
		let most = 0;
		const rows: ImageSummary[] = Array.from({length: 12}, (_, i) => ({id: `sha256:${i}`, repoTags: [`chatmock:v${i}`], repoDigests: []}));
		const api = fakeEngineApi({
			listImages: async () => ({ok: true, value: rows}),
			inspectImage: async id => {
				inFlight++;
				most = Math.max(most, inFlight);
				await new Promise(r => setTimeout(r, 5));
				inFlight--;
				return {ok: true, value: {...arm64, id}};
			},
		});
		const result = await probeImages(api, {concurrency: 4});
		assert.equal(result.images.length, 12);
		assert.ok(most <= 4);
	});

	it('reports a list failure', async () => {
		const api = fakeEngineApi({listImages: failing({code: 'timeout', message: 'no answer'})});
		const result = await probeImages(api);
		assert.equal(result.failure?.code, 'timeout');
	});
});

describe('probeContainers', () => {
	it('filters in the engine, strips control sequences and finds signals', async () => {
		const queries: unknown[] = [];
		const api = fakeEngineApi({
			listContainers: async filters => {
				queries.push(filters);
				return {ok: true, value: [{id: 'c1', names: ['chatmock'], image: 'ghcr.io/thebtf/chatmock:latest', state: 'exited'}]};
			},
			inspectContainer: async () => ({ok: true, value: exited}),
			containerLogs: async () => ({ok: true, value: ['\u001b[31mexec /app/start.sh: exec format error\u001b[0m', '\u001b]52;c;ZXZpbA==\u0007done']}),
		});
		const result = await probeContainers(api, {imageIds: ['sha256:arm']});
		assert.deepEqual(queries, [{name: ['chatmock']}, {ancestor: ['sha256:arm']}]);
		assert.equal(result.containers.length, 1);
		const c = result.containers[0]!;
		assert.equal(c.exitCode, 255);
		assert.deepEqual(c.port8000, ['127.0.0.1:8000']);
		assert.deepEqual(c.logTail, ['exec /app/start.sh: exec format error', 'done']);
		assert.deepEqual(
			result.signals.map(s => [s.kind, s.source.line]),
			[['exec-format-error', 1]],
		);
	});
	it('turns exit code 132 into an illegal-instruction signal', async () => {
		const api = fakeEngineApi({
			listContainers: async () => ({ok: true, value: [{id: 'c2', names: ['chatmock'], image: 'chatmock', state: 'exited'}]}),
			inspectContainer: async () => ({ok: true, value: {...exited, id: 'c2', state: {...exited.state, exitCode: 132}}}),
		});
		const result = await probeContainers(api, {imageIds: []});
		assert.deepEqual(
			result.signals.map(s => s.kind),
			['illegal-instruction'],
		);
	});
});

describe('probePublished', () => {
	it('reads the registry, dropping attestations and amd64 variants', async () => {
		const api = fakeEngineApi({
			distribution: async () => ({
				ok: true,
				value: {
					platforms: [
						{os: 'linux', architecture: 'amd64'},
						{os: 'linux', architecture: 'amd64', variant: 'v3'},
						{os: 'linux', architecture: 'arm64', variant: 'v8'},
						{os: 'linux', architecture: 'arm', variant: 'v7'},
						{os: 'unknown', architecture: 'unknown'},
					],
				},
			}),
		});
		const p = await probePublished(api, 'ghcr.io/thebtf/chatmock', {offline: false});
		assert.deepEqual(p, {ref: 'ghcr.io/thebtf/chatmock:latest', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], source: 'registry'});
	});
	it('falls back to the built-in table when the registry fails, saying why', async () => {
		const api = fakeEngineApi({distribution: failing({code: 'unauthorized', message: 'denied', status: 401})});
		const p = await probePublished(api, 'storagetime/chatmock', {offline: false});
		assert.equal(p.source, 'built-in');
		assert.deepEqual(p.platforms, ['linux/amd64', 'linux/arm64']);
		assert.match(p.fallbackReason ?? '', /registry/);
	});
	it('offline never asks', async () => {
		const calls: string[] = [];
		const p = await probePublished(fakeEngineApi({}, calls), 'ghcr.io/thebtf/chatmock', {offline: true});
		assert.equal(p.source, 'built-in');
		assert.equal(p.platforms.length, 5);
		assert.equal(calls.length, 0);
	});
});

describe('probeEngine failures', () => {
	const host = (env: Record<string, string> = {}, extra = {}) => createMemoryHost({home: '/home/u', env, ...extra});
	const rows: Array<[string, Parameters<typeof failing>[0], string]> = [
		['ENOENT', {code: 'unreachable', message: 'connect ENOENT /var/run/docker.sock', errno: 'ENOENT'}, 'docker.unreachable'],
		['ECONNREFUSED', {code: 'unreachable', message: 'connect ECONNREFUSED', errno: 'ECONNREFUSED'}, 'docker.unreachable'],
		['EACCES', {code: 'eacces', message: 'connect EACCES /var/run/docker.sock', errno: 'EACCES'}, 'docker.eacces'],
		['deadline', {code: 'timeout', message: 'no answer within 3000 ms'}, 'docker.timeout'],
		['HTTP 500', {code: 'http', message: 'boom', status: 500}, 'docker.error'],
	];
	for (const [name, error, code] of rows) {
		it(`${name} → ${code}`, async () => {
			const probe = await probeEngine(host(), {timeoutMs: 100, connector: connectorOf(fakeEngineApi({ping: failing(error)}))});
			assert.equal(probe.engine, null);
			assert.equal(probe.failure?.code, code);
			assert.equal(probe.failure?.endpoint, 'unix:///var/run/docker.sock');
		});
	}
	it('recognises the WSL stub', async () => {
		const wsl = host(
			{WSL_DISTRO_NAME: 'Ubuntu'},
			{
				kind: 'live',
				commands: {
					'docker version': {
						ok: true,
						exitCode: 1,
						stdout: "\nThe command 'docker' could not be found in this WSL 2 distro.\nWe recommend to activate the WSL integration in Docker Desktop settings.\n",
						stderr: '',
					},
				},
			},
		);
		const probe = await probeEngine(wsl, {timeoutMs: 100, connector: connectorOf(fakeEngineApi({ping: failing({code: 'unreachable', message: 'ENOENT'})}))});
		assert.equal(probe.failure?.code, 'docker.wsl-integration-disabled');
		assert.deepEqual(
			probe.signals.map(s => s.kind),
			['wsl-integration-stub'],
		);
	});
	it('an old engine API keeps the facts and reports api-too-old', async () => {
		const api = fakeEngineApi({
			ping: async () => ({ok: true, value: {apiVersion: '1.24'}}),
			version: async () => ({ok: true, value: {Version: '1.12.6', ApiVersion: '1.24', Arch: 'arm', Os: 'linux'}}),
		});
		const probe = await probeEngine(host(), {timeoutMs: 100, connector: connectorOf(api)});
		assert.equal(probe.failure?.code, 'docker.api-too-old');
		assert.equal(probe.engine?.versionArch?.value, 'arm');
	});
	it('Podman: Libpod-Api-Version on /_ping', async () => {
		const api = fakeEngineApi({ping: async () => ({ok: true, value: {apiVersion: '1.41', libpodApiVersion: '4.9.3'}})});
		const probe = await probeEngine(host(), {timeoutMs: 100, connector: connectorOf(api)});
		assert.equal(probe.engine?.libpodApi?.value, true);
		assert.equal(probe.engine?.productHint?.value, 'podman');
	});
	it('a host without a connector fails typed', async () => {
		const probe = await probeEngine(host(), {timeoutMs: 100});
		assert.equal(probe.failure?.code, 'docker.error');
	});
});

describe('collectEngineFacts', () => {
	it('reports steps in order and returns the engine part of the facts', async () => {
		const events: StepEvent[] = [];
		const api = fakeEngineApi({
			listImages: async () => ({ok: true, value: [{id: 'sha256:arm', repoTags: ['ghcr.io/thebtf/chatmock:latest'], repoDigests: []}]}),
			inspectImage: async () => ({ok: true, value: arm64}),
			distribution: failing({code: 'http', message: 'registry down', status: 500}),
		});
		const facts = await collectEngineFacts({
			host: createMemoryHost({home: '/home/u', uname: {sysname: 'Linux', release: '6.1.0'}}),
			timeoutMs: 100,
			offline: false,
			noEngine: false,
			connector: connectorOf(api),
			onStep: e => events.push(e),
		});
		assert.deepEqual(
			events.filter(e => e.status !== 'running').map(e => `${e.step}:${e.status}`),
			['engine:ok', 'emulation:ok', 'images:ok', 'containers:ok', 'published:warning'],
		);
		assert.equal(facts.engine?.versionArch?.value, 'arm64');
		assert.equal(facts.images?.[0]?.architecture, 'arm64');
		assert.equal(facts.published?.source, 'built-in');
		assert.equal(facts.chosenImage?.value, 'ghcr.io/thebtf/chatmock:latest');
		assert.deepEqual(facts.containers, []);
	});
	it('an unreachable engine skips images and containers', async () => {
		const events: StepEvent[] = [];
		const facts = await collectEngineFacts({
			host: createMemoryHost({home: '/home/u'}),
			timeoutMs: 100,
			offline: true,
			noEngine: false,
			connector: connectorOf(fakeEngineApi({ping: failing({code: 'unreachable', message: 'ENOENT'})})),
			onStep: e => events.push(e),
		});
		assert.equal(facts.engine, null);
		assert.equal(facts.engineFailure?.code, 'docker.unreachable');
		assert.equal(facts.images, undefined);
		assert.ok(events.some(e => e.step === 'images' && e.status === 'skipped'));
	});
});

describe('a live check of a container made with docker run', () => {
	it("its finding prints the docker run line that makes it again, on the native platform (the check's deadline-bound client reads the full inspect)", async () => {
		const spec = {
			id: 'c1',
			name: 'chatmock',
			image: 'ghcr.io/thebtf/chatmock:latest',
			imageId: 'sha256:arm',
			config: {Image: 'ghcr.io/thebtf/chatmock:latest', Labels: {}, Env: ['PATH=/bin']},
			hostConfig: {RestartPolicy: {Name: 'unless-stopped'}, PortBindings: {'8000/tcp': [{HostIp: '', HostPort: '8000'}]}, Binds: ['chatmock-data:/data'], NetworkMode: 'default'},
			networks: {},
			mounts: [],
			labels: {},
			state: {status: 'exited', running: false, restarting: false, exitCode: 255},
			restartCount: 3,
			ports: {},
		};
		const api = fakeEngineApi({
			version: async () => ({ok: true, value: {Version: '24.0.7', ApiVersion: '1.43', Arch: 'amd64', Os: 'linux'}}),
			info: async () => ({ok: true, value: {OSType: 'linux', Architecture: 'x86_64', OperatingSystem: 'Debian GNU/Linux 12 (bookworm)', KernelVersion: '6.1.0'}}),
			listImages: async () => ({ok: true, value: [{id: 'sha256:arm', repoTags: ['ghcr.io/thebtf/chatmock:latest'], repoDigests: []}]}),
			inspectImage: async () => ({ok: true, value: {...arm64, repoTags: ['ghcr.io/thebtf/chatmock:latest']}}),
			listContainers: async () => ({ok: true, value: [{id: 'c1', names: ['chatmock'], image: 'ghcr.io/thebtf/chatmock:latest', imageId: 'sha256:arm', state: 'exited'}]}),
			inspectContainer: async () => ({ok: true, value: {...exited, ports: {}}}),
			containerLogs: async () => ({ok: true, value: ['exec /app/start.sh: exec format error']}),
			...({
				inspectContainerSpec: async () => ({ok: true, value: spec}),
				inspectImageConfig: async () => ({
					ok: true,
					value: {id: 'sha256:arm', os: 'linux', architecture: 'arm64', env: ['PATH=/bin'], labels: {}, volumes: ['/data'], exposedPorts: ['8000/tcp'], repoTags: []},
				}),
				trialRun: async () => ({ok: false, error: {code: 'error', message: 'not in this fake'}}),
				createContainer: async () => ({ok: false, error: {code: 'error', message: 'not in this fake'}}),
			} as Partial<EngineApi>),
		});
		const {api: fixer, ...engineFacts} = await collectEngineFacts({
			host: createMemoryHost({home: '/home/u', uname: {sysname: 'Linux', release: '6.1.0'}}),
			timeoutMs: 5_000,
			offline: true,
			noEngine: false,
			connector: connectorOf(api),
		});
		assert.ok(fixer && hasContainerOps(fixer), 'the fixer gets a client that can recreate');
		assert.equal(engineFacts.containers?.[0]?.origin?.kind, 'run');
		const finding = diagnose(factsOf({kernelMachine: 'x86_64'}, engineFacts)).findings.find(f => f.id === 'exec-format-error');
		assert.ok(finding, 'an exec format error finding');
		assert.ok(
			finding.fix.commands.includes('docker run -d --platform linux/amd64 --name chatmock --restart unless-stopped -p 8000:8000 -v chatmock-data:/data ghcr.io/thebtf/chatmock:latest'),
			finding.fix.commands.join('\n'),
		);
		assert.ok(finding.fix.commands.every(line => !/compose/.test(line)));
	});
});
