import {constants} from 'node:fs';
import {lstat, open, stat, writeFile} from 'node:fs/promises';
import {neutralizeLine} from '../text/sanitize.js';

/**
 * Inputs (a triage paste, a snapshot) beyond this are refused, not cut: a cut snapshot is no longer
 * JSON and a cut paste loses its end silently. A paste is never this long; a busy machine's snapshot is ~2 MiB.
 */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

export class InputError extends Error {}

/** A user-typed path in a message: one line, no control or BiDi character. */
const shown = (path: string) => neutralizeLine(path, 300);

function tooLarge(what: string, limit: number): InputError {
	return new InputError(`${what} is larger than ${limit / (1024 * 1024)} MiB; the doctor reads at most that much. Cut it down to the lines that matter.`);
}

/** What a path is, said for a message when it is not a regular file (a FIFO or a device would block or never end). */
function notRegular(kind: {isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean}): string | undefined {
	if (kind.isDirectory()) return 'a folder';
	if (kind.isFIFO()) return 'a FIFO (named pipe)';
	if (kind.isCharacterDevice() || kind.isBlockDevice()) return 'a device';
	if (kind.isSocket()) return 'a socket';
	return undefined;
}

function openError(path: string, error: unknown, verb: 'read' | 'write'): InputError {
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ENOENT') return new InputError(`No such file: ${shown(path)}`);
	if (code === 'EACCES' || code === 'EPERM') return new InputError(`Not allowed to ${verb} ${shown(path)}`);
	if (code === 'EISDIR') return new InputError(`${shown(path)} is a folder, not a file`);
	return new InputError(`Cannot ${verb} ${shown(path)} (${code ?? 'error'})`);
}

/**
 * A regular file, read whole up to the bound. The type is checked before opening (a FIFO without a
 * writer would block the open forever), and the open is non-blocking in case it was swapped meanwhile.
 */
export async function readInputFile(path: string, limit = MAX_INPUT_BYTES): Promise<string> {
	const before = await stat(path).catch((error: unknown) => {
		throw openError(path, error, 'read');
	});
	const kind = notRegular(before);
	if (kind) throw new InputError(`${shown(path)} is ${kind}, not a file: give a file, or pipe the text to standard input.`);
	if (before.size > limit) throw tooLarge(shown(path), limit);
	let handle;
	try {
		handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
	} catch (error) {
		throw openError(path, error, 'read');
	}
	try {
		const opened = await handle.stat();
		const swapped = notRegular(opened);
		if (swapped) throw new InputError(`${shown(path)} is ${swapped}, not a file.`);
		// One byte more than the bound tells a file that grew past it from one that fits exactly.
		const buffer = Buffer.alloc(Math.min(limit + 1, Math.max(opened.size, 64 * 1024)));
		let total = 0;
		for (;;) {
			if (total === buffer.length) {
				if (buffer.length > limit) throw tooLarge(shown(path), limit);
				break;
			}
			const {bytesRead} = await handle.read(buffer, total, buffer.length - total, total);
			if (bytesRead === 0) break;
			total += bytesRead;
		}
		return buffer.subarray(0, total).toString('utf8');
	} catch (error) {
		if (error instanceof InputError) throw error;
		throw openError(path, error, 'read');
	} finally {
		await handle.close();
	}
}

/** Standard input up to the bound; past it, an error that says so (never a silently cut paste). */
export async function readStdin(stream: NodeJS.ReadStream, limit = MAX_INPUT_BYTES, signal?: AbortSignal): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	const onAbort = () => stream.destroy();
	signal?.addEventListener('abort', onAbort, {once: true});
	try {
		for await (const chunk of stream) {
			const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
			chunks.push(buffer);
			size += buffer.length;
			if (size > limit) {
				stream.destroy();
				throw tooLarge('Standard input', limit);
			}
		}
	} catch (error) {
		if (error instanceof InputError || !signal?.aborted) throw error;
	} finally {
		signal?.removeEventListener('abort', onAbort);
	}
	return Buffer.concat(chunks).toString('utf8');
}

/**
 * Writes a report or snapshot to a regular file (created 0600, or replaced). A FIFO, a device or a
 * folder is refused before opening: writing to a FIFO without a reader would block forever.
 */
export async function writeOutputFile(path: string, text: string): Promise<void> {
	const existing = await lstat(path).catch(() => undefined);
	if (existing) {
		const target = existing.isSymbolicLink() ? await stat(path).catch(() => undefined) : existing;
		const kind = target && notRegular(target);
		if (kind) throw new InputError(`Cannot write ${shown(path)}: it is ${kind}, not a file.`);
	}
	try {
		await writeFile(path, text, {mode: 0o600, flag: constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | constants.O_NONBLOCK});
	} catch (error) {
		throw openError(path, error, 'write');
	}
}
