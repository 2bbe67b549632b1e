import type {Severity} from '../../diagnosis/types.js';

/** One engine's row: pending until its check ends, then its verdict and worst finding. */
export interface FleetRow {
	readonly context: string;
	readonly done: boolean;
	readonly endpoint?: string;
	readonly platform?: string | null;
	readonly worst?: {readonly id: string; readonly severity: Severity};
	readonly remote?: boolean;
	readonly errors?: number;
}

export interface FleetState {
	readonly rows: readonly FleetRow[];
	readonly cursor: number;
	/** The engine whose own screens are shown; undefined while the list is. */
	readonly opened?: string;
}

/** What an opened engine's screens last knew (after a fix and its re-check): the row takes it on return. */
export type EngineVerdict = Pick<FleetRow, 'platform' | 'worst' | 'errors'>;

export type FleetAction =
	| {readonly type: 'finished'; readonly row: Omit<FleetRow, 'done'>}
	| {readonly type: 'move'; readonly delta: number}
	| {readonly type: 'open'}
	| {readonly type: 'closed'; readonly verdict?: EngineVerdict};

export function initialFleet(contexts: readonly string[]): FleetState {
	return {rows: contexts.map(context => ({context, done: false})), cursor: 0};
}

/** Keys → state, pure: Enter opens only an engine whose check has ended. */
export function reduceFleet(state: FleetState, action: FleetAction): FleetState {
	switch (action.type) {
		case 'finished':
			return {...state, rows: state.rows.map(row => (row.context === action.row.context ? {...action.row, done: true} : row))};
		case 'move': {
			const count = state.rows.length;
			return count === 0 ? state : {...state, cursor: (state.cursor + action.delta + count) % count};
		}
		case 'open': {
			const row = state.rows[state.cursor];
			return row?.done ? {...state, opened: row.context} : state;
		}
		case 'closed': {
			// Back on the list, the row says what the engine's own screens saw last (the fix's re-check), not the first check.
			const {opened: context, ...rest} = state;
			const verdict = action.verdict;
			if (context === undefined || verdict === undefined) return rest;
			return {...rest, rows: state.rows.map(row => (row.context === context ? withVerdict(row, verdict) : row))};
		}
	}
}

function withVerdict(row: FleetRow, verdict: EngineVerdict): FleetRow {
	const {worst: _stale, ...kept} = row;
	return {...kept, ...verdict, done: true};
}

/** 130 while any engine is unchecked (the user stopped it), 1 when any has an error finding, else 0. */
export function fleetExitCode(state: FleetState): number {
	if (state.rows.some(row => !row.done)) return 130;
	return state.rows.some(row => (row.errors ?? 0) > 0) ? 1 : 0;
}
