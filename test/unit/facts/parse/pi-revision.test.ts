import assert from 'node:assert/strict';
import {test} from 'node:test';
import {decodePiRevision} from '../../../../source/facts/parse/pi-revision.js';

// Codes from the Raspberry Pi documentation's revision-codes table.
const cases = [
	{code: 'a02082', expect: {processor: 'BCM2837', type: '3B', memoryMb: 1024, newStyle: true}},
	{code: '9000c1', expect: {processor: 'BCM2835', type: 'Zero W', memoryMb: 512, newStyle: true}},
	{code: 'a01041', expect: {processor: 'BCM2836', type: '2B', memoryMb: 1024, newStyle: true}},
	{code: 'c03111', expect: {processor: 'BCM2711', type: '4B', memoryMb: 4096, newStyle: true}},
	{code: 'd03114', expect: {processor: 'BCM2711', type: '4B', memoryMb: 8192, newStyle: true}},
	{code: '902120', expect: {processor: 'BCM2837', type: 'Zero 2 W', memoryMb: 512, newStyle: true}},
	{code: 'c04170', expect: {processor: 'BCM2712', type: '5', memoryMb: 4096, newStyle: true}},
	{code: 'e04171', expect: {processor: 'BCM2712', type: '5', memoryMb: 16384, newStyle: true}},
	{code: '000e', expect: {processor: 'BCM2835', type: 'B', memoryMb: 512, newStyle: false}},
	{code: '0010', expect: {processor: 'BCM2835', type: 'B+', memoryMb: 512, newStyle: false}},
	{code: '000d', expect: {processor: 'BCM2835', type: 'B', memoryMb: 512, newStyle: false}},
	{code: '1000000e', expect: {code: '000e', processor: 'BCM2835', type: 'B', newStyle: false}},
	{code: '0015', expect: {processor: 'BCM2835', type: 'A+', memoryMb: undefined, newStyle: false}},
] as const;

for (const {code, expect} of cases) {
	test(`decodePiRevision: ${code}`, () => {
		const decoded = decodePiRevision(code);
		assert.ok(decoded);
		for (const [key, value] of Object.entries(expect)) assert.equal(decoded[key as keyof typeof decoded], value, key);
	});
}

test('decodePiRevision: junk and unknown old-style codes → undefined', () => {
	for (const code of ['', '0000', '0001', '000a', 'zz', '12345678', 'a0f082', '0x', '100000000']) {
		assert.equal(decodePiRevision(code), undefined, code);
	}
});
