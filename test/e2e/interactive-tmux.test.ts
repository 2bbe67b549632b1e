// The interactive doctor in a real terminal (tmux) against the real engine of the harness:
// raw mode, arrow keys, Enter, a guided fix (pull, verify, compose write), q and Ctrl+C.
import assert from 'node:assert/strict';
import {execFileSync, spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';

const ROOT = resolve(import.meta.dirname, '../..');
const hasTmux = spawnSync('tmux', ['-V']).status === 0;

// A private tmux server: nothing else on the machine shares (or kills) it.
const SOCKET = `chatmock-doctor-e2e-${process.pid}`;

function tmux(...args: string[]): string {
	return execFileSync('tmux', ['-L', SOCKET, ...args], {encoding: 'utf8'});
}

class Pane {
	constructor(readonly name: string) {}
	static start(name: string, command: string, env: NodeJS.ProcessEnv, cwd: string, columns = 80, rows = 40): Pane {
		spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', name]);
		// A tmux server gives new sessions its own environment, not the client's: export ours in the script.
		const exports = Object.entries(env)
			.filter(([key, value]) => value !== undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
			.map(([key, value]) => `export ${key}='${String(value).replace(/'/g, `'\\''`)}';`)
			.join(' ');
		// After the doctor ends, the pane shows its exit code and stays for the test to read.
		const script = `${exports} ${command}; echo "EXIT=$?"; sleep 600`;
		execFileSync('tmux', ['-L', SOCKET, 'new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), '-c', cwd, 'sh', '-c', script], {env});
		return new Pane(name);
	}
	screen(): string {
		return tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', this.name);
	}
	keys(...keys: string[]): void {
		tmux('send-keys', '-t', this.name, ...keys);
	}
	async waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs = 60_000): Promise<string> {
		const started = Date.now();
		for (;;) {
			const screen = this.screen();
			if (predicate(screen)) {
				// Let the new screen attach its key listener before the next key.
				await new Promise(done => setTimeout(done, 150));
				return screen;
			}
			if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}; screen:\n${screen}`);
			await new Promise(done => setTimeout(done, 50));
		}
	}
	kill(): void {
		spawnSync('tmux', ['-L', SOCKET, 'kill-session', '-t', this.name]);
	}
}

describe('interactive doctor in tmux against a real engine', {skip: skipE2E || (hasTmux ? false : 'tmux is not installed'), timeout: 15 * 60_000}, () => {
	let h: Harness;
	let ref: string;
	const dir = mkdtempSync(join(tmpdir(), 'cmd-interactive-e2e-'));
	const panes: Pane[] = [];
	const doctor = (extra = '') => `${process.execPath} --import ${import.meta.resolve('tsx')} ${join(ROOT, 'source/cli.ts')} --offline --image ${ref} ${extra}`;
	// tsx reads tsconfig.json from the working folder; the doctor runs in a temp folder.
	// A person's terminal: no CI variables at all (Ink, like the doctor, treats a present CI as CI).
	const env = () => {
		const e = h.childEnv({TERM: 'xterm-256color', LANG: 'C.UTF-8', TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.json')});
		for (const key of Object.keys(e)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_') || key.startsWith('NODE_TEST')) delete e[key];
		return e;
	};

	before(async () => {
		h = await harness();
		ref = h.multiPlatformRef;
		// A wrong-arch ChatMock: the arm64 image under the tag, and no emulator for it.
		await h.loadImage('arm64', ref);
		unregister('qemu-aarch64');
		writeFileSync(join(dir, 'compose.yaml'), `services:\n  chatmock:\n    image: ${ref}\n    volumes:\n      - data:/data\nvolumes:\n  data:\n`);
	});
	after(async () => {
		for (const pane of panes) pane.kill();
		spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
		rmSync(dir, {recursive: true, force: true});
		await h?.removeContainers();
		await releaseHarness();
	});

	test('arrows, Enter, a guided fix and q', async () => {
		const pane = Pane.start('cmd-e2e-fix', doctor(), env(), dir);
		panes.push(pane);
		let screen = await pane.waitFor(s => /Findings \(\d+\)/.test(s), 'the verdict');
		assert.match(screen, /Use linux\/amd64/);
		// Move down and back up with the arrow keys: raw mode works.
		pane.keys('Down');
		await pane.waitFor(s => s !== screen, 'the selection to move');
		pane.keys('Up');
		screen = await pane.waitFor(s => /❯ \S+ \S+/.test(s), 'the selection back on top');
		// Open findings until one offers a fix (errors come first).
		let opened = '';
		for (let index = 0; index < 6 && !opened.includes('f fix it now'); index++) {
			pane.keys('Enter');
			opened = await pane.waitFor(s => s.includes('Evidence') || s.includes('Fix:'), 'a finding');
			if (!opened.includes('f fix it now')) {
				pane.keys('q');
				await pane.waitFor(s => !s.includes('q/Esc back'), 'back');
				pane.keys('j');
				await pane.waitFor(() => true, 'next');
			}
		}
		assert.ok(opened.includes('f fix it now'), `no finding offered a fix:\n${opened}`);
		pane.keys('f');
		screen = await pane.waitFor(s => /runs natively as\s+x86_64|\[y\/N\]|after/.test(s), 'the fix to get going', 180_000);
		assert.match(screen, /Pull .* for linux\/amd64/);
		// Never remove the harness's images; write the compose file.
		for (let round = 0; round < 3; round++) {
			screen = await pane.waitFor(s => /\[y\/N\]|after/.test(s.split('Fixing').at(-1) ?? ''), 'a question or the end', 180_000);
			const tail = screen.split('Fixing').at(-1) ?? '';
			if (/Remove it\? \[y\/N\]/.test(tail)) pane.keys('n');
			else if (/Write this\?/.test(tail)) pane.keys('y');
			else break;
			await pane.waitFor(s => s !== screen, 'the answer');
		}
		screen = await pane.waitFor(s => s.includes('after'), 'before -> after', 180_000);
		assert.match(screen, /runs natively as\s+x86_64/);
		assert.match(readFileSync(join(dir, 'compose.yaml'), 'utf8'), /platform: linux\/amd64/);
		assert.ok(existsSync(join(dir, 'compose.yaml.bak')));
		pane.keys('Enter');
		await pane.waitFor(s => /r check again/.test(s.split('Fixing').at(-1) ?? ''), 'the verdict again');
		pane.keys('q');
		screen = await pane.waitFor(s => /EXIT=\d+/.test(s), 'the exit');
		assert.match(screen, /EXIT=[01]\b/);
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
		const pane = Pane.start('cmd-e2e-cancel', doctor().replace(`--image ${ref}`, `--image ${big}`), env(), dir);
		panes.push(pane);
		await pane.waitFor(s => /Findings \(\d+\)/.test(s), 'the verdict');
		pane.keys('Enter');
		const opened = await pane.waitFor(s => s.includes('Evidence') || s.includes('Fix:'), 'the finding');
		assert.ok(opened.includes('f fix it now'), opened);
		pane.keys('f');
		await pane.waitFor(s => /Pull .*big/.test(s.split('Fixing').at(-1) ?? ''), 'the pull to start', 60_000);
		pane.keys('Escape');
		const screen = await pane.waitFor(s => /Cancelled\. The image you had is unchanged/.test(s), 'the cancellation', 120_000);
		assert.doesNotMatch(screen.split('Fixing').at(-1) ?? '', /runs natively/);
		const after = await h.docker(['image', 'inspect', '--format', '{{.Id}}', big]);
		assert.equal(after.stdout.trim(), oldId, 'the tag still names the old image');
		pane.keys('q');
		await h.docker(['rmi', '-f', big], {allowFailure: true});
	});

	test('Ctrl+C leaves at once with 130 and a sane terminal', async () => {
		const pane = Pane.start('cmd-e2e-ctrlc', doctor(), env(), dir);
		panes.push(pane);
		await pane.waitFor(s => /Findings \(\d+\)|Nothing to fix/.test(s), 'the verdict');
		pane.keys('C-c');
		const screen = await pane.waitFor(s => /EXIT=\d+/.test(s), 'the exit');
		assert.match(screen, /EXIT=130\b/);
	});
});
