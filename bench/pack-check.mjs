#!/usr/bin/env node
// `npm run pack:check`: what `npm publish` would ship (prepack builds first), checked without publishing.
import {spawnSync} from 'node:child_process';

const LIMIT = 600 * 1024;
const run = spawnSync('npm', ['pack', '--dry-run', '--json'], {encoding: 'utf8'});
if (run.status !== 0) {
	console.error(run.stderr);
	process.exit(1);
}
const [info] = JSON.parse(run.stdout.slice(run.stdout.indexOf('[')));
const paths = info.files.map(f => f.path);
const problems = [
	info.size >= LIMIT && `tarball is ${info.size} bytes (limit ${LIMIT})`,
	!paths.includes('dist/bin.cjs') && 'dist/bin.cjs (the bin) is missing',
	!paths.includes('LICENSE') && 'LICENSE is missing',
	...paths.filter(p => !/^(dist\/|LICENSE$|README\.md$|package\.json$)/.test(p)).map(p => `unexpected file ${p}`),
].filter(Boolean);
console.log(`${info.filename}: ${(info.size / 1024).toFixed(0)} KB packed, ${(info.unpackedSize / 1024).toFixed(0)} KB unpacked, ${paths.length} files`);
for (const problem of problems) console.error(`pack:check: ${problem}`);
process.exit(problems.length > 0 ? 1 : 0);
