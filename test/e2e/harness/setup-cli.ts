// scripts/test.mjs runs this before the e2e files: one setup for all of them, and a
// failure here is reported once instead of in every file.
import {setup, teardown} from './lifecycle.js';
import {log} from './log.js';
import {readState} from './state.js';

try {
	if (readState() !== undefined) {
		log('a previous run left its state behind; tearing it down first');
		await teardown();
	}
	await setup({managed: true});
} catch (error) {
	process.stderr.write(`e2e setup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
	if (error instanceof Error && error.cause !== undefined) process.stderr.write(`cause: ${String(error.cause)}\n`);
	process.exitCode = 1;
}
