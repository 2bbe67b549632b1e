import type {Host} from './seam/host.js';

/** The rows of the live checklist, in the order they are shown. */
export const PROBE_STEPS = ['host', 'engine', 'emulation', 'images', 'containers', 'published'] as const;
export type ProbeStep = (typeof PROBE_STEPS)[number];

export type StepStatus = 'running' | 'ok' | 'warning' | 'error' | 'skipped';

export interface StepEvent {
	readonly step: ProbeStep;
	readonly status: StepStatus;
	/** One line for the checklist: "Raspberry Pi 4 Model B, aarch64 kernel, armhf userland". */
	readonly summary?: string;
}

export interface CollectOptions {
	readonly host: Host;
	/** Deadline for each engine call, ms (default 3000). */
	readonly timeoutMs: number;
	/** Do not ask a registry; use the built-in table of published platforms. */
	readonly offline: boolean;
	/** Skip the engine entirely (--no-engine, and every --root test). */
	readonly noEngine: boolean;
	/** --host / --context from the command line. */
	readonly dockerHost?: string;
	readonly dockerContext?: string;
	/** --image REF */
	readonly imageRef?: string;
	/** The folder whose compose file and .env name the image (the current folder). */
	readonly cwd?: string;
	/**
	 * --probe-host: an engine on another machine may run a throwaway container that reads that
	 * machine's files through a read-only mount (and busybox may be pulled for it). Without it
	 * nothing is run on a remote engine.
	 */
	readonly probeRemoteHost?: boolean;
	/** --probe-image REF: the image that container runs (pulled for the engine's platform when absent). */
	readonly probeImage?: string;
	readonly signal?: AbortSignal;
	readonly onStep?: (event: StepEvent) => void;
}
