import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {healthUrl, hostOfEndpoint} from '../../../../source/fix/recreate/prove.js';
import {candidateTagOf, dropCandidate, promoteCandidate, pullCandidate} from '../../../../source/fix/candidate-pull.js';
import {OLD_IMAGE, fakeEngine} from '../doubles.js';

describe('where /health is asked', () => {
	it("on the engine host for a port published on all addresses, ChatMock's 8000 first", () => {
		const ports = {'9090/tcp': ['0.0.0.0:19090'], '8000/tcp': ['0.0.0.0:18000', ':::18000']};
		assert.equal(healthUrl({ports}, 'unix:///var/run/docker.sock'), 'http://127.0.0.1:18000/health');
		assert.equal(healthUrl({ports}, 'tcp://nas.local:2376'), 'http://nas.local:18000/health');
		assert.equal(healthUrl({ports}, 'ssh://pi@raspberrypi'), 'http://raspberrypi:18000/health');
	});

	it('a loopback binding only from the same machine; nothing when nothing is published', () => {
		assert.equal(healthUrl({ports: {'8000/tcp': ['127.0.0.1:8000']}}, 'unix:///var/run/docker.sock'), 'http://127.0.0.1:8000/health');
		assert.equal(healthUrl({ports: {'8000/tcp': ['127.0.0.1:8000']}}, 'tcp://nas.local:2376'), undefined);
		assert.equal(healthUrl({ports: {'8000/tcp': []}}, 'unix:///var/run/docker.sock'), undefined);
		assert.equal(hostOfEndpoint('npipe:////./pipe/docker_engine'), '127.0.0.1');
	});
});

describe('the candidate pull', () => {
	const REF = 'ghcr.io/thebtf/chatmock:latest';

	it("puts the user's tag back on the old image at once and keeps the new one under a tag of its own", async () => {
		const engine = fakeEngine({images: [{...OLD_IMAGE, tags: [REF]}]});
		const pulled = await pullCandidate(engine, REF, 'linux/arm64');
		assert.ok(pulled.ok);
		const {candidate} = pulled;
		assert.equal(candidate.previousId, OLD_IMAGE.id);
		assert.equal(candidate.candidateRef, `ghcr.io/thebtf/chatmock:${candidateTagOf('latest')}`);
		assert.deepEqual(engine.store.images.find(image => image.id === OLD_IMAGE.id)?.tags, [REF]);
		assert.deepEqual(engine.store.images.find(image => image.id === candidate.imageId)?.tags, [candidate.candidateRef]);
		await promoteCandidate(engine, candidate);
		assert.deepEqual(engine.store.images.find(image => image.id === candidate.imageId)?.tags, [REF]);
		assert.deepEqual(engine.store.images.find(image => image.id === OLD_IMAGE.id)?.tags, []);
	});

	it('drops an unverified candidate, and untags the tag again when the user had none', async () => {
		const engine = fakeEngine();
		const pulled = await pullCandidate(engine, REF, 'linux/arm64');
		assert.ok(pulled.ok);
		assert.equal(pulled.candidate.previousId, undefined);
		await dropCandidate(engine, pulled.candidate);
		assert.deepEqual(engine.store.images, []);
	});

	it('a tag at the length limit still gets its candidate suffix', () => {
		assert.equal(candidateTagOf('x'.repeat(128)).length, 128);
	});
});
