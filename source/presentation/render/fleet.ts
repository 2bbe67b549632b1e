import {worstFinding, type FleetReport} from '../../fleet/fleet-report.js';
import {mdCode, mdText} from '../../report/markdown-escape.js';
import {neutralizeLine} from '../../text/sanitize.js';
import {jsonText} from './json.js';
import {renderMarkdown} from './markdown.js';
import {renderPlain, type PlainOptions} from './plain.js';

/** The fleet as one JSON object; the same escaping as a single report. */
export function renderFleetJson(fleet: FleetReport): string {
	return jsonText(fleet);
}

/** One Markdown report: a table of the engines, then a section per engine with its own report. */
export function renderFleetMarkdown(fleet: FleetReport): string {
	const out = [`### chatmock-doctor ${mdText(fleet.tool.version)} report for ${fleet.engines.length} engines`, '', '| context | endpoint | verdict | worst finding |', '| --- | --- | --- | --- |'];
	for (const engine of fleet.engines) {
		const worst = worstFinding(engine.report);
		out.push(
			`| ${mdCode(engine.context, {inTable: true})} | ${engine.endpoint === null ? 'unknown' : mdCode(engine.endpoint, {inTable: true})} | ${verdictCell(engine.report.verdict.platform)} | ${worst ? `${worst.severity} ${mdCode(worst.id, {inTable: true})}` : 'none'} |`,
		);
	}
	for (const engine of fleet.engines) {
		out.push('', `## Engine ${mdCode(engine.context)}${engine.remote ? ' (judged on what the engine says of itself)' : ''}`, '', renderMarkdown(engine.report).trimEnd());
	}
	return `${out.join('\n')}\n`;
}

/** The terminal form: one line per engine, then each engine's plain report under a heading. */
export function renderFleetPlain(fleet: FleetReport, options: PlainOptions): string {
	const safe = (text: string) => neutralizeLine(text, 200);
	const width = Math.max(...fleet.engines.map(e => safe(e.context).length), 7);
	const out = [`${fleet.engines.length} Docker engines`, ''];
	for (const engine of fleet.engines) {
		const worst = worstFinding(engine.report);
		out.push(
			`  ${safe(engine.context).padEnd(width)}  ${(engine.report.verdict.platform ?? 'no platform').padEnd(14)}  ${worst ? `${worst.severity}: ${worst.id}` : 'no problems'}  ${safe(engine.endpoint ?? 'unknown endpoint')}`,
		);
	}
	for (const engine of fleet.engines) {
		out.push('', `== ${safe(engine.context)} (${safe(engine.endpoint ?? 'unknown endpoint')})${engine.remote ? ', judged on what the engine says of itself' : ''}`, '');
		out.push(renderPlain(engine.report, options).trimEnd());
	}
	return `${out.join('\n')}\n`;
}

function verdictCell(platform: string | null): string {
	return platform === null ? 'no platform' : mdCode(platform, {inTable: true});
}
