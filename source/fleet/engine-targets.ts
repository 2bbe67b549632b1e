import type {Host} from '../facts/seam/host.js';

/** One engine of the fleet: a docker context by name ("default" is DOCKER_HOST when set, else the platform's socket). */
export interface EngineTarget {
	readonly name: string;
}

/**
 * Every engine the docker CLI knows, as `docker context ls` lists them: "default" first (which is
 * DOCKER_HOST when that is set), then each context in the config folder's store, by name. A
 * context whose meta.json cannot be read is still listed (by its folder) so its failure is shown.
 */
export async function listEngineTargets(host: Host): Promise<EngineTarget[]> {
	const configDir = dockerConfigDir(host);
	const names = new Set<string>();
	if (configDir !== undefined) {
		const metaDir = `${configDir}/contexts/meta`;
		const digests = (await host.listDir(metaDir)) ?? [];
		const read = await Promise.all(digests.filter(d => /^[0-9a-f]{64}$/.test(d)).map(d => host.readText(`${metaDir}/${d}/meta.json`, {maxBytes: 64 * 1024})));
		for (const text of read) {
			const name = contextName(text);
			if (name !== undefined && name !== 'default') names.add(name);
		}
	}
	return [{name: 'default'}, ...[...names].sort().map(name => ({name}))];
}

/** The contexts named with --context, once each, in the order given. */
export function namedTargets(names: readonly string[]): EngineTarget[] {
	return [...new Set(names)].map(name => ({name}));
}

function contextName(text: string | undefined): string | undefined {
	if (text === undefined) return undefined;
	try {
		const name = (JSON.parse(text) as {Name?: unknown}).Name;
		return typeof name === 'string' && name.trim() !== '' ? name.trim() : undefined;
	} catch {
		return undefined;
	}
}

function dockerConfigDir(host: Host): string | undefined {
	const fromEnv = host.env['DOCKER_CONFIG']?.trim();
	if (fromEnv) return fromEnv.replace(/[\\/]+$/, '');
	const home = host.home ?? host.env['HOME'] ?? host.env['USERPROFILE'];
	return home === undefined || home.trim() === '' ? undefined : `${home.replace(/[\\/]+$/, '')}/.docker`;
}
