import {Harness} from './harness.js';
import {assertCanRun, reviveUnlocked, setupUnlocked, teardown, type SetupOptions} from './lifecycle.js';
import {log} from './log.js';
import {readState, withLock} from './state.js';

/** For `describe(..., {skip: skipE2E})`: the suite is skipped, loudly, when asked to. */
export const skipE2E: string | false = process.env.CHATMOCK_DOCTOR_SKIP_E2E === '1' ? 'CHATMOCK_DOCTOR_SKIP_E2E=1' : false;

let current: Promise<Harness> | undefined;

/**
 * The shared harness for an e2e test file. Under scripts/test.mjs the setup already ran
 * and this reuses it (after a reset); run alone, a file sets everything up itself and
 * releaseHarness() takes it down again.
 */
export async function harness(options: Omit<SetupOptions, 'managed'> = {}): Promise<Harness> {
	current ??= (async () => {
		await assertCanRun();
		return withLock(async () => {
			const existing = readState();
			if (existing !== undefined) return reviveUnlocked(existing);
			return setupUnlocked({...options, managed: process.env.CHATMOCK_DOCTOR_E2E_MANAGED === '1'});
		});
	})();
	try {
		return await current;
	} catch (error) {
		current = undefined;
		throw error;
	}
}

/** Call in `after()`: ends a setup this file made itself; a managed run is left to scripts/test.mjs. */
export async function releaseHarness(): Promise<void> {
	const pending = current;
	current = undefined;
	const handle = await pending?.catch(() => undefined);
	if (handle === undefined) return;
	if (handle.managed || process.env.CHATMOCK_DOCTOR_E2E_KEEP === '1') {
		await handle.restoreBaselineBinfmt();
		return;
	}
	log('releasing: this file set the harness up, so it tears it down');
	await teardown();
}
