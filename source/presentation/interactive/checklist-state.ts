import {PROBE_STEPS, type ProbeStep, type StepEvent, type StepStatus} from '../../facts/collect-types.js';

export interface ChecklistRow {
	readonly step: ProbeStep;
	readonly status: StepStatus;
	readonly summary?: string;
}

/** Every probe runs at once, so every row starts running. */
export function initialChecklist(): readonly ChecklistRow[] {
	return PROBE_STEPS.map(step => ({step, status: 'running'}));
}

export function isFinished(row: ChecklistRow): boolean {
	return row.status !== 'running';
}

/** Applies one step event. A finished row never changes again: finished rows stay put. */
export function reduceChecklist(rows: readonly ChecklistRow[], event: StepEvent): readonly ChecklistRow[] {
	return rows.map(row => {
		if (row.step !== event.step || isFinished(row)) return row;
		return {step: row.step, status: event.status, ...(event.summary === undefined ? {} : {summary: event.summary})};
	});
}

/** Rows still running when the check ended are shown as skipped (the collector gave no word on them). */
export function settleChecklist(rows: readonly ChecklistRow[]): readonly ChecklistRow[] {
	return rows.map(row => (isFinished(row) ? row : {...row, status: 'skipped'}));
}

/** How many rows from the top are finished: these go to <Static> and are never drawn again. */
export function finishedPrefix(rows: readonly ChecklistRow[]): number {
	const index = rows.findIndex(row => !isFinished(row));
	return index === -1 ? rows.length : index;
}

/** Short names of the steps as the checklist shows them. */
export const STEP_LABELS: Readonly<Record<ProbeStep, string>> = {
	host: 'Machine',
	engine: 'Docker engine',
	emulation: 'Emulators',
	images: 'Local images',
	containers: 'Containers',
	published: 'Published platforms',
};
