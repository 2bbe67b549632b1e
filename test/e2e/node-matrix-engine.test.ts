// The packed doctor against the harness's real engine on Node 12 to 24 (official binaries, see
// test/helpers/node-binaries.ts): `--json` live gives what Node 20 gives, and the non-interactive
// `--fix --yes` pulls the right platform, verifies it and pins compose on each of them.
// The offline half of the matrix (triage, --report, --root, snapshots) is test/node-matrix/.
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync, mkdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {MATRIX_MAJORS, matrixProblem, nodeTarball, packedBin, runFolder, runPacked, unpackNode} from '../helpers/node-binaries.js';
import {harness, releaseHarness, skipE2E, unregister, type Harness} from './harness/index.js';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * What may legitimately differ between two runs a few seconds apart, whatever the Node: the order
 * of the engine's image list (Docker sorts it by creation time, and the harness's images share one,
 * so equal ones come in Go's map order), and with it the order of the findings about each image.
 * Those lists are compared as sets; nothing else is touched (the report holds no timings and no Node version).
 */
function normalise(json: string): unknown {
	const report = JSON.parse(json) as Record<string, unknown>;
	for (const key of ['images', 'containers', 'findings']) {
		const list = report[key];
		if (Array.isArray(list))
			report[key] = list
				.map(item => JSON.stringify(item))
				.sort()
				.map(text => JSON.parse(text) as unknown);
	}
	return report;
}

describe('the packed doctor on Node 12 to 24 against a real engine', {skip: skipE2E || matrixProblem() || false, timeout: 20 * 60_000}, () => {
	let h: Harness;
	let ref: string;
	let dir: string;
	let bin: string;
	let env: NodeJS.ProcessEnv;
	const nodes = new Map<number, string>();

	const run = (major: number, args: readonly string[], cwd = dir) => runPacked(nodes.get(major)!, bin, args, {cwd, env});

	before(async () => {
		h = await harness();
		ref = h.multiPlatformRef;
		unregister('qemu-aarch64');
		dir = runFolder('chatmock-doctor-node-matrix-e2e-');
		bin = packedBin(ROOT, dir);
		for (const major of MATRIX_MAJORS) nodes.set(major, unpackNode(nodeTarball(major), dir));
		const cacheHome = join(dir, 'cache-home');
		mkdirSync(cacheHome, {mode: 0o700});
		env = h.childEnv({XDG_CACHE_HOME: cacheHome, HOME: dir, CI: 'true'});
		delete env['NODE_OPTIONS'];
		delete env['NODE_TEST_CONTEXT'];
	});
	after(async () => {
		await h?.removeContainers();
		if (dir) rmSync(dir, {recursive: true, force: true});
		await releaseHarness();
	});

	test('--json live: the same report and exit code as Node 20 on every Node', async () => {
		await h.loadImage('arm64', ref);
		const reference = await run(20, ['--json', '--offline', '--image', ref]);
		assert.equal(reference.code, 1, reference.stderr);
		const report = normalise(reference.stdout) as {images: {ref: string; runs: string}[]; engine: {failure: unknown}};
		assert.equal(report.engine.failure, null);
		assert.equal(report.images.find(i => i.ref === ref)?.runs, 'fails');
		for (const major of MATRIX_MAJORS.filter(m => m !== 20)) {
			const got = await run(major, ['--json', '--offline', '--image', ref]);
			assert.equal(got.code, reference.code, `Node ${major}: ${got.stderr}`);
			assert.equal(got.stderr, reference.stderr, `Node ${major}`);
			assert.deepEqual(normalise(got.stdout), report, `Node ${major}`);
		}
	});

	for (const major of MATRIX_MAJORS) {
		test(`--fix --yes on Node ${major}: the right platform pulled, verified, compose pinned, exit 0`, async () => {
			await h.loadImage('arm64', ref);
			const project = join(dir, `project-${major}`);
			mkdirSync(project);
			writeFileSync(join(project, 'compose.yaml'), `services:\n  chatmock:\n    image: ${ref}\n`);
			// No --image: the compose file in the folder names the image, so the fix pins it there.
			const fixed = await run(major, ['--fix', '--yes', '--offline'], project);
			assert.equal(fixed.code, 0, `${fixed.stdout}\n${fixed.stderr}`);
			const inspect = await h.docker(['image', 'inspect', '--format', '{{.Os}}/{{.Architecture}}', ref]);
			assert.equal(inspect.stdout.trim(), 'linux/amd64');
			assert.match(readFileSync(join(project, 'compose.yaml'), 'utf8'), /platform: linux\/amd64/);
		});
	}
});
