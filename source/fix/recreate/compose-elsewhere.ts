import {otherMachineName} from '../../facts/engine/engine-host.js';
import type {HowMade, RecreateStrategy} from './strategy.js';

type ComposeMade = Extract<HowMade, {kind: 'compose'}>;

/** The compose file of a container on another machine's engine: left to the user, and why. */
export interface ComposeByHand {
	/** The engine's machine, as its endpoint names it. */
	readonly machine: string;
	/** The files compose's labels name: paths on that machine. */
	readonly files: readonly string[];
	/** `by hand on pi: add "platform: linux/arm64" under the service chatmock in /home/pi/chatmock/compose.yaml, …` */
	readonly line: string;
	/** Why the doctor did not edit it. */
	readonly why: string;
}

/**
 * The labels of a compose-made container name paths on the machine compose ran on. For an engine
 * on another machine a file at that path here is at best a copy (the same repo on a laptop and a
 * Pi), so the fix neither reads nor writes it: undefined when the engine shares this machine.
 */
export function composeByHand(made: ComposeMade, platform: string, endpoint: string): ComposeByHand | undefined {
	const machine = otherMachineName(endpoint);
	if (machine === undefined) return undefined;
	const files = made.configFiles;
	const where = files.length === 1 ? files[0] : files.length > 1 ? `the one of ${files.join(', ')} that sets its image` : `the compose file in ${made.workingDir ?? 'its project folder'}`;
	const named = files.length > 0 ? files.join(', ') : 'its compose file';
	return {
		machine,
		files,
		line: `by hand on ${machine}: add "platform: ${platform}" under the service ${made.service} in ${where}, so compose keeps ${platform} next time`,
		why: `${named} not edited: the engine is on ${machine}, so compose's labels name a file there; a file at that path on this machine may be another copy (if you run compose from here against that engine, edit yours instead)`,
	};
}

/** The Engine-API way (the same container from its inspect, compose's labels kept), saying what is left by hand. */
export function keepingComposeLabels(engineWay: RecreateStrategy, made: ComposeMade, byHand: ComposeByHand): RecreateStrategy {
	return {
		...engineWay,
		describe: () => [...engineWay.describe(), `compose's labels are kept, so compose still owns ${made.service}`, byHand.why, byHand.line],
	};
}
