import type {ContainerSpec, ImageConfig} from './container-ops.js';

/**
 * The create body of a container like the old one on a new image, from the old one's inspect.
 * What the user set is kept; what the old image supplied (env, command, labels, ports, user…) is
 * left out so the new image's own defaults apply, as `docker run` would do. Learned from how
 * Watchtower and `docker compose up --force-recreate` carry a container over.
 */
export interface RunSpec {
	readonly name: string;
	readonly body: Readonly<Record<string, unknown>>;
	/** Networks beyond the first: connected after create (older APIs take one at create). */
	readonly extraNetworks: ReadonlyArray<{readonly name: string; readonly endpoint: Readonly<Record<string, unknown>>}>;
}

export type RunSpecResult = {readonly ok: true; readonly spec: RunSpec} | {readonly ok: false; readonly message: string};

const BUILT_IN_NETWORKS = new Set(['default', 'bridge', 'host', 'none']);

export function buildRunSpec(old: ContainerSpec, oldImage: ImageConfig | undefined, image: string): RunSpecResult {
	const host = old.hostConfig;
	// --rm: stopping it would delete it, and the fix keeps the old one until the new one is proven.
	if (host['AutoRemove'] === true) return {ok: false, message: `${old.name} was made with --rm: stopping it would delete it, so it is left alone`};
	const config = old.config;
	const body: Record<string, unknown> = {Image: image};

	const differs = (key: string, imageValue: unknown) => {
		const value = config[key];
		if (value === undefined || value === null || value === '') return false;
		return oldImage === undefined || !sameJson(value, imageValue ?? null);
	};
	if (differs('Entrypoint', oldImage?.entrypoint)) body['Entrypoint'] = config['Entrypoint'];
	if (differs('Cmd', oldImage?.cmd)) body['Cmd'] = config['Cmd'];
	if (differs('User', oldImage?.user)) body['User'] = config['User'];
	if (differs('WorkingDir', oldImage?.workingDir)) body['WorkingDir'] = config['WorkingDir'];
	if (differs('StopSignal', oldImage?.stopSignal)) body['StopSignal'] = config['StopSignal'];
	if (differs('Healthcheck', oldImage?.healthcheck)) body['Healthcheck'] = config['Healthcheck'];

	const imageEnv = new Set(oldImage?.env ?? []);
	const env = stringList(config['Env']).filter(entry => !imageEnv.has(entry));
	if (env.length > 0) body['Env'] = env;

	const imageLabels = oldImage?.labels ?? {};
	const labels = Object.fromEntries(Object.entries(old.labels).filter(([key, value]) => imageLabels[key] !== value));
	if (Object.keys(labels).length > 0) body['Labels'] = labels;

	const imagePorts = new Set(oldImage?.exposedPorts ?? []);
	const exposed = Object.keys(record(config['ExposedPorts'])).filter(port => !imagePorts.has(port));
	if (exposed.length > 0) body['ExposedPorts'] = Object.fromEntries(exposed.map(port => [port, {}]));

	const mode = typeof host['NetworkMode'] === 'string' ? host['NetworkMode'] : 'default';
	// The engine names a container by its short ID; only a hostname the user chose is kept.
	const hostname = config['Hostname'];
	if (typeof hostname === 'string' && hostname !== '' && hostname !== old.id.slice(0, 12) && !mode.startsWith('container:') && mode !== 'host') {
		body['Hostname'] = hostname;
	}
	for (const key of ['Domainname', 'MacAddress', 'StopTimeout', 'Tty', 'OpenStdin', 'StdinOnce', 'Shell', 'OnBuild'] as const) {
		const value = config[key];
		if (value !== undefined && value !== null && value !== '' && value !== false) body[key] = value;
	}

	const hostConfig: Record<string, unknown> = {...host};
	delete hostConfig['ContainerIDFile'];
	hostConfig['Mounts'] = [...mountsOf(host), ...anonymousVolumes(old)];
	body['HostConfig'] = hostConfig;

	const extraNetworks: Array<{name: string; endpoint: Record<string, unknown>}> = [];
	const networks = Object.entries(old.networks);
	if (!BUILT_IN_NETWORKS.has(mode) && !mode.startsWith('container:')) {
		const own = networks.find(([name]) => name === mode);
		body['NetworkingConfig'] = {EndpointsConfig: {[mode]: endpointOf(own?.[1] ?? {}, old.id)}};
	}
	for (const [name, endpoint] of networks) {
		if (name === mode || (mode === 'default' && name === 'bridge') || BUILT_IN_NETWORKS.has(name)) continue;
		extraNetworks.push({name, endpoint: endpointOf(endpoint, old.id)});
	}
	return {ok: true, spec: {name: old.name, body, extraNetworks}};
}

/** The user's aliases, links and fixed addresses; the engine's own (short ID alias, its leases) are left for it to make. */
function endpointOf(endpoint: Readonly<Record<string, unknown>>, oldId: string): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const aliases = stringList(endpoint['Aliases']).filter(alias => !oldId.startsWith(alias));
	if (aliases.length > 0) out['Aliases'] = aliases;
	const links = stringList(endpoint['Links']);
	if (links.length > 0) out['Links'] = links;
	const ipam = record(endpoint['IPAMConfig']);
	if (Object.keys(ipam).length > 0) out['IPAMConfig'] = ipam;
	const driverOpts = record(endpoint['DriverOpts']);
	if (Object.keys(driverOpts).length > 0) out['DriverOpts'] = driverOpts;
	return out;
}

function mountsOf(host: Readonly<Record<string, unknown>>): unknown[] {
	return Array.isArray(host['Mounts']) ? [...(host['Mounts'] as unknown[])] : [];
}

/**
 * Volumes the old container got without naming them (the image's VOLUME, `-v /data`): carried over
 * by name so their data stays with the new container, as compose does on recreate.
 */
function anonymousVolumes(old: ContainerSpec): unknown[] {
	const covered = new Set<string>();
	for (const bind of stringList(old.hostConfig['Binds'])) {
		const target = bindTarget(bind);
		if (target) covered.add(target);
	}
	for (const mount of mountsOf(old.hostConfig)) {
		const target = record(mount)['Target'];
		if (typeof target === 'string') covered.add(target);
	}
	for (const path of Object.keys(record(old.hostConfig['Tmpfs']))) covered.add(path);
	return old.mounts
		.filter(mount => mount.type === 'volume' && mount.name !== undefined && !covered.has(mount.destination))
		.map(mount => ({Type: 'volume', Source: mount.name, Target: mount.destination, ReadOnly: !mount.rw}));
}

/** "src:/target[:opts]" → "/target" (a Windows drive letter in the source is skipped over). */
export function bindTarget(bind: string): string | undefined {
	const parts = bind.split(':');
	if (/^[A-Za-z]$/.test(parts[0] ?? '') && parts.length > 2) parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
	return parts[1];
}

function sameJson(a: unknown, b: unknown): boolean {
	return JSON.stringify(a) === JSON.stringify(b);
}

function stringList(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

function record(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}
