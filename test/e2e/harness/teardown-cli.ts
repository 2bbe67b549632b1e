// scripts/test.mjs runs this after the e2e files, whatever their outcome.
import {teardown} from './lifecycle.js';

try {
	await teardown();
} catch (error) {
	const parts = error instanceof AggregateError ? error.errors : [error];
	for (const part of parts) process.stderr.write(`e2e teardown: ${part instanceof Error ? part.message : String(part)}\n`);
	process.exitCode = 1;
}
