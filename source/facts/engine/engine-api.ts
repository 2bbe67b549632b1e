/**
 * PLACEHOLDER: the engine helper replaces this with the real interface.
 * The Engine API as the probes and fixes see it: every call has a deadline and an abort.
 */
export interface EngineApi {
	readonly endpoint: string;
}

export type EngineConnector = (endpoint: string, options: {readonly timeoutMs: number; readonly signal?: AbortSignal}) => EngineApi;
