import {safeJson} from '../../report/safe-json.js';
import type {Report} from '../report-model.js';

/**
 * The report as one JSON object (schema chatmock-doctor/report@1). JSON.stringify escapes C0
 * controls but leaves DEL, the C1 range and BiDi controls raw, and a terminal acts on C1 (0x9B is CSI): escape them.
 */
export function renderJson(report: Report): string {
	return jsonText(report);
}

/** Any report-shaped value (a fleet of reports too) as indented JSON, escaped as every foreign string is. */
export function jsonText(value: unknown): string {
	return `${safeJson(value)}\n`;
}
