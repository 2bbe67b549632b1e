import {joinPath} from '../../chatmock/compose-project.js';
import {dockerRunCommand} from './docker-run-command.js';
import type {Host} from '../seam/host.js';
import type {ContainerFact, ContainerOrigin} from '../types.js';
import type {CallOptions, EngineApi} from './engine-api.js';
import {hasContainerOps, type ContainerSpec} from './container-ops.js';
import {mapLimit} from './map-limit.js';

/** Compose's labels on a container, or undefined for one made otherwise (a one-off `compose run` counts as `docker run`). */
export function composeOrigin(labels: Readonly<Record<string, string>>): Extract<ContainerOrigin, {kind: 'compose'}> | undefined {
	const project = labels['com.docker.compose.project'];
	const service = labels['com.docker.compose.service'];
	if (!project || !service || labels['com.docker.compose.oneoff'] === 'True') return undefined;
	const workingDir = labels['com.docker.compose.project.working_dir'];
	// Compose v1 writes the files as given to -f (often relative to the project folder); v2 writes them absolute.
	const configFiles = (labels['com.docker.compose.project.config_files'] ?? '')
		.split(',')
		.map(file => file.trim())
		.filter(file => file !== '')
		.map(file => (workingDir ? joinPath(workingDir, file) : file));
	return {kind: 'compose', project, service, ...(workingDir ? {workingDir} : {}), configFiles};
}

/**
 * Adds to each ChatMock container how it was made: compose's project, service and files, or the
 * `docker run` line that makes it again (from its full inspect). Asked only of engines that can
 * give a full inspect (a replayed one cannot: its containers keep no origin). The compose CLI is
 * looked for only when a compose-made container is there.
 */
export async function withOrigins(api: EngineApi, host: Host, containers: readonly ContainerFact[], call: CallOptions = {}): Promise<ContainerFact[]> {
	if (containers.length === 0 || !hasContainerOps(api)) return [...containers];
	const origins = await mapLimit(containers, 4, async container => {
		try {
			const spec = await api.inspectContainerSpec(container.id, call);
			if (!spec.ok) return undefined;
			return await originOf(spec.value, async () => {
				const image = await api.inspectImageConfig(spec.value.imageId, call);
				return image.ok ? image.value : undefined;
			});
		} catch {
			// An origin is a help for the fix text, never a reason for the check to fail.
			return undefined;
		}
	});
	const cli = origins.some(origin => origin?.kind === 'compose') ? await composeCli(host, call.signal) : undefined;
	return containers.map((container, index) => {
		const origin = origins[index];
		if (!origin) return container;
		return {...container, origin: origin.kind === 'compose' && cli ? {...origin, cli} : origin};
	});
}

async function originOf(spec: ContainerSpec, imageConfig: () => Promise<Parameters<typeof dockerRunCommand>[1]>): Promise<ContainerOrigin> {
	const compose = composeOrigin(spec.labels);
	if (compose) return compose;
	const image = await imageConfig();
	// Env values may be secrets and reports are shared: the line is rebuilt without them, only their number is kept.
	const imageEnv = new Set(image?.env ?? []);
	const ownEnv = (Array.isArray(spec.config['Env']) ? (spec.config['Env'] as unknown[]) : []).filter(entry => typeof entry === 'string' && !imageEnv.has(entry)).length;
	const withoutEnv: ContainerSpec = {...spec, config: {...spec.config, Env: image?.env ?? []}};
	const rebuilt = dockerRunCommand(withoutEnv, image, spec.image);
	return rebuilt ? {kind: 'run', command: rebuilt.command, ...(ownEnv > 0 ? {ownEnv} : {})} : {kind: 'run'};
}

async function composeCli(host: Host, signal: AbortSignal | undefined): Promise<'docker compose' | 'docker-compose' | undefined> {
	const options = {timeoutMs: 5000, ...(signal ? {signal} : {})};
	const plugin = await host.run('docker', ['compose', 'version', '--short'], options);
	if (plugin.ok && plugin.exitCode === 0 && /^v?\d+\./.test(plugin.stdout.trim())) return 'docker compose';
	const standalone = await host.run('docker-compose', ['version', '--short'], options);
	if (standalone.ok && standalone.exitCode === 0 && /^v?\d+\./.test(standalone.stdout.trim())) return 'docker-compose';
	return undefined;
}
