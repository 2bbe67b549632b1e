// The remote host probe leaves the engine's images as it found them: what it pulls goes again, a
// tag the user had never moves, and whatever it did is said in the finding's evidence.
import assert from 'node:assert/strict';
import {describe, test} from 'node:test';
import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import {probeEngineHost} from '../../../../source/facts/engine/remote-host-probe.js';
import type {Facts, HostProbeFacts} from '../../../../source/facts/types.js';
import {engineOf} from '../../../helpers/facts.js';
import {fakeEngine, type FakeEngine, type FakeImage} from '../../fix/doubles.js';

/** A 64-bit Pi's engine: its own platform is linux/arm64. */
const PI_ENGINE = engineOf({osType: 'linux', infoArchitecture: 'aarch64', versionArch: 'arm64', versionOs: 'linux'});
const NAMED = 'ghcr.io/example/tools:1.0';
const PULLED_ID = 'sha256:pulled00000000';

/** An engine holding `images`; the container it runs prints a machine and exits 0; each created image is recorded. */
function piEngine(images: FakeImage[]): {engine: FakeEngine; ran: string[]} {
	const engine = fakeEngine({images, newImageId: PULLED_ID});
	// The probe's container exits 0 on its own once it printed.
	const stop = engine.stopContainer.bind(engine);
	engine.waitContainer = async id => {
		await stop(id);
		return {ok: true, value: {exitCode: 0}};
	};
	const ran: string[] = [];
	const create = engine.createContainer.bind(engine);
	engine.createContainer = async (body, options) => {
		ran.push(String(body['Image']));
		return create(body, options);
	};
	engine.containerLogs = async () => ({ok: true, value: ['U machine aarch64', 'U sysname Linux', 'END']});
	return {engine, ran};
}

const snapshot = (engine: FakeEngine) => engine.store.images.map(image => `${image.id} ${[...image.tags].sort().join(',')} ${image.architecture}`).sort();

function evidenceOf(probe: HostProbeFacts): {severity: string; evidence: string[]; commands: readonly string[]} {
	const facts: Facts = {origin: 'live', host: {}, engine: PI_ENGINE, signals: [], hostProbe: probe};
	const finding = diagnose(facts).findings.find(f => f.id === 'host-probed-on-engine' || f.id === 'host-probe-failed');
	assert.ok(finding, 'the probe is a finding');
	return {severity: finding.severity, evidence: finding.evidence.map(e => e.text), commands: finding.fix.commands ?? []};
}

const probe = (engine: FakeEngine, image?: string) => probeEngineHost(engine, PI_ENGINE, {deadlineAt: Date.now() + 5000, mayPull: true, ...(image === undefined ? {} : {image})});

describe('the host probe leaves the remote engine as it found it', () => {
	test('busybox pulled because no image fits is removed after the probe, and the evidence says so', async () => {
		const foreign: FakeImage = {id: 'sha256:cm0000000000', tags: ['ghcr.io/thebtf/chatmock:latest'], architecture: 'amd64'};
		const {engine, ran} = piEngine([foreign]);
		const before = snapshot(engine);
		const result = await probe(engine);
		assert.equal(result.probe.status, 'read', result.probe.message);
		assert.equal(result.probe.image, 'busybox:latest');
		assert.deepEqual(ran, [PULLED_ID]);
		assert.ok(engine.calls.includes('pull busybox:latest linux/arm64'));
		assert.deepEqual(snapshot(engine), before);
		assert.equal(result.probe.engineChanges, 'pulled busybox:latest for linux/arm64 (it was not on this engine); removed after');
		assert.equal(result.probe.imageLeftBehind, undefined);
		const said = evidenceOf(result.probe);
		assert.equal(said.severity, 'info');
		assert.ok(said.evidence.includes('on the engine: pulled busybox:latest for linux/arm64 (it was not on this engine); removed after'), said.evidence.join('\n'));
	});

	for (const [what, named, existing] of [
		['--probe-image naming a tag the engine has for another platform', NAMED, NAMED],
		['busybox:latest there for another platform only', undefined, 'busybox:latest'],
	] as const) {
		test(`${what}: the tag still names the same image, the pulled build ran and is gone`, async () => {
			const mine: FakeImage = {id: 'sha256:mine00000000', tags: [existing], architecture: 'amd64'};
			const {engine, ran} = piEngine([mine]);
			const before = snapshot(engine);
			const result = await probe(engine, named);
			assert.equal(result.probe.status, 'read', result.probe.message);
			assert.equal(result.probe.image, existing);
			// The container ran the arm64 build by its ID: the user's tag never named it for longer than the pull.
			assert.deepEqual(ran, [PULLED_ID]);
			const tag = await engine.inspectImage(existing);
			assert.equal(tag.ok && tag.value.id, mine.id);
			assert.deepEqual(snapshot(engine), before);
			// The pulled build had a tag of its own, removed after (never forced).
			assert.ok(engine.calls.includes(`removeImage ${existing}-chatmock-doctor-candidate`), engine.calls.join('\n'));
			assert.equal(result.probe.engineChanges, `pulled ${existing} for linux/arm64 beside your ${existing}, which still names mine00000000; removed after`);
		});
	}

	test('a pulled build the engine would not give a tag of its own: removed by its ID, the tag still names the same image', async () => {
		const mine: FakeImage = {id: 'sha256:mine00000000', tags: [NAMED], architecture: 'amd64'};
		const {engine} = piEngine([mine]);
		const tag = engine.tagImage.bind(engine);
		engine.tagImage = async (source, repo, name, options) => (name.endsWith('-chatmock-doctor-candidate') ? {ok: false, error: {code: 'http', message: 'refused'}} : tag(source, repo, name, options));
		const before = snapshot(engine);
		const result = await probe(engine, NAMED);
		assert.equal(result.probe.status, 'read', result.probe.message);
		assert.ok(engine.calls.includes(`removeImage ${PULLED_ID}`), engine.calls.join('\n'));
		assert.deepEqual(snapshot(engine), before);
	});

	test('a pull the engine will not remove: the probe still reads, the evidence and the fix name the image', async () => {
		const {engine} = piEngine([]);
		engine.removeImage = async () => ({ok: false, error: {code: 'conflict', message: 'image is being used by stopped container 0123abcd'}});
		const result = await probe(engine, NAMED);
		assert.equal(result.probe.status, 'read', result.probe.message);
		assert.equal(result.probe.imageLeftBehind, NAMED);
		assert.match(
			result.probe.engineChanges ?? '',
			/^pulled ghcr\.io\/example\/tools:1\.0 for linux\/arm64 \(it was not on this engine\); removing it failed \(image is being used by stopped container 0123abcd\), so it is still there$/,
		);
		const said = evidenceOf(result.probe);
		assert.equal(said.severity, 'warning');
		assert.ok(
			said.evidence.some(line => line.startsWith('on the engine: pulled') && line.includes('removing it failed')),
			said.evidence.join('\n'),
		);
		assert.deepEqual(said.commands, [`docker rmi ${NAMED}`]);
	});

	test('a failed probe still removes what it pulled, and says so', async () => {
		const {engine} = piEngine([]);
		engine.containerLogs = async () => ({ok: true, value: ['sh: exec: not found']});
		const wait = engine.waitContainer;
		engine.waitContainer = async id => ((await wait(id)).ok ? {ok: true, value: {exitCode: 127}} : {ok: false, error: {code: 'error', message: 'gone'}});
		const result = await probe(engine, NAMED);
		assert.equal(result.probe.status, 'failed');
		assert.deepEqual(engine.store.images, []);
		assert.match(result.probe.engineChanges ?? '', /removed after$/);
		assert.ok(evidenceOf(result.probe).evidence.some(line => line.startsWith('on the engine: pulled')));
	});

	test('a named image with no build of the engine platform: the pulled build is dropped at once and never runs', async () => {
		const mine: FakeImage = {id: 'sha256:mine00000000', tags: [NAMED], architecture: 'amd64'};
		const {engine, ran} = piEngine([mine]);
		// The registry answers the arm64 pull with its amd64 build (a single-platform image).
		const pull = engine.pull.bind(engine);
		engine.pull = async (ref, _platform, options) => pull(ref, 'linux/amd64', options);
		const before = snapshot(engine);
		const result = await probe(engine, NAMED);
		assert.equal(result.probe.status, 'failed');
		assert.match(result.probe.message ?? '', /has no linux\/arm64 build/);
		assert.deepEqual(ran, []);
		assert.deepEqual(snapshot(engine), before);
	});

	test('an image of the engine platform already there: nothing pulled, nothing removed, nothing said of the engine', async () => {
		const native: FakeImage = {id: 'sha256:bb0000000000', tags: [NAMED], architecture: 'arm64'};
		const {engine, ran} = piEngine([native]);
		const result = await probe(engine, NAMED);
		assert.equal(result.probe.status, 'read', result.probe.message);
		assert.deepEqual(ran, [NAMED]);
		assert.equal(engine.calls.filter(call => /^(pull|removeImage|tagImage) /.test(call)).length, 0, engine.calls.join('\n'));
		assert.equal(result.probe.engineChanges, undefined);
		assert.deepEqual(snapshot(engine), [`${native.id} ${NAMED} arm64`]);
	});
});
