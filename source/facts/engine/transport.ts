import {Agent as HttpsAgent} from 'node:https';
import type {IncomingHttpHeaders, IncomingMessage} from 'node:http';
import {addAbortSignal} from 'node:stream';
import Modem from 'docker-modem';
import type {EngineError, EngineResult, ResolvedEndpoint} from './engine-api.js';
import {parseEngineHost} from './engine-host.js';
import {createSshAgent} from './ssh-dial.js';

/**
 * HTTP to the engine through docker-modem's dial (sockets, TLS; ssh via the system ssh), with our
 * own deadlines: docker-modem's `timeout` destroys streams and it has none by default. Every
 * status code is handed back; the caller maps it.
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
const ALL_STATUS_CODES: Record<number, boolean> = Object.fromEntries(Array.from({length: 500}, (_, i) => [i + 100, true]));

interface ModemLike {
	dial(options: Record<string, unknown>, callback: (error: (Error & {code?: string}) | null, result: unknown) => void): void;
}

export function createTransport(endpoint: ResolvedEndpoint, clientSignal?: AbortSignal): EngineResult<Transport> {
	const parsed = parseEngineHost(endpoint.host, endpoint.tls !== undefined);
	if (!parsed.ok) return parsed;
	const target = parsed.value;
	const options: Record<string, unknown> = {
		// Explicit undefineds: docker-modem merges its own reading of DOCKER_HOST/DOCKER_CERT_PATH/DOCKER_CLIENT_TIMEOUT under ours.
		socketPath: undefined,
		host: undefined,
		port: undefined,
		protocol: undefined,
		ca: undefined,
		cert: undefined,
		key: undefined,
		timeout: undefined,
		connectionTimeout: undefined,
		version: undefined,
		pathPrefix: '/',
		headers: {},
	};
	switch (target.kind) {
		case 'unix':
		case 'npipe':
			options['socketPath'] = target.path;
			break;
		case 'tcp': {
			options['host'] = target.hostname;
			options['port'] = target.port;
			const tls = endpoint.tls;
			if (tls) {
				options['protocol'] = 'https';
				options['ca'] = tls.ca;
				options['cert'] = tls.cert;
				options['key'] = tls.key;
				if (!tls.verify) options['agent'] = new HttpsAgent({rejectUnauthorized: false});
			} else {
				options['protocol'] = 'http';
			}
			break;
		}
		case 'ssh':
			// Plain HTTP over `ssh … docker system dial-stdio`, as the docker CLI does (see ssh-dial.ts).
			options['protocol'] = 'http';
			options['host'] = 'docker';
			options['agent'] = createSshAgent(target);
			break;
	}
	let modem: ModemLike;
	try {
		// The constructor throws on a malformed DOCKER_HOST in the environment even when we pass our own host.
		modem = new (Modem as unknown as new (options: Record<string, unknown>) => ModemLike)(options);
	} catch (error) {
		return fail({code: 'bad-endpoint', message: `cannot set up a client for ${endpoint.host}: ${messageOf(error)}`});
	}
	const transport: Transport = {
		endpoint: endpoint.host,
		apiVersion: undefined,
		send: (request, deadline) => send(modem, transport, request, deadline, clientSignal),
	};
	return {ok: true, value: transport};
}

function send(
	modem: ModemLike,
	transport: Transport,
	request: EngineRequest,
	deadline: Deadline,
	clientSignal: AbortSignal | undefined,
): Promise<EngineResult<EngineResponse>> {
	return new Promise(resolve => {
		const controller = new AbortController();
		let why: 'timeout' | 'aborted' | undefined;
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
		const abort = (reason: 'timeout' | 'aborted') => {
			if (why !== undefined) return;
			why = reason;
			controller.abort();
			// Some transports (ssh) ignore the signal: settle anyway.
			finish(fail(reason === 'timeout' ? timeoutError(deadline) : {code: 'aborted', message: 'aborted'}));
		};
		for (const signal of [clientSignal, deadline.signal]) {
			if (!signal) continue;
			if (signal.aborted) {
				abort('aborted');
				return;
			}
			const onAbort = () => abort('aborted');
			signal.addEventListener('abort', onAbort, {once: true});
			unlink.push(() => signal.removeEventListener('abort', onAbort));
		}
		if (deadline.timeoutMs !== undefined) timer = setTimeout(() => abort('timeout'), deadline.timeoutMs);
		const armStall = () => {
			if (deadline.stallMs === undefined) return;
			clearTimeout(stallTimer);
			stallTimer = setTimeout(() => abort('timeout'), deadline.stallMs);
		};
		armStall();

		const prefix = transport.apiVersion ? `/v${transport.apiVersion}` : '';
		const query = Object.fromEntries(Object.entries(request.query ?? {}).filter(([, v]) => v !== undefined));
		const dialOptions: Record<string, unknown> = {
			path: `${prefix}${request.path}?`,
			method: request.method,
			isStream: true,
			statusCodes: ALL_STATUS_CODES,
			abortSignal: controller.signal,
			// _body {} is sent as no body at all by docker-modem.
			options: {_query: query, _body: request.body ?? {}},
		};
		try {
			modem.dial(dialOptions, (error, result) => {
				if (error) {
					if (why === undefined) finish(fail(mapSocketError(error)));
					return;
				}
				const res = result as IncomingMessage;
				addAbortSignal(controller.signal, res);
				const chunks: Buffer[] = [];
				let size = 0;
				res.on('data', (chunk: Buffer) => {
					armStall();
					size += chunk.length;
					if (size > MAX_BODY_BYTES) {
						res.destroy();
						finish(fail({code: 'protocol', message: `answer of ${request.path} larger than ${MAX_BODY_BYTES} bytes`}));
						return;
					}
					deadline.onData?.(chunk);
					if (!deadline.onData) chunks.push(chunk);
				});
				res.on('error', err => {
					if (why === undefined) finish(fail(mapSocketError(err)));
				});
				res.on('end', () => finish({ok: true, value: {status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks)}}));
				res.on('close', () => {
					// Closed before 'end': the connection broke mid-answer.
					if (!res.complete && why === undefined) finish(fail({code: 'protocol', message: `connection closed while reading ${request.path}`}));
				});
			});
		} catch (error) {
			finish(fail(mapSocketError(error as Error & {code?: string})));
		}
	});
}

function timeoutError(deadline: Deadline): EngineError {
	return deadline.stallMs !== undefined && deadline.timeoutMs === undefined
		? {code: 'timeout', message: `no progress for ${deadline.stallMs} ms`}
		: {code: 'timeout', message: `no answer within ${deadline.timeoutMs} ms`};
}

/** Socket errors → our codes; the errno stays for reports. */
export function mapSocketError(error: Error & {code?: string}): EngineError {
	const errno = typeof error.code === 'string' ? error.code : undefined;
	const message = messageOf(error);
	switch (errno) {
		case 'ENOENT':
		case 'ECONNREFUSED':
		case 'ENOTFOUND':
		case 'EHOSTUNREACH':
		case 'ENETUNREACH':
		case 'EAI_AGAIN':
		case 'ENOTSOCK':
			return {code: 'unreachable', message, errno};
		case 'EACCES':
		case 'EPERM':
			return {code: 'eacces', message, errno};
		case 'ETIMEDOUT':
			return {code: 'timeout', message, errno};
		case 'ABORT_ERR':
			return {code: 'aborted', message, errno};
		default:
			return errno === undefined ? {code: 'error', message} : {code: 'error', message, errno};
	}
}

export function messageOf(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.replace(/\s+/g, ' ').trim();
}

export function fail<T>(error: EngineError): EngineResult<T> {
	return {ok: false, error};
}
