#!/usr/bin/env node
// Runs the whole suite: type check, lint (ESLint) and format check (Prettier), unit tests, the
// packed doctor on Node 12 to 24, then end-to-end tests against a real Docker engine, registry and
// QEMU that test/e2e/harness brings up itself (and takes down afterwards). --unit (type check + unit
// tests), --lint, --matrix (the Node version matrix) or --e2e runs one part only; files named after
// --unit or --e2e run alone (`--e2e test/e2e/x.test.ts`, still with one setup and one teardown around them).
import {spawnSync} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {bundleUnitTests} from './unit-bundle.mjs';

const argv = process.argv.slice(2);
const args = new Set(argv.filter(arg => arg.startsWith('--')));
const named = argv.filter(arg => !arg.startsWith('--'));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : args.has('--lint') ? 'lint' : args.has('--matrix') ? 'matrix' : 'all';
for (const file of named) {
	if (!existsSync(file)) {
		console.error(`no such test file: ${file}`);
		process.exit(2);
	}
}
if (named.length > 0 && only === 'all') {
	console.error('name test files after --unit, --matrix or --e2e');
	process.exit(2);
}

function findTests(dir) {
	const out = [];
	let names;
	try {
		names = readdirSync(dir);
	} catch {
		return out;
	}
	for (const name of names.sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...findTests(path));
		else if (/\.test\.tsx?$/.test(name)) out.push(path);
	}
	return out;
}

function run(command, commandArgs, env = {}, {withoutCi = false} = {}) {
	const merged = {...process.env, ...env};
	if (withoutCi) for (const key of Object.keys(merged)) if (key === 'CI' || key === 'CONTINUOUS_INTEGRATION' || key.startsWith('CI_')) delete merged[key];
	const result = spawnSync(command, commandArgs, {stdio: 'inherit', env: merged});
	return result.status ?? 1;
}

function commandExists(name) {
	return spawnSync('sh', ['-c', `command -v ${name}`], {stdio: 'ignore'}).status === 0;
}

/** Why the e2e harness cannot run here (it installs packages, starts dockerd, changes binfmt_misc). */
function e2eProblem() {
	if (process.platform !== 'linux') return `needs Linux, this is ${process.platform}`;
	if (process.getuid?.() !== 0) return 'needs root';
	if (!commandExists('apt-get') || !commandExists('dpkg-query')) return 'needs apt-get and dpkg-query (Debian or Ubuntu)';
	return undefined;
}

/**
 * Runs `body(env)` with TMPDIR (and TMP, TEMP) set to a fresh private folder, so what the tests
 * leave in the temporary folder is theirs alone (the machine's /tmp is written by others too). A run
 * that leaves anything there fails, naming it; the folder is removed either way. tsx's compile
 * cache (tsx-<uid>, kept in the temporary folder by design) is not a test's leftover.
 */
const NOT_LEFTOVERS = /^tsx-\d+$/;
async function leavingNothing(part, body) {
	// A short name: the e2e engines' unix sockets live below it, and a socket path has at most 107 bytes.
	const own = mkdtempSync(join(tmpdir(), `cmd-${part}-tmp-`));
	let ok;
	try {
		ok = await body({TMPDIR: own, TMP: own, TEMP: own});
	} finally {
		const left = readdirSync(own).filter(name => !NOT_LEFTOVERS.test(name));
		if (left.length > 0) {
			console.error(`${part}: the tests left ${left.length} entries in the temporary folder: ${left.slice(0, 20).join(', ')}${left.length > 20 ? ', …' : ''}`);
			ok = false;
		}
		rmSync(own, {recursive: true, force: true});
	}
	return ok;
}

const seconds = ms => `${(ms / 1000).toFixed(1)} s`;

/**
 * One setup for all e2e files (each file then reuses it through the state file), and a
 * teardown that runs whatever happened, so the machine is left as it was found.
 */
function runE2e(files, tmp = {}) {
	if (process.env.CHATMOCK_DOCTOR_SKIP_E2E === '1') {
		console.error('\n*** e2e tests SKIPPED (CHATMOCK_DOCTOR_SKIP_E2E=1): nothing ran against a real engine ***\n');
		return true;
	}
	const problem = e2eProblem();
	if (problem !== undefined) {
		console.error(`e2e tests cannot run: ${problem}. Set CHATMOCK_DOCTOR_SKIP_E2E=1 to skip them.`);
		return false;
	}
	// Interrupted: let the children stop, then still tear down.
	const ignore = () => {};
	process.on('SIGINT', ignore);
	process.on('SIGTERM', ignore);
	// The harness's state stays where a later run finds it after a crash (not in this run's private TMPDIR).
	const stateRoot = process.env.CHATMOCK_DOCTOR_E2E_STATE ?? join(tmpdir(), 'chatmock-doctor-e2e');
	const env = {CHATMOCK_DOCTOR_E2E_MANAGED: '1', CHATMOCK_DOCTOR_E2E_STATE: stateRoot, ...tmp};
	const harness = 'test/e2e/harness';
	let ok;
	const t0 = Date.now();
	try {
		ok = run(process.execPath, ['--import', 'tsx', `${harness}/setup-cli.ts`], env) === 0;
		const t1 = Date.now();
		if (ok) {
			ok = run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-timeout=900000', '--test-reporter=spec', ...files], env) === 0;
		}
		const t2 = Date.now();
		if (run(process.execPath, ['--import', 'tsx', `${harness}/teardown-cli.ts`], env) !== 0) ok = false;
		console.error(`e2e: setup ${seconds(t1 - t0)}, tests ${seconds(t2 - t1)}, teardown ${seconds(Date.now() - t2)}, total ${seconds(Date.now() - t0)}`);
	} finally {
		process.off('SIGINT', ignore);
		process.off('SIGTERM', ignore);
	}
	return ok;
}

/** Where the unit bundles go (inside the project, so their packages resolve from node_modules). */
const UNIT_BUNDLES = 'node_modules/.cache/chatmock-doctor-unit';
/**
 * Folders run side by side as node:test decides (cores - 1), unless set: a few tests hold a time
 * budget (10 MB of input in 2 s) that more processes than cores would break on a small machine.
 */
const UNIT_CONCURRENCY = process.env.CHATMOCK_DOCTOR_UNIT_CONCURRENCY;

async function runUnit(files, tmp = {}) {
	const t0 = Date.now();
	const bundles = await bundleUnitTests(files, UNIT_BUNDLES);
	const t1 = Date.now();
	const concurrency = UNIT_CONCURRENCY ? [`--test-concurrency=${UNIT_CONCURRENCY}`] : [];
	// Ink decides when it loads whether it runs in CI (then it draws only the last frame); in a folder
	// bundle its import runs before any test file's code, so the screen tests' own opt-out
	// (test/unit/interactive/as-a-person.ts) comes too late. The code under test reads CI only from the env it is handed.
	const ok = run(process.execPath, ['--enable-source-maps', '--test', ...concurrency, '--test-reporter=spec', ...bundles], tmp, {withoutCi: true}) === 0;
	console.error(`unit: ${files.length} files in ${bundles.length} folder bundles; bundling ${seconds(t1 - t0)}, tests ${seconds(Date.now() - t1)}`);
	return ok;
}

let failed = false;
if (only === 'all' || only === 'lint') {
	if (run('npx', ['eslint', '--max-warnings=0', '.']) !== 0) failed = true;
	if (run('npx', ['prettier', '--check', '--log-level=warn', '.']) !== 0) {
		console.error('Formatting differs: `npx prettier --write .` formats the tree.');
		failed = true;
	}
}
if (only === 'all' || only === 'unit') {
	if (run('npx', ['tsc', '--noEmit']) !== 0) failed = true;
	if (!(await leavingNothing('unit', tmp => runUnit(named.length > 0 ? named : findTests('test/unit'), tmp)))) failed = true;
}
// The packed doctor on Node 12 to 24 (official binaries, cached; see test/helpers/node-binaries.ts).
if (only === 'all' || only === 'matrix') {
	const matrix = named.length > 0 ? named : findTests('test/node-matrix');
	if (!(await leavingNothing('matrix', async tmp => run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...matrix], tmp) === 0))) failed = true;
}
if (only === 'all' || only === 'e2e') {
	const e2e = named.length > 0 ? named : findTests('test/e2e');
	if (e2e.length > 0 && !(await leavingNothing('e2e', tmp => runE2e(e2e, tmp)))) failed = true;
}
process.exit(failed ? 1 : 0);
