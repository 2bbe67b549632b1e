// The command line's edges with hostile input: every message that echoes what a user typed or a
// file said is neutralised, FIFOs and devices are refused at once, oversized input says so,
// damaged snapshots exit 2 with "damaged", and an interrupted run reports nothing.
import assert from 'node:assert/strict';
import {execFileSync, spawn} from 'node:child_process';
import {writeFileSync} from 'node:fs';
import {createServer} from 'node:net';
import {join} from 'node:path';
import {PassThrough} from 'node:stream';
import {describe, it} from 'node:test';
import fc from 'fast-check';
import {InputError, readInputFile, readStdin} from '../../../source/cli/io.js';
import {isNeutral} from '../../../source/text/sanitize.js';
import {recordedPiSnapshot as snapshotText} from '../snapshot/scenarios.js';
import {runCliInProcess as cli} from '../../helpers/cli-in-process.js';
import {tempDir} from '../../helpers/temp-dir.js';

// An OSC 52 clipboard write and a screen clear, an 8-bit CSI, a BiDi override.
export const HOSTILE = '\u001B]52;c;ZWNobyBwd25lZA==\u0007\u001B[2J\u009B31m\u202Eevil\u2066';

const dir = () => tempDir('cmd-hostile-');

function assertNeutral(name: string, text: string) {
	assert.ok(isNeutral(text), `${name} carries a raw control or BiDi character: ${JSON.stringify(text.slice(0, 300))}`);
}

function fifo(): string {
	const path = join(dir(), 'pipe');
	execFileSync('mkfifo', [path]);
	return path;
}

describe('messages that echo foreign text are neutralised', () => {
	it('an unknown option', async () => {
		const result = await cli([`--${HOSTILE}`]);
		assert.equal(result.code, 2);
		assertNeutral('stderr', result.stderr);
	});
	it('a triage path and a --root path', async () => {
		for (const argv of [
			['triage', join(dir(), HOSTILE)],
			['--root', join(dir(), HOSTILE), '--json'],
		]) {
			const result = await cli(argv);
			assert.equal(result.code, 2, argv.join(' '));
			assertNeutral('stderr', result.stderr);
			assert.match(result.stderr, /evil/);
		}
	});
	it('a snapshot whose schema version and tool.version carry escapes', async () => {
		const path = join(dir(), 'snap.json');
		writeFileSync(path, JSON.stringify({schema: `chatmock-doctor/snapshot@2${HOSTILE}`, tool: {version: HOSTILE}}));
		const result = await cli(['--from', path, '--json']);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /reads version 1 only/);
		assertNeutral('stderr', result.stderr);
	});
	it('a snapshot whose file names carry C1 controls', async () => {
		const path = join(dir(), 'snap.json');
		const snapshot = JSON.parse(await snapshotText());
		snapshot.host.files[`/etc/\u009B2Jx${HOSTILE}`] = 42;
		writeFileSync(path, JSON.stringify(snapshot));
		const result = await cli(['--from', path, '--json']);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /damaged/);
		assertNeutral('stderr', result.stderr);
	});
});

describe('inputs and outputs that are not regular files', () => {
	for (const [name, argv] of [
		['triage FIFO', (p: string) => ['triage', p]],
		['--from FIFO', (p: string) => ['--from', p, '--json']],
		['--output FIFO', (p: string) => ['triage', '--json', '--output', p]],
	] as const) {
		it(`${name}: refused at once, exit 2`, async () => {
			const result = await cli([...argv(fifo())], {stdin: 'Linux pi 6.1.21-v8+ #1642 SMP aarch64 GNU/Linux\n'});
			assert.equal(result.code, 2);
			assert.match(result.stderr, /FIFO/);
			assert.ok(result.ms < 2000, `${result.ms} ms`);
		});
	}
	it('a device is refused', async () => {
		const result = await cli(['triage', '/dev/zero']);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /device/);
	});
	it('a file over the bound says so instead of cutting it', async () => {
		const path = join(dir(), 'big.txt');
		writeFileSync(path, 'x'.repeat(5000));
		await assert.rejects(readInputFile(path, 4096), (error: Error) => error instanceof InputError && /larger than/.test(error.message));
		assert.equal((await readInputFile(path, 5000)).length, 5000);
		const stream = new PassThrough();
		stream.end('y'.repeat(5000));
		await assert.rejects(readStdin(stream as unknown as NodeJS.ReadStream, 4096), /larger than/);
	});
});

describe('damaged snapshots: "damaged", exit 2, never a crash', () => {
	it('20,000 levels of nesting inside info', async () => {
		const snapshot = JSON.parse(await snapshotText());
		const info = snapshot.engine.calls.find((c: {method: string}) => c.method === 'info');
		const text = JSON.stringify(snapshot).replace(JSON.stringify(info.result), `{"ok":true,"value":{"Name":${'['.repeat(20000)}${']'.repeat(20000)}}}`);
		const path = join(dir(), 'deep.json');
		writeFileSync(path, text);
		const result = await cli(['--from', path, '--json']);
		assert.equal(result.code, 2);
		assert.match(result.stderr, /damaged/);
		assert.doesNotMatch(result.stderr, /unexpected failure|Maximum call stack/);
	});

	it('type-mutated snapshots: exit 0, 1 or "damaged" with 2; never "unexpected failure"', async () => {
		const base = JSON.parse(await snapshotText()) as unknown;
		const paths: (string | number)[][] = [];
		const walk = (value: unknown, path: (string | number)[]) => {
			paths.push(path);
			if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, [...path, Array.isArray(value) ? Number(key) : key]);
		};
		walk(base, []);
		const folder = dir();
		await fc.assert(
			fc.asyncProperty(
				fc.constantFrom(...paths.filter(p => p.length > 0)),
				fc.constantFrom<unknown>(null, 0, -1, 1e308, true, '', HOSTILE, [], {}, [null], {length: 3}, 'x'.repeat(3)),
				async (path, replacement) => {
					const copy = structuredClone(base) as Record<string, unknown>;
					let at: Record<string | number, unknown> = copy;
					for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
					at[path.at(-1)!] = replacement;
					const file = join(folder, 'mutated.json');
					writeFileSync(file, JSON.stringify(copy));
					const result = await cli(['--from', file, '--json']);
					assert.ok([0, 1, 2].includes(result.code), `exit ${result.code}`);
					if (result.code === 2) assert.match(result.stderr, /damaged|not a chatmock-doctor snapshot|version 1 only/);
					assert.doesNotMatch(result.stderr, /unexpected failure/);
					assertNeutral('stdout', result.stdout);
					assertNeutral('stderr', result.stderr);
				},
			),
			{numRuns: 200, seed: 13},
		);
	});
});

describe('interrupted runs report nothing', () => {
	it('aborted before collecting: exit 130, no report, no "written to"', async () => {
		const controller = new AbortController();
		controller.abort();
		const out = join(dir(), 'report.md');
		const result = await cli(['--root', dir(), '--no-engine', '--report', '--output', out], {signal: controller.signal});
		assert.equal(result.code, 130);
		assert.equal(result.stdout, '');
		assert.doesNotMatch(result.stderr, /written to/);
	});

	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		it(`${signal} mid-check, an engine that accepted and never answers: exit 130 within a second, nothing on stdout`, async () => {
			const socketPath = join(dir(), 'hang.sock');
			let accepted!: () => void;
			const acceptedOnce = new Promise<void>(resolve => (accepted = resolve));
			const server = createServer(() => accepted());
			await new Promise<void>(resolve => server.listen(socketPath, resolve));
			const child = spawn(process.execPath, ['--import', 'tsx', 'source/cli.ts', '--json', '--host', `unix://${socketPath}`, '--timeout', '600000', '--offline'], {
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			child.stdout.on('data', chunk => (stdout += String(chunk)));
			child.stderr.on('data', chunk => (stderr += String(chunk)));
			try {
				await acceptedOnce;
				const sent = Date.now();
				child.kill(signal);
				const code = await new Promise<number | null>(resolve => child.on('exit', resolve));
				const ms = Date.now() - sent;
				assert.equal(code, 130, stderr);
				assert.ok(ms < 1000, `${ms} ms`);
				assert.equal(stdout, '');
				assert.doesNotMatch(stderr, /written to|not installed|not running/);
			} finally {
				child.kill('SIGKILL');
				server.close();
			}
		});
	}
});
