/**
 * A fact is a value plus where it came from, so every report can cite its evidence.
 * A missing fact means "unknown", never "none".
 */
export type SourceKind =
	| 'file' // a file under the host root, ref = absolute path as on the host
	| 'command' // a command the doctor ran, ref = the command line
	| 'env' // an environment variable, ref = its name
	| 'uname' // the kernel's uname (live: os.machine()/os.release(); --root: /proc/sys/kernel/*)
	| 'node' // the Node.js process itself (process.arch, process.platform)
	| 'engine' // a Docker Engine API answer, ref = the endpoint path (/version, /info, ...)
	| 'paste' // text given to `triage`, ref = "line N", excerpt = the pasted line
	| 'derived'; // computed from other facts, ref says from what

export interface Source {
	readonly kind: SourceKind;
	readonly ref: string;
	/** 1-based line number in a pasted text or file, when known. */
	readonly line?: number;
	/** The exact text the value was read from (one line, trimmed), when it helps a reader. */
	readonly excerpt?: string;
	/**
	 * Set when it was read on the engine's machine, not the doctor's: by a throwaway container on a
	 * remote engine (--probe-host), with that machine's / mounted read-only.
	 */
	readonly on?: 'engine-host';
}

export interface Fact<T> {
	readonly value: T;
	readonly source: Source;
}

export function fact<T>(value: T, source: Source): Fact<T> {
	return {value, source};
}

/** Renders a source as a short citation: `/proc/cpuinfo:3`, `$ dpkg --print-architecture`, `pasted line 12`. */
export function cite(source: Source): string {
	return source.on === 'engine-host' ? `${citeHere(source)} (on the engine's machine)` : citeHere(source);
}

function citeHere(source: Source): string {
	switch (source.kind) {
		case 'file':
			return source.line === undefined ? source.ref : `${source.ref}:${source.line}`;
		case 'command':
			return `$ ${source.ref}`;
		case 'env':
			return `$${source.ref}`;
		case 'paste':
			return source.line === undefined ? 'pasted text' : `pasted line ${source.line}`;
		case 'engine':
			return `engine ${source.ref}`;
		case 'uname':
			return source.ref === 'uname' ? 'uname' : `uname (${source.ref})`;
		default:
			return `${source.kind} ${source.ref}`;
	}
}
