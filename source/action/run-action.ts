import {diagnose} from '../diagnosis/diagnose.js';
import {triageText} from '../facts/triage/triage-text.js';
import {buildReport} from '../presentation/report-model.js';
import {createRedactor} from '../report/redact.js';
import {redactReport} from '../report/redact-report.js';
import {reportHostnames} from '../report/redaction-context.js';
import {VERSION} from '../version.js';
import type {GitHubApi} from './github-api.js';
import type {IssueEvent} from './issue-event.js';
import {reportLinks} from './report-links.js';
import {COMMENT_MARKER, hasMachineOutput, triageComment} from './triage-comment.js';

export type ActionOutcome = 'posted' | 'updated' | 'unchanged' | 'no-machine-output';

export interface ActionDeps {
	readonly api: GitHubApi;
	readonly event: IssueEvent;
	readonly serverUrl: string;
	/** Secrets of the run itself (the token), which must never reach the comment. */
	readonly secrets: readonly string[];
	/** Progress for the workflow log: counts and outcomes only, never the issue's text. */
	readonly log: (line: string) => void;
}

/**
 * Triage of one issue: its body and the text reports it links are read like a paste, and the
 * verdict with its findings and fixes goes into one comment, created once and updated on edits.
 * Nothing is posted when the issue holds no machine output.
 */
export async function runTriageAction(deps: ActionDeps): Promise<ActionOutcome> {
	const {api, event} = deps;
	const links = reportLinks(event.body, deps.serverUrl);
	const linked: string[] = [];
	for (const url of links) {
		const text = await api.fetchText(url);
		if (text !== undefined) linked.push(text);
	}
	deps.log(`issue #${event.number}: ${event.body.length} characters, ${linked.length} of ${links.length} linked reports read`);

	const facts = triageText([event.body, ...linked].join('\n\n'));
	if (!hasMachineOutput(facts)) {
		deps.log('no machine output found: nothing posted');
		return 'no-machine-output';
	}
	const diagnosis = diagnose(facts);
	const built = buildReport(facts, diagnosis, VERSION);
	const report = redactReport(built, createRedactor({extraSecrets: deps.secrets, otherHostnames: reportHostnames(built)}));
	const body = withoutSecrets(triageComment(report, linked.length), deps.secrets);

	const existing = (await api.listComments(event)).find(comment => comment.body.startsWith(COMMENT_MARKER));
	if (existing === undefined) {
		await api.createComment(event, body);
		deps.log(`posted the verdict (${diagnosis.verdict.platform ?? 'no platform'}, ${diagnosis.findings.length} findings)`);
		return 'posted';
	}
	if (existing.body === body) {
		deps.log('the comment already says this: unchanged');
		return 'unchanged';
	}
	await api.updateComment(event, existing.id, body);
	deps.log(`updated comment ${existing.id} (${diagnosis.verdict.platform ?? 'no platform'}, ${diagnosis.findings.length} findings)`);
	return 'updated';
}

/** A last guard: the run's own secrets never leave in a comment, whatever the redactor missed. */
function withoutSecrets(text: string, secrets: readonly string[]): string {
	return secrets.filter(secret => secret.length >= 8).reduce((out, secret) => out.split(secret).join('<secret>'), text);
}
