// The real-host corpus: every host under test/fixtures/hosts (collected from public issues,
// test data and documentation, each naming its source) must get exactly the platform its
// expected.json names, through a paste (triage) and through a folder laid out like `/` (--root).
// When a shared host corpus sits next to the repository (../shared/corpus/hosts), its hosts are
// run too, pasted the way a user would paste those files; at least 95% of them must agree.
import assert from 'node:assert/strict';
import {existsSync, readdirSync, readFileSync, statSync} from 'node:fs';
import {dirname, join, resolve} from 'node:path';
import {describe, test} from 'node:test';
import {fileURLToPath} from 'node:url';

import {diagnose} from '../../source/diagnosis/diagnose.js';
import {engineProduct} from '../../source/diagnosis/engine-product.js';
import {FINDING_IDS, type Diagnosis} from '../../source/diagnosis/types.js';
import {probeHost} from '../../source/facts/host/probe-host.js';
import {createRootHost} from '../../source/facts/seam/root-host.js';
import {triageText} from '../../source/facts/triage/triage-text.js';
import type {Facts} from '../../source/facts/types.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const ownCorpus = join(repoRoot, 'test', 'fixtures', 'hosts');
const sharedCorpus = resolve(repoRoot, '..', 'shared', 'corpus', 'hosts');

interface OwnExpected {
	readonly platform: string | null;
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

/** What went wrong, or undefined when the diagnosis matches. */
function mismatch(diagnosis: Diagnosis, platform: string | null, findings: readonly string[] = []): string | undefined {
	const problems: string[] = [];
	if (diagnosis.verdict.platform !== platform) {
		problems.push(`platform ${String(diagnosis.verdict.platform)}, expected ${String(platform)} (${diagnosis.verdict.reason})`);
	}
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
			assert.ok(sources.includes(`\`${name}\``), `${name}: not listed in SOURCES.md`);
		}
	});

	for (const name of names) {
		const dir = join(ownCorpus, name);
		const expected = readJson<OwnExpected>(join(dir, 'expected.json'));
		const pastePath = join(dir, 'paste.md');
		const rootPath = join(dir, 'root');

		if (existsSync(pastePath)) {
			test(`${name} (paste): ${String(expected.platform)}`, () => {
				const facts = triageText(readFileSync(pastePath, 'utf8'));
				const diagnosis = diagnose(facts);
				const problem = mismatch(diagnosis, expected.platform, expected.findings) ?? sideMismatch(facts, expected);
				assert.equal(problem, undefined, `${name} paste: ${problem ?? ''}\n  ${expected.description}\n  source: ${expected.source}`);
			});
		}
		if (existsSync(rootPath)) {
			test(`${name} (root): ${String(expected.platform)}`, async () => {
				const diagnosis = diagnose(await rootFacts(rootPath));
				const problem = mismatch(diagnosis, expected.platform, expected.findings);
				assert.equal(problem, undefined, `${name} root: ${problem ?? ''}\n  ${expected.description}\n  source: ${expected.source}`);
			});
		}
	}
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
	test('at least 95% of the shared hosts get their recommended platform', async () => {
		const names = hostFolders(sharedCorpus);
		assert.ok(names.length > 0, 'the shared corpus holds no hosts');
		const failures: string[] = [];
		for (const name of names) {
			const dir = join(sharedCorpus, name);
			const expected = readJson<SharedExpected>(join(dir, 'expected.json'));
			const platform = expected.recommendedPlatform === 'unsupported' ? null : expected.recommendedPlatform;
			const problems: string[] = [];
			try {
				const problem = mismatch(diagnose(triageText(sharedPaste(dir))), platform);
				if (problem !== undefined) problems.push(`paste: ${problem}`);
			} catch (error) {
				problems.push(`paste threw ${String(error)}`);
			}
			// A root run needs what a real / has; a folder with only the board's model says too little.
			if (existsSync(join(dir, 'proc', 'cpuinfo'))) {
				try {
					const problem = mismatch(diagnose(await rootFacts(dir)), platform);
					if (problem !== undefined) problems.push(`root: ${problem}`);
				} catch (error) {
					problems.push(`root threw ${String(error)}`);
				}
			}
			if (problems.length > 0) failures.push(`${name}: ${problems.join(' | ')}`);
		}
		const passed = names.length - failures.length;
		const share = passed / names.length;
		assert.ok(share >= 0.95, `${passed}/${names.length} shared hosts pass (${(share * 100).toFixed(1)}%, need 95%):\n  ${failures.join('\n  ')}`);
	});
});
