// Property: hostile strings (escape sequences, C1 and BiDi controls, any code point) generated
// into every string of a recorded machine — files, environment, command output, every engine
// answer — never reach --json, --report or --plain raw, on stdout or stderr; a token planted
// beside them never survives redaction.
import assert from 'node:assert/strict';
import {writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, it} from 'node:test';
import fc from 'fast-check';
import {renderJson} from '../../../source/presentation/render/json.js';
import {renderMarkdown} from '../../../source/presentation/render/markdown.js';
import {renderPlain} from '../../../source/presentation/render/plain.js';
import {isNeutral} from '../../../source/text/sanitize.js';
import {serializeSnapshot} from '../../../source/snapshot/write-snapshot.js';
import {createRedactor} from '../../../source/report/redact.js';
import {redactSnapshot} from '../../../source/report/redact-snapshot.js';
import type {Snapshot} from '../../../source/snapshot/snapshot.js';
import {recordedPiSnapshot} from '../snapshot/scenarios.js';
import {sampleReport} from '../report/sample-report.js';
import {runCliInProcess as cli} from '../../helpers/cli-in-process.js';
import {tempDir} from '../../helpers/temp-dir.js';

const DANGER = [
	'\u001B]52;c;ZWNobyBwd25lZA==\u0007',
	'\u001B[2J',
	'\u001BP1$r\u001B\\',
	'\u009B31m',
	'\u009D0;t\u009C',
	'\u202E',
	'\u202A',
	'\u2066',
	'\u2069',
	'\u200E',
	'\u200F',
	'\u061C',
	'\u2028',
	'\u0085',
	'\r',
	'\u0000',
	'\u0007',
	'\u007F',
];
const hostile = fc
	.array(fc.oneof(fc.constantFrom(...DANGER), fc.string({unit: 'binary', maxLength: 6})), {minLength: 1, maxLength: 6})
	.map(parts => parts.join(''))
	.filter(text => !isNeutral(text));
// Assembled at run time: no token-shaped literal in the repository.
const PLANTED = ['ghp', '_', 'Q'.repeat(6), 'planted', '0123456789abcdefghijklmnopq'].join('').slice(0, 40);

/** Every string leaf, with a path to set it. */
function stringLeaves(value: unknown, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
	if (typeof value === 'string') out.push(path);
	else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) stringLeaves(item, [...path, Array.isArray(value) ? Number(key) : key], out);
	return out;
}

describe('hostile strings in every field reach no output raw', () => {
	it('a recorded machine with hostile text in every string: --json, --report, --plain', async () => {
		const base = JSON.parse(await recordedPiSnapshot()) as Record<string, unknown>;
		// Strings that steer the replay (schema, method names, endpoints, command names) stay, and base64 records are
		// bytes (withheld, not rewritten, when they hold a known name); every other string is fair game.
		const fixed = /^(schema|createdAt|method|endpoint|file|kind|hasEngine|code|ok|base64)$/;
		const leaves = stringLeaves(base).filter(path => !fixed.test(String(path.at(-1))) && !(path[0] === 'tool'));
		const folder = tempDir('cmd-everywhere-');
		await fc.assert(
			fc.asyncProperty(fc.array(hostile, {minLength: leaves.length, maxLength: leaves.length}), async texts => {
				const copy = structuredClone(base);
				leaves.forEach((path, index) => {
					let at = copy as Record<string | number, unknown>;
					for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
					const last = path.at(-1)!;
					// Appended, so the fact still parses; the token sits beside the hostile text.
					at[last] = `${String(at[last])}${texts[index]} ${PLANTED}`;
				});
				const file = join(folder, 'snap.json');
				writeFileSync(file, JSON.stringify(copy));
				// The snapshot format itself: written redacted, as `snapshot` does.
				const written = serializeSnapshot(redactSnapshot(copy as unknown as Snapshot, createRedactor({})));
				assert.ok(isNeutral(written), 'the snapshot carries a raw control');
				assert.ok(!written.includes(PLANTED), 'the snapshot keeps the planted token');
				for (const format of [['--json'], ['--report'], ['--plain']]) {
					const run = await cli(['--from', file, ...format]);
					assert.ok([0, 1, 2].includes(run.code), `${format[0]}: exit ${run.code}`);
					assert.ok(isNeutral(run.stdout), `${format[0]} stdout carries a raw control: ${JSON.stringify(run.stdout.slice(0, 200))}`);
					assert.ok(isNeutral(run.stderr), `${format[0]} stderr carries a raw control`);
					assert.ok(!run.stdout.includes(PLANTED), `${format[0]} keeps the planted token`);
				}
			}),
			{numRuns: 12, seed: 42},
		);
	});

	it('hostile strings in every field of a report: every renderer', () => {
		const base = sampleReport({hostile: true}) as unknown as Record<string, unknown>;
		// A severity picks the colour: the diagnosis sets it from a closed list, never from foreign text.
		const leaves = stringLeaves(base).filter(path => path.at(-1) !== 'severity');
		fc.assert(
			fc.property(fc.array(hostile, {minLength: leaves.length, maxLength: leaves.length}), texts => {
				const copy = structuredClone(base);
				leaves.forEach((path, index) => {
					let at = copy as Record<string | number, unknown>;
					for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
					at[path.at(-1)!] = `${String(at[path.at(-1)!])}${texts[index]}`;
				});
				const report = copy as unknown as Parameters<typeof renderJson>[0];
				assert.ok(isNeutral(renderJson(report)), 'json');
				assert.ok(isNeutral(renderMarkdown(report)), 'markdown');
				assert.ok(isNeutral(renderPlain(report, {color: false, ascii: false})), 'plain');
				assert.ok(isNeutral(renderPlain(report, {color: true, ascii: true}).replace(/\u001B\[[0-9;]*m/g, '')), 'plain, colour');
			}),
			{numRuns: 60, seed: 7},
		);
	});
});
