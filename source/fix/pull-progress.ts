import type {PullProgress} from '../facts/engine/engine-api.js';

/** One layer of a pull as the engine reports it. */
export interface LayerProgress {
	readonly id: string;
	/** The engine's last status for it: Waiting, Downloading, Extracting, Pull complete, Already exists, … */
	readonly status: string;
	readonly downloaded: number;
	/** Compressed size, once the engine told it. */
	readonly total?: number;
	readonly done: boolean;
}

/** Everything a progress display needs, rebuilt from the event stream by a pure reducer. */
export interface PullSnapshot {
	/** Layers in the order the engine first named them. */
	readonly layers: readonly LayerProgress[];
	readonly downloaded: number;
	/** Sum of the known layer sizes; undefined until one is known. */
	readonly total?: number;
	/** Bytes per second over the recent window; undefined until two samples exist. */
	readonly speed?: number;
	/** The last line that is not about a layer ("Pulling from thebtf/chatmock", "Digest: …"). */
	readonly headline?: string;
	/** Recent (time ms, downloaded bytes) samples for the speed. */
	readonly samples: readonly (readonly [number, number])[];
}

export const emptySnapshot: PullSnapshot = {layers: [], downloaded: 0, samples: []};

const SPEED_WINDOW_MS = 3000;
const DONE_STATUSES = /^(download complete|verifying checksum|extracting|pull complete|already exists)/i;
const FINISHED_STATUSES = /^(pull complete|already exists)/i;

/** Folds one engine event into the snapshot; `now` is the event's arrival time in ms. */
export function reducePull(snapshot: PullSnapshot, event: PullProgress, now: number): PullSnapshot {
	if (!event.id || isTagLine(event)) {
		return {...snapshot, headline: event.status};
	}
	const index = snapshot.layers.findIndex(layer => layer.id === event.id);
	const previous: LayerProgress = snapshot.layers[index] ?? {id: event.id, status: event.status, downloaded: 0, done: false};
	const next = nextLayer(previous, event);
	const layers = index === -1 ? [...snapshot.layers, next] : snapshot.layers.map((layer, i) => (i === index ? next : layer));
	const downloaded = layers.reduce((sum, layer) => sum + layer.downloaded, 0);
	const known = layers.filter(layer => layer.total !== undefined);
	const total = known.length > 0 ? known.reduce((sum, layer) => sum + (layer.total ?? 0), 0) : undefined;
	const samples = [...snapshot.samples.filter(([time]) => now - time <= SPEED_WINDOW_MS), [now, downloaded] as const];
	return {...snapshot, layers, downloaded, ...(total === undefined ? {} : {total}), speed: speedOf(samples), samples};
}

/** The first event names the tag, not a layer: {"status":"Pulling from thebtf/chatmock","id":"latest"}. */
function isTagLine(event: PullProgress): boolean {
	return /^Pulling from /i.test(event.status);
}

function nextLayer(layer: LayerProgress, event: PullProgress): LayerProgress {
	const status = event.status;
	if (/^downloading/i.test(status)) {
		return {
			...layer,
			status,
			downloaded: event.current ?? layer.downloaded,
			...(event.total ? {total: event.total} : {}),
		};
	}
	if (DONE_STATUSES.test(status)) {
		// Extracting reports extraction bytes, not download bytes: the download is complete.
		const full = layer.total ?? layer.downloaded;
		return {...layer, status, downloaded: full, done: FINISHED_STATUSES.test(status)};
	}
	return {...layer, status};
}

function speedOf(samples: readonly (readonly [number, number])[]): number | undefined {
	const first = samples[0];
	const last = samples.at(-1);
	if (!first || !last || last[0] - first[0] < 250) return undefined;
	return ((last[1] - first[1]) * 1000) / (last[0] - first[0]);
}

/** 0.0 B, 12.3 kB, 45.6 MB, 1.2 GB (decimal units, as docker prints them). */
export function formatBytes(bytes: number): string {
	const units = ['B', 'kB', 'MB', 'GB', 'TB'];
	let value = bytes;
	let unit = 0;
	while (value >= 1000 && unit < units.length - 1) {
		value /= 1000;
		unit++;
	}
	return `${unit === 0 ? value.toFixed(0) : value.toFixed(1)} ${units[unit]}`;
}

/** "18.2 MB of 44.1 MB, 3.1 MB/s" / "18.2 MB" when the total is not known yet. */
export function describeProgress(snapshot: PullSnapshot): string {
	const parts = [snapshot.total ? `${formatBytes(snapshot.downloaded)} of ${formatBytes(snapshot.total)}` : formatBytes(snapshot.downloaded)];
	if (snapshot.speed !== undefined) parts.push(`${formatBytes(Math.max(0, snapshot.speed))}/s`);
	return parts.join(', ');
}

/** 0–1, undefined when no size is known. */
export function fraction(snapshot: PullSnapshot): number | undefined {
	if (!snapshot.total) return undefined;
	return Math.min(1, snapshot.downloaded / snapshot.total);
}
