import assert from 'node:assert/strict';
import {before, test} from 'node:test';
import {loadYaml} from '../../../source/chatmock/compose-project.js';
import {pinPlatform} from '../../../source/fix/compose-edit.js';
import {editComposeText, planComposeEdit} from '../../../source/fix/compose.js';
import {memoryFs} from './doubles.js';

// The parser loads on first use; these tests call the sync editors directly.
before(() => loadYaml());

/** The lines an edit changed, as `-`/`+` rows. */
function changed(edit: {diff: readonly {kind: string; text: string}[]} | undefined): string[] {
	return (edit?.diff ?? []).filter(line => line.kind !== ' ').map(line => `${line.kind}${line.text}`);
}

test('a `command: |` block scalar is never edited; platform goes under the image, beside it', () => {
	const text = `services:
  chatmock:
    image: ghcr.io/thebtf/chatmock:latest
    command: |
      image: not-a-key
      run --port 8000
    ports:
      - "8000:8000"
`;
	const edit = editComposeText(text, 'linux/arm64');
	assert.deepEqual(changed(edit), ['+    platform: linux/arm64']);
	assert.equal(edit?.updated, text.replace('latest\n', 'latest\n    platform: linux/arm64\n'));
});

test('a service whose command block ends the file still gets its platform line after the image', () => {
	const text = 'services:\n  chatmock:\n    command: |\n      serve\n    image: ghcr.io/thebtf/chatmock\n';
	assert.deepEqual(changed(editComposeText(text, 'linux/amd64')), ['+    platform: linux/amd64']);
	const last = 'services:\n  chatmock:\n    image: ghcr.io/thebtf/chatmock';
	assert.equal(editComposeText(last, 'linux/amd64')?.updated, `${last}\n    platform: linux/amd64`);
});

test('an x-base anchor is not a service: the platform is pinned in the service that merges it, other users of the anchor unchanged', () => {
	const text = `x-base: &base
  image: ghcr.io/thebtf/chatmock:latest # the image
  restart: unless-stopped

services:
  chatmock:
    <<: *base
    ports: ["8000:8000"]
  worker:
    <<: *base
    image: redis:7
`;
	const edit = editComposeText(text, 'linux/amd64');
	assert.deepEqual(changed(edit), ['+    platform: linux/amd64']);
	assert.deepEqual(
		edit?.changes.map(change => change.service),
		['chatmock'],
	);
	assert.match(edit?.updated ?? '', /<<: \*base\n {4}platform: linux\/amd64\n {4}ports/);
	assert.match(edit?.updated ?? '', /x-base: &base\n {2}image: ghcr.io\/thebtf\/chatmock:latest # the image\n {2}restart/);
});

test('a wrong platform inherited from an anchor is overridden in the service, not in the anchor', () => {
	const text = 'x-arm: &arm\n  platform: linux/arm64\nservices:\n  chatmock:\n    <<: *arm\n    image: ghcr.io/thebtf/chatmock\n  sidecar:\n    <<: *arm\n    image: busybox\n';
	const edit = editComposeText(text, 'linux/amd64');
	assert.deepEqual(changed(edit), ['+    platform: linux/amd64']);
	assert.equal(edit?.changes[0]?.before, 'platform: linux/arm64');
	assert.match(edit?.updated ?? '', /x-arm: &arm\n {2}platform: linux\/arm64\n/);
});

test('other images named like chatmock are left alone', () => {
	const text = 'services:\n  proxy:\n    image: acme/not-chatmock-proxy\n  chat:\n    image: chatmock-fork/server\n';
	assert.equal(editComposeText(text, 'linux/amd64'), undefined);
	const mixed = `${text}  chatmock:\n    image: localhost:5000/thebtf/chatmock:1.2\n`;
	assert.deepEqual(
		editComposeText(mixed, 'linux/amd64')?.changes.map(change => change.service),
		['chatmock'],
	);
});

test('a trailing comment on the image line and the platform line is kept', () => {
	const text = 'services:\n  chatmock:\n    image: "ghcr.io/thebtf/chatmock:latest"  # keep me\n    platform: linux/arm64 # was wrong\n';
	const edit = editComposeText(text, 'linux/amd64');
	assert.equal(edit?.updated, 'services:\n  chatmock:\n    image: "ghcr.io/thebtf/chatmock:latest"  # keep me\n    platform: linux/amd64 # was wrong\n');
	assert.deepEqual(changed(edit), ['-    platform: linux/arm64 # was wrong', '+    platform: linux/amd64 # was wrong']);
});

test('flow style services get `, platform: …` in place', () => {
	const text = 'services:\n  chatmock: {image: ghcr.io/thebtf/chatmock, ports: ["8000:8000"]}\n';
	const edit = editComposeText(text, 'linux/amd64');
	assert.equal(edit?.updated, 'services:\n  chatmock: {image: ghcr.io/thebtf/chatmock, platform: linux/amd64, ports: ["8000:8000"]}\n');
});

test('several ChatMock services each get one line; comments and blank lines stay byte for byte', () => {
	const text = `# my stack\nservices:\n\n  a:\n    image: ghcr.io/thebtf/chatmock   # one\n\n    # between\n  b:\n    image: storagetime/chatmock\n    environment:\n      - X=1\n  db:\n    image: postgres\n`;
	const edit = editComposeText(text, 'linux/arm/v7');
	assert.deepEqual(changed(edit), ['+    platform: linux/arm/v7', '+    platform: linux/arm/v7']);
	assert.equal(edit?.updated.replace(/ {4}platform: linux\/arm\/v7\n/g, ''), text);
});

test('${VAR} image names are resolved with the .env beside the file; the shell wins over .env', async () => {
	const compose = 'services:\n  app:\n    image: ${IMAGE}\n  other:\n    image: ${OTHER:-redis}\n';
	const fs = memoryFs({'/p/compose.yaml': compose, '/p/.env': 'IMAGE=ghcr.io/thebtf/chatmock:1.0\n'});
	const plan = await planComposeEdit(fs, '/p', 'linux/amd64');
	assert.equal(plan.kind, 'edit');
	if (plan.kind !== 'edit') return;
	assert.deepEqual(
		plan.edit.changes.map(change => [change.service, change.image]),
		[['app', 'ghcr.io/thebtf/chatmock:1.0']],
	);
	assert.equal((await planComposeEdit(fs, '/p', 'linux/amd64', {env: {IMAGE: 'nginx'}})).kind, 'none');
	assert.equal((await planComposeEdit(memoryFs({'/p/compose.yaml': compose}), '/p', 'linux/amd64')).kind, 'none');
});

test('with an override file, the platform goes where it takes effect', async () => {
	const base = 'services:\n  chatmock:\n    image: ghcr.io/thebtf/chatmock\n    ports: ["8000:8000"]\n';
	const override = 'services:\n  chatmock:\n    platform: linux/arm64\n';
	const fs = memoryFs({'/p/compose.yaml': base, '/p/compose.override.yml': override});
	const plan = await planComposeEdit(fs, '/p', 'linux/amd64');
	assert.equal(plan.kind, 'edit');
	if (plan.kind !== 'edit') return;
	assert.deepEqual(
		plan.edits.map(edit => edit.path),
		['/p/compose.override.yml'],
	);
	assert.deepEqual(changed(plan.edit), ['-    platform: linux/arm64', '+    platform: linux/amd64']);

	// -f files from a container's labels: the image is set in the second file, so the platform goes there.
	const labelled = memoryFs({'/p/a.yml': 'services:\n  chatmock:\n    ports: ["8000:8000"]\n', '/p/b.yml': base});
	const fromLabels = await planComposeEdit(labelled, '/p', 'linux/amd64', {files: ['/p/a.yml', '/p/b.yml'], services: ['chatmock']});
	assert.equal(fromLabels.kind === 'edit' && fromLabels.edit.path, '/p/b.yml');
});

test('compose.yaml wins over docker-compose.yml, as in Compose', async () => {
	const fs = memoryFs({
		'/p/docker-compose.yml': 'services:\n  old:\n    image: ghcr.io/thebtf/chatmock\n',
		'/p/compose.yaml': 'services:\n  new:\n    image: ghcr.io/thebtf/chatmock\n',
	});
	const plan = await planComposeEdit(fs, '/p', 'linux/amd64');
	assert.equal(plan.kind === 'edit' && plan.edit.path, '/p/compose.yaml');
});

test('a service that is only an alias is not edited; the reason says what to do', () => {
	const text = 'x: &svc\n  image: ghcr.io/thebtf/chatmock\nservices:\n  chatmock: *svc\n';
	const result = pinPlatform(text, 'chatmock', 'linux/amd64');
	assert.equal(result.kind, 'unsupported');
	assert.match(result.kind === 'unsupported' ? result.reason : '', /by hand/);
});

test('a right platform already there: already', () => {
	assert.deepEqual(pinPlatform("services:\n  c:\n    image: ghcr.io/thebtf/chatmock\n    platform: 'linux/amd64'\n", 'c', 'linux/amd64'), {kind: 'already'});
});
