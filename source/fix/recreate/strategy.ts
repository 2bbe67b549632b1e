import type {ContainerSpec} from '../../facts/engine/container-ops.js';
import {composeOrigin} from '../../facts/engine/probe-origins.js';
import type {ContainerOrigin} from '../../facts/types.js';

/** How a container was made, read from its labels: compose keeps its project in them, `docker run` leaves none. */
export type HowMade = Omit<Extract<ContainerOrigin, {kind: 'compose'}>, 'cli'> | {readonly kind: 'run'};

export function howMade(spec: Pick<ContainerSpec, 'labels'>): HowMade {
	return composeOrigin(spec.labels) ?? {kind: 'run'};
}

export type StrategyResult = {readonly ok: true; readonly lines?: readonly string[]} | {readonly ok: false; readonly message: string; readonly lines?: readonly string[]};

export interface ReplaceContext {
	/** The old container, as it was before the fix touched it. */
	readonly old: ContainerSpec;
	/** The old container's current name (renamed aside when the strategy keeps it). */
	readonly oldName: string;
	/** The verified image: the user's tag, now on it. */
	readonly image: string;
	readonly platform: string;
	readonly signal?: AbortSignal;
}

/**
 * One way of putting a container back on a new image. The orchestrator (recreate-flow.ts) does the
 * rest: stop and set the old one aside, prove the new one, then remove the old or roll back.
 */
export interface RecreateStrategy {
	readonly kind: 'compose' | 'run';
	/**
	 * false when the tool removes the old container itself (compose finds it by its labels, even
	 * renamed, and replaces it): the orchestrator then rolls back by recreating it from its inspect.
	 */
	readonly keepsOld: boolean;
	/** What will change, in plain lines, shown before the user confirms. */
	describe(): readonly string[];
	/** Work that can fail before anything is stopped (compose: write the platform line). */
	prepare(signal?: AbortSignal): Promise<StrategyResult>;
	/** Makes and starts the new container under the old name; resolves with its ID. */
	replace(
		context: ReplaceContext,
	): Promise<{readonly ok: true; readonly id: string; readonly lines?: readonly string[]} | {readonly ok: false; readonly message: string; readonly lines?: readonly string[]}>;
	/** Undoes prepare (compose: the file back as it was). */
	undo(signal?: AbortSignal): Promise<StrategyResult>;
}
