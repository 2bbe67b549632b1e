import assert from 'node:assert/strict';
import {test} from 'node:test';
import {throttleLatest, type Clock} from '../../../source/fix/throttle.js';

function manualClock() {
	let now = 0;
	let timers: {at: number; callback: () => void; id: number}[] = [];
	let next = 1;
	const clock: Clock = {
		now: () => now,
		setTimeout(callback, ms) {
			const id = next++;
			timers.push({at: now + ms, callback, id});
			return id;
		},
		clearTimeout(handle) {
			timers = timers.filter(timer => timer.id !== handle);
		},
	};
	const advance = (ms: number) => {
		now += ms;
		const due = timers.filter(timer => timer.at <= now);
		timers = timers.filter(timer => timer.at > now);
		for (const timer of due) timer.callback();
	};
	return {clock, advance};
}

test('delivers at most one value per interval and never loses the last', () => {
	const {clock, advance} = manualClock();
	const seen: number[] = [];
	const throttled = throttleLatest<number>(value => seen.push(value), 100, clock);
	throttled(1);
	throttled(2);
	throttled(3);
	assert.deepEqual(seen, [1]);
	advance(50);
	throttled(4);
	assert.deepEqual(seen, [1]);
	advance(50);
	assert.deepEqual(seen, [1, 4]);
	for (let i = 5; i < 100; i++) {
		throttled(i);
		advance(10);
	}
	// 950 ms of events at 100/s: about 10 updates per second, not 95.
	assert.ok(seen.length <= 12, `too many updates: ${seen.length}`);
	throttled.flush();
	assert.equal(seen.at(-1), 99);
});

test('cancel drops a pending value', () => {
	const {clock, advance} = manualClock();
	const seen: number[] = [];
	const throttled = throttleLatest<number>(value => seen.push(value), 100, clock);
	throttled(1);
	throttled(2);
	throttled.cancel();
	advance(200);
	assert.deepEqual(seen, [1]);
});
