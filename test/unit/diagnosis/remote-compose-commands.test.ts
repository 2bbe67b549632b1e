import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import type {ContainerFact} from '../../../source/facts/types.js';
import {engineOf, factsOf} from '../../helpers/facts.js';

const origin = {kind: 'compose', project: 'stack', service: 'chatmock', workingDir: '/home/pi/chatmock', configFiles: ['/home/pi/chatmock/compose.yaml'], cli: 'docker-compose'} as const;
const container: ContainerFact = {
	id: 'c'.repeat(64),
	name: 'stack-chatmock-1',
	image: 'ghcr.io/thebtf/chatmock:latest',
	imageId: 'sha256:arm64v8',
	state: 'exited',
	exitCode: 1,
	logTail: ['exec /usr/local/bin/python: exec format error'],
	source: {kind: 'engine', ref: '/containers/stack-chatmock-1/json'},
	origin,
};
const image = {ref: 'ghcr.io/thebtf/chatmock:latest', id: 'sha256:arm64v8', os: 'linux', architecture: 'arm64', variant: 'v8', source: {kind: 'engine', ref: '/images/x/json'}} as const;

function fixAt(endpoint: string) {
	const facts = factsOf(
		{kernelMachine: 'x86_64'},
		{
			engine: engineOf({versionArch: 'amd64', osType: 'linux', infoArchitecture: 'x86_64'}),
			emulation: {kind: 'binfmt', handlers: []},
			images: [image],
			containers: [container],
			endpoint: {host: endpoint, reason: 'context pi (flag --context)', context: 'pi', alternatives: []},
		},
	);
	const finding = diagnose(facts).findings.find(item => item.id === 'exec-format-error');
	assert.ok(
		finding,
		diagnose(facts)
			.findings.map(item => item.id)
			.join(),
	);
	return finding.fix;
}

describe("a compose project on another machine's engine: its files are that machine's", () => {
	it('ssh://: the edit is said to be on that machine, and the compose command runs there over the same login', () => {
		const fix = fixAt('ssh://pi@raspberrypi.local:2222');
		assert.match(fix.steps?.[0] ?? '', /^On raspberrypi\.local, the engine's machine .*: in \/home\/pi\/chatmock\/compose\.yaml, add "platform: linux\/amd64" to the service chatmock\./);
		assert.equal(
			fix.commands.at(-1),
			"ssh -p 2222 pi@raspberrypi.local 'docker compose -p stack --project-directory /home/pi/chatmock -f /home/pi/chatmock/compose.yaml up -d --no-deps --force-recreate chatmock'",
		);
		// No command runs a file here (or one that merely has the same path) against that engine.
		assert.ok(
			fix.commands.every(command => !/^docker(-compose| compose)/.test(command)),
			fix.commands.join('\n'),
		);
		// The fix does not write a compose file here for it.
		assert.ok(!fix.actions?.some(action => action.kind === 'compose-platform'));
	});

	it('tcp:// to another host: where to run the command is a step, not a command to paste here', () => {
		const fix = fixAt('tcp://nas.lan:2376');
		assert.equal(fix.steps?.at(-1), 'Then, on nas.lan: docker compose -p stack --project-directory /home/pi/chatmock -f /home/pi/chatmock/compose.yaml up -d --no-deps --force-recreate chatmock');
		// The pull is for the checked engine, which the doctor reached with --context: so is the line.
		assert.deepEqual(fix.commands, ['docker --context pi pull --platform linux/amd64 ghcr.io/thebtf/chatmock:latest']);
	});

	it('an engine on this machine (a socket, the loopback) keeps the local step and command as before', () => {
		for (const endpoint of ['unix:///var/run/docker.sock', 'tcp://127.0.0.1:2375']) {
			const fix = fixAt(endpoint);
			assert.deepEqual(fix.steps, ['In /home/pi/chatmock/compose.yaml, add "platform: linux/amd64" to the service chatmock.']);
			assert.equal(fix.commands[1], 'docker-compose --context pi -p stack --project-directory /home/pi/chatmock -f /home/pi/chatmock/compose.yaml up -d --no-deps --force-recreate chatmock');
			assert.ok(fix.actions?.some(action => action.kind === 'compose-platform'));
		}
	});
});
