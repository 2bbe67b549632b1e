import type {ContainerInspect, ContainerSummary, DistributionInfo, ImageInspect, ImageSummary} from './engine-api.js';
import {asRecord, compactObject, stringOf, stringsOf} from './engine-json.js';

/** The engine's answers mapped to the doctor's own shapes: only the fields it reads. */

export function toImageSummary(item: unknown): ImageSummary | undefined {
	const row = asRecord(item);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	return compactObject({
		id,
		repoTags: stringsOf(row['RepoTags']).filter(tag => tag !== '<none>:<none>'),
		repoDigests: stringsOf(row['RepoDigests']).filter(d => d !== '<none>@<none>'),
		created: typeof row['Created'] === 'number' ? row['Created'] : undefined,
		size: typeof row['Size'] === 'number' ? row['Size'] : undefined,
	});
}

export function toImageInspect(body: unknown): ImageInspect | undefined {
	const row = asRecord(body);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	return compactObject({
		id,
		repoTags: stringsOf(row['RepoTags']),
		repoDigests: stringsOf(row['RepoDigests']),
		os: stringOf(row['Os']) ?? '',
		architecture: stringOf(row['Architecture']) ?? '',
		variant: stringOf(row['Variant']),
		created: stringOf(row['Created']),
	});
}

export function toContainerSummary(item: unknown): ContainerSummary | undefined {
	const row = asRecord(item);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	return compactObject({
		id,
		names: stringsOf(row['Names']).map(name => name.replace(/^\//, '')),
		image: stringOf(row['Image']) ?? '',
		imageId: stringOf(row['ImageID']),
		state: stringOf(row['State']) ?? '',
		status: stringOf(row['Status']),
	});
}

/** Reads only what the doctor needs; Config.Env (secrets) is never copied. */
export function toContainerInspect(body: unknown): ContainerInspect | undefined {
	const row = asRecord(body);
	const id = stringOf(row?.['Id']);
	if (!row || id === undefined) return undefined;
	const state = asRecord(row['State']);
	const config = asRecord(row['Config']);
	const ports: Record<string, string[]> = {};
	const addBindings = (map: Record<string, unknown> | undefined) => {
		for (const [port, bindings] of Object.entries(map ?? {})) {
			const list = Array.isArray(bindings) ? bindings : [];
			const hosts = list
				.map(b => asRecord(b))
				.map(b => (b ? `${stringOf(b['HostIp']) ?? ''}:${stringOf(b['HostPort']) ?? ''}` : undefined))
				.filter((b): b is string => b !== undefined && b !== ':');
			ports[port] = [...new Set([...(ports[port] ?? []), ...hosts])];
		}
	};
	addBindings(asRecord(asRecord(row['NetworkSettings'])?.['Ports']));
	// A stopped container has no NetworkSettings.Ports: its HostConfig still says what it publishes.
	addBindings(asRecord(asRecord(row['HostConfig'])?.['PortBindings']));
	return compactObject<ContainerInspect>({
		id,
		name: (stringOf(row['Name']) ?? '').replace(/^\//, ''),
		image: stringOf(config?.['Image']) ?? '',
		imageId: stringOf(row['Image']),
		platform: stringOf(row['Platform']),
		state: compactObject({
			status: stringOf(state?.['Status']) ?? '',
			running: state?.['Running'] === true,
			restarting: state?.['Restarting'] === true,
			oomKilled: state?.['OOMKilled'] === true,
			exitCode: typeof state?.['ExitCode'] === 'number' ? state['ExitCode'] : undefined,
			error: stringOf(state?.['Error']),
			startedAt: stringOf(state?.['StartedAt']),
			finishedAt: stringOf(state?.['FinishedAt']),
			health: stringOf(asRecord(state?.['Health'])?.['Status']),
		}),
		restartCount: typeof row['RestartCount'] === 'number' ? row['RestartCount'] : undefined,
		ports,
	});
}

export function toDistribution(body: unknown): DistributionInfo | undefined {
	const row = asRecord(body);
	if (!row) return undefined;
	const descriptor = asRecord(row['Descriptor']);
	const platforms = Array.isArray(row['Platforms'])
		? row['Platforms'].map(asRecord).flatMap(p => (p ? [compactObject({os: stringOf(p['os']) ?? '', architecture: stringOf(p['architecture']) ?? '', variant: stringOf(p['variant'])})] : []))
		: [];
	return compactObject({digest: stringOf(descriptor?.['digest']), mediaType: stringOf(descriptor?.['mediaType']), platforms});
}
