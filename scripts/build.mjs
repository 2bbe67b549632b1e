#!/usr/bin/env node
// Bundles the CLI into dist/ so that the published package installs nothing at run time.
// The interactive screens and the Docker client are split into chunks loaded only when used.
import {build} from 'esbuild';
import {rmSync} from 'node:fs';

const started = Date.now();
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
	legalComments: 'linked',
	metafile: true,
	logLevel: 'warning',
	// Ink loads React devtools only when DEV=true; a doctor never does.
	alias: {'react-devtools-core': './scripts/stubs/react-devtools-core.mjs'},
	// Optional native speed-ups of ssh2; it works without them.
	external: ['cpu-features', './crypto/build/Release/sshcrypto.node'],
	define: {'process.env.NODE_ENV': '"production"'},
	// Bundled CommonJS (dockerode, ssh2) expects require, __filename and __dirname.
	banner: {
		js: "import {createRequire as __cr} from 'node:module';import {fileURLToPath as __fu} from 'node:url';import {dirname as __dn} from 'node:path';const require=__cr(import.meta.url);const __filename=__fu(import.meta.url);const __dirname=__dn(__filename);",
	},
});
const bytes = Object.values(result.metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
console.error(`built dist/ (${(bytes / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
