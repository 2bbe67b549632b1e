#!/usr/bin/env node
// Bundles the CLI into dist/ so that the published package installs nothing at run time.
// Two CommonJS bundles (Node loads CommonJS ~15 ms faster than ES modules, and only CommonJS can
// use the compile cache on Node 20, see source/boot/compile-cache.cjs): dist/cli.cjs, everything
// but the screens, and dist/interactive.cjs (Ink, React, Yoga), required only when the interactive
// doctor is shown. dist/bin.cjs starts them. Both load dist/yaml.cjs (the compose file reader's
// YAML library, about a third of the package) when they read a compose file: one copy, not one
// each. --no-minify keeps names readable for a CPU profile; --outdir DIR (inside the project)
// builds elsewhere than dist/, for the build's own test.
import {build} from 'esbuild';
import {createHash} from 'node:crypto';
import {chmodSync, copyFileSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';

const started = Date.now();
const outAt = process.argv.indexOf('--outdir');
const OUT = outAt > 0 && process.argv[outAt + 1] ? process.argv[outAt + 1].replace(/\/+$/, '') : 'dist';
const out = name => `${OUT}/${name}`;
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

/** The YAML library is its own bundle beside the two others, which both require it from there. */
const yamlBeside = {
	name: 'yaml-beside',
	setup(b) {
		b.onResolve({filter: /^yaml$/}, () => ({path: './yaml.cjs', external: true}));
	},
};

/**
 * The source files both bundles use (the fix, the Markdown report, …) live in the core only: the
 * core hands them out by path through one global function, and the screens, which the core loads,
 * ask it for each. One copy in the package, one instance at run time.
 */
const CORE_MODULES = "globalThis[Symbol.for('chatmock-doctor.core-modules')]";
const coreModulesOut = shared => ({
	name: 'core-modules-out',
	setup(b) {
		if (shared.length === 0) return;
		b.onLoad({filter: /[\\/]source[\\/]cli\.ts$/}, args => {
			// require() keeps each module lazy: it runs when the screens first ask for it, as an import() in the core would.
			const table = shared.map(file => `${JSON.stringify(file)}: () => require(${JSON.stringify(resolve(file))})`).join(',\n');
			const lookup = `${CORE_MODULES} = (id: string): unknown => ({${table}} as Record<string, () => unknown>)[id]!();\n`;
			const [, hashbang = '', text] = /^(#![^\n]*\n)?([^]*)$/.exec(readFileSync(args.path, 'utf8'));
			return {contents: `${hashbang}${lookup}${text}`, loader: 'ts'};
		});
	},
});
const coreModulesIn = shared => ({
	name: 'core-modules-in',
	setup(b) {
		const paths = new Map(shared.map(file => [resolve(file), file]));
		b.onResolve({filter: /^\./}, async args => {
			if (paths.size === 0 || args.pluginData === 'core-modules-in' || !/[\\/]source[\\/]/.test(args.importer)) return undefined;
			const found = await b.resolve(args.path, {kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'core-modules-in'});
			const file = found.errors.length === 0 ? paths.get(found.path) : undefined;
			return file === undefined ? undefined : {path: file, namespace: 'core-module'};
		});
		b.onLoad({filter: /.*/, namespace: 'core-module'}, args => ({contents: `module.exports = ${CORE_MODULES}(${JSON.stringify(args.path)});`, loader: 'js'}));
	},
});

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
	outdir: OUT,
	// Set here, not read from tsconfig.json alone: a build context without it (a container image's) still gets React 19's JSX.
	jsx: 'automatic',
	// import.meta does not exist in CommonJS: the few modules that read its url get the file's.
	define: {'process.env.NODE_ENV': '"production"', 'import.meta.url': '__importMetaUrl'},
	banner: {js: "var __importMetaUrl=require('url').pathToFileURL(__filename).href;"},
};

const buildCore = (shared, write) =>
	build({
		...common,
		write,
		entryPoints: {cli: 'source/cli.ts'},
		// Lowered for Node 12; what its runtime lacks, source/compat/ adds before anything else runs.
		target: 'node12',
		inject: ['source/compat/install.ts'],
		plugins: [coreModulesOut(shared), screensBeside, yamlBeside, builtinsForNode12],
		// The screens are CommonJS too: require() them, without starting Node's ES module loader.
		supported: {'dynamic-import': false},
	});
const buildScreens = (shared, write) =>
	build({
		...common,
		write,
		entryPoints: {interactive: 'source/presentation/interactive/run-interactive.tsx'},
		plugins: [coreModulesIn(shared), yamlBeside, stubInkDevtools, yogaBinarySync, yogaIndexSync, inkWithoutAwait, quickStringWidth, lazyGraphemes],
		// The bundles run as vm scripts (the compile cache, source/boot/), where import() has no loader: require() yaml.cjs.
		supported: {'dynamic-import': false},
	});
const sourceInputs = b =>
	Object.values(b.metafile.outputs)
		.flatMap(o => Object.keys(o.inputs))
		.filter(input => !input.includes('node_modules/'));

rmSync(OUT, {recursive: true, force: true});
// A first look (nothing written) finds the source files both bundles would hold; the screens then take those from the core.
const [firstCore, firstScreens] = await Promise.all([buildCore([], false), buildScreens([], false)]);
const inCore = new Set(sourceInputs(firstCore));
const shared = sourceInputs(firstScreens)
	.filter(input => inCore.has(input))
	.sort();
const [core, screens, yaml] = await Promise.all([
	buildCore(shared, true),
	buildScreens(shared, true),
	build({
		...common,
		// Loaded by the core, so on Node 12 too, after source/compat/ has filled in what that Node lacks.
		entryPoints: {yaml: createRequire(import.meta.url).resolve('yaml')},
		target: 'node12',
		plugins: [builtinsForNode12],
	}),
]);
const builds = [core, screens, yaml];
const result = {metafile: {inputs: Object.assign({}, ...builds.map(b => b.metafile.inputs)), outputs: Object.assign({}, ...builds.map(b => b.metafile.outputs))}};
const coreInputs = Object.values(core.metafile.outputs).flatMap(o => Object.keys(o.inputs));
const heavy = coreInputs.filter(input => /node_modules[\\/](ink|react|yoga-layout)[\\/]/.test(input));
if (heavy.length > 0) {
	console.error(`build: the core bundle took in the screens' libraries (${heavy[0]}…); import them only from the interactive part`);
	process.exit(1);
}

// A builtin required at run time by a `node:` name (e.g. through createRequire) is out of the plugin's sight.
for (const name of ['cli.cjs', 'yaml.cjs']) {
	const prefixed = /require\)?\(["']node:[\w/]+["']\)|\w\(["']node:[\w/]+["']\)/.exec(readFileSync(out(name), 'utf8'));
	if (prefixed) {
		console.error(`build: ${out(name)} loads ${prefixed[0]} at run time, which Node 12 cannot; use the plain name`);
		process.exit(1);
	}
}
// One copy of everything: the YAML library only in yaml.cjs, nothing the core holds in the screens' bundle.
const twice = Object.keys(screens.metafile.outputs[out('interactive.cjs')].inputs).filter(input => input in core.metafile.outputs[out('cli.cjs')].inputs);
const yamlInside = [core, screens].flatMap(b => Object.values(b.metafile.outputs).flatMap(o => Object.keys(o.inputs))).filter(input => /node_modules[\\/]yaml[\\/]/.test(input));
if (twice.length > 0 || yamlInside.length > 0) {
	console.error(`build: a library is bundled twice (${[...twice, ...yamlInside][0]}…); make it its own bundle as yaml.cjs is`);
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
writeFileSync(out('THIRD-PARTY-LICENSES.txt'), `chatmock-doctor bundles these packages:\n\n${notices.join(`\n${'-'.repeat(72)}\n\n`)}`);

// The bin (ES5, source/bin.cjs) and its compile cache, told each bundle's content hash.
const hashes = Object.fromEntries(
	['cli.cjs', 'interactive.cjs', 'yaml.cjs'].map(name => [
		name,
		createHash('sha256')
			.update(readFileSync(out(name)))
			.digest('hex')
			.slice(0, 16),
	]),
);
const bin = readFileSync('source/bin.cjs', 'utf8');
if (!bin.includes('var BUILDS = {};')) throw new Error('build: source/bin.cjs lost its BUILDS line');
writeFileSync(out('bin.cjs'), bin.replace('var BUILDS = {};', `var BUILDS = ${JSON.stringify(hashes)};`));
copyFileSync('source/boot/compile-cache.cjs', out('compile-cache.cjs'));
chmodSync(out('bin.cjs'), 0o755);
// The collector for machines without Node (a POSIX sh script) ships beside the bundles.
copyFileSync('collect.sh', out('collect.sh'));
chmodSync(out('collect.sh'), 0o755);

// --metafile FILE: for size analysis (esbuild's analyzer, bench/); never shipped.
const at = process.argv.indexOf('--metafile');
if (at > 0 && process.argv[at + 1]) writeFileSync(process.argv[at + 1], JSON.stringify(result.metafile));

const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.error(`built ${OUT}/ (${(bytes / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
