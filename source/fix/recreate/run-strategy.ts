import type {ContainerOps, ContainerSpec, ImageConfig} from '../../facts/engine/container-ops.js';
import {buildRunSpec} from '../../facts/engine/run-spec.js';
import type {RecreateStrategy} from './strategy.js';

export type RunEngine = Pick<ContainerOps, 'createContainer' | 'startContainer' | 'connectNetwork' | 'stopContainer' | 'removeContainer'>;

/**
 * A container made with `docker run` (or compose without a compose CLI here), recreated through
 * the Engine API from its inspect. The old one is kept aside until the new one is proven.
 */
export function runStrategy(engine: RunEngine, old: ContainerSpec, oldImage: ImageConfig | undefined): RecreateStrategy {
	return {
		kind: 'run',
		keepsOld: true,
		describe: () => [
			`stop ${old.name} and keep it, renamed, until the new one is proven`,
			`create ${old.name} again on the new image with the same ports, volumes, env, restart policy and labels`,
			'then remove the old container (never its volumes); if the new one fails, put the old one back',
		],
		async prepare() {
			const built = buildRunSpec(old, oldImage, old.image);
			return built.ok ? {ok: true} : {ok: false, message: built.message};
		},
		async replace({image, platform, signal}) {
			const built = buildRunSpec(old, oldImage, image);
			if (!built.ok) return built;
			const call = {timeoutMs: 30_000, ...(signal ? {signal} : {})};
			const created = await engine.createContainer(built.spec.body, {...call, name: built.spec.name, platform});
			if (!created.ok) return {ok: false, message: `create failed: ${created.error.message}`};
			const id = created.value.id;
			const discard = async (message: string) => {
				await engine.stopContainer(id, {timeoutMs: 30_000, graceS: 5});
				await engine.removeContainer(id, {timeoutMs: 30_000});
				return {ok: false as const, message};
			};
			for (const network of built.spec.extraNetworks) {
				const connected = await engine.connectNetwork(network.name, id, network.endpoint, call);
				if (!connected.ok) return discard(`joining ${network.name} failed: ${connected.error.message}`);
			}
			const started = await engine.startContainer(id, call);
			if (!started.ok) return discard(`start failed: ${started.error.message}`);
			return {ok: true, id, ...(created.value.warnings.length > 0 ? {lines: created.value.warnings} : {})};
		},
		async undo() {
			return {ok: true};
		},
	};
}
