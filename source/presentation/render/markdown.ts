import {cite, type Source} from '../../facts/fact.js';
import type {Finding} from '../../diagnosis/types.js';
import {mdCode, mdFence, mdText, safeJson} from '../../report/markdown-escape.js';
import type {Report, ReportFact} from '../report-model.js';

export interface MarkdownOptions {
	/** Append the whole report as JSON in a collapsed block (default true): what a maintainer reads the details from. */
	readonly rawJson?: boolean;
}

const SEVERITY_LABEL = {error: '🛑 error', warning: '⚠️ warning', info: 'ℹ️ info'} as const;

/**
 * The report for a GitHub issue: verdict and findings first, the facts folded away in
 * <details>, the raw report last. Every foreign string goes through mdText/mdCode/mdFence.
 */
export function renderMarkdown(report: Report, options: MarkdownOptions = {}): string {
	const out: string[] = [];
	const {verdict} = report;
	out.push(`### chatmock-doctor ${mdText(report.tool.version)} report`, '');
	out.push(
		verdict.platform ? `**Verdict:** use ${mdCode(verdict.platform)} — ${mdText(verdict.machine)}` : `**Verdict:** no ChatMock platform runs natively here — ${mdText(verdict.machine)}`,
		'',
		`> ${mdText(verdict.reason, 1000)}`,
		'',
		`Native: ${verdict.nativePlatforms.map(p => mdCode(p)).join(', ') || 'none'} · Docker default: ${verdict.dockerDefault ? mdCode(verdict.dockerDefault) : 'unknown'} · Confidence: ${mdText(verdict.confidence)} · Origin: ${mdText(report.origin)}`,
	);
	if (verdict.basis.length > 0) out.push('', `Based on: ${verdict.basis.map(s => mdCode(cite(s))).join(', ')}`);
	const {errors, warnings, infos} = report.summary;
	out.push('', `#### Findings (${count(errors, 'error')}, ${count(warnings, 'warning')}, ${count(infos, 'note')})`, '');
	if (report.findings.length === 0) out.push('No problems found.', '');
	for (const finding of report.findings) out.push(...findingLines(finding));

	out.push(...details('Host', hostLines(report)));
	if (report.engine) out.push(...details('Engine', engineLines(report.engine)));
	if (report.engine?.emulation) out.push(...details('Emulation', emulationLines(report.engine.emulation)));
	out.push(...details(`Images (${report.images.length})`, imageLines(report)));
	out.push(...details(`Containers (${report.containers.length})`, containerLines(report)));
	if (report.published) out.push(...details('Published platforms', publishedLines(report.published)));
	if (options.rawJson ?? true) out.push(...details('Raw report (JSON)', [mdFence(safeJson(report), 'json')]));
	return `${out
		.join('\n')
		.replace(/\n{3,}/g, '\n\n')
		.trimEnd()}\n`;
}

function count(n: number, word: string): string {
	return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function findingLines(finding: Finding): string[] {
	const out = [`##### ${SEVERITY_LABEL[finding.severity]} ${mdCode(finding.id)} ${mdText(finding.title)}`, ''];
	if (finding.subject) out.push(`Subject: ${mdCode(finding.subject)}`, '');
	out.push(mdText(finding.why, 2000), '');
	if (finding.evidence.length > 0) {
		out.push('Evidence:', '');
		for (const evidence of finding.evidence) out.push(`- ${mdText(evidence.text)}${evidence.source ? ` — ${citation(evidence.source)}` : ''}`);
		out.push('');
	}
	out.push(`**Fix:** ${mdText(finding.fix.summary)}`, '');
	for (const [index, step] of (finding.fix.steps ?? []).entries()) out.push(`${index + 1}. ${mdText(step, 1000)}`);
	if (finding.fix.steps?.length) out.push('');
	if (finding.fix.commands.length > 0) out.push(mdFence(finding.fix.commands.join('\n'), 'sh'), '');
	return out;
}

function citation(source: Source): string {
	const excerpt = source.excerpt ? ` ${mdCode(source.excerpt, {max: 200})}` : '';
	return `${mdCode(cite(source))}${excerpt}`;
}

function details(summary: string, body: readonly string[]): string[] {
	// The blank line after <summary> lets GitHub render the Markdown inside.
	return ['<details>', `<summary>${summary}</summary>`, '', ...body, '', '</details>', ''];
}

function row(cells: readonly string[]): string {
	return `| ${cells.join(' | ')} |`;
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
	if (rows.length === 0) return ['None.'];
	return [row(header), row(header.map(() => '---')), ...rows.map(row)];
}

function valueCell(value: unknown): string {
	if (value === null || value === undefined) return 'unknown';
	return mdCode(typeof value === 'string' ? value : JSON.stringify(value), {inTable: true, max: 300});
}

function sourceCell(source: Source | undefined): string {
	return source ? mdCode(cite(source), {inTable: true, max: 200}) : '';
}

function factRows(facts: Readonly<Record<string, ReportFact>>): string[][] {
	return Object.entries(facts).map(([key, f]) => [mdText(key), valueCell(f.value), sourceCell(f.source)]);
}

function hostLines(report: Report): string[] {
	const {host} = report;
	const summary: [string, unknown][] = [
		['kernel', host.kernelArch],
		['userland', host.userlandArch],
		['os', host.os],
		['model', host.model],
		['wsl', host.wsl],
		['in container', host.container],
		['chosen image', report.chosenImage],
	];
	return [
		...table(
			['', 'value'],
			summary.map(([label, value]) => [label, valueCell(value)]),
		),
		'',
		...table(['fact', 'value', 'source'], factRows(host.facts)),
	];
}

function engineLines(engine: NonNullable<Report['engine']>): string[] {
	const out: string[] = [];
	if (engine.endpoint) {
		const e = engine.endpoint;
		out.push(`Endpoint: ${mdCode(e.host)} (${mdText(e.reason)}${e.context ? `, context ${mdCode(e.context)}` : ''})`, '');
		for (const alternative of e.alternatives) out.push(`- also found: ${mdCode(alternative.host)} (${mdText(alternative.product)})`);
		if (e.alternatives.length > 0) out.push('');
	}
	if (engine.failure) out.push(`Failure: ${mdCode(engine.failure.code)} ${mdText(engine.failure.message)} — ${citation(engine.failure.source)}`, '');
	out.push(...table(['fact', 'value', 'source'], factRows(engine.facts)));
	return out;
}

function emulationLines(emulation: NonNullable<NonNullable<Report['engine']>['emulation']>): string[] {
	const out = [`Kind: ${mdCode(emulation.kind)}${emulation.rosetta === undefined ? '' : ` · Rosetta: ${emulation.rosetta ? 'on' : 'off'}`}`, ''];
	if (emulation.note) out.push(mdText(emulation.note, 1000), '');
	out.push(
		...table(
			['handler', 'arch', 'enabled', 'flags', 'interpreter', 'source'],
			emulation.handlers.map(h => [valueCell(h.name), valueCell(h.arch ?? null), h.enabled ? 'yes' : 'no', valueCell(h.flags), valueCell(h.interpreter ?? null), sourceCell(h.source)]),
		),
	);
	return out;
}

function imageLines(report: Report): string[] {
	return table(
		['image', 'platform', 'runs', 'id', 'source'],
		report.images.map(image => [valueCell(image.ref), valueCell(image.platform), mdText(image.runs), valueCell(image.id.slice(0, 19)), sourceCell(image.source)]),
	);
}

function containerLines(report: Report): string[] {
	if (report.containers.length === 0) return ['None.'];
	const out: string[] = [];
	for (const c of report.containers) {
		const facts = [
			`state ${mdCode(c.state)}`,
			c.exitCode === undefined ? '' : `exit ${c.exitCode}`,
			c.restartCount ? `${c.restartCount} restarts` : '',
			c.health ? `health ${mdCode(c.health)}` : '',
			c.port8000?.length ? `port 8000 on ${c.port8000.map(p => mdCode(p)).join(', ')}` : '',
		].filter(Boolean);
		out.push(`**${mdText(c.name)}** from ${mdCode(c.image)}: ${facts.join(', ')} — ${citation(c.source)}`, '');
		if (c.logTail.length > 0) out.push(mdFence(c.logTail.join('\n'), 'text'), '');
	}
	return out;
}

function publishedLines(published: NonNullable<Report['published']>): string[] {
	const from = published.source === 'registry' ? 'from the registry' : `built-in table${published.fallbackReason ? ` (${mdText(published.fallbackReason)})` : ''}`;
	return [`${mdCode(published.ref)}: ${published.platforms.map(p => mdCode(p)).join(', ') || 'none'} — ${from}`];
}
