import type {CollectOptions} from '../facts/collect-types.js';
import type {EngineApi} from '../facts/engine/engine-api.js';
import type {Facts} from '../facts/types.js';
import type {Diagnosis} from '../diagnosis/types.js';
import type {Report} from '../presentation/report-model.js';

/** The shapes of collectFacts, diagnose and buildReport, injected so every flow runs on doubles in tests. */
export type CollectFactsFn = (options: CollectOptions) => Promise<{readonly facts: Facts; readonly engine?: EngineApi}>;
export type DiagnoseFn = (facts: Facts) => Diagnosis;
export type BuildReportFn = (facts: Facts, diagnosis: Diagnosis, version: string) => Report;

/** Collect options without the per-run parts (a signal, the step listener). */
export type CollectBase = Omit<CollectOptions, 'onStep' | 'signal'>;

export interface Checked {
	readonly facts: Facts;
	readonly engine?: EngineApi;
	readonly diagnosis: Diagnosis;
}

export type CheckResult = {readonly ok: true; readonly checked: Checked} | {readonly ok: false; readonly message: string};

/** Collect + diagnose once; a throwing collector or rule becomes a failed result, never a crash. */
export async function tryCheck(collectFacts: CollectFactsFn, diagnose: DiagnoseFn, collect: CollectBase, extra: Pick<CollectOptions, 'signal' | 'onStep'> = {}): Promise<CheckResult> {
	try {
		const {facts, engine} = await collectFacts({...collect, ...extra});
		return {ok: true, checked: {facts, diagnosis: diagnose(facts), ...(engine ? {engine} : {})}};
	} catch (error) {
		return {ok: false, message: error instanceof Error ? error.message : String(error)};
	}
}

/** tryCheck, with the failure reported as undefined. */
export async function checkOnce(collectFacts: CollectFactsFn, diagnose: DiagnoseFn, collect: CollectBase, extra: Pick<CollectOptions, 'signal' | 'onStep'> = {}): Promise<Checked | undefined> {
	const result = await tryCheck(collectFacts, diagnose, collect, extra);
	return result.ok ? result.checked : undefined;
}
