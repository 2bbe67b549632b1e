import assert from 'node:assert/strict';
import {test} from 'node:test';
import fc from 'fast-check';
import {canonicalPlatform} from '../../../../source/diagnosis/platform.js';
import {parseCpuinfo} from '../../../../source/facts/parse/cpuinfo.js';
import {parseElfHeader} from '../../../../source/facts/parse/elf.js';
import {parseOsRelease} from '../../../../source/facts/parse/os-release.js';
import {decodePiRevision} from '../../../../source/facts/parse/pi-revision.js';
import {pasteSourceAt} from '../../../../source/facts/parse/source-at.js';
import {wslFromKernel} from '../../../../source/facts/parse/wsl.js';

const at = pasteSourceAt(1);
// Strings made of the characters these formats care about, so the property reaches their branches.
const structured = fc
	.array(fc.oneof(fc.constantFrom(':', '=', '\n', '\r', '\t', ' ', '"', "'", '\\', '#', 'processor', 'CPU architecture', 'Revision', 'Model', 'ID', '0x41', 'a02082'), fc.string()), {maxLength: 60})
	.map(parts => parts.join(''));
const text = fc.oneof(fc.string(), fc.string({unit: 'binary'}), structured);

test('parsers never throw on arbitrary text', () => {
	fc.assert(
		fc.property(text, input => {
			parseCpuinfo(input, at);
			parseOsRelease(input, at);
			decodePiRevision(input);
			wslFromKernel(input);
			canonicalPlatform(input);
		}),
		{numRuns: 2000},
	);
});

test('parseElfHeader never throws on arbitrary bytes and answers only valid headers', () => {
	const bytes = fc.oneof(
		fc.uint8Array({maxLength: 80}),
		fc.uint8Array({minLength: 16, maxLength: 64}).map(tail => Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, ...tail])),
	);
	fc.assert(
		fc.property(bytes, input => {
			const elf = parseElfHeader(input);
			if (elf) {
				assert.ok(elf.bits === 32 || elf.bits === 64);
				assert.equal(input[0], 0x7f);
			}
		}),
		{numRuns: 2000},
	);
});
