import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import {archInTagName} from '../../../source/diagnosis/findings/single-arch-tag.js';
import type {ContainerFact, Facts, ImageFact, PublishedFacts} from '../../../source/facts/types.js';
import {engineOf, factsOf} from '../../helpers/facts.js';

const arm64 = (ref: string): ImageFact => ({ref, id: 'sha256:arm64v8', os: 'linux', architecture: 'arm64', variant: 'v8', source: {kind: 'engine', ref: `/images/${ref}/json`}});
const runContainer = (image: string): ContainerFact => ({
	id: 'c'.repeat(64),
	name: 'chatmock',
	image,
	imageId: 'sha256:arm64v8',
	state: 'exited',
	exitCode: 1,
	logTail: ['exec /usr/local/bin/python: exec format error'],
	source: {kind: 'engine', ref: '/containers/chatmock/json'},
	origin: {kind: 'run', command: `docker run -d --name chatmock -v chatmock-data:/data ${image}`},
});
const amd64 = engineOf({versionArch: 'amd64', osType: 'linux', infoArchitecture: 'x86_64'});

function findings(ref: string, extra: Partial<Facts> = {}) {
	const facts = factsOf(
		{kernelMachine: 'x86_64'},
		{
			engine: amd64,
			emulation: {kind: 'binfmt', handlers: []},
			images: [arm64(ref)],
			containers: [runContainer(ref)],
			chosenImage: {value: ref, source: {kind: 'derived', ref: '--image'}},
			...extra,
		},
	);
	return diagnose(facts).findings;
}
const everyCommand = (list: ReturnType<typeof findings>) => list.flatMap(finding => finding.fix.commands);

describe('a tag that exists for one platform only', () => {
	it('reads the architecture a tag names, and the tag without it', () => {
		assert.deepEqual(archInTagName('latest-arm64'), {platform: 'linux/arm64', rest: 'latest'});
		assert.deepEqual(archInTagName('arm32v7-1.4'), {platform: 'linux/arm/v7', rest: '1.4'});
		assert.deepEqual(archInTagName('1.4-aarch64-slim'), {platform: 'linux/arm64', rest: '1.4-slim'});
		assert.deepEqual(archInTagName('amd64'), {platform: 'linux/amd64', rest: 'latest'});
		assert.equal(archInTagName('latest'), undefined);
		assert.equal(archInTagName('1.4.2'), undefined);
	});

	it('named by its tag: no pull of a platform it cannot have; the multi-platform tag of a known repository instead', () => {
		const ref = 'ghcr.io/thebtf/chatmock:latest-arm64';
		const list = findings(ref);
		const exec = list.find(finding => finding.id === 'exec-format-error');
		assert.ok(exec);
		assert.ok(!everyCommand(list).includes(`docker pull --platform linux/amd64 ${ref}`), everyCommand(list).join('\n'));
		assert.deepEqual(exec.fix.commands, [
			'docker pull --platform linux/amd64 ghcr.io/thebtf/chatmock:latest',
			'docker stop chatmock',
			'docker rename chatmock chatmock-old',
			'docker run -d --platform linux/amd64 --name chatmock -v chatmock-data:/data ghcr.io/thebtf/chatmock:latest',
		]);
		assert.match(exec.fix.summary, /names linux\/arm64 in its tag; ghcr\.io\/thebtf\/chatmock:latest is published for linux\/amd64/);
		assert.deepEqual(exec.fix.actions, [], 'advice only: the fix does not move a container to another tag');
	});

	it('known from the registry (one platform, no list): same advice, the registry named as the source', () => {
		const ref = 'ghcr.io/thebtf/chatmock:nightly';
		const published: PublishedFacts = {ref, platforms: ['linux/arm64'], source: 'registry'};
		const list = findings(ref, {published});
		assert.ok(!everyCommand(list).some(command => command.startsWith('docker pull') && command.endsWith(ref)), everyCommand(list).join('\n'));
		const exec = list.find(finding => finding.id === 'exec-format-error');
		assert.match(exec?.fix.summary ?? '', /is published only for linux\/arm64 \(read from the registry\): there is no linux\/amd64 image under this tag to pull/);
		assert.deepEqual(exec?.fix.commands, []);
		const notPublished = list.find(finding => finding.id === 'platform-not-published');
		assert.ok(notPublished);
		assert.ok(!notPublished.fix.commands.some(command => command.includes(`--platform linux/amd64 ${ref}`)));
	});

	it('a registry-listed single-arch tag named by arch: platform-not-published points at the same repository, not another project', () => {
		const ref = 'ghcr.io/thebtf/chatmock:latest-arm64';
		const list = findings(ref, {published: {ref, platforms: ['linux/arm64'], source: 'registry'}});
		const notPublished = list.find(finding => finding.id === 'platform-not-published');
		assert.ok(notPublished);
		assert.match(notPublished.why, /ghcr\.io\/thebtf\/chatmock:latest is\.$/);
		assert.equal(notPublished.fix.commands[0], 'docker pull --platform linux/amd64 ghcr.io/thebtf/chatmock:latest');
		assert.ok(!notPublished.fix.commands.some(command => command.includes('storagetime')));
	});

	it('an unknown repository with an arch tag: says what to do, no broken command', () => {
		const ref = 'registry.example/me/chatmock:latest-arm64';
		const exec = findings(ref).find(finding => finding.id === 'exec-format-error');
		assert.deepEqual(exec?.fix.commands, []);
		assert.match(exec?.fix.summary ?? '', /Use the tag of the same release that is published for linux\/amd64/);
	});

	it('a multi-platform tag the registry lists with the platform: the pull stays', () => {
		const ref = 'ghcr.io/thebtf/chatmock:latest';
		const list = findings(ref, {published: {ref, platforms: ['linux/amd64', 'linux/arm64'], source: 'registry'}});
		assert.equal(list.find(finding => finding.id === 'exec-format-error')?.fix.commands[0], `docker pull --platform linux/amd64 ${ref}`);
	});

	it('no image yet and a single-arch tag chosen: no pull of it', () => {
		const ref = 'ghcr.io/thebtf/chatmock:latest-arm64';
		const facts = factsOf(
			{kernelMachine: 'x86_64'},
			{engine: amd64, emulation: {kind: 'binfmt', handlers: []}, images: [], containers: [], chosenImage: {value: ref, source: {kind: 'derived', ref: '--image'}}},
		);
		const none = diagnose(facts).findings.find(finding => finding.id === 'no-chatmock-image');
		assert.equal(none?.fix.commands[0], 'docker pull --platform linux/amd64 ghcr.io/thebtf/chatmock:latest');
		assert.deepEqual(none?.fix.actions, []);
	});
});
