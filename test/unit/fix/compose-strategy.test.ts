import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {ComposeRunner} from '../../../source/fix/compose-cli.js';
import {composeStrategy} from '../../../source/fix/recreate/compose-strategy.js';
import type {ContainerSpec} from '../../../source/facts/engine/container-ops.js';
import type {RecreateStrategy} from '../../../source/fix/recreate/strategy.js';
import {memoryFs} from './doubles.js';

const COMPOSE = 'services:\n  chatmock:\n    image: ghcr.io/thebtf/chatmock:latest # pinned tag\n    ports: ["8000:8000"]\n  db:\n    image: postgres\n';
const made = {kind: 'compose', project: 'stack', service: 'chatmock', workingDir: '/srv/stack', configFiles: ['/srv/stack/compose.yaml']} as const;
const OLD = {id: 'a'.repeat(64), name: 'stack-chatmock-1'} as unknown as ContainerSpec;

interface Call {
	readonly file: string;
	readonly args: readonly string[];
	readonly cwd: string;
	readonly env: Readonly<Record<string, string | undefined>>;
}

/** A machine with the given compose programs; `up` answers with `upExit`. */
function fakeRunner(programs: readonly string[], upExit = 0): {run: ComposeRunner; calls: Call[]} {
	const calls: Call[] = [];
	const run: ComposeRunner = async (file, args, options) => {
		calls.push({file, args, cwd: options.cwd, env: options.env});
		// The plugin's words may follow docker's own flags (--context NAME compose …).
		const plugin = file === 'docker' && args[args[0] === '--context' ? 2 : 0] === 'compose';
		const name = plugin ? 'docker compose' : file;
		if (!programs.includes(name)) return plugin ? {exitCode: 1, stdout: '', stderr: "docker: 'compose' is not a docker command."} : {exitCode: undefined, stdout: '', stderr: 'ENOENT', missing: true};
		if (args.includes('version')) return {exitCode: 0, stdout: plugin ? '2.29.1\n' : '1.29.2\n', stderr: ''};
		if (args.includes('up')) return {exitCode: upExit, stdout: '', stderr: upExit === 0 ? 'Recreating stack-chatmock-1 ... done' : 'ERROR: no such image'};
		if (args.includes('ps')) return {exitCode: 0, stdout: `${'b'.repeat(64)}\n`, stderr: ''};
		return {exitCode: 1, stdout: '', stderr: 'unexpected'};
	};
	return {run, calls};
}

test("compose v1: pins the platform, then recreates only that service with the project flags, against the doctor's engine", async () => {
	const fs = memoryFs({'/srv/stack/compose.yaml': COMPOSE});
	const {run, calls} = fakeRunner(['docker-compose']);
	const made2 = await composeStrategy({made, platform: 'linux/amd64', fs, run, dockerHost: 'unix:///run/other.sock', env: {DOCKER_CONTEXT: 'colima', PATH: '/bin'}});
	assert.ok(made2.ok);
	if (!made2.ok) return;
	const {strategy} = made2;
	assert.equal(strategy.keepsOld, false);
	const shown = strategy.describe();
	assert.deepEqual(
		shown.filter(line => /^ {2}[-+]/.test(line)),
		['  +     platform: linux/amd64'],
	);
	assert.equal(shown.at(-1), '$ docker-compose -p stack --project-directory /srv/stack -f /srv/stack/compose.yaml up -d --no-deps --force-recreate chatmock');

	assert.deepEqual(await strategy.prepare(), {ok: true, lines: ['/srv/stack/compose.yaml pins linux/amd64; the original is kept as /srv/stack/compose.yaml.bak']});
	assert.equal(fs.files['/srv/stack/compose.yaml.bak'], COMPOSE);
	assert.match(fs.files['/srv/stack/compose.yaml'] ?? '', /# pinned tag\n {4}platform: linux\/amd64\n/);

	const replaced = await strategy.replace({old: OLD, oldName: OLD.name, image: 'ghcr.io/thebtf/chatmock:latest', platform: 'linux/amd64'});
	assert.deepEqual(replaced.ok && replaced.id, 'b'.repeat(64));
	const up = calls.find(call => call.args.includes('up'));
	assert.equal(up?.file, 'docker-compose');
	assert.equal(up?.cwd, '/srv/stack');
	assert.equal(up?.env['DOCKER_HOST'], 'unix:///run/other.sock');
	assert.equal(up?.env['DOCKER_CONTEXT'], undefined);
	assert.equal(up?.env['PATH'], '/bin');
});

test('the plugin is preferred when both exist', async () => {
	const {run, calls} = fakeRunner(['docker compose', 'docker-compose']);
	const result = await composeStrategy({made, platform: 'linux/amd64', fs: memoryFs({'/srv/stack/compose.yaml': COMPOSE}), run, env: {}});
	assert.ok(result.ok);
	await result.strategy.replace({old: OLD, oldName: OLD.name, image: 'x', platform: 'linux/amd64'});
	assert.deepEqual(calls.find(call => call.args.includes('up'))?.args.slice(0, 3), ['compose', '-p', 'stack']);
});

test("a failed up says so with compose's output; undo puts the compose file back", async () => {
	const fs = memoryFs({'/srv/stack/compose.yaml': COMPOSE});
	const {run} = fakeRunner(['docker-compose'], 1);
	const result = await composeStrategy({made, platform: 'linux/amd64', fs, run, env: {}});
	assert.ok(result.ok);
	await result.strategy.prepare();
	const replaced = await result.strategy.replace({old: OLD, oldName: OLD.name, image: 'x', platform: 'linux/amd64'});
	assert.equal(replaced.ok, false);
	assert.deepEqual(!replaced.ok && replaced.lines, ['ERROR: no such image']);
	assert.deepEqual(await result.strategy.undo(), {ok: true, lines: ['the compose file is back as it was']});
	assert.equal(fs.files['/srv/stack/compose.yaml'], COMPOSE);
});

test('undo leaves a compose file alone that someone changed after the fix wrote it', async () => {
	const fs = memoryFs({'/srv/stack/compose.yaml': COMPOSE});
	const result = await composeStrategy({made, platform: 'linux/amd64', fs, run: fakeRunner(['docker-compose']).run, env: {}});
	assert.ok(result.ok);
	await result.strategy.prepare();
	fs.files['/srv/stack/compose.yaml'] = 'services: {}\n';
	const undone = await result.strategy.undo();
	assert.equal(undone.ok, false);
	assert.equal(fs.files['/srv/stack/compose.yaml'], 'services: {}\n');
});

test('no compose CLI: the engine recreates it, and the platform is still pinned in the file', async () => {
	const fs = memoryFs({'/srv/stack/compose.yaml': COMPOSE});
	const replacedWith: string[] = [];
	const engineFallback = {
		kind: 'run',
		keepsOld: true,
		describe: () => [],
		prepare: async () => ({ok: true}),
		replace: async context => {
			replacedWith.push(context.image);
			return {ok: true, id: 'c'.repeat(64)};
		},
		undo: async () => ({ok: true}),
	} satisfies RecreateStrategy;
	const result = await composeStrategy({made, platform: 'linux/amd64', fs, run: fakeRunner([]).run, env: {}, engineFallback});
	assert.ok(result.ok);
	assert.equal(result.strategy.keepsOld, true);
	assert.match(result.strategy.describe().at(-1) ?? '', /recreated through the Docker engine/);
	await result.strategy.prepare();
	assert.deepEqual(await result.strategy.replace({old: OLD, oldName: OLD.name, image: 'img', platform: 'linux/amd64'}), {ok: true, id: 'c'.repeat(64)});
	assert.deepEqual(replacedWith, ['img']);
	assert.match(fs.files['/srv/stack/compose.yaml'] ?? '', /platform: linux\/amd64/);
});

test('the compose file is not readable here (a remote engine): no strategy, and why', async () => {
	const result = await composeStrategy({made, platform: 'linux/amd64', fs: memoryFs({}), run: fakeRunner(['docker-compose']).run, env: {}});
	assert.equal(result.ok, false);
	assert.match(!result.ok ? result.message : '', /compose\.yaml: not readable/);
});

test('already pinned: nothing written, compose still recreates the container', async () => {
	const pinned = COMPOSE.replace('# pinned tag\n', '# pinned tag\n    platform: linux/amd64\n');
	const fs = memoryFs({'/srv/stack/compose.yaml': pinned});
	const result = await composeStrategy({made, platform: 'linux/amd64', fs, run: fakeRunner(['docker-compose']).run, env: {}});
	assert.ok(result.ok);
	assert.match(result.strategy.describe()[0] ?? '', /already pins linux\/amd64 for chatmock/);
	assert.deepEqual(await result.strategy.prepare(), {ok: true, lines: []});
	assert.deepEqual(Object.keys(fs.files), ['/srv/stack/compose.yaml']);
});

test('the factory the CLI hands the fix: a strategy, or undefined with the reason (the fix then uses the Engine API)', async () => {
	const {composeStrategyFactory} = await import('../../../source/fix/recreate/compose-strategy.js');
	const problems: string[] = [];
	const factory = composeStrategyFactory({fs: memoryFs({'/srv/stack/compose.yaml': COMPOSE}), run: fakeRunner(['docker-compose']).run, env: {}}, message => problems.push(message));
	assert.equal((await factory(OLD, made, 'linux/amd64', {dockerHost: 'unix:///x.sock'}))?.kind, 'compose');
	const unreadable = composeStrategyFactory({fs: memoryFs({}), run: fakeRunner(['docker-compose']).run, env: {}}, message => problems.push(message));
	assert.equal(await unreadable(OLD, made, 'linux/amd64'), undefined);
	assert.match(problems[0] ?? '', /not readable/);
});

test('an engine from a tcp:// context with TLS: compose gets --context (the context carries the certificates), not a bare DOCKER_HOST', async () => {
	const env = {DOCKER_HOST: 'tcp://other:2375', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/home/u/.docker/other', DOCKER_CONTEXT: 'nas', PATH: '/bin'};
	for (const programs of [['docker compose'], ['docker-compose']]) {
		const {run, calls} = fakeRunner(programs);
		const result = await composeStrategy({made, platform: 'linux/amd64', fs: memoryFs({'/srv/stack/compose.yaml': COMPOSE}), run, dockerHost: 'tcp://nas.local:2376', context: 'nas', env});
		assert.ok(result.ok);
		const plugin = programs[0] === 'docker compose';
		assert.equal(
			result.strategy.describe().at(-1),
			`$ ${plugin ? 'docker --context nas compose' : 'docker-compose --context nas'} -p stack --project-directory /srv/stack -f /srv/stack/compose.yaml up -d --no-deps --force-recreate chatmock`,
		);
		await result.strategy.replace({old: OLD, oldName: OLD.name, image: 'x', platform: 'linux/amd64'});
		for (const call of calls.filter(c => c.args.includes('up') || c.args.includes('ps'))) {
			assert.deepEqual(call.args.slice(0, plugin ? 3 : 2), plugin ? ['--context', 'nas', 'compose'] : ['--context', 'nas']);
			// These would override the context (or point compose at other certificates).
			for (const name of ['DOCKER_HOST', 'DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) assert.equal(call.env[name], undefined, name);
			assert.equal(call.env['PATH'], '/bin');
		}
	}
});

test('an engine from DOCKER_HOST with TLS in the environment: compose gets the same host, DOCKER_TLS_VERIFY and DOCKER_CERT_PATH', async () => {
	const {run, calls} = fakeRunner(['docker-compose']);
	const env = {DOCKER_HOST: 'tcp://nas.local:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/home/u/.docker/nas'};
	const result = await composeStrategy({made, platform: 'linux/amd64', fs: memoryFs({'/srv/stack/compose.yaml': COMPOSE}), run, dockerHost: 'tcp://nas.local:2376', context: 'default', env});
	assert.ok(result.ok);
	await result.strategy.replace({old: OLD, oldName: OLD.name, image: 'x', platform: 'linux/amd64'});
	const up = calls.find(call => call.args.includes('up'));
	assert.equal(up?.args[0], '-p', 'no --context for the default context');
	assert.deepEqual([up?.env['DOCKER_HOST'], up?.env['DOCKER_TLS_VERIFY'], up?.env['DOCKER_CERT_PATH']], ['tcp://nas.local:2376', '1', '/home/u/.docker/nas']);
});
