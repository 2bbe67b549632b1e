import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';

export interface FakeComment {
	id: number;
	body: string;
}

export interface FakeRequest {
	readonly method: string;
	readonly path: string;
	readonly authorization: string | undefined;
	readonly body: string;
}

/**
 * The part of GitHub's REST API the triage Action uses, in memory: an issue's comments (list with
 * pagination, create, update) and attachments served under /user-attachments/files/. Every request
 * is recorded, so a test can assert what was sent and with which token.
 */
export class FakeGitHub {
	readonly comments: FakeComment[] = [];
	readonly requests: FakeRequest[] = [];
	readonly attachments = new Map<string, string>();
	private nextId = 1000;
	private server: Server | undefined;

	constructor(
		private readonly repository: string,
		private readonly issue: number,
		private readonly token: string,
	) {}

	get url(): string {
		return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
	}

	async start(): Promise<void> {
		this.server = createServer((request, response) => {
			void readBody(request).then(body => {
				const path = request.url ?? '/';
				this.requests.push({method: request.method ?? '', path, authorization: request.headers.authorization, body});
				const [status, answer] = this.answer(request.method ?? '', path, request.headers.authorization, body);
				response.writeHead(status, {'content-type': typeof answer === 'string' ? 'text/plain' : 'application/json'});
				response.end(typeof answer === 'string' ? answer : JSON.stringify(answer));
			});
		});
		await new Promise<void>(resolve => this.server!.listen(0, '127.0.0.1', resolve));
	}

	async stop(): Promise<void> {
		await new Promise<void>(resolve => this.server?.close(() => resolve()));
	}

	private answer(method: string, path: string, authorization: string | undefined, body: string): [number, unknown] {
		const url = new URL(path, 'http://fake');
		const attachment = this.attachments.get(url.pathname);
		if (method === 'GET' && attachment !== undefined) return [200, attachment];
		if (authorization !== `Bearer ${this.token}`) return [401, {message: 'Bad credentials'}];
		const comments = `/repos/${this.repository}/issues/${this.issue}/comments`;
		if (url.pathname === comments && method === 'GET') {
			const page = Number(url.searchParams.get('page') ?? '1');
			const perPage = Number(url.searchParams.get('per_page') ?? '30');
			const slice = this.comments.slice((page - 1) * perPage, page * perPage);
			return [200, slice.map(c => ({id: c.id, body: c.body, user: {login: 'github-actions[bot]', type: 'Bot'}}))];
		}
		if (url.pathname === comments && method === 'POST') {
			const comment = {id: this.nextId++, body: (JSON.parse(body) as {body: string}).body};
			this.comments.push(comment);
			return [201, comment];
		}
		const edit = /^\/repos\/[^/]+\/[^/]+\/issues\/comments\/(\d+)$/.exec(url.pathname);
		if (edit && method === 'PATCH') {
			const comment = this.comments.find(c => c.id === Number(edit[1]));
			if (comment === undefined) return [404, {message: 'Not Found'}];
			comment.body = (JSON.parse(body) as {body: string}).body;
			return [200, comment];
		}
		return [404, {message: 'Not Found'}];
	}
}

function readBody(request: IncomingMessage): Promise<string> {
	return new Promise(resolve => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
	});
}
