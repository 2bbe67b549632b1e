import type {ContainerSpec, ImageConfig, MountPoint} from './container-ops.js';
import {asRecord, compactObject, stringOf, stringsOf} from './engine-json.js';

/** GET /images/{name}/json → what a container made from it inherits. */
export function toImageConfig(body: unknown): ImageConfig | undefined {
	const row = asRecord(body);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	const config = asRecord(row['Config']) ?? {};
	return compactObject<ImageConfig>({
		id,
		os: stringOf(row['Os']) ?? '',
		architecture: stringOf(row['Architecture']) ?? '',
		variant: stringOf(row['Variant']),
		entrypoint: Array.isArray(config['Entrypoint']) ? stringsOf(config['Entrypoint']) : undefined,
		cmd: Array.isArray(config['Cmd']) ? stringsOf(config['Cmd']) : undefined,
		env: stringsOf(config['Env']),
		labels: stringRecord(config['Labels']),
		volumes: Object.keys(asRecord(config['Volumes']) ?? {}),
		exposedPorts: Object.keys(asRecord(config['ExposedPorts']) ?? {}),
		user: stringOf(config['User']),
		workingDir: stringOf(config['WorkingDir']),
		healthcheck: asRecord(config['Healthcheck']),
		stopSignal: stringOf(config['StopSignal']),
		repoTags: stringsOf(row['RepoTags']),
	});
}

/** GET /containers/{id}/json, kept raw where the new container needs it as it was. */
export function toContainerSpec(body: unknown): ContainerSpec | undefined {
	const row = asRecord(body);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	const config = asRecord(row['Config']) ?? {};
	const hostConfig = asRecord(row['HostConfig']) ?? {};
	const settings = asRecord(row['NetworkSettings']);
	const networks: Record<string, Record<string, unknown>> = {};
	for (const [name, endpoint] of Object.entries(asRecord(settings?.['Networks']) ?? {})) networks[name] = asRecord(endpoint) ?? {};
	const mounts: MountPoint[] = (Array.isArray(row['Mounts']) ? row['Mounts'] : []).map(asRecord).flatMap(mount =>
		mount
			? [
					compactObject<MountPoint>({
						type: stringOf(mount['Type']) ?? '',
						name: stringOf(mount['Name']),
						source: stringOf(mount['Source']) ?? '',
						destination: stringOf(mount['Destination']) ?? '',
						rw: mount['RW'] !== false,
					}),
				]
			: [],
	);
	const state = asRecord(row['State']);
	const ports: Record<string, string[]> = {};
	const addBindings = (map: Record<string, unknown> | undefined) => {
		for (const [port, bindings] of Object.entries(map ?? {})) {
			const hosts = (Array.isArray(bindings) ? bindings : [])
				.map(asRecord)
				.map(b => (b ? `${stringOf(b['HostIp']) ?? ''}:${stringOf(b['HostPort']) ?? ''}` : undefined))
				.filter((b): b is string => b !== undefined && b !== ':');
			ports[port] = [...new Set([...(ports[port] ?? []), ...hosts])];
		}
	};
	addBindings(asRecord(settings?.['Ports']));
	addBindings(asRecord(hostConfig['PortBindings']));
	return compactObject<ContainerSpec>({
		id,
		name: (stringOf(row['Name']) ?? '').replace(/^\//, ''),
		image: stringOf(config['Image']) ?? '',
		imageId: stringOf(row['Image']) ?? '',
		platform: stringOf(row['Platform']),
		config,
		hostConfig,
		networks,
		mounts,
		labels: stringRecord(config['Labels']),
		state: compactObject({
			status: stringOf(state?.['Status']) ?? '',
			running: state?.['Running'] === true,
			restarting: state?.['Restarting'] === true,
			exitCode: typeof state?.['ExitCode'] === 'number' ? state['ExitCode'] : undefined,
			error: stringOf(state?.['Error']),
			health: stringOf(asRecord(state?.['Health'])?.['Status']),
			startedAt: stringOf(state?.['StartedAt']),
		}),
		restartCount: typeof row['RestartCount'] === 'number' ? row['RestartCount'] : 0,
		ports,
	});
}

function stringRecord(value: unknown): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [key, item] of Object.entries(asRecord(value) ?? {})) if (typeof item === 'string') out[key] = item;
	return out;
}
