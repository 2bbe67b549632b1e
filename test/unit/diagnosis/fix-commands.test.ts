import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import {pullableRef, withPlatform} from '../../../source/diagnosis/findings/fix-commands.js';
import type {ContainerFact, ImageFact} from '../../../source/facts/types.js';
import {engineOf, factsOf} from '../../helpers/facts.js';

const DIGEST = `sha256:${'d'.repeat(64)}`;
const arm64 = (ref = 'ghcr.io/thebtf/chatmock:latest'): ImageFact => ({
	ref,
	id: 'sha256:arm64v8',
	os: 'linux',
	architecture: 'arm64',
	variant: 'v8',
	source: {kind: 'engine', ref: `/images/${ref}/json`},
});
const container = (origin: ContainerFact['origin']): ContainerFact => ({
	id: 'c'.repeat(64),
	name: 'chatmock',
	image: 'ghcr.io/thebtf/chatmock:latest',
	imageId: 'sha256:arm64v8',
	state: 'exited',
	exitCode: 1,
	logTail: ['exec /usr/local/bin/python: exec format error'],
	source: {kind: 'engine', ref: '/containers/chatmock/json'},
	...(origin ? {origin} : {}),
});
const amd64 = engineOf({versionArch: 'amd64', osType: 'linux', infoArchitecture: 'x86_64'});
const fixOf = (containers: ContainerFact[], images = [arm64()]) => {
	const facts = factsOf({kernelMachine: 'x86_64'}, {engine: amd64, emulation: {kind: 'binfmt', handlers: []}, images, containers});
	return diagnose(facts).findings.find(finding => finding.id === 'exec-format-error')!.fix;
};

describe('commands a finding prints work when pasted', () => {
	it('never pulls a platform by digest: the tag is kept, or the chosen tag, or latest', () => {
		assert.equal(pullableRef(`ghcr.io/thebtf/chatmock@${DIGEST}`), 'ghcr.io/thebtf/chatmock:latest');
		assert.equal(pullableRef(`ghcr.io/thebtf/chatmock:v2@${DIGEST}`), 'ghcr.io/thebtf/chatmock:v2');
		assert.equal(pullableRef(`ghcr.io/thebtf/chatmock@${DIGEST}`, 'ghcr.io/thebtf/chatmock:1.4'), 'ghcr.io/thebtf/chatmock:1.4');
		const fix = fixOf([], [arm64(`ghcr.io/thebtf/chatmock@${DIGEST}`)]);
		assert.ok(
			fix.commands.every(command => !command.includes('@sha256')),
			fix.commands.join('\n'),
		);
		assert.equal(fix.actions?.[0]?.kind === 'pull-platform' && fix.actions[0].ref, 'ghcr.io/thebtf/chatmock:latest');
	});

	it('a docker run container: no compose line, its own docker run line with --platform, the old one kept until it answers', () => {
		const command = 'docker run -d --name chatmock --restart unless-stopped -p 8000:8000 -v chatmock-data:/data ghcr.io/thebtf/chatmock:latest';
		const fix = fixOf([container({kind: 'run', command, ownEnv: 2})]);
		assert.deepEqual(fix.commands, [
			'docker pull --platform linux/amd64 ghcr.io/thebtf/chatmock:latest',
			'docker stop chatmock',
			'docker rename chatmock chatmock-old',
			'docker run -d --platform linux/amd64 --name chatmock --restart unless-stopped -p 8000:8000 -v chatmock-data:/data ghcr.io/thebtf/chatmock:latest',
		]);
		assert.ok(fix.commands.every(line => !/compose|platform:/.test(line)));
		assert.ok(fix.steps?.some(step => step.includes('also set 2 environment variables of its own')));
		assert.ok(fix.steps?.some(step => step.includes('docker rm chatmock-old')));
		assert.ok(!fix.actions?.some(action => action.kind === 'compose-platform'));
	});

	it('a compose container: the platform line is a step naming its file and service; the command recreates that service with the CLI the machine has', () => {
		const fix = fixOf([container({kind: 'compose', project: 'my stack', service: 'chatmock', workingDir: '/srv/chat', configFiles: ['/srv/chat/compose.yaml'], cli: 'docker-compose'})]);
		assert.deepEqual(fix.steps, ['In /srv/chat/compose.yaml, add "platform: linux/amd64" to the service chatmock.']);
		assert.equal(fix.commands[1], "docker-compose -p 'my stack' --project-directory /srv/chat -f /srv/chat/compose.yaml up -d --no-deps --force-recreate chatmock");
		assert.ok(fix.actions?.some(action => action.kind === 'compose-platform'));
	});

	it('no container and no compose file: just the pull, no compose lines', () => {
		const fix = fixOf([]);
		assert.deepEqual(fix.commands, ['docker pull --platform linux/amd64 ghcr.io/thebtf/chatmock:latest']);
		assert.equal(fix.steps, undefined);
	});

	it('--platform goes after -d', () => {
		assert.equal(withPlatform('docker run -d --name x img', 'linux/arm64'), 'docker run -d --platform linux/arm64 --name x img');
	});
});
