import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {rmSync} from 'node:fs';
import {join} from 'node:path';
import {tempDir} from '../../../helpers/temp-dir.js';

export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

export interface FakeEngine {
	readonly socketPath: string;
	readonly host: string;
	/** Paths (with query) the server saw, in order. */
	readonly seen: string[];
	/** Connections the server accepted so far. */
	connections(): number;
	close(): Promise<void>;
}

/** A real HTTP server on a unix socket, answering by `METHOD /path` (version prefix stripped). */
export async function startFakeEngine(routes: Readonly<Record<string, Route>>): Promise<FakeEngine> {
	const dir = tempDir('cmd-fake-engine-');
	const socketPath = join(dir, 'docker.sock');
	const seen: string[] = [];
	const server: Server = createServer((req, res) => {
		const url = new URL(req.url ?? '/', 'http://engine');
		seen.push(`${req.method} ${url.pathname}${url.search}`);
		const path = url.pathname.replace(/^\/v\d+\.\d+/, '');
		const route = routes[`${req.method} ${path}`] ?? Object.entries(routes).find(([key]) => matches(key, `${req.method} ${path}`))?.[1];
		if (!route) {
			res.writeHead(404, {'content-type': 'application/json'}).end(JSON.stringify({message: `no route ${path}`}));
			return;
		}
		route(req, res, url);
	});
	let accepted = 0;
	server.on('connection', () => accepted++);
	await new Promise<void>(resolve => server.listen(socketPath, resolve));
	return {
		connections: () => accepted,
		socketPath,
		host: `unix://${socketPath}`,
		seen,
		close: () =>
			new Promise<void>(resolve => {
				server.closeAllConnections();
				server.close(() => {
					rmSync(dir, {recursive: true, force: true});
					resolve();
				});
			}),
	};
}

/** `GET /containers/*\/json` style keys: * matches one path segment. */
function matches(pattern: string, actual: string): boolean {
	const re = new RegExp(
		`^${pattern
			.split('*')
			.map(part => part.replace(/[.?+^$()[\]{}|\\/]/g, '\\$&'))
			.join('[^/]+')}$`,
	);
	return re.test(actual);
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Route {
	return (_req, res) => {
		res.writeHead(status, {'content-type': 'application/json', ...headers}).end(JSON.stringify(body));
	};
}

/** A create route (POST /containers/create): answers 201 with `answer` and keeps the body it was sent in `sent.body`. */
export function recordedCreate(answer: {readonly Id: string; readonly Warnings: readonly string[]}): {route: Route; sent: {body: Record<string, unknown>}} {
	const sent = {body: {} as Record<string, unknown>};
	const route: Route = (req, res) => {
		let body = '';
		req.on('data', (c: Buffer) => (body += c.toString()));
		req.on('end', () => {
			sent.body = JSON.parse(body) as Record<string, unknown>;
			res.writeHead(201, {'content-type': 'application/json'}).end(JSON.stringify(answer));
		});
	};
	return {route, sent};
}

/** A Docker multiplexed log frame. */
export function frame(stream: 1 | 2, text: string): Buffer {
	const payload = Buffer.from(text, 'utf8');
	const header = Buffer.alloc(8);
	header[0] = stream;
	header.writeUInt32BE(payload.length, 4);
	return Buffer.concat([header, payload]);
}
