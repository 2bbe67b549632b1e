import type {ContainerSpec, ImageConfig} from './container-ops.js';
import {buildRunSpec} from './run-spec.js';

/** Env names whose values are not printed: `-e NAME` passes the value from the shell instead. */
const SECRET_NAME = /key|token|secret|pass|auth|cookie|cred|session/i;

/**
 * An equivalent `docker run …` for a container, reconstructed from its inspect: the same settings
 * the fix carries over (run-spec.ts), written as flags, for findings to print. Values of env
 * variables that look secret are not printed: the line says to export them first.
 */
export function dockerRunCommand(
	old: ContainerSpec,
	oldImage: ImageConfig | undefined,
	image: string,
	platform?: string,
): {readonly command: string; readonly secretEnv: readonly string[]} | undefined {
	const built = buildRunSpec(old, oldImage, image);
	if (!built.ok) return undefined;
	const body = built.spec.body;
	const host = rec(body['HostConfig']);
	const args: string[] = ['docker', 'run', '-d', '--name', old.name];
	if (platform) args.push('--platform', platform);
	const restart = rec(host['RestartPolicy']);
	if (typeof restart['Name'] === 'string' && restart['Name'] !== '' && restart['Name'] !== 'no') {
		const max = restart['MaximumRetryCount'];
		args.push('--restart', restart['Name'] === 'on-failure' && typeof max === 'number' && max > 0 ? `on-failure:${max}` : restart['Name']);
	}
	const mode = typeof host['NetworkMode'] === 'string' ? host['NetworkMode'] : 'default';
	if (mode !== 'default' && mode !== 'bridge') args.push('--network', mode);
	for (const [port, bindings] of Object.entries(rec(host['PortBindings']))) {
		for (const binding of Array.isArray(bindings) ? bindings : []) {
			const b = rec(binding);
			const ip = typeof b['HostIp'] === 'string' && b['HostIp'] !== '' ? `${b['HostIp']}:` : '';
			const hostPort = typeof b['HostPort'] === 'string' ? b['HostPort'] : '';
			const target = port.endsWith('/tcp') ? port.slice(0, -4) : port;
			args.push('-p', hostPort === '' ? `${ip}${target}` : `${ip}${hostPort}:${target}`);
		}
	}
	if (host['PublishAllPorts'] === true) args.push('-P');
	for (const bind of strings(host['Binds'])) args.push('-v', bind);
	for (const mount of Array.isArray(host['Mounts']) ? host['Mounts'] : []) {
		const m = rec(mount);
		if (m['Type'] === 'volume' && typeof m['Source'] === 'string') args.push('-v', `${m['Source']}:${String(m['Target'])}${m['ReadOnly'] === true ? ':ro' : ''}`);
		else if (m['Type'] === 'bind') args.push('--mount', `type=bind,source=${String(m['Source'])},target=${String(m['Target'])}${m['ReadOnly'] === true ? ',readonly' : ''}`);
		else if (m['Type'] === 'tmpfs') args.push('--mount', `type=tmpfs,target=${String(m['Target'])}`);
	}
	for (const path of Object.keys(rec(host['Tmpfs']))) args.push('--tmpfs', path);
	for (const device of Array.isArray(host['Devices']) ? host['Devices'] : []) {
		const d = rec(device);
		const perms = typeof d['CgroupPermissions'] === 'string' && d['CgroupPermissions'] !== 'rwm' ? `:${d['CgroupPermissions']}` : '';
		args.push('--device', `${String(d['PathOnHost'])}:${String(d['PathInContainer'])}${perms}`);
	}
	const log = rec(host['LogConfig']);
	if (typeof log['Type'] === 'string' && log['Type'] !== '' && log['Type'] !== 'json-file') args.push('--log-driver', log['Type']);
	for (const [key, value] of Object.entries(rec(log['Config']))) args.push('--log-opt', `${key}=${String(value)}`);
	if (host['Privileged'] === true) args.push('--privileged');
	for (const cap of strings(host['CapAdd'])) args.push('--cap-add', cap);
	for (const cap of strings(host['CapDrop'])) args.push('--cap-drop', cap);
	for (const extra of strings(host['ExtraHosts'])) args.push('--add-host', extra);
	const secretEnv: string[] = [];
	for (const entry of strings(body['Env'])) {
		const name = entry.split('=')[0] ?? entry;
		if (SECRET_NAME.test(name)) {
			secretEnv.push(name);
			args.push('-e', name);
		} else args.push('-e', entry);
	}
	for (const [key, value] of Object.entries(rec(body['Labels']))) args.push('--label', `${key}=${String(value)}`);
	if (typeof body['User'] === 'string') args.push('--user', body['User']);
	if (typeof body['WorkingDir'] === 'string') args.push('--workdir', body['WorkingDir']);
	if (typeof body['Hostname'] === 'string') args.push('--hostname', body['Hostname']);
	const health = rec(body['Healthcheck']);
	const test = strings(health['Test']);
	if (test[0] === 'NONE') args.push('--no-healthcheck');
	else if (test[0] === 'CMD-SHELL' && test[1] !== undefined) args.push('--health-cmd', test[1]);
	else if (test[0] === 'CMD' && test.length > 1) args.push('--health-cmd', test.slice(1).map(quote).join(' '));
	for (const [key, flag] of [
		['Interval', '--health-interval'],
		['Timeout', '--health-timeout'],
		['StartPeriod', '--health-start-period'],
	] as const) {
		const ns = health[key];
		if (typeof ns === 'number' && ns > 0) args.push(flag, `${ns / 1e9}s`);
	}
	if (typeof health['Retries'] === 'number' && health['Retries'] > 0) args.push('--health-retries', String(health['Retries']));
	const entrypoint = strings(body['Entrypoint']);
	if (entrypoint.length > 0) args.push('--entrypoint', entrypoint[0]!);
	args.push(image, ...entrypoint.slice(1), ...strings(body['Cmd']));
	return {command: args.map(quote).join(' '), secretEnv};
}

/** POSIX shell quoting: bare when safe, else single quotes. */
export function quote(word: string): string {
	if (word !== '' && /^[\w@%+=:,./-]+$/.test(word)) return word;
	return `'${word.replace(/'/g, `'\\''`)}'`;
}

function rec(value: unknown): Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function strings(value: unknown): string[] {
	return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
