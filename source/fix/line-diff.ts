/** One line of a diff as the user sees it. */
export interface DiffLine {
	readonly kind: ' ' | '-' | '+';
	readonly text: string;
}

/**
 * The lines that differ between two small texts (LCS over lines), each run of changes led by the
 * line before it and the nearest key line above that opens its block (the service's name), so a
 * one-line edit reads as "in this service, after this line, this line".
 */
export function lineDiff(before: string, after: string): DiffLine[] {
	const a = before.split(/\r?\n/);
	const b = after.split(/\r?\n/);
	const table: number[][] = Array.from({length: a.length + 1}, () => new Array<number>(b.length + 1).fill(0));
	for (let i = a.length - 1; i >= 0; i--) {
		for (let j = b.length - 1; j >= 0; j--) table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
	}
	const out: DiffLine[] = [];
	const shown = new Set<number>();
	let i = 0;
	let j = 0;
	const lead = (index: number) => {
		const previous = index - 1;
		if (previous < 0 || shown.has(previous)) return;
		const line = a[previous]!;
		const indent = indentOf(line);
		for (let k = previous - 1; k >= 0; k--) {
			const candidate = a[k]!;
			if (candidate.trim() === '' || candidate.trimStart().startsWith('#')) continue;
			if (indentOf(candidate) < indent) {
				if (!shown.has(k) && /:\s*(#.*)?$/.test(candidate)) {
					shown.add(k);
					out.push({kind: ' ', text: candidate});
				}
				break;
			}
		}
		shown.add(previous);
		out.push({kind: ' ', text: line});
	};
	let inRun = false;
	while (i < a.length || j < b.length) {
		if (i < a.length && j < b.length && a[i] === b[j]) {
			i++;
			j++;
			inRun = false;
			continue;
		}
		if (!inRun) lead(i);
		inRun = true;
		if (j >= b.length || (i < a.length && table[i + 1]![j]! >= table[i]![j + 1]!)) {
			shown.add(i);
			out.push({kind: '-', text: a[i++]!});
		} else {
			out.push({kind: '+', text: b[j++]!});
		}
	}
	return out;
}

function indentOf(line: string): number {
	return line.length - line.trimStart().length;
}
