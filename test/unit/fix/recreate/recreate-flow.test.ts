import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {asideName, recreateContainer, type RecreateEvent} from '../../../../source/fix/recreate/recreate-flow.js';
import {runStrategy} from '../../../../source/fix/recreate/run-strategy.js';
import type {RecreateStrategy} from '../../../../source/fix/recreate/strategy.js';
import type {ContainerSpec} from '../../../../source/facts/engine/container-ops.js';
import {fakeContainers, virtualClock} from './fake-containers.js';
import {oldImage, oldSpec} from './fixtures.js';

const IMAGE = 'ghcr.io/thebtf/chatmock:latest';

function running(): ContainerSpec {
	const spec = oldSpec();
	return {...spec, state: {...spec.state, running: true}};
}

async function recreate(engine: ReturnType<typeof fakeContainers>, old: ContainerSpec, strategy?: RecreateStrategy) {
	const events: RecreateEvent[] = [];
	const clock = virtualClock();
	const outcome = await recreateContainer({
		engine,
		strategy: strategy ?? runStrategy(engine, old, oldImage()),
		old,
		image: IMAGE,
		platform: 'linux/amd64',
		prove: {endpoint: 'unix:///var/run/docker.sock', probeHttp: async () => 200, deadlineMs: 20_000, ...clock},
		onEvent: event => events.push(event),
	});
	return {outcome, events};
}

describe('recreating a container on the verified image', () => {
	it('sets the old one aside, proves the new one, then removes the old one', async () => {
		const old = running();
		const engine = fakeContainers([old]);
		const {outcome, events} = await recreate(engine, old);
		assert.ok(outcome.ok);
		assert.deepEqual(engine.calls, ['stop chatmock', `rename chatmock ${asideName('chatmock')}`, `create chatmock ${IMAGE}`, 'start chatmock', `remove ${asideName('chatmock')}`]);
		assert.equal(engine.all().length, 1);
		assert.equal(engine.byName('chatmock')?.state.running, true);
		const prove = events.find(event => event.phase === 'prove' && event.status === 'done');
		assert.ok(prove?.lines?.includes('healthcheck: healthy'));
		assert.ok(prove?.lines?.some(line => line === 'GET http://127.0.0.1:8000/health answered 200'));
	});

	it('rolls back when the new one turns unhealthy: new removed, old back under its name and started, log tail shown', async () => {
		const old = running();
		const engine = fakeContainers([old], {newHealth: 'unhealthy'});
		const {outcome, events} = await recreate(engine, old);
		assert.equal(outcome.ok, false);
		assert.ok(!outcome.ok && outcome.rolledBack);
		assert.match(!outcome.ok ? outcome.message : '', /unhealthy/);
		assert.deepEqual(engine.calls.slice(-4), ['stop chatmock', 'remove chatmock', `rename ${asideName('chatmock')} chatmock`, 'start chatmock']);
		const back = engine.byName('chatmock');
		assert.equal(back?.id, old.id);
		assert.equal(back?.state.running, true);
		assert.equal(engine.all().length, 1);
		assert.ok(events.some(event => event.phase === 'prove' && event.status === 'failed' && event.lines?.includes('health: failing')));
		assert.ok(events.some(event => event.phase === 'rollback' && event.status === 'done'));
	});

	it('rolls back when the new one exits (exec format error, 139)', async () => {
		const old = running();
		const engine = fakeContainers([old], {newHealth: 'exits'});
		const {outcome} = await recreate(engine, old);
		assert.ok(!outcome.ok && outcome.rolledBack);
		assert.match(!outcome.ok ? outcome.message : '', /exited with code 139/);
		assert.equal(engine.byName('chatmock')?.id, old.id);
	});

	it('rolls back when the engine refuses to create it, and leaves a stopped container stopped', async () => {
		const old = oldSpec();
		const engine = fakeContainers([old], {createFails: 'invalid mount config'});
		const {outcome} = await recreate(engine, old);
		assert.ok(!outcome.ok && outcome.rolledBack);
		assert.equal(engine.byName('chatmock')?.id, old.id);
		assert.ok(!engine.calls.includes('start chatmock'));
	});

	it("makes the old one again from its inspect when the strategy's tool removed it (compose)", async () => {
		const old = running();
		const engine = fakeContainers([old]);
		let undone = false;
		const compose: RecreateStrategy = {
			kind: 'compose',
			keepsOld: false,
			describe: () => [],
			prepare: async () => ({ok: true}),
			async replace() {
				// What compose does: removes the old one, then fails to make the new one.
				await engine.removeContainer(old.id);
				return {ok: false, message: 'compose up failed'};
			},
			undo: async () => {
				undone = true;
				return {ok: true, lines: ['compose.yaml restored']};
			},
		};
		const {outcome} = await recreate(engine, old, compose);
		assert.ok(!outcome.ok && outcome.rolledBack);
		assert.ok(undone);
		const back = engine.byName('chatmock');
		assert.equal(back?.image, 'sha256:0ld');
		assert.equal(back?.state.running, true);
		assert.ok(!outcome.ok && outcome.lines.includes('compose.yaml restored'));
	});

	it('changes nothing when the container was made with --rm', async () => {
		const old = oldSpec({HostConfig: {AutoRemove: true}});
		const engine = fakeContainers([old]);
		const {outcome} = await recreate(engine, old);
		assert.ok(!outcome.ok && !outcome.rolledBack);
		assert.deepEqual(engine.calls, []);
	});
});
