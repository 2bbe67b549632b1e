/**
 * Where the user is and what is selected: a pure reducer, unit-tested without a screen.
 * Screens form a stack; q/Esc pops it, and popping the last one quits.
 */
export type Route =
	| {readonly screen: 'verdict'}
	| {readonly screen: 'finding'; readonly index: number}
	| {readonly screen: 'fix'; readonly index: number}
	| {readonly screen: 'recheck'}
	/** The report preview: the exact text that `c` copies for an issue. */
	| {readonly screen: 'share'};

export interface NavigationState {
	readonly stack: readonly Route[];
	/** Selected row on the verdict screen. */
	readonly selected: number;
	readonly count: number;
	readonly help: boolean;
	/** Findings the user chose to skip (indexes into the current list). */
	readonly skipped: readonly number[];
	readonly quit: boolean;
}

export type NavigationAction =
	| {readonly type: 'move'; readonly delta: number}
	| {readonly type: 'open'}
	| {readonly type: 'fix'}
	| {readonly type: 'skip'}
	| {readonly type: 'recheck'}
	| {readonly type: 'share'}
	| {readonly type: 'back'}
	| {readonly type: 'help'; readonly open?: boolean}
	/** A new list of findings (after a fix or a check again): back to the verdict. */
	| {readonly type: 'reset'; readonly count: number};

export function initialNavigation(count: number): NavigationState {
	return {stack: [{screen: 'verdict'}], selected: 0, count, help: false, skipped: [], quit: false};
}

export function currentRoute(state: NavigationState): Route {
	return state.stack.at(-1) ?? {screen: 'verdict'};
}

export function reduceNavigation(state: NavigationState, action: NavigationAction): NavigationState {
	const route = currentRoute(state);
	switch (action.type) {
		case 'move': {
			if (route.screen !== 'verdict' || state.count === 0) return state;
			const selected = (state.selected + action.delta + state.count) % state.count;
			return {...state, selected};
		}
		case 'open': {
			if (route.screen !== 'verdict' || state.count === 0) return state;
			return {...state, stack: [...state.stack, {screen: 'finding', index: state.selected}]};
		}
		case 'fix': {
			if (route.screen !== 'finding') return state;
			return {...state, stack: [...state.stack, {screen: 'fix', index: route.index}]};
		}
		case 'skip': {
			if (route.screen !== 'finding') return state;
			const skipped = state.skipped.includes(route.index) ? state.skipped : [...state.skipped, route.index];
			const next = nextUnskipped(route.index, state.count, skipped);
			return {...state, skipped, stack: state.stack.slice(0, -1), selected: next};
		}
		case 'share': {
			if (route.screen !== 'verdict') return state;
			return {...state, stack: [...state.stack, {screen: 'share'}]};
		}
		case 'recheck': {
			if (route.screen === 'fix' || route.screen === 'recheck' || route.screen === 'share') return state;
			return {...state, stack: [...state.stack, {screen: 'recheck'}]};
		}
		case 'back': {
			if (state.help) return {...state, help: false};
			if (state.stack.length <= 1) return {...state, quit: true};
			return {...state, stack: state.stack.slice(0, -1)};
		}
		case 'help':
			return {...state, help: action.open ?? !state.help};
		case 'reset':
			return {...initialNavigation(action.count), help: false};
	}
}

function nextUnskipped(from: number, count: number, skipped: readonly number[]): number {
	for (let step = 1; step <= count; step++) {
		const index = (from + step) % count;
		if (!skipped.includes(index)) return index;
	}
	return from;
}
