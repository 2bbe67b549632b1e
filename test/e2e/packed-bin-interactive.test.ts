// The artefact users run, run as they run it: `npm pack`, installed offline into an empty folder,
// its bin (dist/bin.cjs -> dist/interactive.cjs, with the build-time patches of Yoga and Ink and
// the text-width stubs) started in a real terminal (a tmux pane is a PTY) against the harness's
// engine. Walks verdict -> a finding -> help -> report preview -> quit and checks each frame.
import assert from 'node:assert/strict';
import {spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';
import {tourTheScreens} from './harness/screen-tour.js';
import {hasTmux, personsTerminal, TmuxServer, type Pane} from './harness/tmux.js';

const ROOT = join(import.meta.dirname, '..', '..');
const COLUMNS = 90;
const ROWS = 36;

function check(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
	assert.equal(result.status, 0, `${what} failed:\n${result.stderr}\n${result.stdout}`);
	return result;
}

/** Each line of a frame fits the pane (capture without -J: what the terminal really shows). */
function assertFits(pane: Pane, what: string): void {
	const raw = pane.server.tmux('capture-pane', '-p', '-t', pane.name);
	for (const line of raw.split('\n')) assert.ok([...line].length <= COLUMNS, `${what}: a line wider than ${COLUMNS} columns:\n${line}`);
	assert.doesNotMatch(raw, /\bundefined\b|\bNaN\b|\[object Object\]/, `${what}: a value leaked into the frame`);
}

describe('the packed bin in a terminal against a real engine', {skip: skipE2E || (hasTmux ? false : 'tmux is not installed'), timeout: 10 * 60_000}, () => {
	let h: Harness;
	let dir: string;
	let bin: string;
	let server: TmuxServer;

	before(async () => {
		h = await harness();
		server = new TmuxServer('chatmock-doctor-packed');
		dir = mkdtempSync(join(tmpdir(), 'chatmock-doctor-packed-'));
		assert.ok(relative(ROOT, dir).startsWith('..'), 'outside the repo: its node_modules cannot be found');
		const env: NodeJS.ProcessEnv = {...process.env, npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false'};
		for (const name of Object.keys(env))
			if (name === 'NODE_PATH' || name === 'NODE_OPTIONS' || (name.startsWith('npm_') && name !== 'npm_config_cache' && name !== 'npm_config_update_notifier')) delete env[name];
		const packed = check(spawnSync('npm', ['pack', '--json', '--pack-destination', dir], {cwd: ROOT, env, encoding: 'utf8', timeout: 180_000}), 'npm pack');
		const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {filename: string}[];
		assert.ok(info);
		const app = join(dir, 'app');
		mkdirSync(app);
		writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
		check(spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', join(dir, info.filename)], {cwd: app, env, encoding: 'utf8', timeout: 120_000}), 'npm install');
		bin = join(app, 'node_modules', '.bin', 'chatmock-doctor');
		// A wrong-arch ChatMock (arm64 under the tag) and no emulator for it: an error finding.
		await h.loadImage('arm64', h.multiPlatformRef);
		unregister('qemu-aarch64');
	});

	after(async () => {
		server?.kill();
		if (dir) rmSync(dir, {recursive: true, force: true});
		await h?.restoreBaselineBinfmt();
		await releaseHarness();
	});

	test('the installed package is the bundle alone: bin.cjs, cli.cjs and interactive.cjs, no sources', () => {
		const pkg = join(dir, 'app', 'node_modules', 'chatmock-doctor');
		const dist = readdirSync(join(pkg, 'dist'));
		for (const file of ['bin.cjs', 'cli.cjs', 'interactive.cjs']) assert.ok(dist.includes(file), `dist/${file} in ${dist.join(', ')}`);
		assert.equal(existsSync(join(pkg, 'source')), false);
		assert.deepEqual(
			readdirSync(join(dir, 'app', 'node_modules')).filter(name => !name.startsWith('.')),
			['chatmock-doctor'],
		);
	});

	test('verdict -> finding -> help -> report preview -> quit, exit 1', async () => {
		// The installed package, not tsx: no NODE_OPTIONS from this run either.
		const env = personsTerminal(h.childEnv());
		delete env.NODE_OPTIONS;
		const pane = server.start('packed', `${bin} --offline --image ${h.multiPlatformRef}`, env, dir, COLUMNS, ROWS);
		const code = await tourTheScreens(pane, {verdictTimeoutMs: 90_000, look: stop => assertFits(pane, stop)});
		assert.equal(code, 1, 'an arm64 ChatMock with no emulator is an error finding');
	});
});
