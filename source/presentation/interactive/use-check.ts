import {useEffect, useRef, useState} from 'react';
import type {StepEvent} from '../../facts/collect-types.js';
import type {CheckResult} from '../../fix/fix-deps.js';
import {initialChecklist, reduceChecklist, settleChecklist, type ChecklistRow} from './checklist-state.js';

export type RunCheck = (options: {readonly signal: AbortSignal; readonly onStep: (event: StepEvent) => void}) => Promise<CheckResult>;

/**
 * Runs one check (collect + diagnose) as soon as the component mounts, feeding the checklist
 * from its step events. Unmounting aborts it. `onDone` hears the result once.
 */
export function useCheck(run: RunCheck, onDone?: (result: CheckResult) => void): {readonly rows: readonly ChecklistRow[]; readonly result?: CheckResult} {
	const [rows, setRows] = useState(initialChecklist);
	const [result, setResult] = useState<CheckResult>();
	const latest = useRef({run, onDone});
	latest.current = {run, onDone};
	useEffect(() => {
		const controller = new AbortController();
		let live = true;
		void latest.current
			.run({
				signal: controller.signal,
				onStep: event => {
					if (live) setRows(previous => reduceChecklist(previous, event));
				},
			})
			.then(outcome => {
				if (!live) return;
				setRows(previous => settleChecklist(previous));
				setResult(outcome);
				latest.current.onDone?.(outcome);
			});
		return () => {
			live = false;
			controller.abort();
		};
	}, []);
	return result ? {rows, result} : {rows};
}
