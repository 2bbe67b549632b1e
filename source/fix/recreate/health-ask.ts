import type {ContainerOps, ContainerSpec} from '../../facts/engine/container-ops.js';
import {sharesThisMachine} from '../../facts/engine/engine-host.js';
import {HEALTH_PATH, healthUrl, type ProbeHttp} from './health-url.js';

/**
 * One try at ChatMock's /health, and how it was asked:
 * - answered: an HTTP status (or 'ok' from a client that tells success only by its exit code);
 * - silent: asked, nothing answered (not serving yet, or the way there does not reach it);
 * - cannot: no way to ask from here, and why.
 */
export type HealthAnswer =
	| {readonly kind: 'answered'; readonly status: number | 'ok'; readonly how: string}
	| {readonly kind: 'silent'; readonly how: string; readonly maybeUnreachable?: string}
	| {readonly kind: 'cannot'; readonly why: string};

export type HealthEngine = Partial<Pick<ContainerOps, 'execInContainer'>>;

export interface HealthAskOptions {
	readonly endpoint: string;
	readonly probeHttp?: ProbeHttp;
	readonly signal?: AbortSignal;
}

/** An HTTP client the image may have, run inside the container against its own port. */
interface InsideClient {
	readonly name: string;
	readonly command: (url: string) => readonly string[];
	/** The status it reports; 'ok' = succeeded without naming one; undefined = nothing answered. */
	readonly read: (exitCode: number, output: readonly string[]) => number | 'ok' | undefined;
}

// ChatMock's own image is Python: urllib is there. Others often carry busybox wget or curl.
const PYTHON = `import sys, urllib.request, urllib.error
try:
    print(urllib.request.urlopen(sys.argv[1], timeout=2).status)
except urllib.error.HTTPError as e:
    print(e.code)`;

const statusIn = (output: readonly string[], pattern: RegExp): number | undefined => {
	for (const line of output) {
		const found = pattern.exec(line);
		if (found) return Number.parseInt(found[1]!, 10);
	}
	return undefined;
};

export const INSIDE_CLIENTS: readonly InsideClient[] = [
	{name: 'python3', command: url => ['python3', '-c', PYTHON, url], read: (code, output) => (code === 0 ? statusIn(output, /^\s*(\d{3})\s*$/) : undefined)},
	{
		name: 'wget',
		// No -T: some busybox builds crash on it (exit 139); the exec call has its own deadline.
		command: url => ['wget', '-q', '-O', '/dev/null', url],
		read: (code, output) => (code === 0 ? 'ok' : statusIn(output, /HTTP\/[\d.]+ (\d{3})/)),
	},
	{
		name: 'curl',
		command: url => ['curl', '-s', '-o', '/dev/null', '--max-time', '2', '-w', '%{http_code}', url],
		read: (_code, output) => {
			const status = statusIn(output, /^\s*(\d{3})\s*$/);
			return status === undefined || status === 0 ? undefined : status;
		},
	},
];

/** The command could not start: the image does not have it. */
function notThere(exitCode: number | undefined, output: readonly string[]): boolean {
	if (exitCode === 126 || exitCode === 127) return true;
	const text = output.join('\n');
	return /executable file not found|no such file or directory|not found/i.test(text) && (exitCode === undefined || exitCode !== 0);
}

/** The port ChatMock listens on inside the container: 8000 when exposed (or nothing is), else the one exposed tcp port. */
export function containerPort(spec: Pick<ContainerSpec, 'config' | 'ports'>): number {
	const exposed = spec.config['ExposedPorts'];
	const keys = [...Object.keys(typeof exposed === 'object' && exposed !== null ? exposed : {}), ...Object.keys(spec.ports)].filter(port => port.endsWith('/tcp'));
	const unique = [...new Set(keys)];
	const chosen = unique.includes('8000/tcp') || unique.length !== 1 ? '8000/tcp' : unique[0]!;
	return Number.parseInt(chosen, 10);
}

/** The container's addresses on its networks (bridge and user-defined ones; none for host/none/container: modes). */
export function networkAddresses(spec: Pick<ContainerSpec, 'networks'>): Array<{readonly network: string; readonly ip: string}> {
	return Object.entries(spec.networks).flatMap(([network, endpoint]) => {
		const ip = endpoint['IPAddress'];
		return typeof ip === 'string' && ip !== '' ? [{network, ip}] : [];
	});
}

/**
 * Asks /health the way the container can be reached: on its published port; else, with the engine
 * on this machine, on its own address on its network(s); else (or when that address does not
 * answer: Docker Desktop keeps it inside its VM) from inside the container, with an HTTP client
 * the image has. Remembers which inside client works, and when there is none.
 */
export function createHealthAsker(engine: HealthEngine, options: HealthAskOptions): (spec: ContainerSpec) => Promise<HealthAnswer> {
	let inside: InsideClient | undefined;
	let noInside: string | undefined = engine.execInContainer ? undefined : 'the engine client cannot run a command in the container';
	const {probeHttp, signal} = options;
	const call = {timeoutMs: 8000, ...(signal ? {signal} : {})};

	const askInside = async (spec: ContainerSpec): Promise<HealthAnswer | undefined> => {
		if (noInside !== undefined || !engine.execInContainer) return undefined;
		const url = `http://127.0.0.1:${containerPort(spec)}${HEALTH_PATH}`;
		for (const client of inside ? [inside] : INSIDE_CLIENTS) {
			const ran = await engine.execInContainer(spec.id, client.command(url), call);
			if (!ran.ok) {
				if (ran.error.code === 'aborted') return undefined;
				// A client that hangs past the call's deadline: nothing answered this time.
				if (ran.error.code === 'timeout') return {kind: 'silent', how: `GET ${url} inside the container (${client.name})`};
				// A container that is not running (yet, or any more) cannot run it: no verdict on the image.
				if (/is not running|is restarting|is paused/i.test(ran.error.message)) return {kind: 'silent', how: `GET ${url} inside the container`};
				noInside = `the engine refused to run a command in it (${ran.error.message})`;
				return undefined;
			}
			// Missing, or crashing (killed by a signal: exit 128+): try the next client.
			if (!inside && (notThere(ran.value.exitCode, ran.value.output) || (ran.value.exitCode ?? 0) > 128)) continue;
			inside = client;
			const how = `GET ${url} inside the container (${client.name})`;
			const status = ran.value.exitCode === undefined ? undefined : client.read(ran.value.exitCode, ran.value.output);
			return status === undefined ? {kind: 'silent', how} : {kind: 'answered', status, how};
		}
		noInside = `the image has none of ${INSIDE_CLIENTS.map(client => client.name).join(', ')} to ask it from inside`;
		return undefined;
	};

	return async spec => {
		const published = healthUrl(spec, options.endpoint);
		if (published) {
			if (!probeHttp) return {kind: 'cannot', why: 'no HTTP client was given to the fix'};
			const status = await probeHttp(published, {timeoutMs: 2000, ...(signal ? {signal} : {})});
			if (status !== undefined) return {kind: 'answered', status, how: `GET ${published}`};
			// From another machine the published port can be out of reach (an ssh alias, a firewall)
			// while ChatMock serves: silence there is not its answer, so ask from inside as well.
			if (!sharesThisMachine(options.endpoint)) {
				const fromInside = await askInside(spec);
				if (fromInside) return fromInside;
				return {kind: 'silent', how: `GET ${published}`, maybeUnreachable: `${published} did not answer from here and ${noInside ?? 'nothing else can ask'}`};
			}
			return {kind: 'silent', how: `GET ${published}`};
		}
		let throughAddress: HealthAnswer | undefined;
		const local = sharesThisMachine(options.endpoint);
		if (local && probeHttp) {
			for (const {network, ip} of networkAddresses(spec)) {
				const url = `http://${ip.includes(':') ? `[${ip}]` : ip}:${containerPort(spec)}${HEALTH_PATH}`;
				const how = `GET ${url} (its address on ${network})`;
				const status = await probeHttp(url, {timeoutMs: 2000, ...(signal ? {signal} : {})});
				if (status !== undefined) return {kind: 'answered', status, how};
				throughAddress ??= {kind: 'silent', how};
			}
		}
		const fromInside = await askInside(spec);
		if (fromInside) return fromInside;
		// A port bound to the loopback of the engine's machine is published, just not reachable from here.
		const boundElsewhere = Object.values(spec.ports).some(bindings => bindings.length > 0);
		const why = [
			boundElsewhere ? "its port is published only on the loopback of the engine's machine" : 'no port is published',
			local ? (throughAddress ? undefined : 'it has no address on a network this machine reaches') : 'the engine is on another machine, so its address is not reachable from here',
			noInside,
		]
			.filter(Boolean)
			.join('; ');
		// Its address did not answer and nothing else can ask: silence may be the way there, not ChatMock.
		if (throughAddress?.kind === 'silent') return {...throughAddress, maybeUnreachable: `${throughAddress.how.replace(/^GET /, '')} did not answer and ${noInside ?? 'nothing else can ask'}`};
		return {kind: 'cannot', why};
	};
}
