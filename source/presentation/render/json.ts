import type {Report} from '../report-model.js';

/**
 * The report as one JSON object (schema chatmock-doctor/report@1). JSON.stringify escapes C0
 * controls but leaves DEL and the C1 range raw, and a terminal acts on C1 (0x9B is CSI): escape them.
 */
export function renderJson(report: Report): string {
	const text = JSON.stringify(report, null, 2).replace(/[\u007F-\u009F]/g, c => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
	return `${text}\n`;
}
