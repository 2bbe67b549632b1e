/** Timer functions, injectable so tests drive time themselves. */
export interface Clock {
	now(): number;
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
	now: () => Date.now(),
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface Throttled<T> {
	(value: T): void;
	/** Delivers a pending value now (at the end of a pull). */
	flush(): void;
	/** Drops a pending value (on unmount). */
	cancel(): void;
}

/**
 * Calls `deliver` at most once per `intervalMs` with the latest value; a value that arrives in
 * between is delivered at the end of the interval, so the last one is never lost.
 */
export function throttleLatest<T>(deliver: (value: T) => void, intervalMs: number, clock: Clock = systemClock): Throttled<T> {
	let last = Number.NEGATIVE_INFINITY;
	let pending: {value: T} | undefined;
	let timer: unknown;

	const fire = () => {
		timer = undefined;
		if (!pending) return;
		const {value} = pending;
		pending = undefined;
		last = clock.now();
		deliver(value);
	};

	const throttled = ((value: T) => {
		pending = {value};
		const wait = last + intervalMs - clock.now();
		if (wait <= 0) {
			if (timer !== undefined) clock.clearTimeout(timer);
			fire();
		} else {
			timer ??= clock.setTimeout(fire, wait);
		}
	}) as Throttled<T>;
	throttled.flush = () => {
		if (timer !== undefined) clock.clearTimeout(timer);
		fire();
	};
	throttled.cancel = () => {
		if (timer !== undefined) clock.clearTimeout(timer);
		timer = undefined;
		pending = undefined;
	};
	return throttled;
}
