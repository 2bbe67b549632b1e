import assert from 'node:assert/strict';
import {test} from 'node:test';
import {chosenImage} from '../../../source/chatmock/images.js';
import {chatmockServices, readComposeProject} from '../../../source/chatmock/compose-project.js';
import {interpolate} from '../../../source/chatmock/interpolate.js';
import {planComposeEdit} from '../../../source/fix/compose.js';
import {createMemoryHost} from '../../../source/facts/seam/memory-host.js';
import {memoryFs} from '../fix/doubles.js';

const files = (entries: Record<string, string>) => async (path: string) => entries[path];

test('Compose variables: defaults, required, alternates, $$ and unset', () => {
	const env: Record<string, string> = {SET: 'x', EMPTY: ''};
	const lookup = (name: string) => env[name];
	assert.equal(interpolate('${SET}-$SET-$$SET', lookup), 'x-x-$SET');
	assert.equal(interpolate('${EMPTY:-d}|${EMPTY-d}|${NONE-d}', lookup), 'd||d');
	assert.equal(interpolate('${SET:+alt}${NONE:+alt}', lookup), 'alt');
	assert.equal(interpolate('${NONE:-${SET}/y}', lookup), 'x/y');
	assert.equal(interpolate('${NONE}', lookup), undefined);
	assert.equal(interpolate('${NONE:?needed}', lookup), undefined);
});

test('the main file and its override are read in Compose order; the later file wins', async () => {
	const project = await readComposeProject(
		files({
			'/p/docker-compose.yml': 'services:\n  c:\n    image: storagetime/chatmock\n',
			'/p/compose.yml': 'services:\n  c:\n    image: storagetime/chatmock\n',
			'/p/compose.override.yaml': 'services:\n  c:\n    image: ghcr.io/thebtf/chatmock:2\n',
			'/p/docker-compose.override.yml': 'services:\n  c:\n    image: nope/chatmock\n',
		}),
		{dir: '/p'},
	);
	assert.deepEqual(
		project?.files.map(file => file.path),
		['/p/compose.yml', '/p/compose.override.yaml'],
	);
	assert.deepEqual(
		chatmockServices(project!).map(service => [service.name, service.image?.value, service.image?.file]),
		[['c', 'ghcr.io/thebtf/chatmock:2', '/p/compose.override.yaml']],
	);
});

test('COMPOSE_FILE (from the shell or the .env) names the files', async () => {
	const read = files({
		'/p/.env': 'COMPOSE_FILE=one.yml:two.yml\n',
		'/p/one.yml': 'services: {}\n',
		'/p/two.yml': 'services:\n  c: {image: ghcr.io/thebtf/chatmock}\n',
		'/p/compose.yaml': 'services: {}\n',
	});
	const project = await readComposeProject(read, {dir: '/p'});
	assert.deepEqual(
		project?.files.map(file => file.path),
		['/p/one.yml', '/p/two.yml'],
	);
	assert.equal(chatmockServices(project!)[0]?.name, 'c');
});

test('image discovery and the fix agree: the image an anchor gives, cited where it is written', async () => {
	const compose = 'x-base: &base\n  image: ghcr.io/thebtf/chatmock:v3\nservices:\n  proxy:\n    image: acme/not-chatmock-proxy\n  chatmock:\n    <<: *base\n';
	const host = createMemoryHost({env: {}, files: {'/p/docker-compose.yml': compose}});
	const chosen = await chosenImage(host, {cwd: '/p'});
	assert.equal(chosen.value, 'ghcr.io/thebtf/chatmock:v3');
	assert.deepEqual(chosen.source, {kind: 'file', ref: '/p/docker-compose.yml', line: 2, excerpt: 'image: ghcr.io/thebtf/chatmock:v3'});
	const plan = await planComposeEdit(memoryFs({'/p/docker-compose.yml': compose}), '/p', 'linux/amd64');
	assert.deepEqual(plan.kind === 'edit' && plan.edit.changes.map(change => [change.service, change.image]), [['chatmock', 'ghcr.io/thebtf/chatmock:v3']]);
});

test('a file that is not YAML is a problem, not a crash', async () => {
	const project = await readComposeProject(files({'/p/compose.yaml': 'services:\n  c: [\n'}), {dir: '/p'});
	assert.equal(project?.files.length, 0);
	assert.match(project?.problems[0] ?? '', /compose\.yaml/);
});
