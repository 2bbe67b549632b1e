import type {ConfirmRequest, FixOutcome, FixStep} from '../../fix/fix-flow.js';
import type {PullSnapshot} from '../../fix/pull-progress.js';
import type {FindingComparison} from '../../fix/recheck.js';

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
	/** Containers recreated on the verified image and proven to serve. */
	readonly healthy: readonly string[];
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

export const initialFixView: FixViewState = {steps: [], phase: 'running', cancelled: false, cancelling: false, healthy: [], rolledBack: []};

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
				healthy: action.outcome.healthy ?? [],
				rolledBack: action.outcome.rolledBack ?? [],
				...(action.outcome.comparison ? {comparison: action.outcome.comparison} : {}),
			};
	}
}

/**
 * The proof's lines say /health was not asked (no way to reach it from here: a port bound to the
 * loopback of another machine, nothing published, no client in the image). Then the container is
 * up, and its healthcheck may say healthy, but ChatMock's own /health is no part of the proof.
 */
const HEALTH_NOT_ASKED = /no published port to ask \/health on|\/health was not checked/;

/** Whether the proof of a recreated container asked ChatMock's /health (read from its prove step). */
export function healthAsked(state: Pick<FixViewState, 'steps'>, name: string): boolean {
	const proof = state.steps.find(step => step.key === `prove:${name}`);
	return !(proof?.lines ?? []).some(line => HEALTH_NOT_ASKED.test(line));
}
