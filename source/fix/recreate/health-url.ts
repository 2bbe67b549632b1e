import type {ContainerSpec} from '../../facts/engine/container-ops.js';

/** GET a URL; resolves with the HTTP status, or undefined when nothing answered. Injected by the CLI. */
export type ProbeHttp = (url: string, options: {readonly timeoutMs: number; readonly signal?: AbortSignal}) => Promise<number | undefined>;

/** ChatMock answers here when it serves. */
export const HEALTH_PATH = '/health';
const CHATMOCK_PORT = '8000/tcp';

/**
 * Where /health is reached from here: ChatMock's port 8000 (else the only published tcp port), on
 * the engine's host. undefined when nothing is published or it is bound where this machine cannot reach.
 */
export function healthUrl(spec: Pick<ContainerSpec, 'ports'>, endpoint: string): string | undefined {
	const published = Object.entries(spec.ports).filter(([port, bindings]) => port.endsWith('/tcp') && bindings.length > 0);
	const chosen = published.find(([port]) => port === CHATMOCK_PORT) ?? (published.length === 1 ? published[0] : undefined);
	if (!chosen) return undefined;
	const engineHost = hostOfEndpoint(endpoint);
	for (const binding of chosen[1]) {
		const colon = binding.lastIndexOf(':');
		const ip = binding.slice(0, colon);
		const port = binding.slice(colon + 1);
		if (port === '') continue;
		const any = ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '[::]';
		const local = ip === '127.0.0.1' || ip === '::1';
		if (any && engineHost) return `http://${engineHost}:${port}${HEALTH_PATH}`;
		if (local && engineHost === '127.0.0.1') return `http://127.0.0.1:${port}${HEALTH_PATH}`;
		if (!any && !local && engineHost) return `http://${ip.includes(':') ? `[${ip}]` : ip}:${port}${HEALTH_PATH}`;
	}
	return undefined;
}

/** A local socket or pipe means this machine; tcp:// and ssh:// name the engine's host. */
export function hostOfEndpoint(endpoint: string): string | undefined {
	if (endpoint.startsWith('unix:') || endpoint.startsWith('npipe:')) return '127.0.0.1';
	try {
		const url = new URL(endpoint);
		return url.hostname === '' ? undefined : url.hostname;
	} catch {
		return undefined;
	}
}
