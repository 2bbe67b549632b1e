import type {Finding} from '../types.js';
import {evidenceFrom, type Rule} from './context.js';

/**
 * The remote host probe (--probe-host) says what it did in every report: which image ran where, or
 * why the engine's machine could not be read (then its verdict rests on the engine's word alone), and
 * a container it could not remove, by id.
 */
export const hostProbeRan: Rule = ({facts, cli}) => {
	const probe = facts.hostProbe;
	if (probe === undefined) return [];
	const image = probe.image === undefined ? [] : [evidenceFrom(`image: ${probe.image} (${probe.imageReason ?? 'chosen'}), ${probe.platform ?? 'its platform'}`)];
	const took = evidenceFrom(`took ${(probe.durationMs / 1000).toFixed(1)} s${probe.files === undefined ? '' : `, ${probe.files} files read`}`);
	const changes = probe.engineChanges === undefined ? [] : [evidenceFrom(`on the engine: ${probe.engineChanges}`)];
	const left = [
		...(probe.leftBehind === undefined ? [] : [`${cli.docker} rm ${probe.leftBehind.slice(0, 12)}`]),
		...(probe.imageLeftBehind === undefined ? [] : [`${cli.docker} rmi ${probe.imageLeftBehind}`]),
	];
	const findings: Finding[] = [];
	if (probe.status === 'failed') {
		findings.push({
			id: 'host-probe-failed',
			severity: 'warning',
			title: "The engine's machine could not be read: the verdict rests on what the engine says of itself",
			why: `The throwaway container that reads the machine's CPU, kernel and userland did not give them: ${probe.message ?? 'no reason given'}. A 32-bit userland on a 64-bit kernel cannot be told from here then.`,
			evidence: [...image, ...changes, took],
			fix: {
				summary:
					left.length > 0
						? 'Remove what it left, then run the doctor on that machine, or name an image of its platform with a shell.'
						: 'Run the doctor on that machine, or name an image of its platform with a shell.',
				commands: [...left, `${cli.doctor} --probe-host --probe-image IMAGE`],
			},
		});
		return findings;
	}
	findings.push({
		id: 'host-probed-on-engine',
		severity: left.length > 0 ? 'warning' : 'info',
		title: probe.status === 'read' ? "Host facts were read on the engine's machine by a throwaway container" : "Host facts were read on the engine's machine in part: the container's output was cut",
		why: `With --probe-host, a container on that engine read its machine's files through a read-only mount (no network, no volume) and was removed; the verdict comes from them as if the doctor ran there.${probe.message === undefined ? '' : ` ${probe.message}.`}`,
		evidence: [...image, ...changes, took],
		fix: {summary: left.length > 0 ? 'What it made or pulled could not be removed: remove it.' : 'Nothing to do.', commands: left},
	});
	return findings;
};
