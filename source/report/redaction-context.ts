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
