import {fact, type Fact} from '../../source/facts/fact.js';
import type {EngineFacts, Facts, HostFacts} from '../../source/facts/types.js';

/** Wraps plain values as facts cited to a test, so diagnosis tests read like the host they describe. */
export function f<T>(value: T, ref = 'test'): Fact<T> {
	return fact(value, {kind: 'derived', ref});
}

type Plain<T> = {[K in keyof T]?: T[K] extends Fact<infer V> | undefined ? V : never};

export function hostOf(values: Plain<HostFacts>): HostFacts {
	return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, f(v, k)])) as HostFacts;
}

export function engineOf(values: Plain<EngineFacts>): EngineFacts {
	return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, f(v, k)])) as EngineFacts;
}

export function factsOf(host: Plain<HostFacts>, extra: Partial<Omit<Facts, 'host'>> = {}): Facts {
	return {origin: 'live', signals: [], ...extra, host: hostOf(host)};
}
