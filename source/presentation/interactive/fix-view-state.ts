import type {ConfirmRequest, FixOutcome, FixStep} from '../../fix/fix-flow.js';
import type {PullSnapshot} from '../../fix/pull-progress.js';
import type {FindingComparison} from '../../fix/recheck.js';
import type {ServingContainer} from '../../fix/recreate/health-proof.js';

/** What the fix screen shows, rebuilt from the flow's events by a pure reducer. */
export interface FixViewState {
	/** Rows in the order they first appeared, each at its latest status. */
	readonly steps: readonly FixStep[];
	readonly progress?: {readonly key: string; readonly snapshot: PullSnapshot};
	readonly confirm?: ConfirmRequest;
	readonly phase: 'running' | 'finished';
	readonly cancelled: boolean;
	/** Esc was pressed: the flow is winding down. */
	readonly cancelling: boolean;
	readonly comparison?: FindingComparison;
	/** Containers recreated on the verified image and proven to serve, each with whether its /health answered. */
	readonly serving: readonly ServingContainer[];
	/** Containers put back as they were after their replacement failed. */
	readonly rolledBack: readonly string[];
}

export type FixViewAction =
	| {readonly type: 'step'; readonly step: FixStep}
	| {readonly type: 'progress'; readonly key: string; readonly snapshot: PullSnapshot}
	| {readonly type: 'confirm'; readonly request: ConfirmRequest}
	| {readonly type: 'answered'}
	| {readonly type: 'cancelling'}
	| {readonly type: 'finished'; readonly outcome: FixOutcome};

export const initialFixView: FixViewState = {steps: [], phase: 'running', cancelled: false, cancelling: false, serving: [], rolledBack: []};

export function reduceFixView(state: FixViewState, action: FixViewAction): FixViewState {
	switch (action.type) {
		case 'step': {
			const index = state.steps.findIndex(step => step.key === action.step.key);
			const steps = index === -1 ? [...state.steps, action.step] : state.steps.map((step, i) => (i === index ? action.step : step));
			// A finished pull no longer needs its progress block.
			const progress = state.progress?.key === action.step.key && action.step.status !== 'running' ? undefined : state.progress;
			return {...state, steps, ...(progress ? {progress} : {progress: undefined})};
		}
		case 'progress':
			return {...state, progress: {key: action.key, snapshot: action.snapshot}};
		case 'confirm':
			return {...state, confirm: action.request};
		case 'answered':
			return {...state, confirm: undefined};
		case 'cancelling':
			return state.phase === 'running' ? {...state, cancelling: true, confirm: undefined} : state;
		case 'finished':
			return {
				...state,
				phase: 'finished',
				cancelled: action.outcome.cancelled,
				confirm: undefined,
				progress: undefined,
				serving: action.outcome.serving ?? [],
				rolledBack: action.outcome.rolledBack ?? [],
				...(action.outcome.comparison ? {comparison: action.outcome.comparison} : {}),
			};
	}
}
