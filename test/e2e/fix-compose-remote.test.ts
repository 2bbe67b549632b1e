// `--context pi --fix --yes` for a ChatMock that Compose made on another machine's engine (a second
// private engine reached over ssh:// through a real sshd on 127.0.0.1). The compose labels name
// that machine's file; here both machines are this one, so a file exists at that very path, as it
// would for the same repo cloned on a laptop and a Pi. The fix must not edit it: the container is
// recreated through the Engine API (compose's labels kept), proven healthy, the token in its volume
// byte for byte, and the platform line is left to the user, said in the output.
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {docker} from './harness/docker-cli.js';
import {runDoctor} from './harness/doctor-process.js';
import {harness, releaseHarness, skipE2E, unregister, waitUntil, type Harness} from './harness/index.js';
import {pushLike, type LikeVariant} from './harness/chatmock-like.js';
import {startSshEngine, type SshEngine} from './harness/ssh-engine.js';

const ROOT = resolve(import.meta.dirname, '../..');
const [PROJECT, SERVICE] = ['pi-stack', 'chatmock'];
const VOLUME = `${PROJECT}_chatmock-data`;
const TOKEN = 'token-compose-remote-e2e-41c9\n';
/** One tag for both platforms: the Pi got the arm64 build, the fix pulls amd64. */
const VARIANTS: readonly LikeVariant[] = [
	{key: 'amd64', arch: 'amd64'},
	{key: 'arm64', arch: 'arm64'},
];

/** The user's file. No network: the second engine has no bridge, and the proof asks /health from inside. */
function composeFile(ref: string): string {
	return `# ChatMock on the Pi
services:
  ${SERVICE}:
    image: ${ref}
    network_mode: none
    volumes:
      - chatmock-data:/data
    restart: unless-stopped

volumes:
  chatmock-data:
`;
}

describe("--fix on a compose-made ChatMock of another machine's engine", {skip: skipE2E, timeout: 15 * 60_000}, () => {
	let h: Harness;
	let work: string;
	let remote: SshEngine | undefined;
	let project: string;

	/** The docker CLI on the "Pi" itself. */
	const pi = (args: readonly string[], allowFailure = false) => docker(remote!.cli, args, {timeoutMs: 120_000, allowFailure});

	/** Compose run on the "Pi", in its project folder, against its engine. */
	function compose(args: readonly string[]): Promise<{code: number; out: string}> {
		const env: NodeJS.ProcessEnv = {...process.env, DOCKER_HOST: `unix://${remote!.cli.socketPath}`, DOCKER_CONFIG: remote!.configDir};
		delete env['DOCKER_CONTEXT'];
		return new Promise((done, fail) => {
			const child = spawn('docker-compose', ['-p', PROJECT, ...args], {cwd: project, env, stdio: ['ignore', 'pipe', 'pipe']});
			let out = '';
			child.stdout.on('data', chunk => (out += String(chunk)));
			child.stderr.on('data', chunk => (out += String(chunk)));
			child.on('error', fail);
			child.on('close', code => done({code: code ?? -1, out}));
		});
	}

	const serviceContainer = async () =>
		(await pi(['ps', '--all', '--quiet', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--filter', `label=com.docker.compose.service=${SERVICE}`])).stdout.trim();
	const inspect = async (format: string, target: string) => (await pi(['inspect', '--format', format, target])).stdout.trim();

	before(async () => {
		h = await harness();
		unregister('qemu-aarch64');
		work = mkdtempSync(join(tmpdir(), 'cmd-fix-compose-remote-'));
		remote = await startSshEngine(work);
		project = join(work, PROJECT);
		mkdirSync(project);
		mkdirSync(join(work, 'images'));
	});

	after(async () => {
		if (remote) {
			if (existsSync(project)) await compose(['down']).catch(() => undefined);
			await pi(['volume', 'rm', VOLUME], true).catch(() => undefined);
			await remote.stop();
		}
		if (work) rmSync(work, {recursive: true, force: true});
		await releaseHarness();
	});

	test('exec format error → --context pi --fix --yes → recreated natively there, healthy, token intact, compose labels kept; the file at the labelled path is not edited and the platform line is left to the user', async () => {
		const ref = await pushLike(h, 'thebtf/chatmock:compose-remote', VARIANTS, join(work, 'images'));
		// The Pi holds the arm64 build under the tag; an amd64-only tag writes and reads the token.
		assert.equal((await pi(['pull', '--platform', 'linux/arm64', ref])).code, 0);
		const helper = `${ref}-amd64`;
		assert.equal((await pi(['pull', helper])).code, 0);
		const file = join(project, 'docker-compose.yml');
		const text = composeFile(ref);
		writeFileSync(file, text);
		const up = await compose(['up', '-d']);
		assert.equal(up.code, 0, up.out);
		await pi(['run', '--rm', '--network', 'none', '-v', `${VOLUME}:/data`, '--entrypoint', '/bin/sh', helper, '-c', `printf '${TOKEN.trim()}\\n' > /data/token`]);
		const oldId = await serviceContainer();
		assert.notEqual(oldId, '');

		// DOCKER_HOST names the harness's engine: --context must win over it, as with the docker CLI.
		const env = h.childEnv({PATH: remote!.path, DOCKER_CONFIG: remote!.configDir, TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')});
		delete env['NODE_TEST_CONTEXT'];
		// Run in the project folder: the same path the labels name, as with the same repo on both machines.
		const run = await runDoctor(['--context', 'pi', '--fix', '--yes', '--offline'], {cwd: project, env});
		const out = `${run.stdout}\n${run.stderr}`;
		assert.equal(run.code, 0, out);

		const id = await serviceContainer();
		assert.ok(id !== '' && !oldId.startsWith(id), `a new container for the service:\n${out}`);
		// The engine's own health status, polled: never a fixed sleep.
		await waitUntil(`${id} healthy`, async () => (await inspect('{{if .State.Health}}{{.State.Health.Status}}{{end}}', id)) === 'healthy', 120_000, 250);
		assert.equal(await inspect('{{.Name}}', id), `/${PROJECT}_${SERVICE}_1`, 'the same name');
		assert.equal(await inspect('{{.Os}}/{{.Architecture}}', await inspect('{{.Image}}', id)), 'linux/amd64');
		assert.equal(await inspect('{{index .Config.Labels "com.docker.compose.project.working_dir"}}', id), project, "compose's labels kept");
		assert.equal(await inspect('{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}', id), `${VOLUME}:/data`);
		assert.equal((await pi(['run', '--rm', '--network', 'none', '-v', `${VOLUME}:/data`, '--entrypoint', '/bin/cat', helper, '/data/token'])).stdout, TOKEN);
		const owned = await compose(['ps', '-q', SERVICE]);
		assert.ok(owned.out.trim().length > 0, `compose still owns it:\n${owned.out}`);

		// The file at the labelled path here: byte for byte as it was, no backup made.
		assert.equal(readFileSync(file, 'utf8'), text);
		assert.equal(existsSync(`${file}.bak`), false);
		assert.doesNotMatch(out, new RegExp(`docker-compose -p ${PROJECT} .* up `), 'compose was not run here with this file');
		assert.match(
			out,
			new RegExp(`By hand on 127\\.0\\.0\\.1: add "platform: linux/amd64" under the service chatmock in ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}, so compose keeps linux/amd64 next time\\.`),
			out,
		);
		assert.match(out, /not edited: the engine is on 127\.0\.0\.1/, out);
	});
});
