import assert from 'node:assert/strict';
import {spawnSync, type SpawnSyncReturns} from 'node:child_process';
import {mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join, relative, sep} from 'node:path';
import {after, before, describe, test} from 'node:test';

/**
 * The published artifact, as a user gets it: `npm pack`, then `npm install <tarball>` into an
 * empty folder outside the repo, offline and with an empty npm cache (so a single runtime
 * dependency would fail the install), then the installed bin is run.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {version: string}).version;
const MAX_TARBALL_BYTES = 600 * 1024;
/** In react and react-reconciler whatever the minifier does: a loaded file with it means React loaded. */
const REACT_MARKER = 'react.transitional.element';

const PASTE = `pi@raspberrypi:~ $ uname -m
armv6l
pi@raspberrypi:~ $ docker run ghcr.io/thebtf/chatmock:latest
exec /usr/local/bin/python: exec format error
`;

interface Run {
	readonly code: number | null;
	readonly stdout: string;
	readonly stderr: string;
}

describe('the packed tarball installs and runs on its own', {timeout: 5 * 60_000}, () => {
	let dir: string;
	let tarball: string;
	let bin: string;
	/** Like a user's shell: no NODE_PATH, no npm settings of this repo, an empty npm cache. */
	let env: NodeJS.ProcessEnv;

	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'chatmock-doctor-pack-'));
		assert.ok(relative(ROOT, dir).startsWith('..'), `${dir} must be outside the repo so its node_modules cannot be found`);
		// XDG_CACHE_HOME names a folder that does not exist: no compile cache, except where a test makes one.
		env = {...process.env, npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false', XDG_CACHE_HOME: join(dir, 'no-cache-home')};
		for (const name of Object.keys(env))
			if (name === 'NODE_PATH' || name === 'NODE_OPTIONS' || (name.startsWith('npm_') && name !== 'npm_config_cache' && name !== 'npm_config_update_notifier')) delete env[name];

		const packed = check(spawnSync('npm', ['pack', '--json', '--pack-destination', dir], {cwd: ROOT, env, encoding: 'utf8', timeout: 120_000}), 'npm pack');
		const [info] = JSON.parse(packed.stdout.slice(packed.stdout.indexOf('['))) as {filename: string}[];
		assert.ok(info);
		tarball = join(dir, info.filename);

		const app = join(dir, 'app');
		mkdirSync(app);
		writeFileSync(join(app, 'package.json'), '{"name":"app","version":"1.0.0","private":true}\n');
		check(spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], {cwd: app, env, encoding: 'utf8', timeout: 120_000}), 'npm install');
		bin = join(app, 'node_modules', '.bin', 'chatmock-doctor');
	});

	after(() => {
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	const run = (args: readonly string[], input?: string, extraNodeOptions?: string): Run => {
		const result = spawnSync(bin, [...args], {
			cwd: dir,
			env: extraNodeOptions ? {...env, NODE_OPTIONS: extraNodeOptions} : env,
			input: input ?? '',
			encoding: 'utf8',
			timeout: 60_000,
		});
		if (result.error) throw result.error;
		return {code: result.status, stdout: result.stdout, stderr: result.stderr};
	};

	test(`the tarball is under ${MAX_TARBALL_BYTES / 1024} KB and installs nothing else`, () => {
		const size = readFileSync(tarball).length;
		assert.ok(size < MAX_TARBALL_BYTES, `tarball is ${size} bytes`);
		const installed = readdirSync(join(dir, 'app', 'node_modules')).filter(name => !name.startsWith('.'));
		assert.deepEqual(installed, ['chatmock-doctor']);
		const manifest = JSON.parse(readFileSync(join(dir, 'app', 'node_modules', 'chatmock-doctor', 'package.json'), 'utf8')) as Record<string, unknown>;
		assert.equal(manifest['dependencies'], undefined);
		assert.equal(manifest['optionalDependencies'], undefined);
		assert.equal(manifest['peerDependencies'], undefined);
	});

	test('--version prints the version', () => {
		const {code, stdout, stderr} = run(['--version']);
		assert.equal(stderr, '');
		assert.equal(stdout, `${VERSION}\n`);
		assert.equal(code, 0);
	});

	test('--json --no-engine prints a report@1 and exits 0 or 1 (the diagnosis), not 2', () => {
		const {code, stdout, stderr} = run(['--json', '--no-engine']);
		assert.doesNotMatch(stderr, /unexpected failure|Error:/);
		const report = JSON.parse(stdout) as {schema: string; tool: {version: string}; verdict: {platform: string}};
		assert.equal(report.schema, 'chatmock-doctor/report@1');
		assert.equal(report.tool.version, VERSION);
		assert.match(report.verdict.platform, /^linux\//);
		assert.ok(code === 0 || code === 1, `exit ${code}`);
	});

	test('triage of a pasted Pi Zero session gives linux/arm/v6 and exit 1 (exec format error)', () => {
		const {code, stdout} = run(['triage', '--json'], PASTE);
		const report = JSON.parse(stdout) as {schema: string; origin: string; verdict: {platform: string}};
		assert.equal(report.schema, 'chatmock-doctor/report@1');
		assert.equal(report.origin, 'triage');
		assert.equal(report.verdict.platform, 'linux/arm/v6');
		assert.equal(code, 1);
	});

	test('triage --report prints Markdown from the same paste', () => {
		const {code, stdout} = run(['triage', '--report'], PASTE);
		assert.match(stdout, /linux\/arm\/v6/);
		assert.equal(code, 1);
	});

	test('--json, --report and triage never load Ink or React', () => {
		const trace = join(dir, 'loaded.txt');
		const preload = join(dir, 'trace-modules.cjs');
		// Every bundle, cached or not, is registered in require.cache as Node's own loader does.
		writeFileSync(preload, `process.once('exit', () => require('node:fs').writeFileSync(${JSON.stringify(trace)}, Object.keys(require.cache).join('\\n')));\n`);
		for (const [args, input] of [[['--json', '--no-engine']], [['--report', '--no-engine']], [['triage', '--json'], PASTE], [['triage'], PASTE]] as const) {
			rmSync(trace, {force: true});
			const {code, stderr} = run(args, input, `--require ${JSON.stringify(preload)}`);
			assert.ok(code === 0 || code === 1, `${args.join(' ')}: exit ${code}, ${stderr}`);
			const loaded = readFileSync(trace, 'utf8')
				.split('\n')
				.filter(file => file.includes(`${sep}chatmock-doctor${sep}dist${sep}`));
			assert.ok(
				loaded.some(file => file.endsWith(`${sep}cli.cjs`)),
				`${args.join(' ')}: the trace saw no bundle`,
			);
			const withReact = loaded.filter(file => readFileSync(file, 'utf8').includes(REACT_MARKER));
			assert.deepEqual(withReact, [], `${args.join(' ')} loaded React`);
		}
	});

	test('the second run reads the compile cache the first wrote, private to the user; without it the answer is the same', () => {
		const cacheHome = join(dir, 'cache-home');
		mkdirSync(cacheHome, {mode: 0o700});
		const withCache = {...env, XDG_CACHE_HOME: cacheHome};
		const once = (extra: NodeJS.ProcessEnv) => spawnSync(bin, ['triage', '--json'], {cwd: dir, env: extra, input: PASTE, encoding: 'utf8', timeout: 60_000});
		const first = once(withCache);
		const folder = join(cacheHome, 'chatmock-doctor');
		const written = readdirSync(folder);
		assert.equal(written.length, 1, written.join(', '));
		assert.match(written[0]!, /^cli\.cjs-[0-9a-f]{16}-v\d+\.\d+\.\d+-\w+\.v8$/);
		assert.equal(statSync(folder).mode & 0o077, 0);
		assert.equal(statSync(join(folder, written[0]!)).mode & 0o077, 0);
		const cached = statSync(join(folder, written[0]!)).mtimeMs;
		const second = once(withCache);
		assert.equal(statSync(join(folder, written[0]!)).mtimeMs, cached, 'a cache that was accepted is not written again');
		const uncached = once({...env, XDG_CACHE_HOME: cacheHome, NODE_DISABLE_COMPILE_CACHE: '1'});
		for (const result of [first, second, uncached]) assert.equal(result.stderr, '');
		assert.equal(second.stdout, first.stdout);
		assert.equal(uncached.stdout, first.stdout);
		assert.equal(second.status, first.status);
	});

	test('the bin refuses an old Node.js with one line and exit 2', () => {
		const result = spawnSync(
			process.execPath,
			['-e', `Object.defineProperty(process.versions, 'node', {value: '10.24.1'}); require(${JSON.stringify(join(dir, 'app', 'node_modules', 'chatmock-doctor', 'dist', 'bin.cjs'))})`],
			{env, encoding: 'utf8'},
		);
		assert.equal(result.stdout, '');
		assert.match(result.stderr, /^chatmock-doctor needs Node\.js 12 or newer, and this is Node\.js 10\.24\.1\..*\n$/);
		assert.equal(result.status, 2);
	});
});

function check(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
	if (result.error) throw new Error(`${what}: ${result.error.message}`, {cause: result.error});
	assert.equal(result.status, 0, `${what} failed:\n${result.stdout}\n${result.stderr}`);
	return result;
}
