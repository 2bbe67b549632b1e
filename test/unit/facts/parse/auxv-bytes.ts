/** An auxiliary vector as the kernel writes it: (type, value) words, AT_NULL last. */
export function auxv(pairs: readonly (readonly [number, number])[], word: 4 | 8, littleEndian = true): Uint8Array {
	const all = [...pairs, [0, 0] as const];
	const view = new DataView(new ArrayBuffer(all.length * 2 * word));
	all.forEach(([type, value], i) => {
		for (const [at, n] of [
			[i * 2 * word, type],
			[(i * 2 + 1) * word, value],
		] as const) {
			if (word === 8) view.setBigUint64(at, BigInt(n), littleEndian);
			else view.setUint32(at, n, littleEndian);
		}
	});
	return new Uint8Array(view.buffer);
}
