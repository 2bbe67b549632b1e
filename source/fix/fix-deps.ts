import type {CheckedWith, CheckResultWith} from '../facts/try-check.js';
import type {Facts} from '../facts/types.js';
import type {Diagnosis} from '../diagnosis/types.js';
import type {Report} from '../presentation/report-model.js';

/** The shapes of diagnose and buildReport, injected so every flow runs on doubles in tests. */
export type {CollectBase, CollectFactsFn} from '../facts/try-check.js';
export type DiagnoseFn = (facts: Facts) => Diagnosis;
export type BuildReportFn = (facts: Facts, diagnosis: Diagnosis, version: string) => Report;

export type Checked = CheckedWith<Diagnosis>;
export type CheckResult = CheckResultWith<Diagnosis>;
