import {styleText} from 'node:util';
import {cite} from '../../facts/fact.js';
import {neutralizeLine, neutralizeOutput} from '../../text/sanitize.js';
import type {Finding, Severity} from '../../diagnosis/types.js';
import type {Report} from '../report-model.js';

export interface PlainOptions {
	readonly color: boolean;
	readonly ascii: boolean;
}

const GLYPHS = {
	unicode: {error: '✖', warning: '⚠', info: 'ℹ', ok: '✔', arrow: '→'},
	ascii: {error: 'x', warning: '!', info: 'i', ok: 'v', arrow: '->'},
} as const;

type Style = Parameters<typeof styleText>[0];

const ENGINE_LABELS = [
	['platformName', 'product'],
	['serverVersion', 'version'],
	['versionArch', 'arch'],
	['infoArchitecture', 'machine'],
	['osType', 'os type'],
	['operatingSystem', 'system'],
	['kernelVersion', 'kernel'],
] as const;

/** The static one-screen report for terminals without the interactive doctor and for pipes. */
export function renderPlain(report: Report, options: PlainOptions): string {
	const glyph = options.ascii ? GLYPHS.ascii : GLYPHS.unicode;
	const paint = (style: Style, text: string) => (options.color ? styleText(style, text) : text);
	const severityStyle: Record<Severity, Style> = {error: 'red', warning: 'yellow', info: 'cyan'};
	const safe = (text: string) => neutralizeLine(text, 300);
	const lines: string[] = [];
	const {verdict} = report;

	const headline = verdict.platform
		? `Use ${verdict.platform} ${options.ascii ? '-' : '—'} ${safe(verdict.machine)}`
		: `No ChatMock platform runs natively here ${options.ascii ? '-' : '—'} ${safe(verdict.machine)}`;
	lines.push(paint('bold', headline));
	lines.push(`  ${safe(verdict.reason)}`);
	lines.push(
		`  native: ${verdict.nativePlatforms.join(', ') || 'none'} · docker default: ${verdict.dockerDefault ?? 'unknown'} · confidence: ${verdict.confidence}`.replace(/·/g, options.ascii ? '|' : '·'),
	);
	lines.push('');

	if (report.findings.length === 0) lines.push(paint('green', `${glyph.ok} No problems found.`));
	for (const finding of report.findings) lines.push(...findingLines(finding, glyph, paint, severityStyle, safe), '');

	lines.push(paint('bold', 'Host'));
	const host = report.host;
	for (const [label, value] of [
		['kernel', host.kernelArch],
		['userland', host.userlandArch],
		['os', host.os],
		['model', host.model],
		['wsl', host.wsl],
		['in container', host.container === null ? null : host.container || 'no'],
	] as const) {
		if (value !== null && value !== undefined) lines.push(`  ${label.padEnd(13)}${safe(String(value))}`);
	}
	if (report.engine) {
		lines.push('', paint('bold', 'Docker engine'));
		const {endpoint, failure, facts, emulation} = report.engine;
		if (endpoint) lines.push(`  endpoint     ${safe(endpoint.host)} (${safe(endpoint.reason)})`);
		if (failure) lines.push(`  ${paint('red', `${glyph.error} ${safe(failure.message)}`)}`);
		for (const [key, label] of ENGINE_LABELS) {
			const f = facts[key];
			if (f) lines.push(`  ${label.padEnd(13)}${safe(String(f.value))}`);
		}
		if (emulation) {
			const handlers = emulation.handlers.filter(h => h.arch).map(h => `${h.name}${h.enabled ? '' : ' (disabled)'}${h.flags.includes('F') || h.nameOnly ? '' : ' (no F flag)'}`);
			lines.push(`  emulation    ${emulation.kind}${handlers.length > 0 ? `: ${handlers.map(safe).join(', ')}` : emulation.kind === 'binfmt' ? ': none registered' : ''}`);
		}
	}
	if (report.images.length > 0) {
		lines.push('', paint('bold', 'ChatMock images'));
		for (const image of report.images) lines.push(`  ${safe(image.ref)}  ${image.platform}  ${image.runs}`);
	}
	if (report.containers.length > 0) {
		lines.push('', paint('bold', 'ChatMock containers'));
		for (const c of report.containers) {
			lines.push(`  ${safe(c.name)}  ${safe(c.state)}${c.exitCode === undefined ? '' : ` (exit ${c.exitCode})`}${c.restartCount ? `, ${c.restartCount} restarts` : ''}`);
			// A dead container's last words are usually the diagnosis.
			const last = c.state !== 'running' ? c.logTail.filter(line => line.trim() !== '').at(-1) : undefined;
			if (last !== undefined) lines.push(`    last log line: ${safe(last)}`);
		}
	}
	if (report.published) {
		const p = report.published;
		lines.push(
			'',
			paint('bold', 'Published'),
			`  ${safe(p.ref)}: ${p.platforms.join(', ')} (${p.source === 'registry' ? 'from the registry' : `built-in table${p.fallbackReason ? `: ${safe(p.fallbackReason)}` : ''}`})`,
		);
	}
	// The one rule at the boundary too: a field no one thought foreign (an image's os/arch from the engine) cannot slip through.
	return `${neutralizeOutput(lines.join('\n'))}\n`;
}

function findingLines(
	finding: Finding,
	glyph: (typeof GLYPHS)[keyof typeof GLYPHS],
	paint: (style: Style, text: string) => string,
	severityStyle: Record<Severity, Style>,
	safe: (text: string) => string,
): string[] {
	const out = [paint(severityStyle[finding.severity], `${glyph[finding.severity]} ${safe(finding.title)}`) + paint('dim', `  [${finding.id}]`)];
	out.push(`  ${safe(finding.why)}`);
	for (const evidence of finding.evidence) out.push(`    ${safe(evidence.text)}${evidence.source ? paint('dim', `  (${safe(cite(evidence.source))})`) : ''}`);
	out.push(`  ${glyph.arrow} ${safe(finding.fix.summary)}`);
	for (const [index, step] of (finding.fix.steps ?? []).entries()) out.push(`    ${index + 1}. ${safe(step)}`);
	for (const command of finding.fix.commands) out.push(`    $ ${safe(command)}`);
	return out;
}
