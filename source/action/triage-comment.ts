import type {Facts} from '../facts/types.js';
import type {Report} from '../presentation/report-model.js';
import {renderMarkdown} from '../presentation/render/markdown.js';

/** Marks the one comment the Action owns on an issue, so an edit updates it instead of adding another. */
export const COMMENT_MARKER = '<!-- chatmock-doctor:triage -->';

/** True when the paste held anything the doctor reads: machine output, engine output or a known error line. */
export function hasMachineOutput(facts: Facts): boolean {
	return (
		Object.keys(facts.host).length > 0 || (facts.engine !== undefined && facts.engine !== null) || facts.signals.length > 0 || (facts.images?.length ?? 0) > 0 || (facts.containers?.length ?? 0) > 0
	);
}

/** The comment: the (already redacted) report without its raw JSON, between a marker and a line on how it was made. */
export function triageComment(report: Report, linkedReports: number): string {
	const read = linkedReports === 0 ? 'the machine output in this issue' : `the machine output in this issue and ${linkedReports} linked report${linkedReports === 1 ? '' : 's'}`;
	return [
		COMMENT_MARKER,
		renderMarkdown(report, {rawJson: false}).trimEnd(),
		'',
		'---',
		`<sub>Read from ${read} by \`chatmock-doctor triage\`, with personal details and secrets redacted. This comment follows edits of the issue. To check the machine itself: \`npx chatmock-doctor --report\`.</sub>`,
		'',
	].join('\n');
}
