// The shipped bundles hold each piece of code once: the YAML library only in yaml.cjs, and the
// source files both the core and the screens use only in the core, which hands them to the screens
// at run time. Built by scripts/build.mjs into a folder of its own (not dist/).
import assert from 'node:assert/strict';
import {spawnSync} from 'node:child_process';
import {readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const OUT = 'node_modules/.cache/chatmock-doctor-build-test';
const read = (name: string) => readFileSync(join(ROOT, OUT, name), 'utf8');
/** What the screens ask the core for, by source path. */
const asked = (text: string) => [...text.matchAll(/Symbol\.for\("chatmock-doctor\.core-modules"\)\]\("([^"]+)"\)/g)].map(m => m[1]!);

describe('the bundles', () => {
	before(() => {
		const built = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', OUT], {cwd: ROOT, encoding: 'utf8'});
		assert.equal(built.status, 0, built.stderr);
	});
	after(() => rmSync(join(ROOT, OUT), {recursive: true, force: true}));

	it('are three, each named in the bin with its content hash (so the compile cache covers yaml.cjs too)', () => {
		const builds = /var BUILDS = (\{[^}]*\});/.exec(read('bin.cjs'))?.[1];
		assert.deepEqual(Object.keys(JSON.parse(builds ?? '{}') as object).sort(), ['cli.cjs', 'interactive.cjs', 'yaml.cjs']);
	});

	it('hold the YAML library once, in yaml.cjs, which the core requires (the screens read compose files through the core)', () => {
		assert.ok(read('yaml.cjs').includes('"YAMLParseError"'));
		for (const name of ['cli.cjs', 'interactive.cjs']) assert.ok(!read(name).includes('YAMLParseError'), `${name} holds the YAML library`);
		assert.ok(read('cli.cjs').includes('require("./yaml.cjs")'));
	});

	it("the screens take the core's source files from the core: the Markdown report's text is in cli.cjs only", () => {
		assert.ok(read('cli.cjs').includes('Raw report (JSON)'));
		assert.ok(!read('interactive.cjs').includes('Raw report (JSON)'));
		assert.ok(asked(read('interactive.cjs')).includes('source/presentation/render/markdown.ts'));
	});

	it('the core, once loaded, answers every module the screens ask for', () => {
		const ids = [...new Set(asked(read('interactive.cjs')))];
		assert.ok(ids.length > 10, `${ids.length}`);
		const script = [
			`process.argv = [process.argv[0], 'cli', '--version'];`,
			`require(${JSON.stringify(join(ROOT, OUT, 'cli.cjs'))});`,
			`const core = globalThis[Symbol.for('chatmock-doctor.core-modules')];`,
			`const ids = ${JSON.stringify(ids)};`,
			`const missing = ids.filter(id => { const m = core(id); return !m || Object.keys(m).length === 0; });`,
			`const md = core('source/presentation/render/markdown.ts');`,
			`console.log(JSON.stringify({missing, renderMarkdown: typeof md.renderMarkdown}));`,
		].join('\n');
		const run = spawnSync(process.execPath, ['-e', script], {cwd: ROOT, encoding: 'utf8'});
		assert.equal(run.status, 0, run.stderr);
		const answer = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as {missing: string[]; renderMarkdown: string};
		assert.deepEqual(answer, {missing: [], renderMarkdown: 'function'});
	});
});
