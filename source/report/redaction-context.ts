import type {Host} from '../facts/seam/host.js';
import type {RedactionContext} from './redact.js';

const nonEmpty = (value: string | undefined) => (value === undefined || value.trim() === '' ? undefined : value.trim());

/**
 * What to redact for a host: its home, its user and host names, from the seam plus what the
 * caller knows (os.hostname() on a live machine). Pass the unwrapped host, not a recording
 * one, or these reads end up in the snapshot.
 */
export function redactionContextOf(
	host: Pick<Host, 'env' | 'home'>,
	known: {readonly hostname?: string; readonly username?: string; readonly extraSecrets?: readonly string[]} = {},
): RedactionContext {
	const env = host.env;
	const home = host.home ?? nonEmpty(env['HOME']) ?? nonEmpty(env['USERPROFILE']);
	const homeName = home?.split(/[\\/]/).filter(Boolean).pop();
	const username = nonEmpty(known.username) ?? nonEmpty(env['USER']) ?? nonEmpty(env['LOGNAME']) ?? nonEmpty(env['USERNAME']) ?? homeName;
	const hostname = nonEmpty(known.hostname) ?? nonEmpty(env['HOSTNAME']) ?? nonEmpty(env['COMPUTERNAME']);
	return {
		...(hostname === undefined ? {} : {hostname}),
		...(username === undefined ? {} : {username}),
		...(home === undefined ? {} : {home}),
		...(known.extraSecrets === undefined ? {} : {extraSecrets: known.extraSecrets}),
	};
}

/** Printed on stderr when --no-redact is given. */
export const NO_REDACT_WARNING = 'Warning: --no-redact keeps host and user names, home paths, addresses and any credentials the doctor saw. Do not paste this output publicly.';

/**
 * Other machines' names a report or snapshot carries: the engine's own host name (/info Name:
 * another machine for a remote engine, the VM in container mode) and a tcp:// or ssh:// endpoint's host.
 */
export function foreignHostnames(seen: {readonly engineName?: string | undefined; readonly endpoints?: readonly (string | undefined)[]}): string[] {
	const names = new Set<string>();
	if (seen.engineName) names.add(seen.engineName.trim());
	for (const endpoint of seen.endpoints ?? []) {
		const match = endpoint === undefined ? null : /^(?:tcp|ssh|https?):\/\/(?:[^@/]*@)?(\[[^\]]*\]|[^:/]+)/i.exec(endpoint);
		if (match?.[1]) names.add(match[1]);
	}
	return [...names].filter(Boolean);
}

/** The foreign names in a report (see foreignHostnames). */
export function reportHostnames(report: {readonly engine: {readonly endpoint: {readonly host: string} | null; readonly facts: Readonly<Record<string, {readonly value: unknown}>>} | null}): string[] {
	const name = report.engine?.facts['name']?.value;
	return foreignHostnames({engineName: typeof name === 'string' ? name : undefined, endpoints: [report.engine?.endpoint?.host]});
}
