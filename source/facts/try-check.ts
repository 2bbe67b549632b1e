import type {CollectOptions} from './collect-types.js';
import type {EngineApi} from './engine/engine-api.js';
import type {Facts} from './types.js';

/**
 * The app's main check: collect the facts, then judge them with the injected rules. Generic over
 * what the rules return, so the facts layer does not depend on the diagnosis it feeds.
 */
export type CollectFactsFn = (options: CollectOptions) => Promise<{readonly facts: Facts; readonly engine?: EngineApi}>;

/** Collect options without the per-run parts (a signal, the step listener). */
export type CollectBase = Omit<CollectOptions, 'onStep' | 'signal'>;

export interface CheckedWith<D> {
	readonly facts: Facts;
	readonly engine?: EngineApi;
	readonly diagnosis: D;
}

export type CheckResultWith<D> = {readonly ok: true; readonly checked: CheckedWith<D>} | {readonly ok: false; readonly message: string};

/** Collect + judge once; a throwing collector or rule becomes a failed result, never a crash. */
export async function tryCheck<D>(collectFacts: CollectFactsFn, judge: (facts: Facts) => D, collect: CollectBase, extra: Pick<CollectOptions, 'signal' | 'onStep'> = {}): Promise<CheckResultWith<D>> {
	try {
		const {facts, engine} = await collectFacts({...collect, ...extra});
		return {ok: true, checked: {facts, diagnosis: judge(facts), ...(engine ? {engine} : {})}};
	} catch (error) {
		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}

/** tryCheck, with the failure reported as undefined. */
export async function checkOnce<D>(
	collectFacts: CollectFactsFn,
	judge: (facts: Facts) => D,
	collect: CollectBase,
	extra: Pick<CollectOptions, 'signal' | 'onStep'> = {},
): Promise<CheckedWith<D> | undefined> {
	const result = await tryCheck(collectFacts, judge, collect, extra);
	return result.ok ? result.checked : undefined;
}
