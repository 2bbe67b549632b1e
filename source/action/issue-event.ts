/** The part of a GitHub `issues` event the triage needs; undefined for anything else (pull requests, other events). */
export interface IssueEvent {
	readonly owner: string;
	readonly repo: string;
	readonly number: number;
	readonly body: string;
	readonly action: string;
}

const NAME = /^[A-Za-z0-9_.-]{1,100}$/;

/**
 * Reads the event payload GitHub writes for a workflow run (GITHUB_EVENT_PATH). The repository
 * comes from GITHUB_REPOSITORY when the payload lacks it; names are checked before they go into
 * an API path.
 */
export function readIssueEvent(payload: unknown, repository: string | undefined): IssueEvent | undefined {
	if (typeof payload !== 'object' || payload === null) return undefined;
	const event = payload as {action?: unknown; issue?: {number?: unknown; body?: unknown; pull_request?: unknown}; repository?: {full_name?: unknown}};
	const issue = event.issue;
	if (typeof issue !== 'object' || issue === null || issue.pull_request !== undefined) return undefined;
	if (typeof issue.number !== 'number' || !Number.isSafeInteger(issue.number) || issue.number < 1) return undefined;
	const fullName = typeof event.repository?.full_name === 'string' ? event.repository.full_name : repository;
	const [owner, repo, extra] = (fullName ?? '').split('/');
	if (owner === undefined || repo === undefined || extra !== undefined || !NAME.test(owner) || !NAME.test(repo)) return undefined;
	return {
		owner,
		repo,
		number: issue.number,
		body: typeof issue.body === 'string' ? issue.body : '',
		action: typeof event.action === 'string' ? event.action : '',
	};
}
