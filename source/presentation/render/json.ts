import type {Report} from '../report-model.js';

/** The report as one JSON object (schema chatmock-doctor/report@1). JSON escapes control characters itself. */
export function renderJson(report: Report): string {
	return `${JSON.stringify(report, null, 2)}\n`;
}
