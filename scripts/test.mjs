#!/usr/bin/env node
// Runs the whole suite: type check, unit tests, then end-to-end tests against a real Docker
// engine, registry and QEMU that test/e2e/setup brings up itself (and takes down afterwards).
// --unit or --e2e runs one part only.
import {spawnSync} from 'node:child_process';
import {readdirSync, statSync} from 'node:fs';
import {join} from 'node:path';

const args = new Set(process.argv.slice(2));
const only = args.has('--unit') ? 'unit' : args.has('--e2e') ? 'e2e' : 'all';

function findTests(dir) {
	const out = [];
	let names = [];
	try {
		names = readdirSync(dir);
	} catch {
		return out;
	}
	for (const name of names.sort()) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) out.push(...findTests(path));
		else if (/\.test\.tsx?$/.test(name)) out.push(path);
	}
	return out;
}

function run(command, commandArgs, env = {}) {
	const result = spawnSync(command, commandArgs, {stdio: 'inherit', env: {...process.env, ...env}});
	return result.status ?? 1;
}

let failed = false;
if (only !== 'e2e') {
	if (run('npx', ['tsc', '--noEmit']) !== 0) failed = true;
	const unit = findTests('test/unit');
	if (run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...unit]) !== 0) failed = true;
}
if (only !== 'unit') {
	const e2e = findTests('test/e2e');
	if (e2e.length > 0) {
		if (run(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...e2e]) !== 0) failed = true;
	}
}
process.exit(failed ? 1 : 0);
