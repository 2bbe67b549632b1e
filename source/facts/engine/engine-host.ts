import type {EngineResult} from './engine-api.js';

export type EngineHost =
	| {readonly kind: 'unix'; readonly path: string}
	| {readonly kind: 'npipe'; readonly path: string}
	| {readonly kind: 'tcp'; readonly hostname: string; readonly port: number}
	| {readonly kind: 'ssh'; readonly hostname: string; readonly port?: number; readonly user?: string};

/** Parses a docker host string the way the CLI accepts it: unix://, npipe://, tcp:// (or bare host:port), ssh://. */
export function parseEngineHost(host: string, tls = false): EngineResult<EngineHost> {
	const bad = (why: string): EngineResult<EngineHost> => ({ok: false, error: {code: 'bad-endpoint', message: `${host}: ${why}`}});
	const trimmed = host.trim();
	if (trimmed === '') return bad('empty host');
	const schemeAt = trimmed.indexOf('://');
	const scheme = schemeAt === -1 ? 'tcp' : trimmed.slice(0, schemeAt).toLowerCase();
	const rest = schemeAt === -1 ? trimmed : trimmed.slice(schemeAt + 3);
	switch (scheme) {
		case 'unix':
			return rest === '' ? bad('no socket path') : {ok: true, value: {kind: 'unix', path: rest}};
		case 'npipe':
			return rest === '' ? bad('no pipe path') : {ok: true, value: {kind: 'npipe', path: rest}};
		case 'tcp':
		case 'ssh': {
			let url: URL;
			try {
				url = new URL(`${scheme === 'tcp' ? 'http' : 'ssh'}://${rest}`);
			} catch {
				return bad('not a valid address');
			}
			if (url.hostname === '') return bad('no host name');
			const port = url.port === '' ? undefined : Number.parseInt(url.port, 10);
			const hostname = url.hostname.replace(/^\[(.*)\]$/, '$1');
			if (scheme === 'tcp') return {ok: true, value: {kind: 'tcp', hostname, port: port ?? (tls ? 2376 : 2375)}};
			const user = url.username === '' ? undefined : decodeURIComponent(url.username);
			return {ok: true, value: {kind: 'ssh', hostname, ...(port === undefined ? {} : {port}), ...(user === undefined ? {} : {user})}};
		}
		default:
			return bad(`unsupported scheme ${scheme}://`);
	}
}

/** True for endpoints on this machine (a socket or a pipe), whose kernel the doctor can read. */
export function isLocalEngineHost(host: string): boolean {
	const parsed = parseEngineHost(host);
	return parsed.ok && (parsed.value.kind === 'unix' || parsed.value.kind === 'npipe');
}

/**
 * True when the engine runs on this machine or in a VM of it (a socket, a pipe, or tcp:// on the
 * loopback): this machine's CPU facts then speak for it. An engine over ssh:// or on another
 * address is another machine, known only by what it says of itself.
 */
export function sharesThisMachine(host: string): boolean {
	const parsed = parseEngineHost(host);
	if (!parsed.ok) return false;
	const {value} = parsed;
	if (value.kind === 'unix' || value.kind === 'npipe') return true;
	if (value.kind !== 'tcp') return false;
	const name = value.hostname.toLowerCase();
	return name === 'localhost' || name === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name);
}

/**
 * The engine's machine as a person names it when it is another one (the host of a tcp:// or ssh://
 * endpoint, else the endpoint itself); undefined when the engine shares this machine.
 */
export function otherMachineName(host: string): string | undefined {
	if (sharesThisMachine(host)) return undefined;
	const parsed = parseEngineHost(host);
	return parsed.ok && (parsed.value.kind === 'tcp' || parsed.value.kind === 'ssh') ? parsed.value.hostname : host;
}
