import type {EngineError, EngineResult, PullProgress} from '../facts/engine/engine-api.js';
import type {CommandResult, HostKind, NodeProcessInfo, Uname} from '../facts/seam/host.js';

/**
 * A snapshot: everything one run of the doctor read from a machine and its engine, so that a
 * maintainer can replay the diagnosis (`--from FILE`) without the machine. Field names are a
 * public contract, like the report's: add, never rename.
 */
export const SNAPSHOT_SCHEMA = 'chatmock-doctor/snapshot@1';

/** A file as read: UTF-8 text, or base64 for anything else; withheld when it must never leave the machine. */
export type RecordedFile =
	| {readonly text: string; readonly truncated?: true}
	| {readonly base64: string; readonly truncated?: true}
	/** TLS keys, Docker's data folders, ChatMock's login data: replayed as a stand-in (tls) or as absent. */
	| {readonly withheld: 'tls' | 'private'};

export interface RecordedCommand {
	readonly file: string;
	readonly args: readonly string[];
	readonly result: CommandResult;
}

export interface HostRecording {
	/** The kind of host recorded (live, root); the replay itself is always 'replay'. */
	readonly kind: HostKind;
	readonly label: string;
	/** Variables read: value, or null when read and unset. */
	readonly env: Readonly<Record<string, string | null>>;
	/** Names, when a probe listed the environment. */
	readonly envKeys?: readonly string[];
	/** By absolute path; null when read and absent. */
	readonly files: Readonly<Record<string, RecordedFile | null>>;
	readonly dirs: Readonly<Record<string, readonly string[] | null>>;
	readonly exists: Readonly<Record<string, boolean>>;
	readonly uname?: Uname;
	readonly commands: readonly RecordedCommand[];
	readonly node?: NodeProcessInfo;
	readonly home?: string;
	/** The recorded host could reach an engine (a replay then brings a recorded connector). */
	readonly hasEngine: boolean;
}

export type EngineMethod =
	'ping' | 'version' | 'info' | 'listImages' | 'inspectImage' | 'listContainers' | 'inspectContainer' | 'containerLogs' | 'distribution' | 'pull' | 'verifyRun' | 'removeImage' | 'tagImage';

export interface RecordedConnection {
	/** The resolved endpoint without its TLS material (only whether there was some). */
	readonly endpoint: {readonly host: string; readonly reason: string; readonly context?: string; readonly tls?: {readonly verify: boolean}};
	readonly result: {readonly ok: true; readonly endpoint: string; readonly apiVersion?: string} | {readonly ok: false; readonly error: EngineError};
}

export interface RecordedCall {
	readonly endpoint: string;
	readonly method: EngineMethod;
	/** The arguments, without call options (deadline, signal, callbacks). */
	readonly args: readonly unknown[];
	readonly result: EngineResult<unknown>;
	/** The client's API version after the call (ping and version negotiate it). */
	readonly apiVersion?: string;
	/** A pull's progress events, replayed to onProgress. */
	readonly progress?: readonly PullProgress[];
}

export interface EngineRecording {
	readonly connections: readonly RecordedConnection[];
	readonly calls: readonly RecordedCall[];
}

export interface Snapshot {
	readonly schema: typeof SNAPSHOT_SCHEMA;
	/** ISO 8601 */
	readonly createdAt: string;
	readonly tool: {readonly name: 'chatmock-doctor'; readonly version: string};
	readonly host: HostRecording;
	readonly engine: EngineRecording;
}
