import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, describe, it} from 'node:test';
import {pathToFileURL} from 'node:url';
import {removeTempDir, tempDir} from '../../helpers/temp-dir.js';

const HELPER = pathToFileURL(join(import.meta.dirname, '..', '..', 'helpers', 'temp-dir.ts')).href;

// Each case runs in its own Node process with its own TMPDIR, so "left behind" means "in that folder".
const own = mkdtempSync(join(tmpdir(), 'cmd-temp-dir-test-'));
after(() => rmSync(own, {recursive: true, force: true}));

/** Runs `body` (module code using tempDir) in a child whose TMPDIR is a fresh folder; returns that folder's entries after it exits. */
function leftBy(name: string, body: string): {status: number | null; left: string[]} {
	const tmp = join(own, name);
	const script = join(own, `${name}.mts`);
	writeFileSync(script, `import {tempDir} from ${JSON.stringify(HELPER)};\nimport {writeFileSync} from 'node:fs';\n${body}\n`);
	mkdirSync(tmp);
	const child = spawnSync(process.execPath, ['--import', 'tsx', script], {env: {...process.env, TMPDIR: tmp, TSX_DISABLE_CACHE: '1'}, encoding: 'utf8'});
	return {status: child.status, left: readdirSync(tmp)};
}

describe("tempDir, the tests' one temporary folder maker", () => {
	it('makes a fresh folder named by its prefix under the temporary folder', () => {
		const dir = tempDir('cmd-temp-dir-');
		assert.ok(existsSync(dir));
		assert.match(dir, /cmd-temp-dir-\w{6}$/);
		assert.notEqual(tempDir('cmd-temp-dir-'), dir);
		removeTempDir(dir);
		assert.equal(existsSync(dir), false);
	});

	it('removes what it made when the process ends, full or empty', () => {
		const run = leftBy('ends', "const dir = tempDir('cmd-a-');\nwriteFileSync(dir + '/file', 'x');\ntempDir('cmd-b-');");
		assert.equal(run.status, 0);
		assert.deepEqual(run.left, []);
	});

	it('removes it when a test throws and the process exits with a failure', () => {
		const run = leftBy('throws', "tempDir('cmd-c-');\nthrow new Error('a failing test');");
		assert.equal(run.status, 1);
		assert.deepEqual(run.left, []);
	});
});
