'use strict';
// Loads the doctor's bundles with V8's code cache. Node 22 has its own, module.enableCompileCache(),
// which startBundle uses there (in the same private folder); older Node gets this loader. Compiling dist/cli.cjs and dist/interactive.cjs takes tens of
// milliseconds here and far more on a Pi Zero; a cached run reads the bytecode instead. The cache
// is written once per build and Node version, after the run (so it holds the functions that ran).
//
// It lives in the user's own cache folder and is used only when that folder is the user's alone:
// V8 checks a cache against its source's length, not its content, so a cache another user could
// write would run their code. Under sudo with someone else's HOME it is not used at all.
// NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it does for Node's own cache.
// Runs on Node 12 as the bundles do: plain builtin names, nothing newer than Node 12's fs.

const fs = require('fs');
const path = require('path');
const vm = require('vm');
const Module = require('module');

/**
 * Runs a bundle with a compile cache: Node's own where it has one (22.1+), else this loader.
 * @param {string} dir the folder of the bundles
 * @param {string} entry the bundle to run, e.g. 'cli.cjs'
 * @param {Record<string, string>} builds each bundle's content hash, written by the build
 * @param {{env: NodeJS.ProcessEnv, platform: string, uid?: number, home?: string}} host
 */
function startBundle(dir, entry, builds, host) {
	if (typeof Module.enableCompileCache !== 'function') return runWithCompileCache(dir, entry, builds, host);
	const folder = cacheFolder(host);
	// Node checks each cache against its source's hash; the folder stays the user's alone all the same.
	if (folder) {
		try {
			Module.enableCompileCache(path.join(folder, 'node'));
		} catch {
			// Only a speed-up: the doctor runs without it.
		}
	}
	return require(path.join(dir, entry));
}

/**
 * @param {string} dir the folder of the bundles
 * @param {string} entry the bundle to run, e.g. 'cli.cjs'
 * @param {Record<string, string>} builds each bundle's content hash, written by the build
 * @param {{env: NodeJS.ProcessEnv, platform: string, uid?: number, home?: string}} host
 */
function runWithCompileCache(dir, entry, builds, host) {
	const folder = cacheFolder(host);
	const pending = [];
	const load = name => {
		const file = path.join(dir, name);
		if (Module._cache[file]) return Module._cache[file].exports;
		const bundle = new Module(file, module);
		bundle.filename = file;
		bundle.paths = Module._nodeModulePaths(dir);
		// Known to Node's loader as any required module is (require.cache): loaded once, whoever asks.
		Module._cache[file] = bundle;
		// A hashbang is valid only at the very start of a script, not inside the module wrapper.
		const source = fs.readFileSync(file, 'utf8').replace(/^#!/, '//');
		const cacheFile = folder && builds[name] ? path.join(folder, `${name}-${builds[name]}-${process.version}-${process.arch}.v8`) : undefined;
		const cachedData = cacheFile ? readOwn(cacheFile, host) : undefined;
		const script = new vm.Script(Module.wrap(source), {filename: file, ...(cachedData ? {cachedData} : {})});
		if (cacheFile && (!cachedData || script.cachedDataRejected)) pending.push({script, cacheFile, name});
		const plainRequire = Module.createRequire(file);
		// A bundle that requires its sibling bundle gets it through the cache as well.
		const sibling = id => typeof id === 'string' && /^\.\/[\w-]+\.cjs$/.test(id) && builds[id.slice(2)] !== undefined;
		const require = Object.assign(id => (sibling(id) ? load(id.slice(2)) : plainRequire(id)), plainRequire);
		script.runInThisContext().call(bundle.exports, bundle.exports, require, bundle, file, dir);
		bundle.loaded = true;
		return bundle.exports;
	};
	if (folder) process.once('exit', () => writeCaches(folder, pending));
	return load(entry);
}

/** The user's cache folder for the doctor, made if missing; undefined where it would not be theirs alone. */
function cacheFolder(host) {
	const env = host.env;
	if (env.NODE_DISABLE_COMPILE_CACHE) return undefined;
	let base;
	if (host.platform === 'win32') base = env.LOCALAPPDATA;
	else if (host.platform === 'darwin') base = host.home && path.join(host.home, 'Library', 'Caches');
	else base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : host.home && path.join(host.home, '.cache');
	if (!base) return undefined;
	const folder = path.join(base, 'chatmock-doctor');
	try {
		// Under the home folder, the home must be ours (not so under sudo with the user's HOME); elsewhere the base itself.
		const inHome = host.home !== undefined && (base === host.home || base.startsWith(host.home + path.sep));
		if (!ownedByUs(inHome ? host.home : base, host, false)) return undefined;
		fs.mkdirSync(folder, {recursive: true, mode: 0o700});
		if (!ownedByUs(folder, host, false)) return undefined;
		// Ours: nobody else may write in it, whoever made it with looser rights.
		if (host.uid !== undefined) fs.chmodSync(folder, 0o700);
		return folder;
	} catch {
		return undefined;
	}
}

/** POSIX: owned by this user, a real folder or file (not a link), and for the cache itself nobody else's to write. */
function ownedByUs(target, host, privateToo) {
	if (host.uid === undefined) return true;
	const stat = fs.lstatSync(target);
	if (stat.isSymbolicLink() || stat.uid !== host.uid) return false;
	return !privateToo || (stat.mode & 0o022) === 0;
}

function readOwn(file, host) {
	try {
		if (!ownedByUs(file, host, true)) return undefined;
		return fs.readFileSync(file);
	} catch {
		return undefined;
	}
}

/** At exit, so the cache holds what ran; atomic (write, then rename), and older builds' caches go. */
function writeCaches(folder, pending) {
	for (const {script, cacheFile, name} of pending) {
		const temporary = `${cacheFile}.${process.pid}.tmp`;
		try {
			fs.writeFileSync(temporary, script.createCachedData(), {mode: 0o600});
			fs.renameSync(temporary, cacheFile);
			for (const old of fs.readdirSync(folder)) {
				if (old.startsWith(`${name}-`) && path.join(folder, old) !== cacheFile) removeFile(path.join(folder, old));
			}
		} catch {
			// A cache that cannot be written (a full disk, a read-only home) only means the next run compiles again.
			removeFile(temporary);
		}
	}
}

/** fs.rmSync came in Node 14.14; unlink does the same for a file, and a missing one is no error. */
function removeFile(file) {
	try {
		fs.unlinkSync(file);
	} catch {
		// Already gone, or not ours to remove: nothing more to do at exit.
	}
}

module.exports = {startBundle, runWithCompileCache, cacheFolder};
