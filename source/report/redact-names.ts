/**
 * Which names hold secrets or identities, and which words are never personal. Kept apart from
 * the redactor so the lists can be read (and argued about) in one place.
 */

/**
 * Host and user names that say nothing about a person but carry meaning in a report (an
 * architecture, an OS, a Docker product): redacting them would garble platforms and verdicts.
 */
const NOT_PERSONAL = new Set([
	'386',
	'aarch64',
	'admin',
	'alarm',
	'amd64',
	'app',
	'arm',
	'arm64',
	'armel',
	'armhf',
	'armv6l',
	'armv7l',
	'centos',
	'chatmock',
	'colima',
	'container',
	'core',
	'darwin',
	'data',
	'debian',
	'default',
	'desktop',
	'dietpi',
	'docker',
	'docker-desktop',
	'ec2-user',
	'engine',
	'fedora',
	'host',
	'i386',
	'i686',
	'linux',
	'localhost',
	'node',
	'none',
	'opc',
	'orbstack',
	'pi',
	'podman',
	'public',
	'rancher-desktop',
	'raspberrypi',
	'root',
	'runner',
	'shared',
	'ubuntu',
	'unknown',
	'user',
	'vagrant',
	'windows',
	'x64',
	'x86_64',
]);

/** True when a host or user name is worth hiding: long enough and not a word every machine has. */
export function isPersonalName(name: string | undefined): name is string {
	if (!name) return false;
	const lower = name.toLowerCase();
	return lower.length >= 3 && !NOT_PERSONAL.has(lower) && !lower.startsWith('colima') && !lower.startsWith('lima-');
}

/** Names (env variables, JSON keys, `key: value` lines) whose value is a secret. */
export function isSecretName(name: string): boolean {
	const n = name.toLowerCase();
	if (/token|secret|passw(or)?d|passphrase|credential|api_?key|private_?key|auth_config|authorization|cookie|account_?id|session_?id/.test(n)) return true;
	if (/[_.-](key|pass|auth)$/.test(n)) return true;
	return /^(auth|pass|serial|serial-number|serialnumber|machine-id|machine_id)$/.test(n);
}

/** Names whose value is a user's login or address. */
export function isUserName(name: string): boolean {
	return /^(user|username|user_name|login|logname|email|sudo_user)$/i.test(name);
}

/** Names whose value is a machine's name (`HOSTNAME=`, `"hostname":`, hostnamectl's `Static hostname:`). */
export function isHostName(name: string): boolean {
	return /^(?:hostname|host_name|nodename|static hostname|transient hostname|computername)$/i.test(name);
}

/** Names whose value names a proxy (`HTTPS_PROXY`, /info `HttpsProxy`, `NoProxy`): internal host names. */
export function isProxyName(name: string): boolean {
	return /proxy|proxies/i.test(name);
}

/** Registries everyone uses: their names say nothing about a person. Any other is a private mirror's name. */
const PUBLIC_REGISTRIES = new Set([
	'docker.io',
	'index.docker.io',
	'registry-1.docker.io',
	'https://index.docker.io/v1/',
	'ghcr.io',
	'quay.io',
	'gcr.io',
	'public.ecr.aws',
	'mcr.microsoft.com',
	'registry.gitlab.com',
	'lscr.io',
]);
export function isPublicRegistry(name: string): boolean {
	return PUBLIC_REGISTRIES.has(name.toLowerCase());
}
