// A running ChatMock for the fix to recreate, on this machine's engine or on one elsewhere, and a
// clock that lets its proof finish without waiting.
import {OLD_IMAGE, fakeEngine, type FakeEngine} from './doubles.js';
import {oldSpec} from './recreate/fixtures.js';

/** Time that moves a second per look and timers that fire at once: the proof never waits. */
export function instantClock() {
	let t = 0;
	return {now: () => (t += 1000), setTimeout: (callback: () => void) => (callback(), 0), clearTimeout: () => undefined};
}

/** The `docker run` ChatMock container (see recreate/fixtures), running on the old image. */
export function runningChatmock(overrides?: Parameters<typeof oldSpec>[0]) {
	const spec = oldSpec(overrides);
	return {...spec, imageId: OLD_IMAGE.id, state: {...spec.state, running: true}};
}

/**
 * An engine on another machine (a Pi over ssh) whose ChatMock publishes its port on that machine's
 * loopback only, and whose new container is published the same way: an address this machine cannot ask.
 */
export function engineElsewhereWithLoopbackPort(): FakeEngine {
	const local = fakeEngine({images: [{...OLD_IMAGE}], specs: [runningChatmock({HostConfig: {PortBindings: {'8000/tcp': [{HostIp: '127.0.0.1', HostPort: '8000'}]}}})]});
	return {
		...local,
		endpoint: 'ssh://pi@pi4.local',
		inspectContainerSpec: async (...args: Parameters<typeof local.inspectContainerSpec>) => {
			const inspected = await local.inspectContainerSpec(...args);
			return inspected.ok ? {...inspected, value: {...inspected.value, ports: {'8000/tcp': ['127.0.0.1:8000']}}} : inspected;
		},
	};
}
