import assert from 'node:assert/strict';
import {test} from 'node:test';
import {pageSizeFromAuxv} from '../../../../source/facts/parse/auxv.js';
import {auxv} from './auxv-bytes.js';

const PI5 = [
	[33, 0xffff_0000],
	[16, 0x0fff_fff],
	[6, 16384],
	[17, 100],
	[23, 0],
] as const;

test('pageSizeFromAuxv: AT_PAGESZ in 64- and 32-bit vectors of either byte order', () => {
	assert.equal(pageSizeFromAuxv(auxv(PI5, 8), 8), 16384);
	assert.equal(pageSizeFromAuxv(auxv(PI5, 8)), 16384);
	assert.equal(
		pageSizeFromAuxv(
			auxv(
				[
					[6, 4096],
					[23, 0],
				],
				4,
			),
			4,
		),
		4096,
	);
	assert.equal(
		pageSizeFromAuxv(
			auxv(
				[
					[16, 7],
					[6, 4096],
					[23, 0],
				],
				4,
			),
		),
		4096,
	);
	assert.equal(
		pageSizeFromAuxv(
			auxv(
				[
					[6, 65536],
					[23, 0],
				],
				8,
				false,
			),
		),
		65536,
	);
});

test('pageSizeFromAuxv: a wrong word size, no AT_PAGESZ, no terminator or junk give undefined', () => {
	assert.equal(pageSizeFromAuxv(auxv(PI5, 8), 4), undefined);
	assert.equal(
		pageSizeFromAuxv(
			auxv(
				[
					[16, 7],
					[17, 100],
				],
				8,
			),
		),
		undefined,
	);
	assert.equal(pageSizeFromAuxv(auxv(PI5, 8).subarray(0, 32)), undefined);
	assert.equal(pageSizeFromAuxv(auxv([[6, 3000]], 8)), undefined);
	assert.equal(pageSizeFromAuxv(new Uint8Array(0)), undefined);
	assert.equal(pageSizeFromAuxv(Uint8Array.from({length: 64}, (_, i) => (i * 7919) % 256)), undefined);
});
