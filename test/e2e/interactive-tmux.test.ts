// The interactive doctor in a real terminal (tmux) against the real engine of the harness:
// raw mode, arrow keys, Enter, a guided fix (pull, verify, compose write), q and Ctrl+C.
import assert from 'node:assert/strict';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {BEFORE_AFTER, FIX_DONE, fixFirstFinding, fixTail, walkFix} from './harness/guided-fix.js';
import {DOCTOR_COMMAND} from './harness/doctor-process.js';
import {hasTmux, personsTerminal, TmuxServer, type Pane} from './harness/tmux.js';

let server: TmuxServer;

describe('interactive doctor in tmux against a real engine', {skip: skipE2E || (hasTmux ? false : 'tmux is not installed'), timeout: 15 * 60_000}, () => {
	let h: Harness;
	let ref: string;
	const dir = mkdtempSync(join(tmpdir(), 'cmd-interactive-e2e-'));
	const panes: Pane[] = [];
	const doctor = (extra = '') => `${DOCTOR_COMMAND} --offline --image ${ref} ${extra}`;
	// As a user runs it in their compose folder: the image is the one compose.yaml names.
	const doctorInComposeFolder = () => doctor().replace(` --image ${ref}`, '');
	const env = () => personsTerminal(h.doctorEnv());

	before(async () => {
		h = await harness();
		server = new TmuxServer('chatmock-doctor-e2e');
		ref = h.multiPlatformRef;
		// A wrong-arch ChatMock: the arm64 image under the tag, and no emulator for it.
		await h.loadImage('arm64', ref);
		unregister('qemu-aarch64');
		writeFileSync(join(dir, 'compose.yaml'), `services:\n  chatmock:\n    image: ${ref}\n    volumes:\n      - data:/data\nvolumes:\n  data:\n`);
	});
	after(async () => {
		for (const pane of panes) pane.kill();
		server?.kill();
		rmSync(dir, {recursive: true, force: true});
		await h?.removeContainers();
		await releaseHarness();
	});

	test('arrows, Enter, a guided fix and q', async () => {
		const pane = server.start('cmd-e2e-fix', doctorInComposeFolder(), env(), dir);
		panes.push(pane);
		const top = await pane.waitFor(s => /Findings \(\d+\)/.test(s), 'the verdict');
		assert.match(top, /Use linux\/amd64/);
		// Move down and back up with the arrow keys: raw mode works.
		pane.keys('Down');
		const moved = await pane.waitFor(s => s !== top, 'the selection to move');
		pane.keys('Up');
		let screen = await pane.waitFor(s => s !== moved && /❯ \S+ \S+/.test(s), 'the selection back on top');
		assert.equal(screen, top, 'back on the first finding, as at the start');
		// Open findings until one offers a fix (errors come first).
		let opened = '';
		let list = screen;
		for (let index = 0; index < 6 && !opened.includes('f fix it now'); index++) {
			pane.keys('Enter');
			opened = await pane.waitFor(s => s.includes('Evidence') || s.includes('Fix:'), 'a finding');
			if (!opened.includes('f fix it now')) {
				pane.keys('q');
				const back = await pane.waitFor(s => /Findings \(\d+\)/.test(s) && !s.includes('q/Esc back'), 'back on the verdict');
				pane.keys('j');
				list = await pane.waitFor(s => s !== back, 'the next finding selected');
			}
		}
		assert.notEqual(list, '');
		assert.ok(opened.includes('f fix it now'), `no finding offered a fix:\n${opened}`);
		pane.keys('f');
		screen = await pane.waitFor(s => /runs natively|\[y\/N\]|after/.test(s), 'the fix to get going', {timeoutMs: 180_000, settle: false});
		assert.match(screen, /Pull .* for linux\/amd64/);
		// Never remove the harness's images; write the compose file.
		await walkFix(pane, asked => (/Write this\?/.test(asked) ? 'y' : 'n'));
		screen = await pane.waitFor(s => BEFORE_AFTER.test(fixTail(s)) && FIX_DONE.test(fixTail(s)), 'before -> after', {timeoutMs: 180_000});
		assert.match(screen, /runs natively/);
		assert.match(readFileSync(join(dir, 'compose.yaml'), 'utf8'), /platform: linux\/amd64/);
		assert.ok(existsSync(join(dir, 'compose.yaml.bak')));
		pane.keys('Enter');
		await pane.waitFor(s => /r check again/.test(fixTail(s)), 'the verdict again');
		pane.keys('q');
		// The tag now names the amd64 image and compose pins the platform: no error finding is left
		// (the old arm64 image was kept, untagged, as answered).
		assert.equal(await pane.exitCode(), 0);
	});

	test('Esc during a real pull cancels it and leaves the old image in place', async () => {
		// A tag whose amd64 image carries a large layer, so the pull takes long enough to interrupt.
		const big = `${h.registryHost}/thebtf/chatmock:big`;
		await h.docker(['rm', '-f', 'cmd-e2e-big-seed'], {allowFailure: true});
		await h.docker(['run', '--name', 'cmd-e2e-big-seed', '--entrypoint', 'sh', h.images.amd64.ref, '-c', 'dd if=/dev/urandom of=/big bs=1M count=700 2>/dev/null'], {timeoutMs: 120_000});
		await h.docker(['commit', 'cmd-e2e-big-seed', big], {timeoutMs: 120_000});
		await h.docker(['rm', '-f', 'cmd-e2e-big-seed']);
		await h.docker(['push', big], {timeoutMs: 300_000});
		await h.docker(['rmi', big]);
		const oldId = await h.loadImage('arm64', big);
		const pane = server.start('cmd-e2e-cancel', doctor().replace(`--image ${ref}`, `--image ${big}`), env(), dir);
		panes.push(pane);
		await fixFirstFinding(pane);
		// The progress animates: no settling, Esc goes as soon as the pull shows.
		await pane.waitFor(s => /Pull .*big/.test(fixTail(s)), 'the pull to start', {settle: false});
		pane.keys('Escape');
		const screen = await pane.waitFor(s => /Cancelled\. The image you had is unchanged/.test(s), 'the cancellation', {timeoutMs: 120_000});
		assert.doesNotMatch(fixTail(screen), /runs natively/);
		const after = await h.docker(['image', 'inspect', '--format', '{{.Id}}', big]);
		assert.equal(after.stdout.trim(), oldId, 'the tag still names the old image');
		pane.keys('q');
		await h.docker(['rmi', '-f', big], {allowFailure: true});
	});

	test('Ctrl+C leaves at once with 130 and a sane terminal', async () => {
		const pane = server.start('cmd-e2e-ctrlc', doctor(), env(), dir);
		panes.push(pane);
		await pane.waitFor(s => /Findings \(\d+\)|Nothing to fix/.test(s), 'the verdict');
		pane.keys('C-c');
		assert.equal(await pane.exitCode(), 130);
	});

	for (const clipboard of ['on', 'external'] as const) {
		test(`c in the report preview lands in tmux's paste buffer (set-clipboard ${clipboard})`, async () => {
			server.setServerOption('set-clipboard', clipboard);
			// The wrong-arch ChatMock again (the fix above pulled the right one), and no compose file.
			await h.loadImage('arm64', ref);
			unregister('qemu-aarch64');
			const copyDir = mkdtempSync(join(dir, 'copy-'));
			const pane = server.start(`cmd-e2e-copy-${clipboard}`, doctor(), env(), copyDir, 160, 40);
			panes.push(pane);
			server.deleteBuffers();
			await pane.waitFor(s => /Findings \(\d+\)|Nothing to fix/.test(s), 'the verdict');
			pane.keys('p');
			const preview = await pane.waitFor(s => /Report preview \S+ lines \d/.test(s), 'the report preview');
			pane.keys('c');
			// on: the plain OSC 52 tmux stores itself; external: tmux drops OSC 52, so the doctor uses load-buffer.
			const said = clipboard === 'on' ? /Copied the report to tmux's paste buffer \(prefix \] pastes it\) and sent it on/ : /Copied the report to tmux's paste buffer \(prefix \] pastes it\)\./;
			await pane.waitFor(s => said.test(s), 'the copy outcome');
			const buffer = server.newestBuffer();
			assert.ok(buffer !== undefined, 'tmux holds a paste buffer');
			assert.match(buffer, /^#+ /m, 'the Markdown report');
			// The preview shows the start of the same text the buffer holds.
			const firstLine = buffer.split('\n').find(line => line.trim() !== '') ?? '';
			assert.ok(preview.includes(firstLine.trim().slice(0, 40)), `preview shows "${firstLine}"`);
			assert.doesNotMatch(buffer, /\u001B/, 'no escape sequence in the buffer');
			pane.keys('q');
			await pane.waitFor(s => /Findings \(\d+\)|Nothing to fix/.test(s) && !/Report preview/.test(s), 'back on the verdict');
			pane.keys('q');
			assert.equal(await pane.exitCode(), 1, 'an arm64 ChatMock with no emulator is an error finding');
		});
	}
});
