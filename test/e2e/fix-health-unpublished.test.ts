// `--fix --yes` against the real engine for a ChatMock container made with `docker run` and NO
// published port: /health cannot be asked on a host port, so the proof asks it through the
// container's network, and says how. With the engine on this machine: on the container's own
// address on its network. With the engine reached as another machine (tcp:// on a non-loopback
// address): from inside the container, with the HTTP client its image has (busybox wget here;
// ChatMock's own image has python3, tried first). The token in the volume comes through byte for byte.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {createConnection, createServer, type Server} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {loadLike, pushLike, readToken, wrongArchChatmock, type LikeVariant} from './harness/chatmock-like.js';
import {runDoctor} from './harness/doctor-process.js';

const NAME = 'chatmock';
const VOLUME = 'chatmock-e2e-health-data';
const TOKEN = 'token-e2e-7d20be\n';

const GOOD_AMD64: LikeVariant = {key: 'amd64-nouname', arch: 'amd64', uname: false};
const GOOD_ARM64: LikeVariant = {key: 'arm64', arch: 'arm64'};

/** The engine's socket on a tcp port of the bridge's gateway address: this machine, but not as the doctor can tell. */
function tcpForward(socketPath: string, host: string): Promise<{server: Server; port: number}> {
	const server = createServer(client => {
		const engine = createConnection(socketPath);
		client.pipe(engine).pipe(client);
		const close = () => {
			client.destroy();
			engine.destroy();
		};
		client.on('error', close);
		engine.on('error', close);
	});
	return new Promise((done, fail) => {
		server.once('error', fail);
		server.listen(0, host, () => {
			const address = server.address();
			done({server, port: typeof address === 'object' && address ? address.port : 0});
		});
	});
}

describe('--fix on a docker run container with no published port', {skip: skipE2E, timeout: 15 * 60_000}, () => {
	let h: Harness;
	let ref: string;
	const cwd = mkdtempSync(join(tmpdir(), 'cmd-health-e2e-'));
	const dir = mkdtempSync(join(tmpdir(), 'cmd-health-images-'));

	const doctor = (args: readonly string[], dockerHost = h.dockerHost) => runDoctor(args, {cwd, env: h.doctorEnv({DOCKER_HOST: dockerHost})});

	const inspect = async (format: string, target = NAME) => (await h.docker(['inspect', '--format', format, target])).stdout.trim();

	const token = async () => readToken(h, VOLUME, await loadLike(h, GOOD_AMD64, dir));

	/** The arm64 image under the tag (its only name), the token in a named volume, a container without -p that dies of exec format error. */
	const userSetup = async () => wrongArchChatmock(h, {ref, name: NAME, volume: VOLUME, token: TOKEN, nativeImage: await loadLike(h, GOOD_AMD64, dir)});

	async function assertRecreated(oldId: string): Promise<void> {
		assert.notEqual(await inspect('{{.Id}}'), oldId, 'a new container');
		assert.equal(await inspect('{{.State.Running}} {{.State.Health.Status}}'), 'true healthy');
		assert.equal(await inspect('{{.Os}}/{{.Architecture}}', await inspect('{{.Image}}')), 'linux/amd64');
		assert.equal(await inspect('{{json .HostConfig.PortBindings}}'), '{}', 'still nothing published');
		assert.equal(await inspect('{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}'), `${VOLUME}:/data`);
		assert.equal(await token(), TOKEN);
		assert.doesNotMatch((await h.docker(['ps', '--all', '--format', '{{.Names}}'])).stdout, /chatmock-doctor-old/);
	}

	before(async () => {
		h = await harness();
		unregister('qemu-aarch64');
		ref = await pushLike(h, 'thebtf/chatmock:health-unpublished', [GOOD_AMD64, GOOD_ARM64], dir);
	});
	after(async () => {
		await h?.docker(['rm', '--force', NAME, `${NAME}-chatmock-doctor-old`], {allowFailure: true});
		await h?.docker(['volume', 'rm', VOLUME], {allowFailure: true});
		await h?.removeContainers();
		rmSync(cwd, {recursive: true, force: true});
		rmSync(dir, {recursive: true, force: true});
		await releaseHarness();
	});

	test("engine on this machine: /health answered on the container's own address on its network", async () => {
		await userSetup();
		const oldId = await inspect('{{.Id}}');
		const run = await doctor(['--fix', '--yes', '--offline', '--image', ref]);
		assert.equal(run.code, 0, run.out);
		const ip = await inspect('{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}');
		assert.match(run.out, new RegExp(`GET http://${ip.replaceAll('.', '\\.')}:8000/health \\(its address on bridge\\) answered 200`), run.out);
		assert.match(run.out, /ChatMock is running natively \(healthy\): chatmock/);
		await assertRecreated(oldId);
		console.log(`# local engine: --fix took ${run.ms} ms`);
	});

	test('engine reached over tcp:// as another machine: /health asked inside the container with the client its image has', async () => {
		await userSetup();
		const oldId = await inspect('{{.Id}}');
		const {server, port} = await tcpForward(h.socketPath, h.bridge.gateway);
		try {
			const run = await doctor(['--fix', '--yes', '--offline', '--image', ref], `tcp://${h.bridge.gateway}:${port}`);
			assert.equal(run.code, 0, run.out);
			assert.match(run.out, /GET http:\/\/127\.0\.0\.1:8000\/health inside the container \(wget\) answered ok/, run.out);
			assert.doesNotMatch(run.out, /its address on/);
			assert.match(run.out, /ChatMock is running natively \(healthy\): chatmock/);
			await assertRecreated(oldId);
			console.log(`# tcp engine: --fix took ${run.ms} ms`);
		} finally {
			server.close();
		}
	});
});
