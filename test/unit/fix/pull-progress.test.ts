import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeProgress, emptySnapshot, formatBytes, fraction, reducePull} from '../../../source/fix/pull-progress.js';

test('per-layer and total bytes follow Downloading events; extraction counts as downloaded', () => {
	let s = emptySnapshot;
	s = reducePull(s, {id: 'latest', status: 'Pulling from thebtf/chatmock'}, 0);
	assert.equal(s.headline, 'Pulling from thebtf/chatmock');
	assert.equal(s.layers.length, 0);
	s = reducePull(s, {id: 'aaa', status: 'Pulling fs layer'}, 0);
	s = reducePull(s, {id: 'bbb', status: 'Pulling fs layer'}, 0);
	s = reducePull(s, {id: 'aaa', status: 'Downloading', current: 1000, total: 4000}, 500);
	s = reducePull(s, {id: 'bbb', status: 'Downloading', current: 500, total: 1000}, 1000);
	assert.equal(s.downloaded, 1500);
	assert.equal(s.total, 5000);
	assert.equal(s.speed, 1500); // 1500 bytes since the first layer event, 1 s earlier
	s = reducePull(s, {id: 'bbb', status: 'Extracting', current: 10, total: 99999}, 1100);
	assert.equal(s.layers.find(layer => layer.id === 'bbb')?.downloaded, 1000);
	s = reducePull(s, {id: 'bbb', status: 'Pull complete'}, 1200);
	assert.equal(s.layers.find(layer => layer.id === 'bbb')?.done, true);
	assert.deepEqual(
		s.layers.map(layer => layer.id),
		['aaa', 'bbb'],
	);
	assert.equal(fraction(s), 2000 / 5000);
	assert.match(describeProgress(s), /^2\.0 kB of 5\.0 kB, /);
});

test('samples older than the window do not count toward speed', () => {
	let s = emptySnapshot;
	s = reducePull(s, {id: 'a', status: 'Downloading', current: 0, total: 10_000_000}, 0);
	s = reducePull(s, {id: 'a', status: 'Downloading', current: 9_000_000, total: 10_000_000}, 10_000);
	assert.equal(s.speed, undefined);
	s = reducePull(s, {id: 'a', status: 'Downloading', current: 10_000_000, total: 10_000_000}, 11_000);
	assert.equal(s.speed, 1_000_000);
});

test('formatBytes uses decimal units', () => {
	assert.equal(formatBytes(0), '0 B');
	assert.equal(formatBytes(12_300), '12.3 kB');
	assert.equal(formatBytes(45_600_000), '45.6 MB');
});
