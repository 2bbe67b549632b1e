import assert from 'node:assert/strict';
import {join} from 'node:path';
import {before, test} from 'node:test';
import {loadYaml} from '../../../source/chatmock/compose-project.js';
import {applyComposeEdit, editComposeText, planComposeEdit} from '../../../source/fix/compose.js';
import {memoryFs} from './doubles.js';

// The parser loads on first use; these tests call the sync editors directly.
before(() => loadYaml());

const UPSTREAM = `services:
  chatmock:
    image: \${CHATMOCK_IMAGE:-storagetime/chatmock:latest}
    ports:
      - "\${CHATMOCK_PUBLISH_HOST:-127.0.0.1}:\${PORT:-8000}:8000"
    volumes:
      - chatmock-data:/data
  other:
    image: redis:7
volumes:
  chatmock-data:
`;

test('adds a platform line after the image line of the ChatMock service only', () => {
	const edit = editComposeText(UPSTREAM, 'linux/arm64');
	assert.ok(edit);
	assert.deepEqual(
		edit.changes.map(change => [change.service, change.after]),
		[['chatmock', 'platform: linux/arm64']],
	);
	assert.match(edit.updated, /image: \$\{CHATMOCK_IMAGE:-storagetime\/chatmock:latest\}\n {4}platform: linux\/arm64\n {4}ports:/);
	assert.equal(edit.updated.split('\n').length, UPSTREAM.split('\n').length + 1);
	assert.deepEqual(
		edit.diff.map(line => line.kind),
		[' ', ' ', '+'],
	);
	assert.ok(!/redis:7\n\s+platform/.test(edit.updated));
});

test('replaces a wrong platform line, keeps CRLF, and leaves a right one alone', () => {
	const text = 'services:\r\n  app:\r\n    platform: "linux/amd64"\r\n    image: ghcr.io/thebtf/chatmock:latest\r\n';
	const edit = editComposeText(text, 'linux/arm/v7');
	assert.ok(edit);
	assert.equal(edit.updated, 'services:\r\n  app:\r\n    platform: linux/arm/v7\r\n    image: ghcr.io/thebtf/chatmock:latest\r\n');
	assert.deepEqual(
		edit.diff.filter(line => line.kind !== ' ').map(line => line.kind),
		['-', '+'],
	);
	assert.equal(editComposeText(edit.updated, 'linux/arm/v7')?.changes.length, 0);
});

test('no ChatMock service: no edit', () => {
	assert.equal(editComposeText('services:\n  db:\n    image: postgres\n', 'linux/arm64'), undefined);
});

test('plan finds the first compose file Compose itself would use; apply writes a backup first', async () => {
	const cwd = '/project';
	const fs = memoryFs({[join(cwd, 'docker-compose.yml')]: UPSTREAM, [join(cwd, 'docker-compose.yml.bak')]: 'older backup'});
	const plan = await planComposeEdit(fs, cwd, 'linux/arm64');
	assert.equal(plan.kind, 'edit');
	if (plan.kind !== 'edit') return;
	assert.equal(plan.edit.path, join(cwd, 'docker-compose.yml'));
	const written = await applyComposeEdit(fs, plan.edit);
	assert.deepEqual(written, {ok: true, backup: join(cwd, 'docker-compose.yml.bak.1')});
	assert.equal(fs.files[join(cwd, 'docker-compose.yml.bak.1')], UPSTREAM);
	assert.equal(fs.files[join(cwd, 'docker-compose.yml.bak')], 'older backup');
	assert.match(fs.files[join(cwd, 'docker-compose.yml')] ?? '', /platform: linux\/arm64/);
	assert.equal((await planComposeEdit(fs, cwd, 'linux/arm64')).kind, 'already');
});

test('apply refuses when the file changed after it was shown', async () => {
	const fs = memoryFs({'/p/compose.yaml': UPSTREAM});
	const plan = await planComposeEdit(fs, '/p', 'linux/arm64');
	assert.equal(plan.kind, 'edit');
	if (plan.kind !== 'edit') return;
	fs.files['/p/compose.yaml'] = `${UPSTREAM}# edited\n`;
	const written = await applyComposeEdit(fs, plan.edit);
	assert.equal(written.ok, false);
	assert.equal(Object.keys(fs.files).length, 1);
});

test('no compose file: none', async () => {
	assert.deepEqual(await planComposeEdit(memoryFs({}), '/empty', 'linux/arm64'), {kind: 'none'});
});
