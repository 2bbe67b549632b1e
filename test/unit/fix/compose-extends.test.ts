import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {chatmockServices, readComposeProject} from '../../../source/chatmock/compose-project.js';
import {planComposeEdit} from '../../../source/fix/compose.js';
import {memoryFs} from './doubles.js';

// `extends:` in the one compose reader: a service that inherits ChatMock's image is ChatMock, and
// the platform is pinned in the service that extends (the one the user runs), never in the base.

const BASE = `# shared settings
services:
  chatmock-base:
    image: ghcr.io/thebtf/chatmock:latest # the published image
    volumes:
      - chatmock-data:/data
`;

const EXTENDING = `services:
  chatmock:
    extends:
      file: common/base.yml
      service: chatmock-base
    ports:
      - "8000:8000"
  redis:
    image: redis:7
volumes:
  chatmock-data:
`;

const read = (files: Record<string, string>) => async (path: string) => files[path];

describe('compose extends:', () => {
	it('a service extending one in another file inherits its image: it is ChatMock, with the base named as where the image is set', async () => {
		const project = await readComposeProject(read({'/p/compose.yaml': EXTENDING, '/p/common/base.yml': BASE}), {dir: '/p'});
		assert.ok(project);
		const found = chatmockServices(project);
		assert.deepEqual(
			found.map(service => service.name),
			['chatmock'],
		);
		assert.equal(found[0]?.image?.value, 'ghcr.io/thebtf/chatmock:latest');
		assert.equal(found[0]?.image?.file, '/p/common/base.yml');
		assert.equal(found[0]?.image?.line, 4);
		assert.deepEqual(found[0]?.extends, {service: 'chatmock-base', file: '/p/common/base.yml'});
		assert.deepEqual(project.problems, []);
	});

	it('pins platform: in the extending service, after its extends block; the base file stays as it was', async () => {
		const fs = memoryFs({'/p/compose.yaml': EXTENDING, '/p/common/base.yml': BASE});
		const plan = await planComposeEdit(fs, '/p', 'linux/arm64', {services: ['chatmock']});
		assert.equal(plan.kind, 'edit', JSON.stringify(plan));
		if (plan.kind !== 'edit') return;
		assert.equal(plan.edits.length, 1);
		assert.equal(plan.edit.path, '/p/compose.yaml');
		assert.equal(plan.edit.updated, EXTENDING.replace('      service: chatmock-base\n', '      service: chatmock-base\n    platform: linux/arm64\n'));
		assert.deepEqual(
			plan.edit.diff.filter(line => line.kind !== ' ').map(line => line.text),
			['    platform: linux/arm64'],
		);
		assert.deepEqual(plan.edit.changes, [{service: 'chatmock', image: 'ghcr.io/thebtf/chatmock:latest', after: 'platform: linux/arm64'}]);
	});

	it('short form in the same file: both are ChatMock services, the extending one is pinned alone (beside its extends:) when it is the one asked for', async () => {
		const text = `x-note: &note shared
services:
  base:
    image: storagetime/chatmock:latest
  chatmock:
    extends: base
    command: ["--verbose"]
`;
		const fs = memoryFs({'/p/docker-compose.yml': text});
		const project = await readComposeProject(read(fs.files as Record<string, string>), {dir: '/p'});
		assert.deepEqual(project && chatmockServices(project).map(service => [service.name, service.image?.value]), [
			['base', 'storagetime/chatmock:latest'],
			['chatmock', 'storagetime/chatmock:latest'],
		]);
		const plan = await planComposeEdit(fs, '/p', 'linux/amd64', {services: ['chatmock']});
		assert.equal(plan.kind, 'edit');
		if (plan.kind !== 'edit') return;
		assert.equal(plan.edit.updated, text.replace('    extends: base\n', '    extends: base\n    platform: linux/amd64\n'));
	});

	it('a platform the base pins is inherited: already right means nothing to edit; a wrong one is overridden in the extending service and shown as before', async () => {
		const base = BASE.replace('    volumes:', '    platform: linux/arm64\n    volumes:');
		const fs = memoryFs({'/p/compose.yaml': EXTENDING, '/p/common/base.yml': base});
		assert.equal((await planComposeEdit(fs, '/p', 'linux/arm64', {services: ['chatmock']})).kind, 'already');
		const plan = await planComposeEdit(fs, '/p', 'linux/amd64', {services: ['chatmock']});
		assert.equal(plan.kind, 'edit');
		if (plan.kind !== 'edit') return;
		assert.equal(plan.edit.path, '/p/compose.yaml');
		assert.equal(plan.edit.changes[0]?.before, 'platform: linux/arm64');
		assert.equal(fs.files['/p/common/base.yml'], base);
	});

	it('bases of bases, a flow-style extends, and an own image that wins over the inherited one', async () => {
		const files = {
			'/p/compose.yaml': `services:
  chatmock: {extends: {file: ./mid.yml, service: mid}, ports: ["8000:8000"]}
  proxy:
    extends: {file: ./mid.yml, service: mid}
    image: acme/not-chatmock-proxy:1
`,
			'/p/mid.yml': 'services:\n  mid:\n    extends:\n      file: deep/base.yml\n      service: chatmock-base\n',
			'/p/deep/base.yml': BASE,
		};
		const project = await readComposeProject(read(files), {dir: '/p'});
		assert.ok(project);
		assert.deepEqual(
			chatmockServices(project).map(service => service.name),
			['chatmock'],
		);
		const plan = await planComposeEdit(memoryFs(files), '/p', 'linux/arm64', {services: ['chatmock']});
		assert.equal(plan.kind, 'edit');
		if (plan.kind !== 'edit') return;
		assert.equal(plan.edit.updated.split('\n')[1], '  chatmock: {extends: {file: ./mid.yml, service: mid}, platform: linux/arm64, ports: ["8000:8000"]}');
	});

	it('a base that is missing or loops is a problem, not a guess', async () => {
		const missing = await readComposeProject(read({'/p/compose.yaml': EXTENDING}), {dir: '/p'});
		assert.deepEqual(missing && chatmockServices(missing), []);
		assert.match(missing?.problems.join('\n') ?? '', /chatmock: extends chatmock-base from \/p\/common\/base\.yml, which is not readable/);
		const loop = await readComposeProject(read({'/p/compose.yaml': 'services:\n  a:\n    extends: b\n  b:\n    extends: a\n'}), {dir: '/p'});
		assert.match(loop?.problems.join('\n') ?? '', /extends .* in a loop/);
	});
});
