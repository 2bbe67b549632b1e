// `--fix --yes` against the real engine for a ChatMock container made with `docker run` (no
// compose): the right platform is pulled to a candidate, verified by starting it, the user's tag
// moved, the container recreated with its name, port, volume and restart policy, proven healthy,
// or put back when its replacement fails. The user's data (a token file in the volume) must
// come through byte for byte.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {harness, httpStatus, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {loadLike, pushLike, readToken, untilHealth, wrongArchChatmock, type LikeVariant} from './harness/chatmock-like.js';
import {runDoctor} from './harness/doctor-process.js';

const NAME = 'chatmock';
const VOLUME = 'chatmock-e2e-data';
const TOKEN = 'token-e2e-4f1c9a\n';

const GOOD_AMD64: LikeVariant = {key: 'amd64-nouname', arch: 'amd64', uname: false};
const GOOD_ARM64: LikeVariant = {key: 'arm64', arch: 'arm64'};
const SICK_AMD64: LikeVariant = {key: 'amd64-sick', arch: 'amd64', health: 'fails'};
const LYING_AMD64: LikeVariant = {key: 'amd64-lying', arch: 'amd64', binaryArch: 'arm64'};

describe('--fix on a docker run container', {skip: skipE2E, timeout: 15 * 60_000}, () => {
	let h: Harness;
	let port: number;
	const cwd = mkdtempSync(join(tmpdir(), 'cmd-fix-e2e-'));
	const dir = mkdtempSync(join(tmpdir(), 'cmd-fix-images-'));

	const doctor = (args: readonly string[]) => runDoctor(args, {cwd, env: h.doctorEnv()});

	const inspect = async (format: string, target = NAME) => (await h.docker(['inspect', '--format', format, target])).stdout.trim();

	/** The token as the volume holds it, read by a throwaway container of the native image. */
	const token = async () => readToken(h, VOLUME, await loadLike(h, GOOD_AMD64, dir));

	/** The user's setup: the arm64 image under the tag, the token in a named volume, a container that dies with exec format error. */
	const userSetup = async (ref: string) => wrongArchChatmock(h, {ref, name: NAME, volume: VOLUME, token: TOKEN, nativeImage: await loadLike(h, GOOD_AMD64, dir), port});

	before(async () => {
		h = await harness();
		unregister('qemu-aarch64');
		port = 18_000 + Math.floor(Math.random() * 1000);
	});
	after(async () => {
		await h?.docker(['rm', '--force', NAME, `${NAME}-chatmock-doctor-old`, `${NAME}-old`], {allowFailure: true});
		await h?.docker(['volume', 'rm', VOLUME], {allowFailure: true});
		await h?.removeContainers();
		rmSync(cwd, {recursive: true, force: true});
		rmSync(dir, {recursive: true, force: true});
		await releaseHarness();
	});

	test('wrong arch → --fix --yes → the same name runs natively, healthy, same port and volume, token intact; an image without uname verifies', async () => {
		const ref = await pushLike(h, 'thebtf/chatmock:fix-ok', [GOOD_AMD64, GOOD_ARM64], dir);
		const oldImage = await userSetup(ref);
		const oldId = await inspect('{{.Id}}');
		const run = await doctor(['--fix', '--yes', '--offline', '--image', ref]);
		assert.equal(run.code, 0, run.out);
		assert.match(run.out, /names \S+ \(linux\/arm64(\/v8)?\) now;/, 'says what it will change before it pulls');
		assert.match(run.out, /\[ok\] Start .* runs natively \(linux\/amd64/, run.out);
		assert.match(run.out, /ChatMock is running natively \(healthy\): chatmock/);
		assert.notEqual(await inspect('{{.Id}}'), oldId, 'a new container');
		assert.equal(await inspect('{{.State.Running}} {{.State.Health.Status}}'), 'true healthy');
		assert.equal(await inspect('{{.Config.Image}}'), ref);
		assert.equal(await inspect('{{.Os}}/{{.Architecture}}', await inspect('{{.Image}}')), 'linux/amd64');
		assert.equal(await inspect('{{.HostConfig.RestartPolicy.Name}}'), 'unless-stopped');
		assert.equal(await inspect('{{json .HostConfig.PortBindings}}'), JSON.stringify({'8000/tcp': [{HostIp: '', HostPort: String(port)}]}));
		assert.equal(await httpStatus(`http://127.0.0.1:${port}/health`), 200);
		assert.match(run.out, new RegExp(`GET http://127\\.0\\.0\\.1:${port}/health answered 200`));
		assert.equal(await inspect('{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}'), `${VOLUME}:/data`);
		assert.equal(await inspect('{{index .Config.Labels "chatmock-doctor-e2e"}}'), '1');
		assert.equal(await token(), TOKEN);
		const names = (await h.docker(['ps', '--all', '--format', '{{.Names}}'])).stdout;
		assert.doesNotMatch(names, /chatmock-doctor-old/);
		// The old image went after the new container was proven (nothing else named it).
		assert.equal((await h.docker(['image', 'inspect', oldImage], {allowFailure: true})).code, 1);
		const tags = (await h.docker(['image', 'ls', '--format', '{{.Tag}}'])).stdout;
		assert.doesNotMatch(tags, /candidate/);
	});

	test('the live check prints the docker run line that makes the container again on linux/amd64; pasted, the lines make it run natively with its name, port, volume and restart policy', async () => {
		const ref = await pushLike(h, 'thebtf/chatmock:fix-paste', [GOOD_AMD64, GOOD_ARM64], dir);
		await userSetup(ref);
		const oldId = await inspect('{{.Id}}');
		const json = await doctor(['--json', '--offline', '--image', ref]);
		const report = JSON.parse(json.out.slice(json.out.indexOf('{'), json.out.lastIndexOf('}') + 1)) as {findings: {id: string; fix: {commands: string[]}}[]};
		const finding = report.findings.find(f => f.id === 'exec-format-error' && f.fix.commands.some(line => line.startsWith('docker run ')));
		assert.ok(finding, `a finding with a docker run line:\n${json.out}`);
		const line = finding.fix.commands.find(command => command.startsWith('docker run '))!;
		assert.match(line, /^docker run -d --platform linux\/amd64 --name chatmock /);
		assert.ok(line.includes(` -p ${port}:8000 `) && line.includes(` -v ${VOLUME}:/data `) && line.includes(' --restart unless-stopped '), line);
		assert.ok(line.endsWith(` ${ref}`), line);
		assert.ok(finding.fix.commands.every(command => !/compose|platform:/.test(command)));
		const plain = await doctor(['--offline', '--image', ref]);
		assert.ok(plain.out.includes(`$ ${line}`), plain.out);

		// Pasted as printed, one line after another, into a shell talking to the same engine.
		for (const command of finding.fix.commands) {
			const pasted = spawnSync('sh', ['-c', command], {env: h.childEnv(), encoding: 'utf8', timeout: 120_000});
			assert.equal(pasted.status, 0, `${command}\n${pasted.stdout}${pasted.stderr}`);
		}
		assert.notEqual(await inspect('{{.Id}}'), oldId, 'a new container under the name');
		assert.equal(await inspect('{{.Id}}', `${NAME}-old`), oldId, 'the old one kept, renamed');
		assert.equal(await inspect('{{.Os}}/{{.Architecture}}', await inspect('{{.Image}}')), 'linux/amd64');
		assert.equal(await inspect('{{.HostConfig.RestartPolicy.Name}}'), 'unless-stopped');
		assert.equal(await inspect('{{json .HostConfig.PortBindings}}'), JSON.stringify({'8000/tcp': [{HostIp: '', HostPort: String(port)}]}));
		assert.equal(await inspect('{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}'), `${VOLUME}:/data`);
		await untilHealth(h, NAME, 'healthy', 90_000);
		assert.equal(await httpStatus(`http://127.0.0.1:${port}/health`), 200);
		assert.equal(await token(), TOKEN);
		await h.docker(['rm', '--force', `${NAME}-old`]);
	});

	test('a replacement that fails its health check → rollback: the old container back under its name, data untouched, exit 1', async () => {
		const ref = await pushLike(h, 'thebtf/chatmock:fix-sick', [SICK_AMD64, GOOD_ARM64], dir);
		await userSetup(ref);
		const oldId = await inspect('{{.Id}}');
		const run = await doctor(['--fix', '--yes', '--offline', '--image', ref]);
		assert.equal(run.code, 1, run.out);
		assert.match(run.out, /\[failed\] chatmock serves on linux\/amd64: its healthcheck reports unhealthy/, run.out);
		assert.match(run.out, /the old container is chatmock again/);
		assert.match(run.out, /chatmock could not be moved to the new image; the old container is back as it was\./);
		assert.equal(await inspect('{{.Id}}'), oldId, 'the same container, under its name');
		assert.equal(await inspect('{{.HostConfig.RestartPolicy.Name}}'), 'unless-stopped');
		assert.equal(await token(), TOKEN);
		const names = (await h.docker(['ps', '--all', '--format', '{{.Names}}'])).stdout.split('\n').filter(Boolean);
		assert.deepEqual(
			names.filter(name => name.startsWith(NAME)),
			[NAME],
		);
	});

	test("a replacement that fails verification leaves the user's tag where it was and the container alone", async () => {
		const ref = await pushLike(h, 'thebtf/chatmock:fix-lying', [LYING_AMD64, GOOD_ARM64], dir);
		const before = await userSetup(ref);
		const oldId = await inspect('{{.Id}}');
		const run = await doctor(['--fix', '--yes', '--offline', '--image', ref]);
		assert.equal(run.code, 1, run.out);
		assert.match(run.out, /\[failed\] Start .*exec format error/, run.out);
		assert.match(run.out, /\[skipped\] Point .* at the verified image: unchanged: .* still names/);
		assert.equal((await h.docker(['image', 'inspect', '--format', '{{.Id}}', ref])).stdout.trim(), before);
		assert.equal(await inspect('{{.Id}}'), oldId);
		const tags = (await h.docker(['image', 'ls', '--format', '{{.Repository}}:{{.Tag}}'])).stdout;
		assert.doesNotMatch(tags, /candidate/);
		assert.equal(await token(), TOKEN);
	});
});
