#!/usr/bin/env node
// Bundles the CLI into dist/ so that the published package installs nothing at run time.
// The interactive screens and the engine client are split into chunks loaded only when used.
import {build} from 'esbuild';
import {chmodSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';

const started = Date.now();
const stub = name => fileURLToPath(new URL(`stubs/${name}`, import.meta.url));

/** Never in the bundle: each one is either stubbed or unused, and each would cost size or a native build. */
const FORBIDDEN = ['ssh2', 'cpu-features', '@grpc/', 'protobufjs', 'dockerode/', 'docker-modem/', 'react-devtools-core', 'ws/', 'tar-fs'];

/** Ink's devtools module (React devtools + ws) is swapped for a no-op; see the stub. */
const stubInkDevtools = {
	name: 'stub-ink-devtools',
	setup(b) {
		b.onResolve({filter: /^\.\/devtools\.js$/}, args => (/[\\/]ink[\\/]build[\\/]/.test(args.importer) ? {path: stub('ink-devtools.mjs')} : undefined));
	},
};

/**
 * Yoga (Ink's layout engine) fetch()es its own inlined base64 wasm: touching fetch loads Node's
 * undici (~30 ms before Ink's first frame, more on a Pi). Its own decoder does the same work
 * without it, so the fetch branch is cut. A changed Yoga only loses the shortcut (a warning).
 */
const yogaWithoutFetch = {
	name: 'yoga-without-fetch',
	setup(b) {
		b.onLoad({filter: /[\\/]yoga-layout[\\/].*yoga-wasm-base64-esm\.js$/}, async args => {
			const text = readFileSync(args.path, 'utf8');
			const patched = text.replace(/return (\w+)\|\|"function"!=typeof fetch\?Promise/, 'return $1||!0?Promise');
			if (patched === text) console.warn('build: yoga-layout changed; its wasm is loaded through fetch() again');
			return {contents: patched, loader: 'js'};
		});
	},
};

rmSync('dist', {recursive: true, force: true});
const result = await build({
	entryPoints: {cli: 'source/cli.ts'},
	outdir: 'dist',
	bundle: true,
	splitting: true,
	format: 'esm',
	platform: 'node',
	target: 'node20',
	minify: true,
	// The licences of everything bundled go into one file instead (below).
	legalComments: 'none',
	metafile: true,
	logLevel: 'warning',
	plugins: [stubInkDevtools, yogaWithoutFetch],
	define: {'process.env.NODE_ENV': '"production"'},
	// Bundled CommonJS (some of Ink's dependencies) calls require() for Node's own modules.
	banner: {js: "import {createRequire as __cr} from 'node:module';const require=__cr(import.meta.url);"},
});

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

// The bin: CommonJS and ES5 so that any Node, even one that cannot parse the bundle (or ESM at
// all), prints one line instead of a SyntaxError. The import() is compiled only after the check.
writeFileSync(
	'dist/bin.cjs',
	`#!/usr/bin/env node
'use strict';
var major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
	process.stderr.write('chatmock-doctor needs Node.js 20 or newer, and this is Node.js ' + process.versions.node + '. Install a current Node.js (https://nodejs.org/) and run it again.\\n');
	process.exitCode = 2;
} else {
	new Function('u', 'return import(u)')(require('url').pathToFileURL(require('path').join(__dirname, 'cli.js')).href).catch(function (e) {
		process.stderr.write('chatmock-doctor: ' + (e && e.stack || e) + '\\n');
		process.exitCode = 2;
	});
}
`,
);
chmodSync('dist/bin.cjs', 0o755);

// --metafile FILE: for size analysis (esbuild's analyzer, bench/); never shipped.
const at = process.argv.indexOf('--metafile');
if (at > 0 && process.argv[at + 1]) writeFileSync(process.argv[at + 1], JSON.stringify(result.metafile));

const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.error(`built dist/ (${(bytes / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
