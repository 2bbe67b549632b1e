import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * `docker buildx ls` and `docker buildx inspect`: a node of the `docker` driver is the engine of a
 * docker context, and BuildKit lists that engine's own platform first, then what its emulators add.
 * Two exceptions keep the first entry from being read as the engine's:
 * - a platform marked `*` was set by hand (`buildx create --platform`), not detected;
 * - buildx 0.13+ groups the list (`linux/amd64 (+2), linux/arm64, (2 more)`) and orders it by
 *   popularity, so amd64 comes first on any machine: that list says nothing of the engine.
 * Nodes of other drivers (docker-container, kubernetes, remote) may run anywhere: not read.
 */
export class BuildxReader {
	/** Inside an `ls` table: the driver of the builder whose nodes follow. */
	private table: {driver?: string} | undefined;
	/** After `Driver: docker` in `buildx inspect`, until another builder or the paste ends. */
	private inspectDriver: string | undefined;

	constructor(private readonly facts: FactsBuilder) {}

	read(line: PasteLine): void {
		const text = line.text;
		if (/^\s*NAME\/NODE\s+DRIVER\/ENDPOINT\b/.test(text)) {
			this.table = {};
			return;
		}
		if (this.table) {
			this.table = this.readRow(line, this.table);
			return;
		}
		const driver = /^\s*Driver:\s*(\S+)\s*$/.exec(text)?.[1];
		if (driver !== undefined) {
			this.inspectDriver = driver;
			return;
		}
		const platforms = /^\s*Platforms:\s*(.+)$/.exec(text)?.[1];
		if (platforms !== undefined && this.inspectDriver === 'docker') this.readPlatforms(platforms, line);
	}

	/** The table after this row, or undefined when the row is not one of its rows. */
	private readRow(line: PasteLine, table: {driver?: string}): {driver?: string} | undefined {
		const text = line.text.replace(/\\_/g, ' ');
		if (text.trim() === '') return undefined;
		// A builder starts at the margin: `default *  docker`, `desktop-linux*  docker`.
		const builder = /^([\w.-]+)\s*\*?\s+([\w-]+)\s*$/.exec(text);
		if (builder) return {driver: builder[2]};
		if (!/^\s/.test(text)) return undefined;
		const platforms = /\s((?:linux|windows|darwin|freebsd)\/\S.*)$/.exec(text)?.[1];
		if (table.driver === 'docker' && platforms !== undefined && /\srunning\s/.test(text)) this.readPlatforms(platforms, line);
		return table;
	}

	private readPlatforms(list: string, line: PasteLine): void {
		if (/\(\+\d+\)|\(\d+ more\)/.test(list)) return;
		const first = list.split(/,\s*/)[0]!.trim();
		if (first.endsWith('*') || !/^linux\/\w+(?:\/\w+)?$/.test(first)) return;
		this.facts.addSignal({kind: 'engine-platform', source: pasteAt(line.no, line.text), hostPlatform: first});
	}
}
