// The real-host corpus: every host under test/fixtures/hosts (collected from public issues,
// test data and documentation, each naming its source) must get exactly the platform its
// expected.json names, through a paste (triage) and through a folder laid out like `/` (--root).
// When a shared host corpus sits next to the repository (../shared/corpus/hosts), its hosts are
// run too, pasted the way a user would paste those files; at least 95% of them must agree.
// Next to accuracy both corpora count the CONFIDENTLY WRONG verdicts (a platform that is not the
// expected one, at medium or high confidence): that count must be 0, and both figures are printed.
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';

import {diagnose} from '../../source/diagnosis/diagnose.js';
import {engineProduct} from '../../source/diagnosis/engine-product.js';
import {FINDING_IDS, type Confidence, type Diagnosis} from '../../source/diagnosis/types.js';
import {probeHost} from '../../source/facts/host/probe-host.js';
import {createRootHost} from '../../source/facts/seam/root-host.js';
import {triageText} from '../../source/facts/triage/triage-text.js';
import type {Facts} from '../../source/facts/types.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ownCorpus = join(repoRoot, 'test', 'fixtures', 'hosts');
// Next to the repository, or next to the folder that holds this worktree.
const sharedCorpus =
	[resolve(repoRoot, '..', 'shared', 'corpus', 'hosts'), resolve(repoRoot, '..', '..', 'shared', 'corpus', 'hosts')].find(dir => existsSync(dir)) ??
	resolve(repoRoot, '..', 'shared', 'corpus', 'hosts');

interface OwnExpected {
	readonly platform: string | null;
	/** Other verdicts that are right too, when the paste cannot settle it (null = "no platform"). */
	readonly acceptable?: readonly (string | null)[];
	/** The most the doctor may claim: a paste that cannot settle it says "low". */
	readonly maxConfidence?: Confidence;
	/** The kind of evidence the host stands for, for the per-kind report. */
	readonly kind?: string;
	readonly findings?: readonly string[];
	readonly wsl?: 'none' | 'wsl1' | 'wsl2';
	readonly engineProduct?: string | null;
	readonly description: string;
	readonly source: string;
	readonly notes?: string;
}

interface SharedExpected {
	readonly recommendedPlatform: string;
	readonly host?: string;
}

function hostFolders(dir: string): string[] {
	return readdirSync(dir)
		.filter(name => statSync(join(dir, name)).isDirectory())
		.sort();
}

function readJson<T>(path: string): T {
	return JSON.parse(readFileSync(path, 'utf8')) as T;
}

async function rootFacts(dir: string): Promise<Facts> {
	const host = await probeHost(createRootHost(dir));
	return {origin: 'root', host, signals: []};
}

const RANK: Readonly<Record<Confidence, number>> = {low: 0, medium: 1, high: 2};

interface Expectation {
	readonly platform: string | null;
	readonly acceptable?: readonly (string | null)[];
	readonly maxConfidence?: Confidence;
	readonly findings?: readonly string[];
}

function allowedPlatforms(expected: Expectation): (string | null)[] {
	return [expected.platform, ...(expected.acceptable ?? [])];
}

/** A platform that is not an allowed one, claimed at medium or high confidence: the one error a doctor must not make. */
function confidentlyWrong(diagnosis: Diagnosis, expected: Expectation): boolean {
	const {platform, confidence} = diagnosis.verdict;
	return platform !== null && !allowedPlatforms(expected).includes(platform) && RANK[confidence] >= RANK.medium;
}

/** What went wrong, or undefined when the diagnosis matches. */
function mismatch(diagnosis: Diagnosis, expected: Expectation): string | undefined {
	const problems: string[] = [];
	const {platform, confidence} = diagnosis.verdict;
	if (!allowedPlatforms(expected).includes(platform)) {
		const also = expected.acceptable?.length ? ` (or ${expected.acceptable.map(String).join(', ')})` : '';
		problems.push(`platform ${String(platform)} at ${confidence} confidence, expected ${String(expected.platform)}${also} (${diagnosis.verdict.reason})`);
	}
	if (expected.maxConfidence && RANK[confidence] > RANK[expected.maxConfidence]) {
		problems.push(`confidence ${confidence}, at most ${expected.maxConfidence} expected: the paste cannot settle it`);
	}
	const findings = expected.findings ?? [];
	const ids = new Set<string>(diagnosis.findings.map(finding => finding.id));
	const missing = findings.filter(id => !ids.has(id));
	if (missing.length > 0) problems.push(`missing findings ${missing.join(', ')} (got ${[...ids].join(', ') || 'none'})`);
	return problems.length > 0 ? problems.join('; ') : undefined;
}

/** The product and WSL kind a fixture names, when it names them. */
function sideMismatch(facts: Facts, expected: OwnExpected): string | undefined {
	const problems: string[] = [];
	if (expected.engineProduct !== undefined) {
		const product = engineProduct(facts.engine) ?? null;
		if (product !== expected.engineProduct) problems.push(`engine product ${String(product)}, expected ${String(expected.engineProduct)}`);
	}
	if (expected.wsl !== undefined) {
		const wsl = facts.host.wsl?.value ?? 'none';
		if (wsl !== expected.wsl) problems.push(`wsl ${wsl}, expected ${expected.wsl}`);
	}
	return problems.length > 0 ? problems.join('; ') : undefined;
}

/** One run of one host: a paste (triage) or a folder (--root). */
interface Run {
	readonly name: string;
	readonly via: 'paste' | 'root';
	readonly kind: string;
	readonly problem: string | undefined;
	readonly confidentlyWrong: boolean;
}

async function runOwnHost(name: string, via: 'paste' | 'root'): Promise<Run> {
	const dir = join(ownCorpus, name);
	const expected = readJson<OwnExpected>(join(dir, 'expected.json'));
	const facts = via === 'paste' ? triageText(readFileSync(join(dir, 'paste.md'), 'utf8')) : await rootFacts(join(dir, 'root'));
	const diagnosis = diagnose(facts);
	const problem = mismatch(diagnosis, expected) ?? (via === 'paste' ? sideMismatch(facts, expected) : undefined);
	return {name, via, kind: expected.kind ?? 'other', problem, confidentlyWrong: confidentlyWrong(diagnosis, expected)};
}

function ownRuns(name: string): ('paste' | 'root')[] {
	const dir = join(ownCorpus, name);
	return [...(existsSync(join(dir, 'paste.md')) ? (['paste'] as const) : []), ...(existsSync(join(dir, 'root')) ? (['root'] as const) : [])];
}

/** "accuracy 131/133 (98.5%), confidently wrong 0": the figures CI logs keep. */
function figures(runs: readonly {problem: string | undefined; confidentlyWrong: boolean}[]): string {
	const right = runs.filter(run => run.problem === undefined).length;
	const wrong = runs.filter(run => run.confidentlyWrong).length;
	return `accuracy ${right}/${runs.length} (${((right / Math.max(runs.length, 1)) * 100).toFixed(1)}%), confidently wrong ${wrong}`;
}

describe('own host corpus (test/fixtures/hosts)', () => {
	const names = hostFolders(ownCorpus);

	test('holds at least 40 hosts, each with data, a source and a known expectation', () => {
		assert.ok(names.length >= 40, `only ${names.length} hosts`);
		const sources = readFileSync(join(ownCorpus, 'SOURCES.md'), 'utf8');
		for (const name of names) {
			const dir = join(ownCorpus, name);
			const expected = readJson<OwnExpected>(join(dir, 'expected.json'));
			assert.ok(existsSync(join(dir, 'paste.md')) || existsSync(join(dir, 'root')), `${name}: no paste.md and no root/`);
			assert.ok('platform' in expected, `${name}: expected.json has no platform`);
			assert.ok(expected.source.length > 0 && expected.description.length > 0, `${name}: source or description missing`);
			for (const id of expected.findings ?? []) {
				assert.ok((FINDING_IDS as readonly string[]).includes(id), `${name}: unknown finding id ${id}`);
			}
			if (expected.maxConfidence !== undefined) assert.ok(expected.maxConfidence in RANK, `${name}: maxConfidence ${expected.maxConfidence}`);
			assert.ok(sources.includes(`\`${name}\``), `${name}: not listed in SOURCES.md`);
		}
	});

	for (const name of names) {
		const expected = readJson<OwnExpected>(join(ownCorpus, name, 'expected.json'));
		for (const via of ownRuns(name)) {
			test(`${name} (${via}): ${String(expected.platform)}`, async () => {
				const run = await runOwnHost(name, via);
				assert.equal(run.problem, undefined, `${name} ${via}: ${run.problem ?? ''}\n  ${expected.description}\n  source: ${expected.source}`);
			});
		}
	}

	test('figures: accuracy and confidently wrong verdicts (none allowed), by kind of evidence', async t => {
		const runs: Run[] = [];
		for (const name of names) for (const via of ownRuns(name)) runs.push(await runOwnHost(name, via));
		const line = `own corpus: ${figures(runs)}`;
		t.diagnostic(line);
		const kinds = [...new Set(runs.map(run => run.kind))].sort();
		for (const kind of kinds) t.diagnostic(`  ${kind}: ${figures(runs.filter(run => run.kind === kind))}`);
		const wrong = runs.filter(run => run.confidentlyWrong);
		assert.equal(wrong.length, 0, `confidently wrong:\n  ${wrong.map(run => `${run.name} (${run.via}): ${run.problem ?? ''}`).join('\n  ')}`);
	});
});

/** Files of a shared host folder, in the order a user would paste them, with the command that shows each. */
const SHARED_FILES: readonly (readonly [file: string, command: string | undefined])[] = [
	['uname-m.txt', '$ uname -m'],
	['dpkg-print-architecture.txt', '$ dpkg --print-architecture'],
	['proc/device-tree/model', '$ cat /proc/device-tree/model'],
	['proc/cpuinfo', '$ cat /proc/cpuinfo'],
	['proc/sysinfo', '$ cat /proc/sysinfo'],
	['lscpu.txt', '$ lscpu'],
	['docker-version.txt', '$ docker version'],
	['docker-info.txt', '$ docker info'],
	['docker-info.json', "$ docker info --format '{{json .}}'"],
	['podman-info.json', '$ podman info --format json'],
	['sbc-bench-excerpt.txt', undefined],
];

/** The folder's files as one paste: each in its own fence, under the command that prints it. */
function sharedPaste(dir: string): string {
	const blocks: string[] = [];
	for (const [file, command] of SHARED_FILES) {
		const path = join(dir, file);
		if (!existsSync(path)) continue;
		// The terminal shows nothing for the NUL that ends /proc/device-tree/model.
		const body = readFileSync(path, 'utf8').replaceAll('\0', '').replace(/\n+$/, '');
		blocks.push(['```', ...(command === undefined ? [] : [command]), body, '```'].join('\n'));
	}
	return `${blocks.join('\n\n')}\n`;
}

describe('shared host corpus (../shared/corpus/hosts)', {skip: existsSync(sharedCorpus) ? false : 'no shared corpus next to the repository'}, () => {
	test('at least 95% of the shared hosts get their recommended platform, none confidently wrong', async t => {
		const names = hostFolders(sharedCorpus);
		assert.ok(names.length > 0, 'the shared corpus holds no hosts');
		const failures: string[] = [];
		const runs: {problem: string | undefined; confidentlyWrong: boolean}[] = [];
		const wrong: string[] = [];
		for (const name of names) {
			const dir = join(sharedCorpus, name);
			const expected = readJson<SharedExpected>(join(dir, 'expected.json'));
			const platform = expected.recommendedPlatform === 'unsupported' ? null : expected.recommendedPlatform;
			const problems: string[] = [];
			const judge = (via: string, diagnosis: Diagnosis) => {
				const problem = mismatch(diagnosis, {platform});
				const isWrong = confidentlyWrong(diagnosis, {platform});
				runs.push({problem, confidentlyWrong: isWrong});
				if (problem !== undefined) problems.push(`${via}: ${problem}`);
				if (isWrong) wrong.push(`${name} (${via}): ${problem ?? ''}`);
			};
			try {
				judge('paste', diagnose(triageText(sharedPaste(dir))));
			} catch (error) {
				problems.push(`paste threw ${String(error)}`);
			}
			// A root run needs what a real / has; a folder with only the board's model says too little.
			if (existsSync(join(dir, 'proc', 'cpuinfo'))) {
				try {
					judge('root', diagnose(await rootFacts(dir)));
				} catch (error) {
					problems.push(`root threw ${String(error)}`);
				}
			}
			if (problems.length > 0) failures.push(`${name}: ${problems.join(' | ')}`);
		}
		const passed = names.length - failures.length;
		const share = passed / names.length;
		const line = `shared corpus: ${passed}/${names.length} hosts pass; runs ${figures(runs)}`;
		t.diagnostic(line);
		assert.equal(wrong.length, 0, `confidently wrong:\n  ${wrong.join('\n  ')}`);
		assert.ok(share >= 0.95, `${passed}/${names.length} shared hosts pass (${(share * 100).toFixed(1)}%, need 95%):\n  ${failures.join('\n  ')}`);
	});
});
