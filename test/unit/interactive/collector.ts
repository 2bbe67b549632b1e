// A collector the test drives: each call waits until the test releases it, step by step.
import type {CollectOptions, StepEvent} from '../../../source/facts/collect-types.js';
import type {EngineApi} from '../../../source/facts/engine/engine-api.js';
import type {Diagnosis} from '../../../source/diagnosis/types.js';
import type {Facts} from '../../../source/facts/types.js';
import {emptyFacts} from '../fix/doubles.js';

export interface CollectCall {
	readonly options: CollectOptions;
	step(event: StepEvent): void;
	finish(): void;
	fail(error: Error): void;
}

export function drivenCollector(diagnoses: Diagnosis[], engine?: EngineApi, {auto = false} = {}) {
	const calls: CollectCall[] = [];
	const facts: Facts[] = [];
	const collectFacts = (options: CollectOptions) =>
		new Promise<{facts: Facts; engine?: EngineApi}>((resolve, reject) => {
			const index = calls.length;
			const own: Facts = {...emptyFacts, signals: [], host: {osVersion: {value: String(index), source: {kind: 'derived', ref: 'test'}}}};
			facts.push(own);
			const call: CollectCall = {
				options,
				step: event => options.onStep?.(event),
				finish: () => resolve({facts: own, ...(engine ? {engine} : {})}),
				fail: reject,
			};
			calls.push(call);
			if (auto) call.finish();
		});
	// The n-th collection diagnoses as the n-th diagnosis (the last one repeats).
	const diagnose = (given: Facts) => diagnoses[Math.min(facts.indexOf(given), diagnoses.length - 1)]!;
	return {collectFacts, diagnose, calls};
}
