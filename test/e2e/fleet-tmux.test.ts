// The guided fix on one engine of several, in a real terminal (tmux): the fleet screen lists the
// harness's engine ("default") and a second private engine reached as ssh:// through a real sshd
// (the "Pi"). Both run a ChatMock-like container on the wrong architecture. The user selects the
// Pi, opens it, fixes its finding with f, and comes back to the list: the Pi's row shows its new
// verdict, its container runs natively and healthy, and the local engine was not touched.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {loadLike, pushLike} from './harness/chatmock-like.js';
import {docker, type CliTarget} from './harness/docker-cli.js';
import {CONTAINER_LABEL, harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {startSshEngine, type SshEngine} from './harness/ssh-engine.js';
import {BEFORE_AFTER, FIX_DONE, fixTail, walkFix} from './harness/guided-fix.js';
import {hasTmux, TmuxServer, type Pane} from './harness/tmux.js';

const ROOT = resolve(import.meta.dirname, '../..');
const NAME = 'chatmock';
const VOLUME = 'chatmock-e2e-fleet-data';
/** The Pi engine's own bridge (published ports on 127.0.0.1, like the harness's), ours alone. */
const PI_BRIDGE = 'cmdoc-e2e-pi';

/** The fleet list: what is below its last title. */
const listTail = (screen: string): string => screen.split('Docker engines').at(-1) ?? '';

const skipped = skipE2E || (hasTmux ? false : 'tmux is not installed');

describe('guided fix on the ssh engine, from the fleet screen, in tmux', {skip: skipped, timeout: 15 * 60_000}, () => {
	let h: Harness;
	let server: TmuxServer;
	let ref: string;
	let work: string;
	let configDir: string;
	let pi: SshEngine | undefined;
	let piCli: CliTarget;
	let localBefore: {readonly container: string; readonly image: string};
	const panes: Pane[] = [];

	const env = (): NodeJS.ProcessEnv => {
		const e = h.childEnv({
			TERM: 'xterm-256color',
			LANG: 'C.UTF-8',
			TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json'),
			DOCKER_CONFIG: configDir,
			PATH: pi!.path,
		});
		for (const key of Object.keys(e)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_') || key.startsWith('NODE_TEST')) delete e[key];
		return e;
	};

	/** The same wrong-arch ChatMock container on an engine: arm64 image, exec format error, restarting. */
	async function wrongArchChatMock(target: CliTarget, local: string): Promise<void> {
		const on = (args: readonly string[], timeoutMs = 60_000) => docker(target, args, {timeoutMs});
		assert.equal((await on(['pull', '--platform', 'linux/arm64', ref], 120_000)).code, 0);
		await on(['run', '--rm', '-v', `${VOLUME}:/data`, '--entrypoint', '/bin/sh', local, '-c', 'echo fleet-token > /data/token']);
		const port = await h.freePort();
		const run = await on(['run', '-d', '--name', NAME, '--label', CONTAINER_LABEL, '-p', `${port}:8000`, '-v', `${VOLUME}:/data`, '--restart', 'unless-stopped', ref]);
		assert.equal(run.code, 0, run.stderr);
	}

	before(async () => {
		h = await harness();
		server = new TmuxServer('chatmock-doctor-e2e-fleet');
		// No emulator: the arm64 build cannot run here (exec format error), on either engine.
		unregister('qemu-aarch64');
		work = mkdtempSync(join(tmpdir(), 'cmd-fleet-tmux-'));
		ref = await pushLike(
			h,
			'thebtf/chatmock:fleet-tmux',
			[
				{key: 'amd64', arch: 'amd64'},
				{key: 'arm64', arch: 'arm64'},
			],
			work,
		);
		// The "Pi": a second private engine with its own bridge, reached only through sshd.
		pi = await startSshEngine(work, {bridge: PI_BRIDGE});
		({configDir, cli: piCli} = pi);
		// The local image that writes the token is loaded on both engines.
		const archive = join(work, 'like-amd64.tar');
		const local = await loadLike(h, {key: 'amd64', arch: 'amd64'}, work);
		await h.docker(['save', '--output', archive, local], {timeoutMs: 120_000});
		assert.equal((await docker(piCli, ['load', '--input', archive], {timeoutMs: 120_000})).code, 0);
		await wrongArchChatMock(piCli, local);
		await wrongArchChatMock(h.cli, local);
		const inspect = await h.docker(['inspect', '--format', '{{.Id}} {{.Image}}', NAME]);
		const [container = '', image = ''] = inspect.stdout.trim().split(' ');
		localBefore = {container, image};
	});

	after(async () => {
		for (const pane of panes) pane.kill();
		server?.kill();
		await h?.docker(['rm', '--force', NAME, `${NAME}-chatmock-doctor-old`], {allowFailure: true});
		await h?.docker(['volume', 'rm', VOLUME], {allowFailure: true});
		await h?.removeContainers();
		await pi?.stop();
		if (work) rmSync(work, {recursive: true, force: true});
		await releaseHarness();
	});

	test('select the Pi, Enter, f: its container is recreated natively over ssh, the row shows the new verdict, the local engine is untouched', async () => {
		const command = `${process.execPath} --import ${import.meta.resolve('tsx')} ${join(ROOT, 'source/cli.ts')} --context default --context pi --offline --image ${ref}`;
		const started = Date.now();
		const pane = server.start('cmd-e2e-fleet', command, env(), work, 140, 50);
		panes.push(pane);
		// Both rows checked, both with the wrong-arch container as their worst finding.
		let screen = await pane.waitFor(s => /default\s+use linux\/amd64\s+error: /.test(listTail(s)) && /pi\s+use linux\/amd64\s+error: .*ssh:\/\/.*\(remote\)/.test(listTail(s)), 'both rows', {
			timeoutMs: 120_000,
		});
		const piBefore = /pi\s+use linux\/amd64\s+error: (\S+)/.exec(listTail(screen))?.[1];
		pane.keys('j');
		await pane.waitFor(s => /❯ \S+ pi/.test(listTail(s)), 'the cursor on the Pi');
		pane.keys('Enter');
		screen = await pane.waitFor(s => s.includes('checking the engine of context pi') && /Findings \(\d+\)/.test(s), "the Pi's own verdict", {timeoutMs: 120_000});
		assert.match(screen, /q all engines/);
		pane.keys('Enter');
		const opened = await pane.waitFor(s => s.includes('Evidence') || s.includes('Fix:'), 'the first finding (errors first)');
		assert.ok(opened.includes('f fix it now'), opened);
		pane.keys('f');
		const {questions} = await walkFix(pane, asked => (/Recreate it\?|Remove it\?/.test(asked) ? 'y' : 'n'));
		screen = await pane.waitFor(s => /ChatMock is running natively \(healthy\)/.test(s) && BEFORE_AFTER.test(fixTail(s)) && FIX_DONE.test(fixTail(s)), 'healthy, then checked again', {
			timeoutMs: 180_000,
		});
		const tail = fixTail(screen);
		// The health proof asked /health where the Pi's engine published it (here its host is 127.0.0.1).
		assert.match(tail, /GET http:\/\/127\.0\.0\.1:\d+\/health answered 200/, tail);
		assert.ok(
			questions.some(q => /Recreate it\?/.test(q)),
			questions.join('\n'),
		);
		pane.keys('Enter');
		await pane.waitFor(s => /r check again/.test(fixTail(s)) && /q all engines/.test(fixTail(s)), "the Pi's verdict again");
		pane.keys('q');
		screen = await pane.waitFor(s => /pi\s+use linux\/amd64\s+/.test(listTail(s)) && !/pi\s+use linux\/amd64\s+error: /.test(listTail(s)), 'the list, the Pi row without its error');
		assert.match(listTail(screen), /default\s+use linux\/amd64\s+error: /, 'the local engine keeps its finding');
		assert.notEqual(piBefore, undefined);
		pane.keys('q');
		assert.equal(await pane.exitCode(), 1, 'the local engine still has an error finding');
		const ms = Date.now() - started;
		console.error(`fleet tmux walk: ${ms} ms`);

		// On the Pi: the container runs the amd64 build, healthy, with its data kept.
		const onPi = (args: readonly string[]) => docker(piCli, args, {timeoutMs: 30_000});
		assert.equal((await onPi(['inspect', '--format', '{{.State.Health.Status}}', NAME])).stdout.trim(), 'healthy');
		const piImage = (await onPi(['inspect', '--format', '{{.Image}}', NAME])).stdout.trim();
		assert.equal((await onPi(['image', 'inspect', '--format', '{{.Architecture}}', piImage])).stdout.trim(), 'amd64');
		assert.equal((await onPi(['run', '--rm', '-v', `${VOLUME}:/data`, '--entrypoint', '/bin/cat', piImage, '/data/token'])).stdout.trim(), 'fleet-token');
		// Locally: the same container, on the same arm64 image; nothing pulled, recreated or removed here.
		const local = (await h.docker(['inspect', '--format', '{{.Id}} {{.Image}}', NAME])).stdout.trim().split(' ');
		assert.deepEqual(local, [localBefore.container, localBefore.image]);
		assert.equal((await h.docker(['image', 'inspect', '--format', '{{.Architecture}}', ref])).stdout.trim(), 'arm64');
		assert.equal((await h.docker(['ps', '--all', '--filter', `name=${NAME}-chatmock-doctor-old`, '--format', '{{.Names}}'])).stdout.trim(), '');
	});
});
