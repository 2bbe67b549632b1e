/**
 * Docker's log stream for a container without a TTY: frames of an 8-byte header
 * (stream type 0/1/2, three zero bytes, big-endian length) then the payload. A TTY
 * container sends raw bytes: when the first header is not a valid one, take it all as raw.
 */
export function demuxDockerStream(data: Buffer): Buffer {
	if (!looksMultiplexed(data)) return data;
	const parts: Buffer[] = [];
	let at = 0;
	while (at + 8 <= data.length) {
		const type = data[at]!;
		if (type > 2) break;
		const length = data.readUInt32BE(at + 4);
		const end = Math.min(data.length, at + 8 + length);
		parts.push(data.subarray(at + 8, end));
		at = end;
	}
	return Buffer.concat(parts);
}

function looksMultiplexed(data: Buffer): boolean {
	return data.length >= 8 && data[0]! <= 2 && data[1] === 0 && data[2] === 0 && data[3] === 0;
}

/** Splits text into lines, dropping the empty tail after a final newline. */
export function splitLines(text: string): string[] {
	const lines = text.split(/\r?\n/);
	if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
	return lines;
}
