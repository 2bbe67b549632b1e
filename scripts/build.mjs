#!/usr/bin/env node
// Bundles the CLI into dist/ so that the published package installs nothing at run time.
// Two CommonJS bundles (Node loads CommonJS ~15 ms faster than ES modules, and only CommonJS can
// use the compile cache on Node 20, see source/boot/compile-cache.cjs): dist/cli.cjs, everything
// but the screens, and dist/interactive.cjs (Ink, React, Yoga), required only when the interactive
// doctor is shown. dist/bin.cjs starts them. --no-minify keeps names readable for a CPU profile.
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const started = Date.now();
const stub = name => fileURLToPath(new URL(`stubs/${name}`, import.meta.url));

/** Never in the bundle: each one is either stubbed or unused, and each would cost size or a native build. */
const FORBIDDEN = ['wrap-ansi/node_modules/string-width/', 'emoji-regex/', 'ssh2', 'cpu-features', '@grpc/', 'protobufjs', 'dockerode/', 'docker-modem/', 'react-devtools-core', 'ws/', 'tar-fs'];

/** Ink's devtools module (React devtools + ws) is swapped for a no-op; see the stub. */
const stubInkDevtools = {
	name: 'stub-ink-devtools',
	setup(b) {
		b.onResolve({filter: /^\.\/devtools\.js$/}, args => (/[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: stub('ink-devtools.mjs')} : undefined));
	},
};

/**
 * Patches a dependency's file at build time. Each patch names what it expects to find: a changed
 * dependency fails the build with that name instead of shipping something that half works.
 */
function patchFile(name, filter, edit) {
	return {
		name,
		setup(b) {
			b.onLoad({filter}, async args => {
				const text = readFileSync(args.path, 'utf8');
				const patched = edit(text);
				if (patched === undefined || patched === text) throw new Error(`${name}: ${args.path} no longer looks as expected; update the patch in scripts/build.mjs`);
				return {contents: patched, loader: 'js'};
			});
		},
	};
}

/**
 * Yoga (Ink's layout engine) instantiates its inlined wasm asynchronously, behind a top-level
 * await that keeps the screens out of CommonJS (and out of the compile cache, see source/bin.cjs).
 * Its Emscripten loader takes a synchronous path instead: the wasm (~90 KB) is decoded by Yoga's
 * own function and instantiated at once, which also never touches fetch() (Node's undici: ~30 ms).
 */
const yogaBinarySync = patchFile('yoga-sync-binary', /[\\/]yoga-layout[\\/]dist[\\/]binaries[\\/]yoga-wasm-base64-esm\.js$/, text => {
	const decoder = /function \w+\(\)\{return \w+\|\|"function"!=typeof fetch\?Promise\.resolve\(\)\.then\(function\(\)\{return (\w+)\(\)\}\)/.exec(text)?.[1];
	const hook = /if\((\w+)\.instantiateWasm\)try\{return \1\.instantiateWasm\((\w+),\s*(\w+)\)\}/;
	if (decoder === undefined || !hook.test(text)) return undefined;
	return text.replace(hook, (_m, _module, imports, done) => `try{return ${done}(new WebAssembly.Instance(new WebAssembly.Module(${decoder}()),${imports})),{}}`);
});
const yogaIndexSync = patchFile('yoga-sync-index', /[\\/]yoga-layout[\\/]dist[\\/]src[\\/]index\.js$/, text => {
	const awaited = 'const Yoga = wrapAssembly(await loadYoga());';
	if (!text.includes(awaited)) return undefined;
	// The patched loader has filled the module object by the time it returns (its promise is settled too).
	return text.replace(awaited, 'const yogaModule = {};\nloadYoga(yogaModule);\nif (!yogaModule.asm) throw new Error("Yoga did not load");\nconst Yoga = wrapAssembly(yogaModule);');
});
/** Ink's two other top-level awaits serve React devtools under DEV=true, which this build stubs. */
const inkWithoutAwait = patchFile('ink-without-await', /[\\/]ink[\\/]build[\\/]reconciler\.js$/, text => {
	const devtools = "await import('./devtools.js');";
	const packageJson = '? await loadPackageJson()';
	if (!text.includes(devtools) || !text.includes(packageJson)) return undefined;
	return text.replace(devtools, "import('./devtools.js').catch(() => undefined);").replace(packageJson, '? {name: undefined, version: undefined}');
});

/** ansi-tokenize's and slice-ansi's Intl.Segmenter is made only for lines that need it; see the stub. */
const lazyGraphemes = patchFile('lazy-graphemes', /[\\/](@alcalzone[\\/]ansi-tokenize[\\/]build[\\/]tokenize|slice-ansi[\\/]tokenize-ansi)\.js$/, text => {
	const made = /new Intl\.Segmenter\(undefined, ?\{ ?granularity: ?["']grapheme["'] ?\}\)/g;
	if (!made.test(text)) return undefined;
	return `import {graphemeSegmenter as __graphemeSegmenter} from ${JSON.stringify(stub('graphemes.mjs'))};\n${text.replace(made, '__graphemeSegmenter()')}`;
});

/** Every string-width Ink and its helpers import measures simple text without the emoji regex; see the stub. */
const quickStringWidth = {
	name: 'quick-string-width',
	setup(b) {
		// The stub itself falls back to the real string-width 8.
		b.onResolve({filter: /^string-width$/}, args => (args.importer === stub('string-width.cjs') ? undefined : {path: stub('string-width.cjs')}));
	},
};

/**
 * The core runs on Node 12 (the Node of Ubuntu 22.04 and Raspberry Pi OS bullseye), which loads
 * no `node:` specifier: builtins are required by their plain names. fs/promises came in Node 14;
 * Node 12 has it as fs.promises. A builtin Node 12 lacks altogether fails the build.
 */
const NODE12_LACKS = ['timers/promises', 'stream/promises', 'readline/promises', 'util/types', 'diagnostics_channel', 'test', 'sqlite'];
const builtinsForNode12 = {
	name: 'builtins-for-node12',
	setup(b) {
		b.onResolve({filter: /^node:/}, args => resolveBuiltin(args.path.slice('node:'.length)));
		b.onResolve({filter: /^(fs\/promises|timers\/promises|stream\/promises|readline\/promises|util\/types)$/}, args => resolveBuiltin(args.path));
		b.onLoad({filter: /^fs-promises$/, namespace: 'compat'}, () => ({contents: "module.exports = require('fs').promises;", loader: 'js'}));
		function resolveBuiltin(name) {
			if (name === 'fs/promises') return {path: 'fs-promises', namespace: 'compat'};
			if (NODE12_LACKS.includes(name)) return {errors: [{text: `${name} does not exist in Node 12; use an older API or add it to source/compat/`}]};
			return {path: name, external: true};
		}
	},
};

/** The core imports the screens by their source path; in dist/ they are the file beside it. */
const screensBeside = {
	name: 'screens-beside',
	setup(b) {
		b.onResolve({filter: /[\\/]presentation[\\/]interactive[\\/]run-interactive\.js$/}, () => ({path: './interactive.cjs', external: true}));
	},
};

const common = {
	bundle: true,
	platform: 'node',
	target: 'node20',
	minify: !process.argv.includes('--no-minify'),
	// The licences of everything bundled go into one file instead (below).
	legalComments: 'none',
	metafile: true,
	logLevel: 'warning',
	format: 'cjs',
	outExtension: {'.js': '.cjs'},
	outdir: 'dist',
	// import.meta does not exist in CommonJS: the few modules that read its url get the file's.
	define: {'process.env.NODE_ENV': '"production"', 'import.meta.url': '__importMetaUrl'},
	banner: {js: "var __importMetaUrl=require('url').pathToFileURL(__filename).href;"},
};

rmSync('dist', {recursive: true, force: true});
const [core, screens] = await Promise.all([
	build({
		...common,
		entryPoints: {cli: 'source/cli.ts'},
		// Lowered for Node 12; what its runtime lacks, source/compat/ adds before anything else runs.
		target: 'node12',
		inject: ['source/compat/install.ts'],
		plugins: [screensBeside, builtinsForNode12],
		// The screens are CommonJS too: require() them, without starting Node's ES module loader.
		supported: {'dynamic-import': false},
	}),
	build({
		...common,
		entryPoints: {interactive: 'source/presentation/interactive/run-interactive.tsx'},
		plugins: [stubInkDevtools, yogaBinarySync, yogaIndexSync, inkWithoutAwait, quickStringWidth, lazyGraphemes],
	}),
]);
const result = {metafile: {inputs: {...core.metafile.inputs, ...screens.metafile.inputs}, outputs: {...core.metafile.outputs, ...screens.metafile.outputs}}};
const coreInputs = Object.values(core.metafile.outputs).flatMap(o => Object.keys(o.inputs));
const heavy = coreInputs.filter(input => /node_modules[\\/](ink|react|yoga-layout)[\\/]/.test(input));
if (heavy.length > 0) {
	console.error(`build: the core bundle took in the screens' libraries (${heavy[0]}…); import them only from the interactive part`);
	process.exit(1);
}

// A builtin required at run time by a `node:` name (e.g. through createRequire) is out of the plugin's sight.
const coreText = readFileSync('dist/cli.cjs', 'utf8');
const prefixed = /require\)?\(["']node:[\w/]+["']\)|\w\(["']node:[\w/]+["']\)/.exec(coreText);
if (prefixed) {
	console.error(`build: the core bundle loads ${prefixed[0]} at run time, which Node 12 cannot; use the plain name`);
	process.exit(1);
}

const inputs = Object.values(result.metafile.outputs).flatMap(o => Object.keys(o.inputs));
const leaked = FORBIDDEN.filter(name => inputs.some(input => input.includes(`node_modules/${name}`)));
if (leaked.length > 0) {
	console.error(`build: ${leaked.join(', ')} ended up in the bundle; stub or alias it in scripts/build.mjs`);
	process.exit(1);
}

// The bundled packages' licences (MIT and alike ask for their notice to travel with the code).
const packageDirs = [...new Set(inputs.map(input => input.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//)?.[1]).filter(Boolean))].sort();
const notices = packageDirs.map(dir => {
	const {name, version, license} = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
	const file = readdirSync(dir).find(f => /^(licen[cs]e|copying)/i.test(f));
	return `${name}@${version} (${license ?? 'see its package'})\n\n${file ? readFileSync(join(dir, file), 'utf8').trim() : ''}\n`;
});
writeFileSync('dist/THIRD-PARTY-LICENSES.txt', `chatmock-doctor bundles these packages:\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`);

// The bin (ES5, source/bin.cjs) and its compile cache, told each bundle's content hash.
const builds = Object.fromEntries(
	['cli.cjs', 'interactive.cjs'].map(name => [
		name,
		createHash('sha256')
			.update(readFileSync(join('dist', name)))
			.digest('hex')
			.slice(0, 16),
	]),
);
const bin = readFileSync('source/bin.cjs', 'utf8');
if (!bin.includes('var BUILDS = {};')) throw new Error('build: source/bin.cjs lost its BUILDS line');
writeFileSync('dist/bin.cjs', bin.replace('var BUILDS = {};', `var BUILDS = ${JSON.stringify(builds)};`));
copyFileSync('source/boot/compile-cache.cjs', 'dist/compile-cache.cjs');
chmodSync('dist/bin.cjs', 0o755);
// The collector for machines without Node (a POSIX sh script) ships beside the bundles.
copyFileSync('collect.sh', 'dist/collect.sh');
chmodSync('dist/collect.sh', 0o755);

// --metafile FILE: for size analysis (esbuild's analyzer, bench/); never shipped.
const at = process.argv.indexOf('--metafile');
if (at > 0 && process.argv[at + 1]) writeFileSync(process.argv[at + 1], JSON.stringify(result.metafile));

const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.error(`built dist/ (${(bytes / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
