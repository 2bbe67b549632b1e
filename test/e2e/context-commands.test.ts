// `--context pi` checks an engine the shell's docker would not reach by default (DOCKER_HOST here
// is the harness's engine). The lines the finding prints say `docker --context pi …`, and pasted
// into that very shell they act on the Pi: the native image and the container appear there, and
// the default engine is left as it was.
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {docker} from './harness/docker-cli.js';
import {runDoctor} from './harness/doctor-process.js';
import {harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {startSshEngine, type SshEngine} from './harness/ssh-engine.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NAME = 'chatmock-ctx-paste';

interface Report {
	readonly findings: readonly {readonly id: string; readonly fix: {readonly commands: readonly string[]}}[];
}

describe('the commands of a finding on an engine named with --context reach that engine when pasted', {skip: skipE2E, timeout: 10 * 60_000}, () => {
	let h: Harness;
	let work: string;
	let remote: SshEngine | undefined;
	let ref: string;

	/** The user's shell: DOCKER_HOST at another engine, the Pi only as a context. */
	const shellEnv = (): NodeJS.ProcessEnv => {
		const env: NodeJS.ProcessEnv = {...process.env, PATH: remote!.path, DOCKER_HOST: h.dockerHost, DOCKER_CONFIG: remote!.configDir, DOCKER_CLI_HINTS: 'false'};
		delete env['DOCKER_CONTEXT'];
		delete env['DOCKER_TLS_VERIFY'];
		delete env['NODE_TEST_CONTEXT'];
		return env;
	};
	const pi = (args: readonly string[]) => docker(remote!.cli, args, {timeoutMs: 120_000});
	/** The default engine's id for the image, or undefined when it has none. */
	const defaultImage = async () => {
		const inspected = await h.docker(['image', 'inspect', '--format', '{{.Id}}', ref], {allowFailure: true});
		return inspected.code === 0 ? inspected.stdout.trim() : undefined;
	};

	before(async () => {
		h = await harness();
		ref = h.multiPlatformRef;
		unregister('qemu-aarch64');
		work = mkdtempSync(join(tmpdir(), 'cmd-ctx-commands-'));
		// The "Pi" holds only the arm64 build, and a container made from it with `docker create`.
		remote = await startSshEngine(work, {pulls: [{ref, platform: 'linux/arm64'}]});
		await pi(['create', '--name', NAME, '--network', 'none', '--restart', 'unless-stopped', ref]);
	});

	after(async () => {
		await remote?.stop();
		if (work) rmSync(work, {recursive: true, force: true});
		await releaseHarness();
	});

	test('docker --context pi pull/stop/rename/run, pasted in the same shell, act on the Pi and not on the default engine', async () => {
		const before = await defaultImage();
		const run = await runDoctor(['--context', 'pi', '--json', '--offline', '--image', ref], {cwd: work, env: {...shellEnv(), TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')}});
		const report = JSON.parse(run.stdout) as Report;
		const finding = report.findings.find(f => f.fix.commands.some(line => line.includes(' pull --platform linux/amd64 ')));
		assert.ok(finding, `${run.stdout}\n${run.stderr}`);
		const {commands} = finding.fix;
		assert.equal(commands[0], `docker --context pi pull --platform linux/amd64 ${ref}`);
		assert.ok(
			commands.every(line => line.startsWith('docker --context pi ')),
			commands.join('\n'),
		);
		assert.ok(
			commands.some(line => line.startsWith(`docker --context pi run -d --platform linux/amd64 --name ${NAME} `)),
			commands.join('\n'),
		);

		for (const command of commands) {
			const pasted = spawnSync('sh', ['-c', command], {env: shellEnv(), encoding: 'utf8', timeout: 180_000});
			assert.equal(pasted.status, 0, `${command}\n${pasted.stdout}${pasted.stderr}`);
		}
		// On the Pi: the native image, the container made again from it, the old one kept aside.
		assert.equal((await pi(['image', 'inspect', '--format', '{{.Architecture}}', ref])).stdout.trim(), 'amd64');
		const made = (await pi(['inspect', '--format', '{{.Image}}', NAME])).stdout.trim();
		assert.equal((await pi(['image', 'inspect', '--format', '{{.Architecture}}', made])).stdout.trim(), 'amd64');
		assert.equal((await pi(['inspect', '--format', '{{.Name}}', `${NAME}-old`])).stdout.trim(), `/${NAME}-old`);
		// Not on the default engine: the image as it was, no container of that name.
		assert.equal(await defaultImage(), before);
		assert.equal((await h.docker(['ps', '--all', '--quiet', '--filter', `name=^${NAME}`])).stdout.trim(), '');
	});
});
