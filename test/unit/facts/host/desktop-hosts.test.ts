// macOS and Windows machines and Docker set-ups from public threads (test/fixtures/desktop-hosts):
// their real outputs fed through the in-memory host into probeHost, the endpoint resolver and,
// where a paste is quoted, triage. Each must give the facts its owner's machine had.
import assert from 'node:assert/strict';
import {createHash} from 'node:crypto';
import {readdirSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, test} from 'node:test';
import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import {contextDigest, resolveEndpoint} from '../../../../source/facts/engine/endpoint.js';
import {probeHost} from '../../../../source/facts/host/probe-host.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';

const DIR = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'desktop-hosts');

interface Fixture {
	readonly description: string;
	readonly source: string;
	readonly shown: readonly string[];
	readonly metadataPath?: string;
	readonly host: {
		readonly uname: {readonly sysname: string; readonly machine: string};
		readonly node: {readonly arch: string; readonly platform: string};
		readonly env?: Record<string, string>;
		readonly home?: string;
		readonly files?: Record<string, string>;
		readonly commands?: Record<string, string>;
	};
	readonly expect: Record<string, unknown>;
	readonly paste?: string;
	readonly pasteSignals?: readonly string[];
	readonly pasteEngine?: Record<string, string>;
}

const HOST_KEYS = ['osKind', 'rosettaTranslated', 'arm64Capable', 'cpuModel', 'nodeArch', 'kernelMachine', 'wsl'] as const;

function memoryHost(fixture: Fixture) {
	const {host} = fixture;
	const files: Record<string, string> = {};
	// {digest:NAME}: the CLI's folder for a context, computed here as the CLI does.
	for (const [path, content] of Object.entries(host.files ?? {})) {
		files[path.replace(/\{digest:([^}]+)\}/, (_m, name: string) => createHash('sha256').update(name).digest('hex'))] = content;
	}
	return createMemoryHost({
		kind: 'live',
		uname: host.uname,
		node: {arch: host.node.arch, platform: host.node.platform, version: 'v22.12.0'},
		...(host.env ? {env: host.env} : {}),
		...(host.home ? {home: host.home} : {}),
		files,
		commands: Object.fromEntries(Object.entries(host.commands ?? {}).map(([line, stdout]) => [line, {ok: true, stdout: `${stdout}\n`, stderr: '', exitCode: 0}])),
	});
}

const fixtures = readdirSync(DIR)
	.filter(name => name.endsWith('.json'))
	.sort()
	.map(name => ({name, fixture: JSON.parse(readFileSync(join(DIR, name), 'utf8')) as Fixture}));

test('the fixtures are there, each with its public source and the lines it quotes', () => {
	assert.ok(fixtures.length >= 9);
	for (const {name, fixture} of fixtures) {
		assert.match(fixture.source, /^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/(?:issues|pull)\/\d+$/, name);
		assert.ok(fixture.shown.length > 0, name);
	}
});

describe('desktop hosts', () => {
	for (const {name, fixture} of fixtures) {
		test(`${name}: ${fixture.description}`, async () => {
			const host = memoryHost(fixture);
			const facts = await probeHost(host);
			for (const key of HOST_KEYS) {
				if (!(key in fixture.expect)) continue;
				assert.equal(facts[key]?.value, fixture.expect[key], `${key} (${facts[key]?.source.ref ?? 'no source'})`);
			}
			if (typeof fixture.expect['platform'] === 'string') {
				assert.equal(diagnose({origin: 'live', host: facts, signals: []}).verdict.platform, fixture.expect['platform']);
			}
			if (typeof fixture.expect['endpoint'] === 'string') {
				const resolved = await resolveEndpoint(host);
				assert.ok(resolved.ok, JSON.stringify(resolved));
				assert.equal(resolved.facts.host, fixture.expect['endpoint']);
				assert.equal(resolved.facts.reason, fixture.expect['reason']);
				if ('context' in fixture.expect) assert.equal(resolved.facts.context, fixture.expect['context']);
				if ('alternatives' in fixture.expect) assert.deepEqual(resolved.facts.alternatives, fixture.expect['alternatives']);
			}
			if (fixture.metadataPath) {
				// The folder the CLI itself printed for this context is the one the doctor reads.
				assert.equal(fixture.metadataPath.split('/').pop(), contextDigest(String(fixture.expect['context'])));
			}
			if (fixture.paste !== undefined) {
				const pasted = triageText(fixture.paste);
				for (const kind of fixture.pasteSignals ?? [])
					assert.ok(
						pasted.signals.some(s => s.kind === kind),
						`signal ${kind}`,
					);
				for (const [key, value] of Object.entries(fixture.pasteEngine ?? {})) {
					assert.equal((pasted.engine as Record<string, {value: unknown} | undefined> | null | undefined)?.[key]?.value, value, key);
				}
			}
		});
	}
});
