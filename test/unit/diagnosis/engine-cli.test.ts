import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import {engineCli} from '../../../source/diagnosis/findings/engine-cli.js';
import type {Fix} from '../../../source/diagnosis/types.js';
import {resolveEndpoint} from '../../../source/facts/engine/endpoint.js';
import {fact} from '../../../source/facts/fact.js';
import {createMemoryHost} from '../../../source/facts/seam/memory-host.js';
import type {ContainerFact, EndpointFacts, Facts, ImageFact} from '../../../source/facts/types.js';
import {createHash} from 'node:crypto';
import {engineOf, factsOf} from '../../helpers/facts.js';

const REF = 'ghcr.io/thebtf/chatmock:latest';
const arm64: ImageFact = {ref: REF, id: 'sha256:arm64v8', os: 'linux', architecture: 'arm64', variant: 'v8', source: {kind: 'engine', ref: '/images/x/json'}};
const amd64 = engineOf({versionArch: 'amd64', osType: 'linux', infoArchitecture: 'x86_64'});
const RUN = `docker run -d --name chatmock --restart unless-stopped -p 8000:8000 -v chatmock-data:/data ${REF}`;
const COMPOSE_ARGS = '-p stack --project-directory /srv/chat -f /srv/chat/compose.yaml up -d --no-deps --force-recreate chatmock';

function container(origin: ContainerFact['origin']): ContainerFact {
	return {
		id: 'c'.repeat(64),
		name: 'chatmock',
		image: REF,
		imageId: arm64.id,
		state: 'exited',
		exitCode: 1,
		logTail: ['exec /usr/local/bin/python: exec format error'],
		source: {kind: 'engine', ref: '/containers/chatmock/json'},
		...(origin ? {origin} : {}),
	};
}

const endpointOf = (host: string, reason: string, context?: string): EndpointFacts => ({host, reason, ...(context === undefined ? {} : {context}), alternatives: []});

function factsAt(endpoint: EndpointFacts | undefined, extra: Partial<Facts> = {}): Facts {
	return factsOf({kernelMachine: 'x86_64'}, {engine: amd64, emulation: {kind: 'binfmt', handlers: []}, images: [arm64], containers: [], ...(endpoint ? {endpoint} : {}), ...extra});
}

function fixOf(facts: Facts, id: string): Fix {
	const found = diagnose(facts).findings.find(finding => finding.id === id);
	assert.ok(
		found,
		`${id} in ${diagnose(facts)
			.findings.map(finding => finding.id)
			.join()}`,
	);
	return found.fix;
}

/** Each way the doctor picks an engine on this machine, and the words a pasted line needs to reach the same one. */
const CASES: readonly {readonly name: string; readonly endpoint?: EndpointFacts; readonly docker: string; readonly v1: string; readonly doctor: string}[] = [
	{name: 'pasted facts (triage): nothing known', docker: 'docker', v1: 'docker-compose', doctor: 'chatmock-doctor'},
	{name: 'the platform default', endpoint: endpointOf('unix:///var/run/docker.sock', 'default'), docker: 'docker', v1: 'docker-compose', doctor: 'chatmock-doctor'},
	{name: 'DOCKER_HOST', endpoint: endpointOf('tcp://127.0.0.1:2375', 'DOCKER_HOST'), docker: 'docker', v1: 'docker-compose', doctor: 'chatmock-doctor'},
	{
		name: 'DOCKER_CONTEXT',
		endpoint: endpointOf('unix:///home/u/.colima/default/docker.sock', 'context colima (DOCKER_CONTEXT)', 'colima'),
		docker: 'docker',
		v1: 'docker-compose',
		doctor: 'chatmock-doctor',
	},
	{
		name: "the CLI's current context",
		endpoint: endpointOf('unix:///home/u/.docker/run/docker.sock', 'context desktop-linux (config.json currentContext)', 'desktop-linux'),
		docker: 'docker',
		v1: 'docker-compose',
		doctor: 'chatmock-doctor',
	},
	{
		name: '--context colima (or --all-contexts)',
		endpoint: endpointOf('unix:///home/u/.colima/default/docker.sock', 'context colima (flag --context)', 'colima'),
		docker: 'docker --context colima',
		v1: 'docker-compose --context colima',
		doctor: 'chatmock-doctor --context colima',
	},
	{
		name: '--context default with DOCKER_HOST set (no context name in the facts)',
		endpoint: endpointOf('tcp://127.0.0.1:2375', 'context default (flag --context)'),
		docker: 'docker --context default',
		v1: 'docker-compose --context default',
		doctor: 'chatmock-doctor --context default',
	},
	{
		name: '--host with a socket',
		endpoint: endpointOf('unix:///run/user/1000/docker.sock', 'flag --host'),
		docker: 'docker -H unix:///run/user/1000/docker.sock',
		v1: 'docker-compose -H unix:///run/user/1000/docker.sock',
		doctor: 'chatmock-doctor --host unix:///run/user/1000/docker.sock',
	},
	{
		name: '--host with tcp:// (TLS from the same DOCKER_TLS_VERIFY and DOCKER_CERT_PATH)',
		endpoint: endpointOf('tcp://127.0.0.1:2376', 'flag --host'),
		docker: 'docker -H tcp://127.0.0.1:2376',
		v1: 'docker-compose -H tcp://127.0.0.1:2376',
		doctor: 'chatmock-doctor --host tcp://127.0.0.1:2376',
	},
	{
		name: '--host and --context together (refused, no engine)',
		endpoint: endpointOf('tcp://127.0.0.1:2375', 'flag --host and --context'),
		docker: 'docker',
		v1: 'docker-compose',
		doctor: 'chatmock-doctor',
	},
];

describe('every docker command a finding prints reaches the engine that was checked', () => {
	for (const {name, endpoint, docker, v1, doctor} of CASES) {
		describe(name, () => {
			it(`pull, stop, rename, run and the rm step start with "${docker}"`, () => {
				const fix = fixOf(factsAt(endpoint, {containers: [container({kind: 'run', command: RUN})]}), 'exec-format-error');
				assert.deepEqual(fix.commands, [
					`${docker} pull --platform linux/amd64 ${REF}`,
					`${docker} stop chatmock`,
					`${docker} rename chatmock chatmock-old`,
					RUN.replace(/^docker run -d/, `${docker} run -d --platform linux/amd64`),
				]);
				assert.ok(fix.steps?.includes(`When chatmock answers again, remove the old one: ${docker} rm chatmock-old (its volumes stay).`), fix.steps?.join('\n'));
			});

			it('a compose project recreates with the compose program it was made with, flagged where each takes it', () => {
				for (const [cli, program] of [
					['docker compose', `${docker} compose`],
					['docker-compose', v1],
				] as const) {
					const origin = {kind: 'compose', project: 'stack', service: 'chatmock', workingDir: '/srv/chat', configFiles: ['/srv/chat/compose.yaml'], cli} as const;
					const fix = fixOf(factsAt(endpoint, {containers: [container(origin)]}), 'exec-format-error');
					assert.equal(fix.commands[1], `${program} ${COMPOSE_ARGS}`);
				}
			});

			it("the compose file in the folder checked: compose up, and the other tag's compose line", () => {
				const chosenImage = fact(REF, {kind: 'file', ref: '/srv/chat/compose.yaml', line: 3});
				const fix = fixOf(factsAt(endpoint, {chosenImage}), 'exec-format-error');
				assert.equal(fix.commands.at(-1), `${docker} compose up -d --force-recreate`);
			});

			it('no image yet: the pull', () => {
				assert.deepEqual(fixOf(factsAt(endpoint, {images: []}), 'no-chatmock-image').commands, [`${docker} pull --platform linux/amd64 ${REF}`]);
			});

			it('the emulators registered again on that engine', () => {
				const signals = [{kind: 'binfmt-no-fix-flag', source: {kind: 'paste', ref: 'line 1'}}] as const;
				assert.deepEqual(fixOf(factsAt(endpoint, {signals}), 'binfmt-missing-fix-flag').commands, [
					`${docker} run --privileged --rm tonistiigi/binfmt --uninstall 'qemu-*'`,
					`${docker} run --privileged --rm tonistiigi/binfmt --install all`,
				]);
			});

			it('an engine that times out: docker version there, the doctor again on the same engine', () => {
				const engineFailure = {code: 'docker.timeout', message: 'no answer', source: {kind: 'derived', ref: 'engine'}} as const;
				const fix = fixOf(factsAt(endpoint, {engine: null, engineFailure}), 'docker-timeout');
				assert.deepEqual(fix.commands, ['sudo systemctl restart docker', `${docker} version`, `${doctor} --timeout 10000`]);
			});

			it("the host probe's container left behind is removed from that engine", () => {
				const hostProbe = {status: 'read', durationMs: 1200, leftBehind: 'e'.repeat(64)} as const;
				assert.deepEqual(fixOf(factsAt(endpoint, {hostProbe}), 'host-probed-on-engine').commands, [`${docker} rm ${'e'.repeat(12)}`]);
			});
		});
	}
});

describe("an engine on another machine named with the doctor's flag", () => {
	const pi = endpointOf('ssh://pi@pi4.local:2222', 'context pi (flag --context)', 'pi');
	const nas = endpointOf('tcp://nas.lan:2376', 'flag --host');
	const origin = {kind: 'compose', project: 'stack', service: 'chatmock', workingDir: '/srv/chat', configFiles: ['/srv/chat/compose.yaml'], cli: 'docker-compose'} as const;

	it('ssh://: the pull goes to the context from here; compose runs on that machine over ssh, where its own docker is that engine', () => {
		const fix = fixOf(factsAt(pi, {containers: [container(origin)]}), 'exec-format-error');
		assert.deepEqual(fix.commands, [`docker --context pi pull --platform linux/amd64 ${REF}`, `ssh -p 2222 pi@pi4.local 'docker compose ${COMPOSE_ARGS}'`]);
	});

	it('tcp:// elsewhere: the pull goes to the host from here; the compose step is run there, without a flag', () => {
		const fix = fixOf(factsAt(nas, {containers: [container(origin)]}), 'exec-format-error');
		assert.deepEqual(fix.commands, [`docker -H tcp://nas.lan:2376 pull --platform linux/amd64 ${REF}`]);
		assert.equal(fix.steps?.at(-1), `Then, on nas.lan: docker compose ${COMPOSE_ARGS}`);
	});

	it("lines run on the engine's machine itself (what settles a 32/64-bit question) are flagged only when that machine is this one", () => {
		assert.equal(engineCli(pi).dockerOnItsMachine, 'docker');
		assert.equal(engineCli(nas).dockerOnItsMachine, 'docker');
		assert.equal(engineCli(endpointOf('unix:///home/u/.colima/default/docker.sock', 'context colima (flag --context)', 'colima')).dockerOnItsMachine, 'docker --context colima');
	});

	it('a context name or a host with shell characters is quoted', () => {
		assert.equal(engineCli(endpointOf('tcp://127.0.0.1:2375', 'flag --host')).docker, 'docker -H tcp://127.0.0.1:2375');
		assert.equal(engineCli(endpointOf('unix:///run/my engine.sock', 'flag --host')).docker, "docker -H 'unix:///run/my engine.sock'");
	});
});

describe('the flag follows the reason the endpoint resolution really gives', () => {
	const HOME = '/home/pi';
	const files = {
		[`${HOME}/.docker/contexts/meta/${createHash('sha256').update('pi').digest('hex')}/meta.json`]: JSON.stringify({Name: 'pi', Metadata: {}, Endpoints: {docker: {Host: 'ssh://pi@pi4.local'}}}),
		[`${HOME}/.docker/config.json`]: '{"currentContext":"pi"}',
	};
	const rows: readonly {readonly env?: Record<string, string>; readonly flags?: {dockerHost?: string; dockerContext?: string}; readonly docker: string}[] = [
		{docker: 'docker'},
		{env: {DOCKER_CONTEXT: 'pi'}, docker: 'docker'},
		{env: {DOCKER_HOST: 'tcp://nas.lan:2376'}, docker: 'docker'},
		{flags: {dockerContext: 'pi'}, docker: 'docker --context pi'},
		{env: {DOCKER_HOST: 'tcp://nas.lan:2376'}, flags: {dockerContext: 'default'}, docker: 'docker --context default'},
		{flags: {dockerHost: 'nas.lan:2376'}, docker: 'docker -H tcp://nas.lan:2376'},
	];
	for (const {env, flags, docker} of rows) {
		it(`${JSON.stringify({...env, ...flags})} → ${docker}`, async () => {
			const resolved = await resolveEndpoint(createMemoryHost({home: HOME, env: env ?? {}, files}), flags);
			assert.equal(engineCli(resolved.facts).docker, docker, resolved.facts.reason);
		});
	}
});
