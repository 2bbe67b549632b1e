import type {Report} from '../presentation/report-model.js';
import type {Redactor} from './redact.js';

/**
 * The report with personal details replaced. What the diagnosis decided (schema, verdict
 * platforms and confidence, finding ids and severities, counts) is kept as it was: redaction
 * may change how a report reads, never what it concludes.
 */
export function redactReport(report: Report, redactor: Redactor): Report {
	const redacted = redactor.redactValue(report);
	return {
		...redacted,
		schema: report.schema,
		tool: report.tool,
		origin: report.origin,
		verdict: {
			...redacted.verdict,
			platform: report.verdict.platform,
			nativePlatforms: report.verdict.nativePlatforms,
			dockerDefault: report.verdict.dockerDefault,
			confidence: report.verdict.confidence,
		},
		findings: redacted.findings.map((finding, index) => {
			const original = report.findings[index]!;
			return {...finding, id: original.id, severity: original.severity};
		}),
		summary: report.summary,
	};
}
