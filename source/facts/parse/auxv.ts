/** AT_PAGESZ: the auxiliary-vector entry in which the kernel hands each process its page size. */
const AT_PAGESZ = 6;
/** Real AT_* types are small (AT_MINSIGSTKSZ is 51); anything larger means a wrong word size or byte order. */
const MAX_AT_TYPE = 4096;

/**
 * The page size from /proc/self/auxv: (type, value) word pairs in the reading process's word size
 * (4 or 8 bytes, its ELF class) and byte order, ending with the AT_NULL pair. `wordBytes` when known;
 * otherwise the one layout that parses as a well-formed vector wins. Undefined when none does.
 */
export function pageSizeFromAuxv(bytes: Uint8Array, wordBytes?: 4 | 8): number | undefined {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
	for (const word of wordBytes === undefined ? ([8, 4] as const) : [wordBytes]) {
		for (const littleEndian of [true, false]) {
			const size = scan(view, word, littleEndian);
			if (size !== undefined) return size;
		}
	}
	return undefined;
}

function scan(view: DataView, word: 4 | 8, littleEndian: boolean): number | undefined {
	const read = (at: number) => (word === 8 ? Number(view.getBigUint64(at, littleEndian)) : view.getUint32(at, littleEndian));
	if (view.byteLength === 0 || view.byteLength % (2 * word) !== 0) return undefined;
	let pageSize: number | undefined;
	for (let at = 0; at < view.byteLength; at += 2 * word) {
		const type = read(at);
		if (type === 0) {
			// AT_NULL ends the vector; the kernel gives nothing after it.
			const last = at + 2 * word === view.byteLength;
			return last && pageSize !== undefined && pageSize >= 512 && (pageSize & (pageSize - 1)) === 0 ? pageSize : undefined;
		}
		if (type > MAX_AT_TYPE) return undefined;
		if (type === AT_PAGESZ) pageSize = read(at + word);
	}
	return undefined;
}
