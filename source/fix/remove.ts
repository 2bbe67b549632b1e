import type {EngineApi} from '../facts/engine/engine-api.js';
import {engineMessage} from './verify.js';

export type RemovalCheck =
	| {readonly kind: 'removable'; readonly imageId: string}
	/** The tag already points at this image: removing it would remove the new one. */
	| {readonly kind: 'is-current'; readonly imageId: string}
	/** Containers (running or stopped) were made from it: the doctor leaves it alone. */
	| {readonly kind: 'in-use'; readonly imageId: string; readonly containers: readonly string[]}
	/** Other tags still name it: removing by ID would need force, and those tags are someone's. */
	| {readonly kind: 'tagged'; readonly imageId: string; readonly tags: readonly string[]}
	| {readonly kind: 'gone'; readonly imageId: string}
	| {readonly kind: 'error'; readonly imageId: string; readonly message: string};

export type RemovalEngine = Pick<EngineApi, 'inspectImage' | 'listContainers' | 'removeImage'>;

function sameId(a: string | undefined, b: string | undefined): boolean {
	if (!a || !b) return false;
	const strip = (id: string) => id.replace(/^sha256:/, '');
	const x = strip(a);
	const y = strip(b);
	return x.startsWith(y) || y.startsWith(x);
}

/** Looks, without changing anything, whether the old image can go: not the tag's current image, no container made from it. */
export async function checkRemoval(engine: RemovalEngine, ref: string, imageId: string, signal?: AbortSignal): Promise<RemovalCheck> {
	const options = signal ? {signal} : {};
	const old = await engine.inspectImage(imageId, options);
	if (!old.ok) {
		return old.error.code === 'not-found' ? {kind: 'gone', imageId} : {kind: 'error', imageId, message: engineMessage(old.error)};
	}
	const current = await engine.inspectImage(ref, options);
	if (current.ok && sameId(current.value.id, old.value.id)) return {kind: 'is-current', imageId};
	const containers = await engine.listContainers({}, true, options);
	if (!containers.ok) return {kind: 'error', imageId, message: engineMessage(containers.error)};
	const users = containers.value.filter(container => sameId(container.imageId, old.value.id) || sameId(container.image, old.value.id));
	if (users.length > 0) {
		return {kind: 'in-use', imageId, containers: users.map(container => `${container.names[0] ?? container.id.slice(0, 12)} (${container.state})`)};
	}
	const tags = old.value.repoTags.filter(tag => tag !== ref && tag !== '<none>:<none>');
	if (tags.length > 0) return {kind: 'tagged', imageId, tags};
	return {kind: 'removable', imageId: old.value.id};
}

/** Removes the image by its ID, never forced: the engine refuses when something still uses it. */
export async function removeOldImage(engine: RemovalEngine, imageId: string, signal?: AbortSignal): Promise<{readonly ok: true} | {readonly ok: false; readonly message: string}> {
	const result = await engine.removeImage(imageId, signal ? {signal} : {});
	return result.ok ? {ok: true} : {ok: false, message: engineMessage(result.error)};
}
