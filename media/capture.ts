/**
 * Makes the README's terminal captures from a real run of the interactive doctor and its guided fix.
 *
 *     sudo node --import tsx media/capture.ts
 *
 * It builds the doctor first (npm run build). Needs root on x86_64 or arm64 Linux with
 * Debian's docker.io, docker-registry, tmux, iproute2 and util-linux (unshare), and the
 * busybox-static packages the end-to-end tests download (their cache is reused). It leaves the
 * machine's own Docker engine alone: it starts a private dockerd (socket, data root and Linux
 * bridge of its own, so published ports work on 127.0.0.1) and a registry on 127.0.0.1 (port
 * 5000 when free), then
 *
 *   1. pushes ChatMock-like images (an HTTP server answering /health on port 8000, a HEALTHCHECK,
 *      a login token in /data; five platforms) to the registry as
 *      127.0.0.1:PORT/thebtf/chatmock:latest, writes a token into the volume chatmock-data,
 *      keeps only the wrong-architecture image in the engine under that name, and starts it as
 *      a user would (`docker run -d --name chatmock -p 18000:8000 -v chatmock-data:/data
 *      --restart unless-stopped …`): it dies with "exec format error" (no emulator is
 *      registered for that architecture);
 *   2. runs `node dist/bin.cjs --image REF --offline` inside tmux at 80×32 (TERM=xterm-256color,
 *      no CI variables) and drives it with keys, waiting on what the screen shows: the
 *      checklist, the verdict, the exec-format-error finding, `f` for its guided fix (yes to
 *      recreating the container and to removing the old image), the end of the fix ("ChatMock
 *      is running natively (healthy)", checked again), and the verdict after it. tmux and the
 *      doctor run in a private mount namespace where the default /var/run/docker.sock is the
 *      private engine, so the screens show the usual socket; the machine's own is never touched;
 *   3. checks on the engine what the captures claim (the container healthy on the native image,
 *      /health answering on port 18000, the same volume and token), then writes each moment as
 *      media/NAME.ans (with colours), media/NAME.txt and media/NAME.svg.
 *
 * Everything it started (engine, registry, bridge, folders) is stopped and removed at the end,
 * also on failure. binfmt_misc is only read: when an emulator for the wrong architecture is
 * registered the script stops, since the container would then run instead of failing.
 */
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync} from 'node:fs';
import {arch, tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {setTimeout as sleep} from 'node:timers/promises';
import {snapshotBinfmt} from '../test/e2e/harness/binfmt.js';
import {createBridge, deleteBridge, type OwnedBridge} from '../test/e2e/harness/bridge.js';
import {LIKE_REPO, pushLike} from '../test/e2e/harness/chatmock-like.js';
import {docker, type CliTarget} from '../test/e2e/harness/docker-cli.js';
import {engineSocket, haltEngine, launchEngine, type OwnedEngine} from '../test/e2e/harness/engine.js';
import {Harness} from '../test/e2e/harness/harness.js';
import {PLATFORMS, platformOf, type ImageArch} from '../test/e2e/harness/platforms.js';
import {waitUntil} from '../test/e2e/harness/processes.js';
import {freePort, haltRegistry, launchRegistry, type OwnedRegistry} from '../test/e2e/harness/registry.js';
import {renderSvg} from './ansi-svg.js';

const MEDIA = dirname(fileURLToPath(import.meta.url));
const REPO = dirname(MEDIA);
const COLUMNS = 80;
const ROWS = 32;
const SESSION = 'doctor';
/** Where the Docker CLI and the doctor look for the engine when DOCKER_HOST is unset. */
const DEFAULT_SOCKET = '/var/run/docker.sock';

function say(message: string): void {
	process.stderr.write(`[capture] ${message}\n`);
}

/** The architecture the image must NOT be: the machine's own is pulled by the fix. */
function wrongArch(): {wrong: ImageArch; qemu: string; native: ImageArch} {
	if (arch() === 'x64') return {wrong: 'arm64', qemu: 'aarch64', native: 'amd64'};
	if (arch() === 'arm64') return {wrong: 'amd64', qemu: 'x86_64', native: 'arm64'};
	throw new Error(`captures are made on x86_64 or arm64 Linux, not ${arch()}`);
}

/** Refuses when binfmt_misc would run the wrong-architecture image (then there is no exec format error to show). */
function checkNoEmulator(qemu: string): void {
	const dir = '/proc/sys/fs/binfmt_misc';
	const mounted = readFileSync('/proc/self/mounts', 'utf8')
		.split('\n')
		.some(line => line.split(' ')[1] === dir);
	if (!mounted) {
		say('binfmt_misc is not mounted: no emulator can run a foreign binary (left as found)');
		return;
	}
	if (readFileSync(join(dir, 'status'), 'utf8').trim() !== 'enabled') {
		say('binfmt_misc is disabled: no emulator runs (left as found)');
		return;
	}
	const handlers = readdirSync(dir).filter(name => {
		if (name === 'status' || name === 'register') return false;
		const text = readFileSync(join(dir, name), 'utf8');
		return text.startsWith('enabled') && (name.includes(qemu) || text.includes(`qemu-${qemu}`));
	});
	if (handlers.length > 0) {
		throw new Error(`binfmt_misc has ${handlers.join(', ')} registered, so a ${qemu} container would run emulated. This script leaves it alone; capture on a machine without it.`);
	}
	say(`no ${qemu} handler in binfmt_misc (left as found)`);
}

// ---------------------------------------------------------------------------------------------
// tmux, on its own server socket so no other tmux session is touched

class Tmux {
	constructor(
		readonly socket: string,
		readonly env: NodeJS.ProcessEnv,
	) {}

	run(args: readonly string[]): string {
		const result = spawnSync('tmux', ['-S', this.socket, ...args], {env: this.env, encoding: 'utf8'});
		if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr.trim() || `exit ${result.status}`}`);
		return result.stdout;
	}

	/** The visible screen, with colours (SGR) kept. */
	capture(): string {
		return this.run(['capture-pane', '-p', '-e', '-t', SESSION]);
	}

	plain(): string {
		return this.run(['capture-pane', '-p', '-t', SESSION]);
	}

	keys(...keys: string[]): void {
		this.run(['send-keys', '-t', SESSION, ...keys]);
	}

	/** Polls the screen until `test` accepts it; returns that capture (with colours). */
	async waitFor(what: string, test: (screen: string, raw: string) => boolean, timeoutMs = 60_000, intervalMs = 40): Promise<string> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const screen = this.capture();
			if (test(stripAnsi(screen), screen)) return screen;
			if (this.paneDead()) throw new Error(`the doctor exited while waiting for ${what}:\n${this.plain()}`);
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the screen was:\n${this.plain()}`);
			await sleep(intervalMs);
		}
	}

	paneDead(): boolean {
		return this.run(['display-message', '-p', '-t', SESSION, '#{pane_dead}']).trim() === '1';
	}

	kill(): void {
		spawnSync('tmux', ['-S', this.socket, 'kill-server'], {env: this.env});
	}
}

function stripAnsi(text: string): string {
	return text.replace(/\u001b\[[0-9;:?]*[ -/]*[@-~]/g, '');
}

/** A spinner frame (Braille pattern) means a step is still running. */
const SPINNING = /[\u2800-\u28ff]/;

/** The doctor's environment: our engine, no Docker context, a 256-colour terminal, and no CI variable (Ink would switch to CI output). */
function doctorEnv(dockerHost: string | undefined, configDir: string): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) continue;
		if (key.startsWith('DOCKER_') || key.startsWith('CHATMOCK_') || key === 'NO_COLOR' || key === 'FORCE_COLOR' || key === 'TMUX') continue;
		env[key] = value;
	}
	return {...env, ...(dockerHost === undefined ? {} : {DOCKER_HOST: dockerHost}), DOCKER_CONFIG: configDir, TERM: 'xterm-256color', COLORTERM: 'truecolor', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8'};
}

// ---------------------------------------------------------------------------------------------

interface Moment {
	readonly name: string;
	readonly title: string;
	readonly screen: string;
}

function save(moment: Moment): void {
	// tmux ends the capture's last line without a reset; close it so the .ans prints cleanly.
	const ans = `${moment.screen.replace(/\n*$/, '')}\u001b[0m\n`;
	writeFileSync(join(MEDIA, `${moment.name}.ans`), ans);
	writeFileSync(
		join(MEDIA, `${moment.name}.txt`),
		`${stripAnsi(moment.screen)
			.replace(/[ \t]+$/gm, '')
			.replace(/\n*$/, '')}\n`,
	);
	// The SVG keeps the full width but ends one row below the last text: no tall empty window.
	const used = stripAnsi(moment.screen).replace(/\s+$/, '').split('\n').length;
	writeFileSync(join(MEDIA, `${moment.name}.svg`), renderSvg(ans, {title: moment.title, columns: COLUMNS, rows: Math.min(ROWS, used + 1)}));
	say(`wrote media/${moment.name}.{ans,txt,svg}`);
}

/** What the user has: ChatMock's container as `docker run` made it, published on this port, with its login in this volume. */
const CONTAINER = 'chatmock';
const PORT = 18000;
const VOLUME = 'chatmock-data';
/** The capture's own Linux bridge for published ports (not the end-to-end tests' one). */
const BRIDGE = 'cmdoc-media0';
const TOKEN = 'chatmock-login-token\n';

/** The fix screen's footer once it has finished (while it runs: Esc cancel; while it asks: y yes). */
const FIX_DONE = /Enter\/q back/;

/** The screen below the last "Fixing" title: what the running fix shows now. */
const fixTail = (screen: string): string => screen.split('Fixing').at(-1) ?? '';

async function main(): Promise<void> {
	if (process.getuid?.() !== 0) throw new Error('run as root: it starts its own dockerd');
	say('npm run build');
	const build = spawnSync('npm', ['run', 'build'], {cwd: REPO, encoding: 'utf8'});
	if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
	const {wrong, qemu, native} = wrongArch();
	checkNoEmulator(qemu);
	if (!(await portFree(PORT))) throw new Error(`port ${PORT} is in use on 127.0.0.1; the captures show ChatMock published there`);

	const work = mkdtempSync(join(tmpdir(), 'chatmock-doctor-media-'));
	const configDir = join(work, 'docker-config');
	mkdirSync(configDir, {recursive: true});
	writeFileSync(join(configDir, 'config.json'), '{}\n');
	const socketPath = engineSocket(join(work, 'engine'));
	const cli: CliTarget = {socketPath, configDir};
	let bridge: OwnedBridge | undefined;
	let engine: OwnedEngine | undefined;
	let registry: OwnedRegistry | undefined;
	// When the default socket's folder can be replaced in a namespace (see below), the doctor gets no DOCKER_HOST at all.
	const bindDefault = existsSync(dirname(DEFAULT_SOCKET));
	const tmux = new Tmux(join(work, 'tmux.sock'), doctorEnv(bindDefault ? undefined : `unix://${socketPath}`, configDir));
	try {
		// A private dockerd on its own bridge (so `-p` publishes on 127.0.0.1) and a private registry.
		bridge = await createBridge(BRIDGE);
		say(`bridge ${bridge.name} ${bridge.cidr}`);
		engine = await launchEngine(join(work, 'engine'), bridge.name);
		say(`private engine on ${socketPath} (${engine.storage})`);
		// Port 5000 when free, for captures that read like a usual local mirror.
		registry = await launchRegistry(join(work, 'registry'), (await portFree(5000)) ? 5000 : await freePort());
		const h = new Harness({
			version: 2,
			dir: work,
			managed: false,
			socketPath,
			engine,
			bridge,
			registry,
			binfmt: {mountedByUs: false, baseline: snapshotBinfmt()},
			cmd: [],
			setupRefs: [],
			tags: [],
		});

		// ChatMock as its registry lists it: one tag, five platforms, each a ChatMock-like image
		// (an HTTP server answering /health on 8000, a HEALTHCHECK, a login token in /data).
		const variants = PLATFORMS.map(platform => ({key: platform.key, arch: platform.key}));
		say(`pushing ${registry.host}/thebtf/chatmock:latest (${PLATFORMS.map(p => p.platform).join(', ')})`);
		const ref = await pushLike(h, 'thebtf/chatmock:latest', variants, work);
		// The user's login, written earlier by a ChatMock that ran (the native image, used once here).
		await docker(cli, ['run', '--rm', '-v', `${VOLUME}:/data`, '--entrypoint', '/bin/sh', `${LIKE_REPO}:${native}`, '-c', `printf '%s' '${TOKEN}' > /data/token`]);
		// The engine keeps nothing of ours but what the user pulled: the wrong platform, under ChatMock's name.
		await docker(cli, ['image', 'rm', ...variants.flatMap(v => [`${ref}-${v.key}`, `${LIKE_REPO}:${v.key}`])]);
		await docker(cli, ['pull', '--platform', platformOf(wrong).platform, ref], {timeoutMs: 120_000});
		// Started the way a user would: it dies at once with exec format error (and keeps restarting).
		await docker(cli, ['run', '-d', '--name', CONTAINER, '-p', `${PORT}:8000`, '-v', `${VOLUME}:/data`, '--restart', 'unless-stopped', ref]);
		await waitUntil(
			'"exec format error" in the container log',
			async () => {
				const logs = await docker(cli, ['logs', CONTAINER], {allowFailure: true});
				return /exec format error/i.test(logs.stdout + logs.stderr);
			},
			30_000,
			200,
		);
		say(`container ${CONTAINER} (${wrong}) dies with exec format error`);

		// An empty folder as the doctor's working directory: no compose file to pick up.
		const cwd = join(work, 'chatmock');
		mkdirSync(cwd);
		writeFileSync(
			join(work, 'tmux.conf'),
			['set -g default-terminal "xterm-256color"', 'set -g status off', 'set -g remain-on-exit on', 'set -g history-limit 10000', 'set -sg escape-time 0', ''].join('\n'),
		);
		const command = ['node', join(REPO, 'dist', 'bin.cjs'), '--image', ref, '--offline'].map(shellQuote).join(' ');
		const newSession = ['-f', join(work, 'tmux.conf'), 'new-session', '-d', '-s', SESSION, '-x', String(COLUMNS), '-y', String(ROWS), '-c', cwd, command];
		const startDoctor = (): void => {
			if (bindDefault) {
				// The tmux server (and so the doctor) lives in a private mount namespace with an empty /run
				// whose docker.sock is our engine: the doctor finds it where users have theirs. The
				// machine's own /run and socket are not touched, and it all vanishes with the namespace.
				const runDir = realpathSync(dirname(DEFAULT_SOCKET));
				const script = 'mount -t tmpfs -o mode=0755 tmpfs "$2" && touch "$2/docker.sock" && mount --bind "$1" "$2/docker.sock" && shift 2 && exec tmux "$@"';
				const started = spawnSync('unshare', ['--mount', '--propagation', 'private', 'sh', '-c', script, 'sh', socketPath, runDir, '-S', tmux.socket, ...newSession], {
					env: tmux.env,
					encoding: 'utf8',
				});
				if (started.status !== 0) throw new Error(`could not start tmux in a mount namespace: ${started.stderr.trim()}`);
			} else {
				tmux.run(newSession);
			}
			tmux.run(['resize-window', '-t', SESSION, '-x', String(COLUMNS), '-y', String(ROWS)]);
		};

		const moments: Moment[] = [];
		const title = 'chatmock-doctor';

		// 1. The checklist while it checks: the frame with the most finished rows and one still running.
		// The probes run at once and may all land between two polls; then the doctor is run again
		// (checking only reads), a few times at most.
		let checking: {screen: string; done: number} | undefined;
		for (let attempt = 1; ; attempt++) {
			startDoctor();
			let best: {screen: string; done: number} | undefined;
			await tmux.waitFor('the checklist', screen => screen.includes('checking this machine'));
			await tmux.waitFor(
				'the verdict',
				(screen, raw) => {
					if (/Findings \(\d+\)|Nothing to fix/.test(screen)) return true;
					const done = (screen.match(/^\u2714 /gm) ?? []).length;
					if (SPINNING.test(screen) && done >= (best?.done ?? 0)) best = {screen: raw, done};
					return false;
				},
				90_000,
				10,
			);
			if (best !== undefined && (checking === undefined || best.done > checking.done)) checking = best;
			if ((checking !== undefined && checking.done >= 2) || attempt >= 6) break;
			say(`checklist frame ${attempt}: ${checking?.done ?? 0} rows finished; running the doctor again`);
			tmux.kill();
		}
		if (checking === undefined) throw new Error('no checklist frame with a running step was seen');
		moments.push({name: 'checking', title, screen: checking.screen});

		// 2. The verdict with its findings.
		const verdict = await settled(tmux, 'the verdict footer', screen => /Findings \(\d+\)/.test(screen) && screen.includes('quit'));
		moments.push({name: 'verdict', title, screen: verdict});

		// 3. The exec-format-error finding, opened.
		const listed = listedFindings(verdict);
		const index = listed.indexOf('exec-format-error');
		if (index === -1) throw new Error(`no exec-format-error finding; the verdict listed: ${listed.join(', ') || '(none)'}`);
		for (let i = 0; i < index; i++) tmux.keys('Down');
		if (index > 0) await tmux.waitFor('the selection', screen => /\u276f\s+\S+\s+exec-format-error/.test(screen), 10_000);
		tmux.keys('Enter');
		const finding = await settled(tmux, 'the finding', screen => screen.includes('f fix it now'));
		moments.push({name: 'finding', title, screen: finding});

		// 4. The guided fix: f, then its questions (recreate the container: yes; remove the old image: yes),
		// to "ChatMock is running natively (healthy)" and the re-check after it.
		tmux.keys('f');
		await tmux.waitFor('the fix to start', screen => screen.includes('Fixing exec-format-error'), 20_000);
		for (let round = 0; round < 6; round++) {
			const screen = await tmux.waitFor('a question or the end of the fix', s => /\[y\/N\]/.test(fixTail(s)) || FIX_DONE.test(fixTail(s)), 180_000);
			const tail = fixTail(stripAnsi(screen));
			if (!/\[y\/N\]/.test(tail)) break;
			const question =
				tail
					.split('\n')
					.find(line => line.includes('[y/N]'))
					?.trim() ?? '';
			const answer = /Recreate it\?|Remove it\?/.test(question) ? 'y' : 'n';
			say(`fix asks: ${question} -> ${answer}`);
			// Wait until the question has settled (its key handler is attached) before answering.
			await settled(tmux, 'the question', s => fixTail(s).includes(question));
			const before = stripAnsi(tmux.capture());
			tmux.keys(answer);
			await tmux.waitFor('the answer to land', s => s !== before, 20_000);
		}
		const fix = await settled(tmux, 'healthy, then checked again', s => /ChatMock is running natively \(healthy\)/.test(s) && /after/.test(fixTail(s)) && FIX_DONE.test(fixTail(s)));
		if (!/fixed exec-format-error/.test(fixTail(stripAnsi(fix)))) throw new Error(`the re-check after the fix does not say exec-format-error is fixed:\n${stripAnsi(fix)}`);
		moments.push({name: 'fix', title, screen: fix});

		// 5. Back to the verdict (its findings now come from the fix's re-check), then r: the whole
		// checklist again, fresh from the engine, with ChatMock's image and container as they are now.
		tmux.keys('Enter');
		const after = await settled(tmux, 'the verdict after the fix', screen => /r check again/.test(screen) && !/Fixing/.test(screen));
		if (listedFindings(after).includes('exec-format-error')) throw new Error(`the verdict after the fix still lists exec-format-error:\n${stripAnsi(after)}`);
		tmux.keys('r');
		const recheck = await settled(tmux, 'the check again', screen => /Checking again/.test(screen) && FIX_DONE.test(screen.split('Checking again').at(-1) ?? ''));
		if (/exec-format-error/.test(stripAnsi(recheck).split('Checking again').at(-1) ?? '')) throw new Error(`checking again still finds exec-format-error:\n${stripAnsi(recheck)}`);
		moments.push({name: 'recheck', title, screen: recheck});
		tmux.keys('q');
		await settled(tmux, 'the verdict', screen => /r check again/.test(screen.split('Checking again').at(-1) ?? ''));
		tmux.keys('q');
		await waitDead(tmux);

		// What the captures claim, checked on the engine: native, healthy, same port, same volume, same login.
		const state = await docker(cli, ['inspect', '--format', '{{.State.Health.Status}} {{.Config.Image}} {{range .Mounts}}{{.Name}}{{end}}', CONTAINER]);
		const image = await docker(cli, ['image', 'inspect', '--format', '{{.Architecture}}', ref]);
		const token = await docker(cli, ['exec', CONTAINER, 'cat', '/data/token']);
		await h.waitForHttp(`http://127.0.0.1:${PORT}/health`, 10_000);
		say(`after the fix: ${CONTAINER} ${state.stdout.trim()}; ${ref} is ${image.stdout.trim()}; /health answers on ${PORT}`);
		if (!state.stdout.startsWith('healthy ') || !state.stdout.includes(VOLUME)) throw new Error(`${CONTAINER} is not healthy on ${VOLUME}: ${state.stdout}`);
		if (image.stdout.trim() !== platformOf(native).architecture) throw new Error(`${ref} is ${image.stdout.trim()}, not ${native}`);
		if (token.stdout !== TOKEN) throw new Error(`the login token changed: ${JSON.stringify(token.stdout)}`);
		for (const moment of moments) save(moment);
	} finally {
		tmux.kill();
		if (engine) await haltEngine(engine, true).catch((error: unknown) => say(`stopping dockerd: ${String(error)}`));
		if (registry) await haltRegistry(registry).catch((error: unknown) => say(`stopping the registry: ${String(error)}`));
		if (bridge) await deleteBridge(bridge.name).catch((error: unknown) => say(`deleting the bridge: ${String(error)}`));
		rmSync(work, {recursive: true, force: true});
		say('cleaned up');
	}
}

/** Finding ids as the verdict lists them (the selected row starts with ❯). */
function listedFindings(screen: string): string[] {
	return stripAnsi(screen)
		.split('\n')
		.map(line => /^\s*(?:\u276f\s+)?[^\w\s]\s+([a-z0-9-]+)(?:\s+\(skipped\))?\s*$/.exec(line)?.[1])
		.filter((id): id is string => id !== undefined);
}

/** Waits for a screen, then for it to stay the same across a short settle delay (Ink redraws in bursts). */
async function settled(tmux: Tmux, what: string, test: (screen: string) => boolean): Promise<string> {
	let screen = await tmux.waitFor(what, test);
	for (let i = 0; i < 25; i++) {
		await sleep(80);
		const again = tmux.capture();
		if (again === screen && !SPINNING.test(stripAnsi(again))) return again;
		screen = test(stripAnsi(again)) ? again : await tmux.waitFor(what, test);
	}
	return screen;
}

async function waitDead(tmux: Tmux): Promise<void> {
	const deadline = Date.now() + 10_000;
	while (!tmux.paneDead()) {
		if (Date.now() > deadline) throw new Error(`the doctor did not quit:\n${tmux.plain()}`);
		await sleep(50);
	}
}

async function portFree(port: number): Promise<boolean> {
	const {createServer} = await import('node:net');
	return new Promise<boolean>(resolve => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
	});
}

function shellQuote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

main().catch((error: unknown) => {
	process.stderr.write(`[capture] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	process.exitCode = 1;
});
