import {Agent as HttpAgent, request as httpRequest, type IncomingHttpHeaders, type RequestOptions} from 'node:http';
import type {EngineError, EngineResult, ResolvedEndpoint} from './engine-api.js';
import {jsonDepth, MAX_JSON_DEPTH} from '../../text/json-depth.js';
import {parseEngineHost, type EngineHost} from './engine-host.js';
import {https} from '../lazy-builtins.js';
import {createSshAgent, SSH_CONNECT_FLOOR_MS} from './ssh-dial.js';

/**
 * HTTP to the engine with Node's own client (unix socket or named pipe, tcp with TLS, ssh via the
 * system ssh) and our own deadlines. One keep-alive agent per client: the probes' dozen calls share
 * one connection instead of dialling each time. Every status code is handed back; the caller maps it.
 */
export interface EngineRequest {
	readonly method: 'GET' | 'POST' | 'DELETE';
	/** Path without the /vX.Y prefix, e.g. /images/json. */
	readonly path: string;
	readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
	readonly body?: unknown;
}

export interface EngineResponse {
	readonly status: number;
	readonly headers: IncomingHttpHeaders;
	readonly body: Buffer;
}

export interface Deadline {
	/** Whole-call deadline (connect, headers and body). */
	readonly timeoutMs?: number;
	/** Stall deadline for streams: reset on every chunk. */
	readonly stallMs?: number;
	readonly signal?: AbortSignal;
	/** Called with every body chunk as it arrives (streams). */
	readonly onData?: (chunk: Buffer) => void;
}

export interface Transport {
	readonly endpoint: string;
	/** '1.41' once negotiated; prefixed to every path. */
	apiVersion: string | undefined;
	send(request: EngineRequest, deadline: Deadline): Promise<EngineResult<EngineResponse>>;
}

const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** How to reach the engine: Node's request function and the options every call starts from. */
interface Dialer {
	readonly request: typeof httpRequest;
	readonly base: RequestOptions & {readonly servername?: string};
	/** ssh: how long a new connection may take to come up, on top of the call's own deadline. */
	readonly connectAllowanceMs?: number;
}

export interface TransportOptions {
	/** ssh: how long a new connection may take to come up (see sshConnectAllowanceMs). */
	readonly sshConnectAllowanceMs?: number;
}

/**
 * No TLS server name to work out: else Node's agent checks the Host header with its IPv6 pattern
 * on every request, ~10 ms for its first use on a fast machine.
 */
const PLAIN = {servername: ''} as const;

export function createTransport(endpoint: ResolvedEndpoint, clientSignal?: AbortSignal, options: TransportOptions = {}): EngineResult<Transport> {
	const parsed = parseEngineHost(endpoint.host, endpoint.tls !== undefined);
	if (!parsed.ok) return parsed;
	const target = parsed.value;
	let dialer: Dialer;
	try {
		dialer = dialerFor(target, endpoint, options);
	} catch (error) {
		// Malformed key material throws in the TLS agent.
		return fail({code: 'bad-endpoint', cause: 'tls', message: `cannot set up a TLS client for ${endpoint.host}: ${messageOf(error)}`});
	}
	// One listener on the client's signal for all calls in flight, not one per call (a busy engine runs dozens).
	const inFlight = new Set<() => void>();
	clientSignal?.addEventListener(
		'abort',
		() => {
			for (const abort of [...inFlight]) abort();
		},
		{once: true},
	);
	const transport: Transport = {
		endpoint: endpoint.host,
		apiVersion: undefined,
		send: (request, deadline) => send(dialer, transport, request, deadline, clientSignal, inFlight),
	};
	return {ok: true, value: transport};
}

function dialerFor(target: EngineHost, endpoint: ResolvedEndpoint, options: TransportOptions): Dialer {
	switch (target.kind) {
		case 'unix':
		case 'npipe':
			// Node dials a named pipe through socketPath too (//./pipe/docker_engine).
			return {request: httpRequest, base: {...PLAIN, socketPath: target.path, agent: new HttpAgent({keepAlive: true})}};
		case 'tcp': {
			const tls = endpoint.tls;
			const address = {host: target.hostname, port: target.port};
			if (!tls) return {request: httpRequest, base: {...PLAIN, ...address, agent: new HttpAgent({keepAlive: true})}};
			const material = {
				...(tls.ca ? {ca: tls.ca} : {}),
				...(tls.cert ? {cert: tls.cert} : {}),
				...(tls.key ? {key: tls.key} : {}),
				rejectUnauthorized: tls.verify,
			};
			const {request, Agent} = https();
			return {request, base: {...address, agent: new Agent({keepAlive: true, ...material})}};
		}
		case 'ssh': {
			// Plain HTTP over `ssh … docker system dial-stdio`, as the docker CLI does (see ssh-dial.ts).
			const allowance = options.sshConnectAllowanceMs ?? SSH_CONNECT_FLOOR_MS;
			return {request: httpRequest, base: {...PLAIN, host: 'docker', agent: createSshAgent(target, 'ssh', allowance)}, connectAllowanceMs: allowance};
		}
	}
}

function send(
	dialer: Dialer,
	transport: Transport,
	request: EngineRequest,
	deadline: Deadline,
	clientSignal: AbortSignal | undefined,
	inFlight: Set<() => void>,
): Promise<EngineResult<EngineResponse>> {
	return new Promise(resolve => {
		const controller = new AbortController();
		let why: 'timeout' | 'aborted' | undefined;
		// Whether the connection was accepted: a timeout before it and one after it are different faults.
		let connected = false;
		let settled = false;
		let timer: NodeJS.Timeout | undefined;
		let stallTimer: NodeJS.Timeout | undefined;
		const unlink: Array<() => void> = [];
		const finish = (result: EngineResult<EngineResponse>) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			clearTimeout(stallTimer);
			for (const off of unlink) off();
			resolve(result);
		};
		// Set when the call waits on a new ssh connection: its allowance is added to the call's deadline.
		let allowedMs = 0;
		const abort = (reason: 'timeout' | 'aborted') => {
			if (why !== undefined) return;
			why = reason;
			controller.abort();
			// Settle at once, whatever the connection (an ssh child) does with the abort.
			finish(fail(reason === 'timeout' ? timeoutError(deadline, connected, allowedMs) : {code: 'aborted', message: 'aborted'}));
		};
		if (clientSignal?.aborted || deadline.signal?.aborted) {
			abort('aborted');
			return;
		}
		const onAbort = () => abort('aborted');
		inFlight.add(onAbort);
		unlink.push(() => inFlight.delete(onAbort));
		const signal = deadline.signal;
		if (signal && signal !== clientSignal) {
			signal.addEventListener('abort', onAbort, {once: true});
			unlink.push(() => signal.removeEventListener('abort', onAbort));
		}
		const sentAt = Date.now();
		if (deadline.timeoutMs !== undefined) timer = setTimeout(() => abort('timeout'), deadline.timeoutMs);
		const armStall = () => {
			if (deadline.stallMs === undefined) return;
			clearTimeout(stallTimer);
			stallTimer = setTimeout(() => abort('timeout'), deadline.stallMs + allowedMs);
		};
		armStall();
		/**
		 * A new ssh connection is still coming up (ssh's connect and login, dial-stdio's start):
		 * that time is its own allowance, not the engine's answer time. The call's deadlines get it
		 * on top, until the connection's first byte; a stream's stall deadline is back to itself at its next chunk.
		 */
		const allowHandshake = () => {
			if (allowedMs > 0 || dialer.connectAllowanceMs === undefined || why !== undefined) return;
			allowedMs = dialer.connectAllowanceMs;
			if (deadline.timeoutMs !== undefined) {
				clearTimeout(timer);
				timer = setTimeout(() => abort('timeout'), Math.max(0, sentAt + deadline.timeoutMs + allowedMs - Date.now()));
			}
			armStall();
		};

		const prefix = transport.apiVersion ? `/v${transport.apiVersion}` : '';
		const query = queryString(request.query);
		const payload = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body), 'utf8');
		const failWith = (error: Error & {code?: string}) => {
			if (why === undefined) finish(fail(mapSocketError(error)));
		};
		try {
			const req = dialer.request(
				{
					...dialer.base,
					method: request.method,
					path: `${prefix}${request.path}${query === '' ? '' : `?${query}`}`,
					headers: payload ? {'Content-Type': 'application/json', 'Content-Length': payload.length} : {},
					signal: controller.signal,
				},
				res => {
					connected = true;
					const chunks: Buffer[] = [];
					let size = 0;
					const status = res.statusCode ?? 0;
					// A stream that did not start (an error status) is read whole: its body is dockerd's reason.
					const streaming = deadline.onData !== undefined && status >= 200 && status < 300;
					res.on('data', (chunk: Buffer) => {
						armStall();
						size += chunk.length;
						if (size > MAX_BODY_BYTES) {
							res.destroy();
							finish(fail({code: 'protocol', cause: 'not-an-engine', message: `answer of ${request.path} larger than ${MAX_BODY_BYTES} bytes`}));
							return;
						}
						if (streaming) deadline.onData?.(chunk);
						else chunks.push(chunk);
					});
					res.on('error', failWith);
					res.on('end', () => {
						const body = Buffer.concat(chunks);
						const foreign = notAnEngine(request.path, status, res.headers, body);
						if (foreign) finish(fail(foreign));
						else if (deadline.onData !== undefined && !streaming) finish(fail(httpFailure(request.path, status, body)));
						else finish({ok: true, value: {status, headers: res.headers, body}});
					});
					res.on('close', () => {
						// Closed before 'end': the connection broke mid-answer.
						if (!res.complete && why === undefined) finish(fail({code: 'protocol', message: `connection closed while reading ${request.path}`}));
					});
				},
			);
			req.on('socket', socket => {
				if (!socket.connecting) connected = true;
				else {
					allowHandshake();
					socket.once('connect', () => (connected = true));
				}
			});
			req.on('error', failWith);
			// http.request honours `signal` only from Node 14.17; destroyed here, a hung engine never keeps an older Node alive.
			controller.signal.addEventListener('abort', () => req.destroy(), {once: true});
			req.end(payload);
		} catch (error) {
			failWith(error as Error & {code?: string});
		}
	});
}

/** key=value pairs as the docker CLI sends them; undefined values are left out. */
function queryString(query: EngineRequest['query']): string {
	return Object.entries(query ?? {})
		.filter(([, value]) => value !== undefined)
		.map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`)
		.join('&');
}

function timeoutError(deadline: Deadline, connected: boolean, allowedMs = 0): EngineError {
	if (!connected) {
		const within = (deadline.timeoutMs ?? deadline.stallMs ?? 0) + allowedMs;
		const why = allowedMs > 0 ? ` (ssh's connect, login and \`docker system dial-stdio\` had ${allowedMs} ms of it)` : '';
		return {code: 'timeout', cause: 'connect-timeout', message: `no connection within ${within} ms${why}`};
	}
	return deadline.stallMs !== undefined && deadline.timeoutMs === undefined
		? {code: 'timeout', cause: 'answer-timeout', message: `connected, but no progress for ${deadline.stallMs} ms`}
		: {code: 'timeout', cause: 'answer-timeout', message: `connected, but no answer within ${deadline.timeoutMs} ms`};
}

/**
 * An answer no Docker engine gives: an HTML page (a web server, a router's login), or JSON nested
 * deeper than any engine's (which would overflow whatever walks it later).
 */
function notAnEngine(path: string, status: number, headers: IncomingHttpHeaders, body: Buffer): EngineError | undefined {
	const type = String(headers['content-type'] ?? '');
	const head = body.subarray(0, 512).toString('utf8').trimStart().toLowerCase();
	if (/text\/html/i.test(type) || (!/vnd\.docker|octet-stream|text\/plain/i.test(type) && (head.startsWith('<!doctype html') || head.startsWith('<html')))) {
		return {code: 'protocol', cause: 'not-an-engine', status, message: `${path} answered an HTML page (HTTP ${status}), not a Docker engine's answer`};
	}
	if (/json/i.test(type) && jsonDepth(body) > MAX_JSON_DEPTH) {
		return {code: 'protocol', cause: 'not-an-engine', status, message: `${path} answered JSON nested deeper than ${MAX_JSON_DEPTH} levels, which no Docker engine sends`};
	}
	return undefined;
}

/** An error status with its body: dockerd says why in {"message": …}; the code as the API client maps it. */
export function httpFailure(path: string, status: number, body: Buffer): EngineError {
	let message: string | undefined;
	try {
		const parsed = JSON.parse(body.toString('utf8')) as unknown;
		if (parsed && typeof parsed === 'object' && typeof (parsed as {message?: unknown}).message === 'string') message = (parsed as {message: string}).message;
	} catch {
		// not JSON: the text itself
	}
	const text = (message ?? body.toString('utf8')).replace(/\s+/g, ' ').trim().slice(0, 500) || `HTTP ${status} from ${path}`;
	const code = status === 404 ? 'not-found' : status === 409 ? 'conflict' : status === 401 || status === 403 ? 'unauthorized' : 'http';
	return {code, cause: 'http', status, message: text};
}

/** Socket errors → our codes; the errno stays for reports. */
export function mapSocketError(error: Error & {code?: string}): EngineError {
	const errno = typeof error.code === 'string' ? error.code : undefined;
	const message = messageOf(error);
	switch (errno) {
		case 'ENOENT':
		case 'ENOTSOCK':
			return {code: 'unreachable', cause: 'missing', message, errno};
		case 'ECONNREFUSED':
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
			return {code: 'unreachable', cause: 'refused', message, errno};
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return {code: 'unreachable', cause: 'unresolved', message, errno};
		case 'EACCES':
		case 'EPERM':
			return {code: 'eacces', message, errno};
		case 'ETIMEDOUT':
			return {code: 'timeout', cause: 'connect-timeout', message, errno};
		case 'ABORT_ERR':
			return {code: 'aborted', message, errno};
		default: {
			// OpenSSL's codes (ERR_SSL_…, EPROTO, CERT_…, …_SELF_SIGNED_…, UNABLE_TO_VERIFY_…): the TLS handshake failed.
			const tls = errno !== undefined && /SSL|TLS|EPROTO|CERT|SELF_SIGNED|UNABLE_TO_|OSSL/.test(errno);
			const base = {code: 'error' as const, message, ...(tls ? {cause: 'tls' as const} : {})};
			return errno === undefined ? base : {...base, errno};
		}
	}
}

export function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.replace(/\s+/g, ' ').trim();
}

export function fail<T>(error: EngineError): EngineResult<T> {
	return {ok: false, error};
}
