import {sharesThisMachine} from '../../facts/engine/engine-host.js';
import type {EndpointFacts} from '../../facts/types.js';
import {shellWord} from './shell-word.js';

/**
 * How a printed command reaches the engine that was checked, pasted into the shell the doctor ran
 * in. An engine that shell picks by itself (DOCKER_HOST, DOCKER_CONTEXT, the CLI's current context,
 * the default) needs no flag; one the doctor was pointed at by its own --context or --host gets the
 * same flag, or the line would act on the shell's default engine. A tcp:// host needs nothing more:
 * the CLI reads the same DOCKER_TLS_VERIFY and DOCKER_CERT_PATH the doctor did. Pasted facts
 * (triage) have no endpoint: their commands stay plain.
 */
export interface EngineCli {
	/** `docker`, `docker --context pi` or `docker -H tcp://nas.lan:2376`. */
	readonly docker: string;
	/** `docker` for lines run on the engine's machine itself: the flag only when that is this machine. */
	readonly dockerOnItsMachine: string;
	/** `chatmock-doctor` with the same engine flag: a check again of the same engine. */
	readonly doctor: string;
	/** The compose program with the flag where it takes it (v2: a global flag; v1 and standalone: its own -c/-H). */
	compose(cli?: 'docker compose' | 'docker-compose'): string;
	/** A `docker …` line read from the engine (a container's `docker run`), sent to the same engine. */
	onEngine(command: string): string;
}

/** The engine flag the docker CLI needs to reach the engine the doctor checked, or none. */
export function engineFlag(endpoint: EndpointFacts | undefined): readonly string[] {
	if (endpoint === undefined) return [];
	if (endpoint.reason === 'flag --host') return ['-H', shellWord(endpoint.host)];
	// --context and --all-contexts (each engine of a fleet is checked as `--context NAME`).
	const byFlag = /^context (\S+) \(flag --context\)$/.exec(endpoint.reason);
	if (byFlag) return ['--context', shellWord(endpoint.context ?? byFlag[1]!)];
	return [];
}

export function engineCli(endpoint: EndpointFacts | undefined): EngineCli {
	const flag = engineFlag(endpoint);
	const withFlag = (program: string): string => [program, ...flag].join(' ');
	const docker = withFlag('docker');
	const here = endpoint === undefined || sharesThisMachine(endpoint.host);
	// The doctor's own option for a host is --host, as the CLI's long form.
	const doctorFlag = flag[0] === '-H' ? ['--host', ...flag.slice(1)] : flag;
	return {
		docker,
		dockerOnItsMachine: here ? docker : 'docker',
		doctor: ['chatmock-doctor', ...doctorFlag].join(' '),
		compose: (cli = 'docker compose') => (cli === 'docker-compose' ? withFlag('docker-compose') : `${docker} compose`),
		onEngine: command => command.replace(/^docker(?= )/, docker),
	};
}
