// The packed doctor on every Node a Raspberry Pi or an LTS distribution installs (12 to 24, the
// official binaries, see test/helpers/node-binaries.ts): --version, --help, the plain, Markdown and
// JSON reports without an engine, `triage` of every paste of the fixture corpus, --root folders, and
// a snapshot replayed with --from. Each must give exactly what Node 20 gives. Nothing is normalised:
// these outputs hold no timings and no Node version. (The engine part is test/e2e/node-matrix-engine.test.ts.)
import assert from 'node:assert/strict';
import {existsSync, mkdirSync, readdirSync, rmSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {MATRIX_MAJORS, matrixProblem, nodeTarball, packedBin, runFolder, runPacked, unpackNode, type Outcome} from '../helpers/node-binaries.js';

const ROOT = resolve(import.meta.dirname, '../..');
const HOSTS = join(ROOT, 'test', 'fixtures', 'hosts');
const PASTES = join(ROOT, 'test', 'fixtures', 'pastes');

interface Case {
	readonly name: string;
	readonly args: readonly string[];
	readonly env?: Readonly<Record<string, string>>;
}

function cases(snapshotOf: (major: number) => string): (major: number) => Case[] {
	const pastes = [
		...readdirSync(PASTES)
			.filter(name => name.endsWith('.md'))
			.map(name => join(PASTES, name)),
		...readdirSync(HOSTS)
			.map(name => join(HOSTS, name, 'paste.md'))
			.filter(existsSync),
	].sort();
	const roots = readdirSync(HOSTS)
		.map(name => join(HOSTS, name, 'root'))
		.filter(existsSync)
		.sort();
	return major => [
		{name: '--version', args: ['--version']},
		{name: '--help', args: ['--help']},
		{name: '--report --no-engine', args: ['--report', '--no-engine']},
		{name: '--json --no-engine', args: ['--json', '--no-engine']},
		{name: 'plain --no-engine', args: ['--no-engine', '--no-color']},
		// Coloured as in a terminal: util.styleText, which Node before 20.12 lacks.
		{name: 'plain --no-engine, coloured', args: ['--no-engine'], env: {FORCE_COLOR: '1'}},
		...pastes.map(file => ({name: `triage ${file.slice(ROOT.length + 1)}`, args: ['triage', file, '--json']})),
		...roots.map(dir => ({name: `--root ${dir.slice(ROOT.length + 1)}`, args: ['--root', dir, '--json', '--no-engine']})),
		{name: '--from (its own snapshot)', args: ['--from', snapshotOf(major), '--json']},
	];
}

describe('the packed doctor on Node 12 to 24 gives what Node 20 gives', {skip: matrixProblem() ?? false, timeout: 30 * 60_000}, () => {
	let dir: string;
	let bin: string;
	const nodes = new Map<number, string>();
	const reference = new Map<string, Outcome>();
	let env: NodeJS.ProcessEnv;
	const snapshotOf = (major: number) => join(dir, `snapshot-node${major}.json`);
	const casesFor = cases(snapshotOf);

	const run = (major: number, args: readonly string[], extra: Readonly<Record<string, string>> = {}) => runPacked(nodes.get(major)!, bin, args, {cwd: dir, env: {...env, ...extra}});

	/** Two at a time: one per core of a small CI machine. */
	async function runAll(major: number): Promise<Map<string, Outcome>> {
		// --no-engine: a folder's facts only, whatever engine this machine runs.
		const snap = await run(major, ['snapshot', '--root', join(HOSTS, 'marvell-armada-385-cpuinfo', 'root'), '--no-engine', '-o', snapshotOf(major)]);
		assert.equal(snap.code, 0, `snapshot on Node ${major}: ${snap.stderr}`);
		const list = casesFor(major);
		const out = new Map<string, Outcome>();
		let next = 0;
		const worker = async () => {
			while (next < list.length) {
				const item = list[next++]!;
				out.set(item.name, await run(major, item.args, item.env));
			}
		};
		await Promise.all([worker(), worker()]);
		return out;
	}

	before(async () => {
		dir = runFolder('chatmock-doctor-node-matrix-');
		const started = Date.now();
		bin = packedBin(ROOT, dir);
		const packed = Date.now();
		const fetched: string[] = [];
		for (const major of MATRIX_MAJORS) {
			const tarball = nodeTarball(major);
			nodes.set(major, unpackNode(tarball, dir));
			fetched.push(`${tarball.version}${tarball.cached ? ' (cached)' : ''}`);
		}
		// The compile cache runs too (its folder private to this run): the first run of each Node writes it, the others read it.
		const cacheHome = join(dir, 'cache-home');
		mkdirSync(cacheHome, {mode: 0o700});
		env = {PATH: process.env['PATH'], HOME: dir, XDG_CACHE_HOME: cacheHome, LANG: 'C.UTF-8', CI: 'true'};
		for (const [name, outcome] of await runAll(20)) reference.set(name, outcome);
		console.error(`node matrix: packed in ${Date.now() - started - (Date.now() - packed)} ms; Node ${fetched.join(', ')} ready after ${Date.now() - started} ms`);
	});

	after(() => {
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	test('Node 20 itself: every case ran and answered', () => {
		assert.ok(reference.size > 20, `${reference.size} cases`);
		for (const [name, outcome] of reference) {
			assert.ok(outcome.code === 0 || outcome.code === 1, `${name}: exit ${outcome.code}\n${outcome.stderr}`);
			assert.ok(outcome.stdout.length > 0, name);
		}
		assert.match(reference.get('--json --no-engine')!.stdout, /"schema": "chatmock-doctor\/report@1"/);
	});

	for (const major of MATRIX_MAJORS.filter(m => m !== 20)) {
		test(`Node ${major}: the same exit codes, output and warnings as Node 20`, async () => {
			const started = Date.now();
			const outcomes = await runAll(major);
			const differ: string[] = [];
			for (const [name, expected] of reference) {
				const got = outcomes.get(name)!;
				if (got.code !== expected.code || got.stdout !== expected.stdout || got.stderr !== expected.stderr) {
					differ.push(
						`${name}: exit ${got.code} (Node 20: ${expected.code})\n${got.stderr.slice(0, 600)}${got.stdout === expected.stdout ? '' : `\nstdout differs at ${firstDifference(got.stdout, expected.stdout)}`}`,
					);
				}
			}
			assert.deepEqual(differ, [], `${differ.length} of ${reference.size} differ on Node ${major}`);
			console.error(`node matrix: Node ${major}, ${outcomes.size} runs in ${Date.now() - started} ms`);
		});
	}
});

function firstDifference(a: string, b: string): string {
	let i = 0;
	while (i < a.length && a[i] === b[i]) i++;
	return `character ${i}: ${JSON.stringify(a.slice(Math.max(0, i - 40), i + 40))} vs ${JSON.stringify(b.slice(Math.max(0, i - 40), i + 40))}`;
}
