#!/usr/bin/env node
// The entry: wires the process to runCli, which owns everything else.
import {runCli} from './cli/run.js';

const controller = new AbortController();
let interrupted = 0;
/** Longest a run may take to wind down after Ctrl+C or SIGTERM before it is ended outright. */
const WIND_DOWN_MS = 800;
const onSignal = () => {
	interrupted++;
	controller.abort();
	// A second Ctrl+C leaves at once, whatever is still running; the first one leaves within a second
	// even if something cannot be cancelled (a blocking read, a stuck child): never a report after it.
	if (interrupted > 1) process.exit(130);
	setTimeout(() => process.exit(130), WIND_DOWN_MS).unref();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

// No top-level await: the entry is bundled as CommonJS, which Node loads faster than an ES module.
void runCli({
	argv: process.argv.slice(2),
	env: process.env,
	stdin: process.stdin,
	stdout: process.stdout,
	stderr: process.stderr,
	platform: process.platform,
	cwd: process.cwd(),
	signal: controller.signal,
}).then(code => {
	process.exitCode = controller.signal.aborted ? 130 : code;
});
