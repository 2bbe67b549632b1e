import {open, writeFile} from 'node:fs/promises';

/** Inputs beyond this are cut: a paste is never this long, and the doctor must stay quick and small. */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

export class InputError extends Error {}

export async function readInputFile(path: string): Promise<string> {
	let handle;
	try {
		handle = await open(path, 'r');
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(
			code === 'ENOENT'
				? `No such file: ${path}`
				: code === 'EACCES'
					? `Not allowed to read ${path}`
					: code === 'EISDIR'
						? `${path} is a folder, not a file`
						: `Cannot read ${path} (${code ?? 'error'})`,
		);
	}
	try {
		const stat = await handle.stat();
		if (stat.isDirectory()) throw new InputError(`${path} is a folder, not a file`);
		const buffer = Buffer.alloc(Math.min(MAX_INPUT_BYTES, stat.size > 0 ? stat.size : MAX_INPUT_BYTES));
		const {bytesRead} = await handle.read(buffer, 0, buffer.length, 0);
		return buffer.subarray(0, bytesRead).toString('utf8');
	} catch (error) {
		if (error instanceof InputError) throw error;
		const code = (error as NodeJS.ErrnoException).code;
		throw new InputError(code === 'EISDIR' ? `${path} is a folder, not a file` : `Cannot read ${path} (${code ?? 'error'})`);
	} finally {
		await handle.close();
	}
}

export async function readStdin(stream: NodeJS.ReadStream): Promise<string> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of stream) {
		const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
		chunks.push(buffer);
		size += buffer.length;
		if (size >= MAX_INPUT_BYTES) break;
	}
	return Buffer.concat(chunks).subarray(0, MAX_INPUT_BYTES).toString('utf8');
}

export async function writeOutputFile(path: string, text: string): Promise<void> {
	try {
		await writeFile(path, text, {mode: 0o600});
	} catch (error) {
		throw new InputError(`Cannot write ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
	}
}
