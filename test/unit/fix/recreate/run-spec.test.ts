import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {bindTarget, buildRunSpec} from '../../../../source/facts/engine/run-spec.js';
import {dockerRunCommand} from '../../../../source/facts/engine/docker-run-command.js';
import {howMade} from '../../../../source/fix/recreate/strategy.js';
import {OLD_ID, oldImage, oldSpec} from './fixtures.js';

const IMAGE = 'ghcr.io/thebtf/chatmock:latest';

describe('a docker run container carried to a new image', () => {
	it("keeps the user's env, ports, volumes and restart policy, and leaves the image's defaults to the new image", () => {
		const result = buildRunSpec(oldSpec(), oldImage(), IMAGE);
		assert.ok(result.ok);
		const {body, name} = result.spec;
		assert.equal(name, 'chatmock');
		assert.equal(body['Image'], IMAGE);
		assert.deepEqual(body['Env'], ['API_KEY=s3cret', 'LOG_LEVEL=debug']);
		for (const key of ['Entrypoint', 'Cmd', 'WorkingDir', 'Healthcheck', 'Labels', 'ExposedPorts', 'Hostname']) assert.equal(body[key], undefined, key);
		const host = body['HostConfig'] as Record<string, unknown>;
		assert.deepEqual(host['Binds'], ['chatmock-data:/data']);
		assert.deepEqual(host['PortBindings'], {'8000/tcp': [{HostIp: '', HostPort: '8000'}]});
		assert.deepEqual(host['RestartPolicy'], {Name: 'unless-stopped', MaximumRetryCount: 0});
		assert.equal(host['ContainerIDFile'], undefined);
		// The anonymous /cache volume goes with it by name; /data is already the named bind.
		assert.deepEqual(host['Mounts'], [{Type: 'volume', Source: 'a1b2c3anon', Target: '/cache', ReadOnly: false}]);
		assert.equal(body['NetworkingConfig'], undefined);
	});

	it('keeps command, entrypoint, user, workdir, healthcheck and hostname overrides only when they differ from the image', () => {
		const result = buildRunSpec(
			oldSpec({
				Config: {
					Entrypoint: ['/bin/sh', '-c'],
					Cmd: ['exec serve --port 9000'],
					User: '1000:1000',
					WorkingDir: '/srv',
					Hostname: 'chatmock-box',
					Healthcheck: {Test: ['NONE']},
					Labels: {'org.opencontainers.image.source': 'https://github.com/thebtf/chatmock', team: 'ops'},
				},
			}),
			oldImage(),
			IMAGE,
		);
		assert.ok(result.ok);
		const {body} = result.spec;
		assert.deepEqual(body['Entrypoint'], ['/bin/sh', '-c']);
		assert.deepEqual(body['Cmd'], ['exec serve --port 9000']);
		assert.equal(body['User'], '1000:1000');
		assert.equal(body['WorkingDir'], '/srv');
		assert.equal(body['Hostname'], 'chatmock-box');
		assert.deepEqual(body['Healthcheck'], {Test: ['NONE']});
		assert.deepEqual(body['Labels'], {team: 'ops'});
	});

	it('keeps everything when the old image is gone and its defaults cannot be told apart', () => {
		const result = buildRunSpec(oldSpec(), undefined, IMAGE);
		assert.ok(result.ok);
		assert.deepEqual(result.spec.body['Cmd'], ['serve']);
		assert.equal((result.spec.body['Env'] as string[]).length, 4);
	});

	it("joins a user network with its aliases (not the engine's short-ID alias) and connects the others after", () => {
		const result = buildRunSpec(
			oldSpec({
				HostConfig: {NetworkMode: 'chatnet'},
				NetworkSettings: {
					Networks: {
						chatnet: {Aliases: ['chatmock', OLD_ID.slice(0, 12)], IPAMConfig: {IPv4Address: '172.30.0.5'}},
						monitoring: {Aliases: ['cm']},
					},
				},
			}),
			oldImage(),
			IMAGE,
		);
		assert.ok(result.ok);
		assert.deepEqual(result.spec.body['NetworkingConfig'], {EndpointsConfig: {chatnet: {Aliases: ['chatmock'], IPAMConfig: {IPv4Address: '172.30.0.5'}}}});
		assert.deepEqual(result.spec.extraNetworks, [{name: 'monitoring', endpoint: {Aliases: ['cm']}}]);
	});

	it('leaves a --rm container alone: stopping it would delete it', () => {
		const result = buildRunSpec(oldSpec({HostConfig: {AutoRemove: true}}), oldImage(), IMAGE);
		assert.equal(result.ok, false);
		assert.match(!result.ok ? result.message : '', /--rm/);
	});

	it('reads bind targets, Windows drive letters included', () => {
		assert.equal(bindTarget('chatmock-data:/data'), '/data');
		assert.equal(bindTarget('/srv/x:/x:ro'), '/x');
		assert.equal(bindTarget('C:\\Users\\me:/data'), '/data');
	});

	it('tells compose containers from docker run ones by their labels', () => {
		assert.deepEqual(howMade(oldSpec()), {kind: 'run'});
		const compose = oldSpec({
			Config: {
				Labels: {
					'com.docker.compose.project': 'cm',
					'com.docker.compose.service': 'chatmock',
					'com.docker.compose.project.working_dir': '/srv/cm',
					'com.docker.compose.project.config_files': '/srv/cm/compose.yaml,/srv/cm/compose.override.yaml',
				},
			},
		});
		assert.deepEqual(howMade(compose), {kind: 'compose', project: 'cm', service: 'chatmock', workingDir: '/srv/cm', configFiles: ['/srv/cm/compose.yaml', '/srv/cm/compose.override.yaml']});
	});
});

describe('the equivalent docker run command', () => {
	it("writes the user's settings as flags, secrets by name only", () => {
		const result = dockerRunCommand(oldSpec(), oldImage(), IMAGE, 'linux/amd64');
		assert.ok(result);
		assert.equal(
			result.command,
			'docker run -d --name chatmock --platform linux/amd64 --restart unless-stopped -p 8000:8000 -v chatmock-data:/data -v a1b2c3anon:/cache -e API_KEY -e LOG_LEVEL=debug ghcr.io/thebtf/chatmock:latest',
		);
		assert.deepEqual(result.secretEnv, ['API_KEY']);
	});

	it('quotes what the shell would split and keeps command overrides after the image', () => {
		const result = dockerRunCommand(oldSpec({Config: {Cmd: ['serve', '--motd', "it's up"]}, HostConfig: {PortBindings: {'8000/tcp': [{HostIp: '127.0.0.1', HostPort: '8080'}]}}}), oldImage(), IMAGE);
		assert.ok(result);
		assert.match(result.command, / -p 127\.0\.0\.1:8080:8000 /);
		assert.ok(result.command.endsWith(`ghcr.io/thebtf/chatmock:latest serve --motd 'it'\\''s up'`), result.command);
	});
});
