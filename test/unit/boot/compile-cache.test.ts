import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join} from 'node:path';
import {after, describe, test} from 'node:test';
import {tempDir} from '../../helpers/temp-dir.js';

const LOADER = join(import.meta.dirname, '..', '..', '..', 'source', 'boot', 'compile-cache.cjs');
const {cacheFolder} = createRequire(import.meta.url)(LOADER) as {
	cacheFolder(host: {env: NodeJS.ProcessEnv; platform: string; uid?: number; home?: string}): string | undefined;
};
const uid = process.getuid?.();
const posix = uid !== undefined;

describe('the compile cache', () => {
	const root = tempDir('chatmock-doctor-cache-');
	after(() => rmSync(root, {recursive: true, force: true}));
	const home = join(root, 'home');
	mkdirSync(home, {mode: 0o700});
	const bundles = join(root, 'dist');
	mkdirSync(bundles);
	// Two bundles as the build makes them: the entry (with a hashbang) requires its sibling.
	writeFileSync(
		join(bundles, 'cli.cjs'),
		"#!/usr/bin/env node\nconst screens = require('./interactive.cjs');\nprocess.stdout.write(JSON.stringify({answer: screens.answer, once: require('./interactive.cjs') === screens, known: Boolean(require.cache[__filename]), url: require('node:url').pathToFileURL(__filename).href.endsWith('/cli.cjs')}));\n",
	);
	writeFileSync(join(bundles, 'interactive.cjs'), 'module.exports = {answer: [1, 2, 3].map(n => n * 14).at(-1)};\n');
	const builds = {'cli.cjs': 'aaaa1111', 'interactive.cjs': 'bbbb2222'};

	const run = (env: NodeJS.ProcessEnv = {}, hostUid = uid) => {
		const script = `require(${JSON.stringify(LOADER)}).runWithCompileCache(${JSON.stringify(bundles)}, 'cli.cjs', ${JSON.stringify(builds)}, {env: process.env, platform: process.platform, uid: ${JSON.stringify(hostUid ?? null)} ?? undefined, home: ${JSON.stringify(home)}});`;
		const result = spawnSync(process.execPath, ['-e', script], {env: {PATH: process.env['PATH'], ...env}, encoding: 'utf8'});
		assert.equal(result.stderr, '');
		assert.equal(result.status, 0);
		assert.deepEqual(JSON.parse(result.stdout), {answer: 42, once: true, known: true, url: true});
	};
	const folder = join(home, '.cache', 'chatmock-doctor');
	const cached = () => readdirSync(folder).sort();

	test('the first run writes one private cache per bundle; the next reads them and writes nothing', () => {
		run();
		const files = cached();
		assert.deepEqual(
			files.map(f => f.replace(/-v\d+\.\d+\.\d+-\w+\.v8$/, '')),
			['cli.cjs-aaaa1111', 'interactive.cjs-bbbb2222'],
		);
		if (posix) {
			assert.equal(statSync(folder).mode & 0o777, 0o700);
			for (const file of files) assert.equal(statSync(join(folder, file)).mode & 0o777, 0o600);
		}
		const old = new Date(Math.floor(Date.now() / 1000) * 1000 - 60_000);
		for (const file of files) utimesSync(join(folder, file), old, old);
		run();
		for (const file of files) assert.ok(Math.abs(statSync(join(folder, file)).mtimeMs - old.getTime()) < 1, `${file} was written again`);
	});

	test('a cache V8 rejects (corrupt, or from other code of the same length) is replaced, and the run is unharmed', () => {
		const [file] = cached();
		writeFileSync(join(folder, file!), Buffer.alloc(4096, 7), {mode: 0o600});
		run();
		assert.notDeepEqual(readFileSync(join(folder, file!)), Buffer.alloc(4096, 7));
	});

	test("a cache others may write is not read, and a new build replaces the old build's files", {skip: !posix}, () => {
		const [file] = cached();
		writeFileSync(join(folder, file!), Buffer.alloc(4096, 9));
		chmodSync(join(folder, file!), 0o666);
		run();
		assert.equal(statSync(join(folder, file!)).mode & 0o777, 0o600);
		assert.notDeepEqual(readFileSync(join(folder, file!)), Buffer.alloc(4096, 9));
		builds['cli.cjs'] = 'cccc3333';
		run();
		assert.ok(cached().some(f => f.startsWith('cli.cjs-cccc3333')));
		assert.ok(!cached().some(f => f.startsWith('cli.cjs-aaaa1111')));
	});

	test('NODE_DISABLE_COMPILE_CACHE, a folder of another user, or one that is a link: no cache at all', () => {
		const host = {env: {} as NodeJS.ProcessEnv, platform: process.platform, uid, home};
		assert.equal(cacheFolder({...host, env: {NODE_DISABLE_COMPILE_CACHE: '1'}}), undefined);
		assert.equal(cacheFolder({...host, home: undefined}), undefined);
		if (!posix) return;
		// sudo with the user's HOME: root must not make root-owned files in someone else's home.
		assert.equal(cacheFolder({...host, uid: uid! + 4242}), undefined);
		const elsewhere = join(root, 'elsewhere');
		mkdirSync(elsewhere);
		const linked = join(root, 'linked-cache');
		symlinkSync(elsewhere, linked);
		assert.equal(cacheFolder({...host, env: {XDG_CACHE_HOME: linked}}), undefined);
		assert.equal(cacheFolder({...host, env: {XDG_CACHE_HOME: join(root, 'missing')}}), undefined);
		assert.equal(cacheFolder({...host, env: {XDG_CACHE_HOME: 'relative/path'}}), join(home, '.cache', 'chatmock-doctor'));
		run({NODE_DISABLE_COMPILE_CACHE: '1', XDG_CACHE_HOME: join(root, 'xdg')});
		mkdirSync(join(root, 'xdg'));
		run({XDG_CACHE_HOME: join(root, 'xdg')});
		assert.equal(readdirSync(join(root, 'xdg', 'chatmock-doctor')).length, 2);
	});
});
