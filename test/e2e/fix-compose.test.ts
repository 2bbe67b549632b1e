// `--fix --yes` against the real engine for a ChatMock run by Compose (v1 here, `docker-compose`):
// the platform is pinned in the service of the project's own file (one line, a backup kept), the
// service recreated by compose itself with the same published port and volume, proven healthy,
// the token file in the volume byte for byte. Under QEMU the slowdown is measured and shown, and
// the next check finds nothing emulated.
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {harness, httpStatus, registerQemu, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {loadLike, pushLike, readToken, untilHealth, writeToken, type LikeVariant} from './harness/chatmock-like.js';
import {runDoctor, runProcess, type DoctorRun} from './harness/doctor-process.js';

const PROJECT = 'stack';
const SERVICE = 'chatmock';
const VOLUME = `${PROJECT}_chatmock-data`;
const TOKEN = 'token-compose-e2e-7d2b\n';

const GOOD_AMD64: LikeVariant = {key: 'amd64', arch: 'amd64'};
const GOOD_ARM64: LikeVariant = {key: 'arm64', arch: 'arm64'};

/** The file as a user writes it: comments, an anchor, a block scalar, another service. */
function composeFile(ref: string, port: number | undefined): string {
	return `# ChatMock, as the README suggests
x-logging: &logging
  driver: json-file

services:
  ${SERVICE}:
    image: \${CHATMOCK_IMAGE:-${ref}}   # the tag the user pulls
    logging: *logging
${port === undefined ? '' : `    ports:\n      - "${port}:8000"\n`}    volumes:
      - chatmock-data:/data
    restart: unless-stopped
    environment:
      NOTE: |
        image: not-a-key
        platform: not-a-key-either

volumes:
  chatmock-data:
`;
}

describe('--fix on a compose-made ChatMock', {skip: skipE2E, timeout: 20 * 60_000}, () => {
	let h: Harness;
	let port: number | undefined;
	const base = mkdtempSync(join(tmpdir(), 'cmd-fix-compose-'));
	const project = join(base, PROJECT);
	const images = join(base, 'images');

	// Both run in the project's folder, as its user runs them.
	const doctor = (args: readonly string[]) => runDoctor(args, {cwd: project, env: h.doctorEnv()});
	const compose = (args: readonly string[]) => runProcess('docker-compose', ['-p', PROJECT, ...args], {cwd: project, env: h.doctorEnv()});

	/** The service's container, found the way compose finds it: by its labels. */
	const serviceContainer = async () =>
		(await h.docker(['ps', '--all', '--quiet', '--filter', `label=com.docker.compose.project=${PROJECT}`, '--filter', `label=com.docker.compose.service=${SERVICE}`])).stdout.trim();
	const inspect = async (format: string, target: string) => (await h.docker(['inspect', '--format', format, target])).stdout.trim();

	const token = async () => readToken(h, VOLUME, await loadLike(h, GOOD_AMD64, images));

	/** The user's stack: the arm64 image under the tag, compose up, the token written into the volume. */
	async function userSetup(ref: string): Promise<{file: string; text: string}> {
		if (existsSync(project)) await compose(['down']);
		await h.docker(['volume', 'rm', VOLUME], {allowFailure: true});
		rmSync(project, {recursive: true, force: true});
		mkdirSync(project, {recursive: true});
		const file = join(project, 'docker-compose.yml');
		const text = composeFile(ref, port);
		writeFileSync(file, text);
		await h.docker(['pull', '--platform', 'linux/arm64', ref], {timeoutMs: 120_000});
		const up = await compose(['up', '-d']);
		assert.equal(up.code, 0, up.out);
		await writeToken(h, VOLUME, await loadLike(h, GOOD_AMD64, images), TOKEN);
		return {file, text};
	}

	/** Asserts the fixed stack: native, healthy, same port and volume, token intact, one line changed. */
	async function assertFixed(run: DoctorRun, setup: {file: string; text: string}, oldId: string): Promise<void> {
		assert.equal(run.code, 0, run.out);
		const id = await serviceContainer();
		assert.ok(id !== '' && !oldId.startsWith(id), `a new container for the service:\n${run.out}`);
		await untilHealth(h, id, 'healthy');
		assert.equal(await inspect('{{.Name}}', id), `/${PROJECT}_${SERVICE}_1`, 'the same name');
		assert.equal(await inspect('{{.Os}}/{{.Architecture}}', await inspect('{{.Image}}', id)), 'linux/amd64');
		assert.equal(await inspect('{{.HostConfig.RestartPolicy.Name}}', id), 'unless-stopped');
		assert.equal(await inspect('{{range .Mounts}}{{.Name}}:{{.Destination}} {{end}}', id), `${VOLUME}:/data`);
		if (port !== undefined) {
			assert.equal(await inspect('{{json .HostConfig.PortBindings}}', id), JSON.stringify({'8000/tcp': [{HostIp: '', HostPort: String(port)}]}));
			assert.equal(await httpStatus(`http://127.0.0.1:${port}/health`), 200);
		}
		assert.equal(await token(), TOKEN);
		// The file: exactly one line more, the platform line under the image line, a backup of the original.
		const after = readFileSync(setup.file, 'utf8');
		assert.equal(after, setup.text.replace('# the tag the user pulls\n', '# the tag the user pulls\n    platform: linux/amd64\n'));
		assert.equal(readFileSync(`${setup.file}.bak`, 'utf8'), setup.text);
		assert.match(run.out, /\+ {5}platform: linux\/amd64/, 'the diff shown');
		assert.doesNotMatch(run.out, /^\s+- +(platform|image):/m, 'no line removed in the diff shown');
		assert.equal((await compose(['ps', '-q', SERVICE])).out.trim().length > 0, true, 'compose still owns it');
	}

	before(async () => {
		h = await harness();
		unregister('qemu-aarch64');
		mkdirSync(images, {recursive: true});
		const bridge = (await h.docker(['network', 'ls', '--quiet', '--filter', 'name=^bridge$'])).stdout.trim() !== '';
		port = bridge ? 19_000 + Math.floor(Math.random() * 1000) : undefined;
	});
	after(async () => {
		unregister('qemu-aarch64');
		if (h) {
			if (existsSync(project)) await compose(['down']).catch(() => undefined);
			await h.docker(['volume', 'rm', VOLUME], {allowFailure: true});
			await h.removeContainers();
		}
		rmSync(base, {recursive: true, force: true});
		await releaseHarness();
	});

	test('exec format error → --fix --yes → the same service runs natively by compose, healthy, same port and volume, token intact, one line added', async () => {
		const ref = await pushLike(h, 'thebtf/chatmock:compose-ok', [GOOD_AMD64, GOOD_ARM64], images);
		const setup = await userSetup(ref);
		const oldId = await serviceContainer();
		const run = await doctor(['--fix', '--yes', '--offline']);
		await assertFixed(run, setup, oldId);
		assert.match(run.out, /docker-compose -p stack --project-directory \S+ -f \S+docker-compose\.yml up -d --no-deps --force-recreate chatmock/);
	});

	test('under QEMU: the slowdown is measured and shown, then gone after the fix', async t => {
		const ref = await pushLike(h, 'thebtf/chatmock:compose-slow', [GOOD_AMD64, GOOD_ARM64], images);
		registerQemu('arm64', {fixBinary: true});
		try {
			const setup = await userSetup(ref);
			const oldId = await serviceContainer();
			await untilHealth(h, oldId, 'healthy');
			const run = await doctor(['--fix', '--yes', '--offline']);
			assert.match(run.out, /runs [\d.]+× slower emulated here \([\d.]+ s against [\d.]+ s for the same shell loop\)/, run.out);
			assert.match(run.out, /runs natively now: the loop takes [\d.]+ s; it took [\d.]+ s emulated/, run.out);
			for (const line of run.out.split('\n').filter(text => /slower emulated here|runs natively now/.test(text))) t.diagnostic(line.trim());
			await assertFixed(run, setup, oldId);
			const again = await doctor(['--json', '--offline']);
			const report = JSON.parse(again.stdout) as {findings: {id: string; subject?: string}[]};
			assert.deepEqual(
				report.findings.filter(finding => finding.subject === ref && (finding.id === 'emulated-image' || finding.id === 'exec-format-error')),
				[],
			);
		} finally {
			unregister('qemu-aarch64');
		}
	});
});
