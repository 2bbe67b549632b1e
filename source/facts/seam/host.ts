import type {EngineConnector} from '../engine/engine-api.js';

/**
 * The one seam through which probes see a machine. Probes never import node:fs, node:os,
 * node:child_process or read process.env: that is what lets a folder (--root), a snapshot
 * or a test stand in for the machine exactly.
 */
export interface Uname {
	readonly sysname?: string;
	readonly release?: string;
	readonly machine?: string;
	/** Where these values came from, for citations: 'uname' (live) or the /proc/sys/kernel files. */
	readonly via: string;
}

export type CommandResult =
	| {readonly ok: true; readonly stdout: string; readonly stderr: string; readonly exitCode: number}
	| {
			readonly ok: false;
			/** not-run: this host does not run commands (--root, replay); missing: no such program; timeout; error: anything else. */
			readonly reason: 'not-run' | 'missing' | 'timeout' | 'error';
			readonly message: string;
			readonly stdout?: string;
			readonly stderr?: string;
			readonly exitCode?: number;
	  };

export interface RunOptions {
	/** Deadline in ms; every command has one. */
	readonly timeoutMs?: number;
	readonly signal?: AbortSignal;
	/** Cap on captured stdout bytes. */
	readonly maxBytes?: number;
}

export interface ReadOptions {
	/** Read at most this many bytes (default 1 MiB): files under a root may be anything. */
	readonly maxBytes?: number;
}

export interface NodeProcessInfo {
	readonly arch: string;
	readonly platform: string;
	readonly version: string;
}

export type HostKind = 'live' | 'root' | 'replay';

export interface Host {
	readonly kind: HostKind;
	/** Human label for reports: 'this machine', 'folder /mnt/pi', 'snapshot x.json'. */
	readonly label: string;
	/** Reads a file by its absolute path on the host (a --root host maps it under its folder). Undefined when absent or unreadable. */
	readFile(path: string, options?: ReadOptions): Promise<Buffer | undefined>;
	readText(path: string, options?: ReadOptions): Promise<string | undefined>;
	/** Names in a directory, undefined when absent. */
	listDir(path: string): Promise<readonly string[] | undefined>;
	/** True when the path exists (a socket, a file, a directory). */
	exists(path: string): Promise<boolean>;
	readonly env: Readonly<Record<string, string | undefined>>;
	uname(): Promise<Uname>;
	/** Runs a program (never through a shell) with a deadline. A --root or replay host answers not-run. */
	run(file: string, args: readonly string[], options?: RunOptions): Promise<CommandResult>;
	/** The Node.js process running the doctor, only when the host is this live machine. */
	readonly node?: NodeProcessInfo;
	/** The user's home directory on this host, when known. */
	readonly home?: string;
	/** Connects to a Docker engine; absent on hosts that cannot (a replay brings its own recorded one). */
	readonly engine?: EngineConnector;
	/**
	 * Where a path really is, symlinks resolved, and whether it is a regular file; undefined when absent.
	 * Only hosts backed by a file system have it (a snapshot checks where a file it copies comes from).
	 */
	realPath?(path: string): Promise<{readonly path: string; readonly regular: boolean} | undefined>;
}

export const DEFAULT_COMMAND_TIMEOUT_MS = 2000;
export const DEFAULT_MAX_READ_BYTES = 1024 * 1024;
