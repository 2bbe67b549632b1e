import {safeJson} from '../report/safe-json.js';
import type {Snapshot} from './snapshot.js';

/** The snapshot file's text: JSON with C1 controls escaped (log lines are recorded raw). Redact first. */
export function serializeSnapshot(snapshot: Snapshot): string {
	return `${safeJson(snapshot)}\n`;
}
