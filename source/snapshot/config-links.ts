import type {Host} from '../facts/seam/host.js';

/**
 * A file a snapshot copies from Docker's config folder must be a regular file inside that folder:
 * a context's meta.json that is a symlink to /etc/shadow (or any file outside) would otherwise land
 * in the snapshot verbatim. True when the read must be withheld. Hosts without `realPath` (a folder
 * seam, a replay) are not checked here.
 */
export async function leavesDockerConfig(host: Host, path: string): Promise<boolean> {
	if (!host.realPath) return false;
	const folder = dockerConfigFolder(host, path);
	if (folder === undefined) return false;
	const [file, root] = await Promise.all([host.realPath(path), host.realPath(folder)]);
	if (!file || !root) return file !== undefined;
	const inside = file.path === root.path || file.path.startsWith(`${root.path.replace(/[\\/]+$/, '')}/`) || file.path.startsWith(`${root.path.replace(/[\\/]+$/, '')}\\`);
	return !inside || !file.regular;
}

/** The Docker config folder a path lies in: DOCKER_CONFIG, or the `.docker` folder named in the path. */
function dockerConfigFolder(host: Host, path: string): string | undefined {
	const normal = path.replaceAll('\\', '/');
	const configured = host.env['DOCKER_CONFIG']?.replaceAll('\\', '/').replace(/\/+$/, '');
	if (configured && normal.startsWith(`${configured}/`)) return configured;
	const at = normal.indexOf('/.docker/');
	return at === -1 ? undefined : normal.slice(0, at + '/.docker'.length);
}
