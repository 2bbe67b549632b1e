import {useCallback, useEffect, useReducer, useRef} from 'react';
import {runFixFlow, type ConfirmRequest, type FixFlowOptions, type FixOutcome, type FixPlan} from '../../fix/fix-flow.js';
import {emptySnapshot, reducePull, type PullSnapshot} from '../../fix/pull-progress.js';
import {systemClock, throttleLatest, type Clock} from '../../fix/throttle.js';
import {initialFixView, reduceFixView, type FixViewState} from './fix-view-state.js';

export type FixFlowSetup = Omit<FixFlowOptions, 'confirm' | 'onStep' | 'onPullProgress' | 'signal'>;

/** Progress redraws at most this often: about 10 a second. */
export const PROGRESS_INTERVAL_MS = 100;

/**
 * Runs a fix plan for the fix screen: steps and throttled pull progress go into a pure view
 * reducer, confirmations wait for answer(), and cancel() or unmounting aborts what is running.
 */
export function useFixFlow(
	plan: FixPlan,
	setup: FixFlowSetup,
	onFinished: (outcome: FixOutcome) => void,
	clock: Clock = systemClock,
): {readonly state: FixViewState; readonly answer: (yes: boolean) => void; readonly cancel: () => void} {
	const [state, dispatch] = useReducer(reduceFixView, initialFixView);
	const controller = useRef<AbortController | undefined>(undefined);
	const pending = useRef<((yes: boolean) => void) | undefined>(undefined);
	const latest = useRef({plan, setup, onFinished, clock});
	latest.current = {plan, setup, onFinished, clock};

	useEffect(() => {
		const abort = new AbortController();
		controller.current = abort;
		let live = true;
		let snapshot: PullSnapshot = emptySnapshot;
		let snapshotKey = '';
		const {plan: fixPlan, setup: options, clock: timer} = latest.current;
		const progress = throttleLatest<{key: string; snapshot: PullSnapshot}>(
			value => {
				if (live) dispatch({type: 'progress', ...value});
			},
			PROGRESS_INTERVAL_MS,
			timer,
		);
		const confirm = (request: ConfirmRequest) =>
			new Promise<boolean>(resolve => {
				if (!live || abort.signal.aborted) {
					resolve(false);
					return;
				}
				pending.current = resolve;
				dispatch({type: 'confirm', request});
			});
		void runFixFlow(fixPlan, {
			...options,
			confirm,
			signal: abort.signal,
			onStep: step => {
				if (step.kind === 'pull' && step.status !== 'running') progress.cancel();
				if (live) dispatch({type: 'step', step});
			},
			onPullProgress: (key, event) => {
				if (key !== snapshotKey) {
					snapshotKey = key;
					snapshot = emptySnapshot;
				}
				snapshot = reducePull(snapshot, event, timer.now());
				progress({key, snapshot});
			},
		})
			.catch((error: unknown): FixOutcome => {
				const detail = error instanceof Error ? error.message : String(error);
				if (live) dispatch({type: 'step', step: {key: 'crash', kind: 'recheck', status: 'failed', title: 'The fix stopped', detail}});
				return {steps: [], cancelled: false};
			})
			.then(outcome => {
				progress.cancel();
				if (!live) return;
				dispatch({type: 'finished', outcome});
				latest.current.onFinished(outcome);
			});
		return () => {
			live = false;
			abort.abort();
			progress.cancel();
			pending.current?.(false);
			pending.current = undefined;
		};
	}, []);

	const answer = useCallback((yes: boolean) => {
		const resolve = pending.current;
		pending.current = undefined;
		dispatch({type: 'answered'});
		resolve?.(yes);
	}, []);

	const cancel = useCallback(() => {
		dispatch({type: 'cancelling'});
		controller.current?.abort();
		const resolve = pending.current;
		pending.current = undefined;
		resolve?.(false);
	}, []);

	return {state, answer, cancel};
}
