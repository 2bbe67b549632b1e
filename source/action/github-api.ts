import {LINK_LIMITS, mayFollow} from './report-links.js';

export interface IssueRef {
	readonly owner: string;
	readonly repo: string;
	readonly number: number;
}

export interface IssueComment {
	readonly id: number;
	readonly body: string;
	readonly userType: string;
}

/** What the Action needs of GitHub: the issue's comments, one to write, and linked text. */
export interface GitHubApi {
	listComments(issue: IssueRef): Promise<IssueComment[]>;
	createComment(issue: IssueRef, body: string): Promise<void>;
	updateComment(issue: IssueRef, id: number, body: string): Promise<void>;
	/** A linked report's text, cut at LINK_LIMITS.bytes; undefined when it cannot be read. */
	fetchText(url: string): Promise<string | undefined>;
}

export class GitHubApiError extends Error {
	constructor(
		readonly status: number,
		message: string,
	) {
		super(message);
	}
}

export interface GitHubApiOptions {
	readonly apiUrl: string;
	readonly serverUrl: string;
	readonly token: string;
	readonly timeoutMs?: number;
	readonly fetch?: typeof fetch;
}

const PAGES = 10;

/** The REST API over fetch, with a deadline on every call; a failure names the call and GitHub's message, never the token. */
export function createGitHubApi(options: GitHubApiOptions): GitHubApi {
	const fetchImpl = options.fetch ?? fetch;
	const base = options.apiUrl.replace(/\/+$/, '');
	const timeoutMs = options.timeoutMs ?? 15_000;
	const headers = {
		accept: 'application/vnd.github+json',
		authorization: `Bearer ${options.token}`,
		'user-agent': 'chatmock-doctor-triage',
		'x-github-api-version': '2022-11-28',
	};

	async function call(method: string, path: string, body?: unknown): Promise<unknown> {
		const response = await fetchImpl(`${base}${path}`, {
			method,
			headers: body === undefined ? headers : {...headers, 'content-type': 'application/json'},
			...(body === undefined ? {} : {body: JSON.stringify(body)}),
			signal: AbortSignal.timeout(timeoutMs),
		});
		const text = await response.text();
		if (!response.ok) throw new GitHubApiError(response.status, `${method} ${path}: HTTP ${response.status}${githubMessage(text)}`);
		return text === '' ? undefined : JSON.parse(text);
	}

	const commentsPath = (issue: IssueRef) => `/repos/${issue.owner}/${issue.repo}/issues/${issue.number}/comments`;

	return {
		async listComments(issue) {
			const out: IssueComment[] = [];
			for (let page = 1; page <= PAGES; page++) {
				const batch = await call('GET', `${commentsPath(issue)}?per_page=100&page=${page}`);
				if (!Array.isArray(batch)) break;
				for (const item of batch as Array<{id?: unknown; body?: unknown; user?: {type?: unknown}}>) {
					if (typeof item.id !== 'number') continue;
					out.push({id: item.id, body: typeof item.body === 'string' ? item.body : '', userType: typeof item.user?.type === 'string' ? item.user.type : ''});
				}
				if (batch.length < 100) break;
			}
			return out;
		},
		async createComment(issue, body) {
			await call('POST', commentsPath(issue), {body});
		},
		async updateComment(issue, id, body) {
			await call('PATCH', `/repos/${issue.owner}/${issue.repo}/issues/comments/${id}`, {body});
		},
		async fetchText(url) {
			return fetchBounded(fetchImpl, url, options.serverUrl);
		},
	};
}

/** Follows at most a few redirects, each to a host the Action trusts, and reads at most LINK_LIMITS.bytes. */
async function fetchBounded(fetchImpl: typeof fetch, url: string, serverUrl: string): Promise<string | undefined> {
	let current = new URL(url);
	for (let hop = 0; hop <= LINK_LIMITS.redirects; hop++) {
		if (!mayFollow(current, serverUrl)) return undefined;
		let response: Response;
		try {
			response = await fetchImpl(current, {redirect: 'manual', headers: {'user-agent': 'chatmock-doctor-triage'}, signal: AbortSignal.timeout(LINK_LIMITS.timeoutMs)});
		} catch {
			return undefined;
		}
		const location = response.headers.get('location');
		if (response.status >= 300 && response.status < 400 && location !== null) {
			await response.body?.cancel();
			current = new URL(location, current);
			continue;
		}
		if (!response.ok || response.body === null) return undefined;
		return readAtMost(response.body, LINK_LIMITS.bytes);
	}
	return undefined;
}

async function readAtMost(body: ReadableStream<Uint8Array>, limit: number): Promise<string> {
	const reader = body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	while (size < limit) {
		const {done, value} = await reader.read();
		if (done) break;
		chunks.push(value);
		size += value.byteLength;
	}
	await reader.cancel().catch(() => undefined);
	return Buffer.concat(chunks).subarray(0, limit).toString('utf8');
}

function githubMessage(text: string): string {
	try {
		const message = (JSON.parse(text) as {message?: unknown}).message;
		return typeof message === 'string' ? ` (${message.slice(0, 200)})` : '';
	} catch {
		return '';
	}
}
