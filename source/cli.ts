#!/usr/bin/env node
// The entry: wires the process to runCli, which owns everything else.
import {runCli} from './cli/run.js';

const controller = new AbortController();
let interrupted = 0;
const onSignal = () => {
	interrupted++;
	controller.abort();
	// A second Ctrl+C leaves at once, whatever is still running.
	if (interrupted > 1) process.exit(130);
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
