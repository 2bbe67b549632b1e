import os from 'node:os';
import type {Host} from '../facts/seam/host.js';
import type {RedactionContext} from './redact.js';
import {redactionContextOf} from './redaction-context.js';

/** The redaction context of this machine: the seam's view plus os.hostname() and the login name. */
export function liveRedactionContext(host: Pick<Host, 'env' | 'home'>, extraSecrets?: readonly string[]): RedactionContext {
	const attempt = (read: () => string): string | undefined => {
		try {
			return read();
		} catch {
			return undefined; // os.userInfo() throws for a uid without a passwd entry (containers)
		}
	};
	const hostname = attempt(() => os.hostname());
	const username = attempt(() => os.userInfo().username);
	return redactionContextOf(host, {
		...(hostname === undefined ? {} : {hostname}),
		...(username === undefined ? {} : {username}),
		...(extraSecrets === undefined ? {} : {extraSecrets}),
	});
}
