/**
 * Finds dpkg's own architecture in /var/lib/dpkg/status: the Architecture of the package `dpkg`
 * is what `dpkg --print-architecture` prints. base-files is a fallback (also built per arch).
 */
export function dpkgArchFromStatus(text: string): {readonly arch: string; readonly line: number; readonly excerpt: string} | undefined {
	const found = new Map<string, {arch: string; line: number; excerpt: string}>();
	let pkg: string | undefined;
	const lines = text.split('\n');
	for (const [index, raw] of lines.entries()) {
		const line = raw.replace(/\r$/, '');
		if (line.trim() === '') {
			pkg = undefined;
			continue;
		}
		const packageMatch = /^Package:\s*(\S+)/.exec(line);
		if (packageMatch) {
			pkg = packageMatch[1];
			continue;
		}
		const archMatch = /^Architecture:\s*([a-z0-9-]+)\s*$/.exec(line);
		if (archMatch && (pkg === 'dpkg' || pkg === 'base-files') && !found.has(pkg)) {
			found.set(pkg, {arch: archMatch[1]!, line: index + 1, excerpt: line.trim()});
			if (pkg === 'dpkg') break;
		}
	}
	return found.get('dpkg') ?? found.get('base-files');
}
