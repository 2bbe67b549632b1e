import type {Fact} from '../fact.js';
import {parseOsRelease} from '../parse/os-release.js';
import {fileSourceAt} from '../parse/source-at.js';
import type {OsRelease} from '../types.js';
import type {ProbeContext} from './probe-context.js';

const PATHS = ['/etc/os-release', '/usr/lib/os-release'];

/** The distribution, from os-release(5): /etc/os-release, else /usr/lib/os-release. */
export async function probeOsRelease(context: ProbeContext): Promise<Fact<OsRelease> | undefined> {
	for (const path of PATHS) {
		const text = await context.host.readText(path, {maxBytes: 64 * 1024});
		const release = text === undefined ? undefined : parseOsRelease(text, fileSourceAt(path));
		if (release) return release;
	}
	return undefined;
}
