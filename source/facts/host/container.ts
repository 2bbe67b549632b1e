import {fact, type Fact} from '../fact.js';
import type {ProbeContext} from './probe-context.js';

/** Words in /proc/1/cgroup or /proc/self/mountinfo that give a container away, and what they mean. */
const CONTAINER_MARKS: readonly (readonly [RegExp, string])[] = [
	[/\/docker[/-]|\/var\/lib\/docker\//, 'docker'],
	[/libpod|\/containers\/storage\//, 'podman'],
	[/kubepods|\/containerd[/-]|\/var\/lib\/containerd\//, 'container'],
	[/\/lxc[/.]|lxcfs/, 'lxc'],
];

/**
 * Whether the doctor runs inside a container: the marker files Docker and Podman create, the
 * `container` variable Podman and systemd-nspawn set, then cgroup and mount paths. False only
 * when /proc was readable and showed nothing; unknown otherwise.
 */
export async function probeContainer(context: ProbeContext): Promise<Fact<string | false> | undefined> {
	const {host} = context;
	const [dockerenv, containerenv, cgroup, mountinfo] = await Promise.all([
		host.exists('/.dockerenv'),
		host.exists('/run/.containerenv'),
		host.readText('/proc/1/cgroup', {maxBytes: 64 * 1024}),
		host.readText('/proc/self/mountinfo', {maxBytes: 1024 * 1024}),
	]);
	if (dockerenv) return fact('docker', {kind: 'file', ref: '/.dockerenv'});
	if (containerenv) return fact('podman', {kind: 'file', ref: '/run/.containerenv'});
	const variable = host.env['container']?.trim();
	if (variable) return fact(variable, {kind: 'env', ref: 'container', excerpt: variable});
	for (const [path, text] of [
		['/proc/1/cgroup', cgroup],
		['/proc/self/mountinfo', mountinfo],
	] as const) {
		if (text === undefined) continue;
		const lines = text.split('\n');
		for (const [index, line] of lines.entries()) {
			const mark = CONTAINER_MARKS.find(([pattern]) => pattern.test(line));
			if (mark) return fact(mark[1], {kind: 'file', ref: path, line: index + 1, excerpt: line.trim().slice(0, 200)});
		}
	}
	if (cgroup !== undefined && cgroup.trim() !== '') return fact(false, {kind: 'file', ref: '/proc/1/cgroup'});
	return undefined;
}
