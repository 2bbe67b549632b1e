// tar-stream ships no types; this covers the part the harness uses (it comes with dockerode via tar-fs).
declare module 'tar-stream' {
	import type {Readable} from 'node:stream';

	export interface Headers {
		name: string;
		size?: number;
		mode?: number;
		mtime?: Date;
		type?: 'file' | 'directory' | 'symlink';
		linkname?: string;
		uid?: number;
		gid?: number;
		uname?: string;
		gname?: string;
	}

	export interface Pack extends Readable {
		entry(headers: Headers, buffer?: Buffer | string, callback?: (error?: Error | null) => void): unknown;
		finalize(): void;
	}

	export function pack(): Pack;
}
