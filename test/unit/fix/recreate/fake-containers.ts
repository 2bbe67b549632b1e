// An in-memory engine for the recreate flow: containers by ID and name, with a health each new
// container reaches when started. Virtual time: sleep() moves now() forward, nothing waits.
import type {ContainerOps, ContainerSpec} from '../../../../source/facts/engine/container-ops.js';
import type {EngineResult} from '../../../../source/facts/engine/engine-api.js';
import type {RecreateEngine} from '../../../../source/fix/recreate/recreate-flow.js';

interface Box {
	spec: ContainerSpec;
	running: boolean;
}

export interface FakeContainers extends RecreateEngine {
	waitContainer: ContainerOps['waitContainer'];
	execInContainer: ContainerOps['execInContainer'];
	readonly calls: string[];
	byName(name: string): ContainerSpec | undefined;
	readonly all: () => ContainerSpec[];
}

const ok = <T>(value: T): EngineResult<T> => ({ok: true, value});
const missing = <T>(what: string): EngineResult<T> => ({ok: false, error: {code: 'not-found', message: `No such container: ${what}`}});

export interface FakeBehaviour {
	newHealth?: 'healthy' | 'unhealthy' | 'exits';
	createFails?: string;
	/** HTTP clients the new containers' image has (default none), and what /health answers inside (default 200). */
	inside?: {clients: readonly string[]; status?: number; crashes?: readonly string[]};
	/** The engine refuses exec with this message. */
	execFails?: string;
	/** Overrides of the new containers' spec (ports, networks, config). */
	newSpec?: Partial<Pick<ContainerSpec, 'ports' | 'networks' | 'config'>>;
}

export function fakeContainers(initial: ContainerSpec[], behaviour: FakeBehaviour = {}): FakeContainers {
	const boxes = new Map<string, Box>(initial.map(spec => [spec.id, {spec, running: spec.state.running}]));
	const calls: string[] = [];
	let counter = 0;
	const find = (idOrName: string) => boxes.get(idOrName) ?? [...boxes.values()].find(box => box.spec.name === idOrName);
	const view = (box: Box): ContainerSpec => ({...box.spec, state: {...box.spec.state, running: box.running}});
	const engine: FakeContainers = {
		calls,
		byName: name => {
			const box = [...boxes.values()].find(b => b.spec.name === name);
			return box ? view(box) : undefined;
		},
		all: () => [...boxes.values()].map(view),
		async inspectContainerSpec(id) {
			const box = find(id);
			return box ? ok(view(box)) : missing(id);
		},
		async createContainer(body, options) {
			calls.push(`create ${options?.name} ${String(body['Image'])}`);
			if (behaviour.createFails) return {ok: false, error: {code: 'http', message: behaviour.createFails}};
			if ([...boxes.values()].some(box => box.spec.name === options?.name)) return {ok: false, error: {code: 'conflict', message: 'name in use'}};
			const id = `new${++counter}`.padEnd(64, '0');
			const health = behaviour.newHealth === 'exits' ? undefined : (behaviour.newHealth ?? 'healthy');
			boxes.set(id, {
				running: false,
				spec: {
					id,
					name: options?.name ?? id,
					image: String(body['Image']),
					imageId: 'sha256:new',
					config: {Healthcheck: {Test: ['CMD-SHELL', 'true']}},
					hostConfig: (body['HostConfig'] as Record<string, unknown>) ?? {},
					networks: {},
					mounts: [],
					labels: {},
					state: {status: 'created', running: false, restarting: false, ...(health ? {health} : {}), ...(behaviour.newHealth === 'exits' ? {exitCode: 139} : {})},
					restartCount: 0,
					ports: {'8000/tcp': ['0.0.0.0:8000']},
					...behaviour.newSpec,
				},
			});
			return ok({id, warnings: []});
		},
		async startContainer(id) {
			calls.push(`start ${find(id)?.spec.name}`);
			const box = find(id);
			if (!box) return missing(id);
			box.running = behaviour.newHealth !== 'exits' || !box.spec.id.startsWith('new');
			return ok(undefined);
		},
		async stopContainer(id) {
			calls.push(`stop ${find(id)?.spec.name}`);
			const box = find(id);
			if (!box) return missing(id);
			box.running = false;
			return ok(undefined);
		},
		async renameContainer(id, name) {
			calls.push(`rename ${find(id)?.spec.name} ${name}`);
			const box = find(id);
			if (!box) return missing(id);
			box.spec = {...box.spec, name};
			return ok(undefined);
		},
		async removeContainer(id) {
			calls.push(`remove ${find(id)?.spec.name}`);
			const box = find(id);
			if (!box) return missing(id);
			if (box.running) return {ok: false, error: {code: 'conflict', message: 'container is running: stop the container before removing'}};
			boxes.delete(box.spec.id);
			return ok(undefined);
		},
		async waitContainer(id) {
			const box = find(id);
			return box ? ok({exitCode: box.spec.state.exitCode ?? 0}) : missing(id);
		},
		async execInContainer(id, command) {
			calls.push(`exec ${find(id)?.spec.name} ${command[0]}`);
			if (behaviour.execFails) return {ok: false, error: {code: 'http', message: behaviour.execFails}};
			const box = find(id);
			if (!box) return missing(id);
			const tool = command[0] ?? '';
			if (!(behaviour.inside?.clients ?? []).includes(tool)) {
				return ok({exitCode: 126, output: [`OCI runtime exec failed: exec failed: unable to start container process: exec: "${tool}": executable file not found in $PATH: unknown`]});
			}
			if (behaviour.inside?.crashes?.includes(tool)) return ok({exitCode: 139, output: []});
			const status = behaviour.inside?.status ?? 200;
			if (tool === 'wget') return ok(status < 300 ? {exitCode: 0, output: []} : {exitCode: 1, output: [`wget: server returned error: HTTP/1.1 ${status} Not Found`]});
			return ok({exitCode: 0, output: [String(status)]});
		},
		async connectNetwork() {
			return ok(undefined);
		},
		async containerLogs() {
			return ok(['line one', 'health: failing']);
		},
		async listContainers(filters) {
			const wanted = (filters['name'] ?? [])[0]?.replace(/^\^\//, '').replace(/\$$/, '');
			return ok(
				[...boxes.values()]
					.filter(box => wanted === undefined || box.spec.name === wanted)
					.map(box => ({id: box.spec.id, names: [box.spec.name], image: box.spec.image, imageId: box.spec.imageId, state: box.running ? 'running' : 'exited'})),
			);
		},
	};
	return engine;
}

export function virtualClock() {
	let now = 0;
	return {now: () => now, sleep: async (ms: number) => void (now += ms)};
}
