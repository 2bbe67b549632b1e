// The guided fix in a real terminal (tmux) for a ChatMock container made with `docker run` on the
// wrong architecture: f on its finding, yes to recreating it, and the screen ends with ChatMock
// running natively (healthy) and the finding fixed on the re-check.
import assert from 'node:assert/strict';
import {mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {CONTAINER_LABEL, harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {loadLike, pushLike, writeToken} from './harness/chatmock-like.js';
import {BEFORE_AFTER, FIX_DONE, fixFirstFinding, fixTail, walkFix} from './harness/guided-fix.js';
import {DOCTOR_COMMAND} from './harness/doctor-process.js';
import {hasTmux, personsTerminal, TmuxServer, type Pane} from './harness/tmux.js';

const NAME = 'chatmock';
const VOLUME = 'chatmock-e2e-tmux-data';

describe('guided fix of a docker run container in tmux', {skip: skipE2E || (hasTmux ? false : 'tmux is not installed'), timeout: 15 * 60_000}, () => {
	let h: Harness;
	let server: TmuxServer;
	let ref: string;
	const dir = mkdtempSync(join(tmpdir(), 'cmd-fix-tmux-'));
	const panes: Pane[] = [];

	before(async () => {
		h = await harness();
		server = new TmuxServer('chatmock-doctor-e2e-fix');
		unregister('qemu-aarch64');
		ref = await pushLike(
			h,
			'thebtf/chatmock:fix-tmux',
			[
				{key: 'amd64', arch: 'amd64'},
				{key: 'arm64', arch: 'arm64'},
			],
			dir,
		);
		await h.docker(['pull', '--platform', 'linux/arm64', ref], {timeoutMs: 120_000});
		await writeToken(h, VOLUME, await loadLike(h, {key: 'amd64', arch: 'amd64'}, dir), 'tmux-token');
		const port = 19_000 + Math.floor(Math.random() * 1000);
		await h.docker(['run', '-d', '--name', NAME, '--label', CONTAINER_LABEL, '-p', `${port}:8000`, '-v', `${VOLUME}:/data`, '--restart', 'unless-stopped', ref]);
	});
	after(async () => {
		for (const pane of panes) pane.kill();
		server?.kill();
		await h?.docker(['rm', '--force', NAME, `${NAME}-chatmock-doctor-old`], {allowFailure: true});
		await h?.docker(['volume', 'rm', VOLUME], {allowFailure: true});
		await h?.removeContainers();
		rmSync(dir, {recursive: true, force: true});
		await releaseHarness();
	});

	test('f, yes to recreating it: "ChatMock is running natively (healthy)", then the finding is fixed', async () => {
		const command = `${DOCTOR_COMMAND} --offline --image ${ref}`;
		const pane = server.start('cmd-e2e-guided', command, personsTerminal(h.doctorEnv()), dir, 120, 50);
		panes.push(pane);
		await fixFirstFinding(pane);
		await walkFix(pane, asked => (/Recreate it\?|Remove it\?/.test(asked) ? 'y' : 'n'));
		let screen = await pane.waitFor(s => /ChatMock is running natively \(healthy\)/.test(s) && BEFORE_AFTER.test(fixTail(s)) && FIX_DONE.test(fixTail(s)), 'healthy, then checked again', {
			timeoutMs: 180_000,
		});
		assert.match(fixTail(screen), /fixed exec-format-error/);
		assert.equal((await h.docker(['inspect', '--format', '{{.State.Health.Status}}', NAME])).stdout.trim(), 'healthy');
		// Back on the verdict: it and the checklist above it are the re-check's, not the first check's.
		pane.keys('Enter');
		screen = await pane.waitFor(s => /r check again/.test(s.split('Checked again').at(-1) ?? ''), 'the verdict under the checklist of the re-check');
		const again = screen.split('Checked again').at(-1) ?? '';
		// Ink wraps long rows itself: read the checklist with its line breaks as spaces.
		const flat = again.replace(/\s+/g, ' ');
		assert.ok(flat.includes(`${ref} (linux/amd64)`) && !flat.includes(`${ref} (linux/arm64`), screen);
		assert.match(again, /Containers .*chatmock \(running\)/, screen);
		// The harness's other wrong-arch images stay findings (warnings); ChatMock's own is gone.
		assert.ok(!flat.includes(`${ref} is built for`), screen);
		pane.keys('q');
		await pane.exitCode();
	});
});
