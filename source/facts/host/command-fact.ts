import {fact, type Fact} from '../fact.js';
import type {ProbeContext} from './probe-context.js';

/**
 * The trimmed output of a command that ran and exited 0, cited as that command; undefined
 * otherwise (missing program, timeout, a folder or replay host that does not run it).
 */
export async function commandFact(context: ProbeContext, file: string, args: readonly string[]): Promise<Fact<string> | undefined> {
	const commandLine = [file, ...args].join(' ');
	const result = await context.host.run(file, args, {maxBytes: 64 * 1024, ...(context.signal ? {signal: context.signal} : {})});
	if (!result.ok || result.exitCode !== 0) return undefined;
	const value = result.stdout.trim();
	return fact(value, {kind: 'command', ref: commandLine, excerpt: value.split('\n')[0]!.slice(0, 200)});
}
