export function graphemeSegmenter(): {
	segment(input: string): Iterable<{segment: string; index: number; input: string}> & {containing(index: number): {segment: string; index: number; input: string} | undefined};
};
