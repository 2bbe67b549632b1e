// Whole machines as memory hosts with a scripted engine, for snapshot/replay and redaction
// tests. `secrets` lists every planted value that must never reach a redacted output.
import type {ContainerInspect, ContainerSummary, EngineApi, EngineConnector, EngineResult, ImageInspect} from '../../../source/facts/engine/engine-api.js';
import {createMemoryHost} from '../../../source/facts/seam/memory-host.js';
import type {Host} from '../../../source/facts/seam/host.js';
import {collectFacts} from '../../../source/facts/collect.js';
import {createRecordingHost} from '../../../source/facts/seam/recording-host.js';
import {serializeSnapshot} from '../../../source/snapshot/write-snapshot.js';

const ok = <T>(value: T): EngineResult<T> => ({ok: true, value});
const notFound = async (): Promise<EngineResult<never>> => ({ok: false, error: {code: 'not-found', message: 'No such object', status: 404}});

export interface EngineScript {
	readonly version: Record<string, unknown>;
	readonly info: Record<string, unknown>;
	readonly images?: readonly ImageInspect[];
	readonly containers?: readonly {summary: ContainerSummary; inspect: ContainerInspect; logs: readonly string[]}[];
	readonly distribution?: readonly {os: string; architecture: string; variant?: string}[];
	/** Every call fails with this (e.g. EACCES). */
	readonly fail?: {code: 'eacces' | 'unreachable' | 'timeout'; message: string; errno?: string};
}

/** A connector whose client answers from a script; it returns Config.Env too, to prove the recorder drops it. */
export function scriptedConnector(script: EngineScript): EngineConnector {
	return endpoint => {
		const fail = script.fail;
		const failing = async () => ({ok: false as const, error: {code: fail!.code, message: fail!.message, ...(fail!.errno ? {errno: fail!.errno} : {})}});
		const api: EngineApi = {
			endpoint: endpoint.host,
			apiVersion: '1.43',
			ping: fail ? failing : async () => ok({apiVersion: '1.43', osType: 'linux'}),
			version: fail ? failing : async () => ok(script.version),
			info: fail ? failing : async () => ok(script.info),
			listImages: async () => ok((script.images ?? []).map(i => ({id: i.id, repoTags: i.repoTags, repoDigests: i.repoDigests}))),
			inspectImage: async name => {
				const image = script.images?.find(i => i.id === name || i.repoTags.includes(name));
				return image ? ok(image) : notFound();
			},
			listContainers: async () => ok((script.containers ?? []).map(c => c.summary)),
			inspectContainer: async id => {
				const c = script.containers?.find(x => x.summary.id === id);
				// A careless client could pass the raw inspect through: Config.Env included.
				return c ? ok({...c.inspect, Config: {Env: ['CHATGPT_TOKEN=env-token-must-not-leak']}} as unknown as ContainerInspect) : notFound();
			},
			containerLogs: async id => ok(script.containers?.find(x => x.summary.id === id)?.logs ?? []),
			distribution: async () => (script.distribution ? ok({platforms: script.distribution}) : {ok: false, error: {code: 'unauthorized', message: 'denied', status: 401}}),
			pull: notFound,
			verifyRun: notFound,
			removeImage: notFound,
			tagImage: notFound,
		};
		return {ok: true, value: api};
	};
}

const PI_CPUINFO = `processor\t: 0
BogoMIPS\t: 108.00
Features\t: fp asimd evtstrm crc32 cpuid
CPU implementer\t: 0x41
CPU architecture: 8
CPU variant\t: 0x0
CPU part\t: 0xd08
CPU revision\t: 3

Hardware\t: BCM2835
Revision\t: c03114
Serial\t\t: 10000000deadbeef
Model\t\t: Raspberry Pi 4 Model B Rev 1.4
`;

export const PI_SECRETS = {
	hostname: 'alice-garage-pi',
	username: 'alicesmith',
	home: '/home/alicesmith',
	token: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789',
	apiKey: 'sk-proj-verysecretkey-1234567890abcd',
	registryAuth: 'YWxpY2U6cmVnaXN0cnktcGFzc3dvcmQ=',
	identityToken: 'identity-token-0f9e8d7c',
	dockerHostPassword: 'tcp-password-42x',
	dockerHostUser: 'engineuser',
	ip: '192.168.77.23',
	ipv6: 'fe80::dea6:32ff:fe01:203',
	mac: 'dc:a6:32:01:02:03',
	serial: '10000000deadbeef',
	envToken: 'env-token-must-not-leak',
	jwt: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXNlY3JldA',
	proxyPassword: 'proxy-pw-7766',
} as const;

/** A Raspberry Pi 4 with 32-bit Raspbian on a 64-bit kernel, an arm64 ChatMock image failing, and secrets everywhere. */
export function piHost(options: {readonly withEngine?: boolean; readonly tcp?: boolean} = {}): Host {
	const s = PI_SECRETS;
	const dockerConfig = JSON.stringify(
		{auths: {'ghcr.io': {auth: s.registryAuth}, 'registry.example.com': {identitytoken: s.identityToken}}, currentContext: options.tcp ? undefined : 'default'},
		null,
		'\t',
	);
	const image: ImageInspect = {id: 'sha256:arm64img', repoTags: ['ghcr.io/thebtf/chatmock:latest'], repoDigests: [], os: 'linux', architecture: 'arm64', variant: 'v8'};
	const container = {
		summary: {id: 'c0ffee', names: ['chatmock'], image: 'ghcr.io/thebtf/chatmock:latest', imageId: 'sha256:arm64img', state: 'restarting'},
		inspect: {
			id: 'c0ffee',
			name: 'chatmock',
			image: 'ghcr.io/thebtf/chatmock:latest',
			imageId: 'sha256:arm64img',
			state: {status: 'restarting', running: false, restarting: true, oomKilled: false, exitCode: 255},
			restartCount: 7,
			ports: {'8000/tcp': [`${s.ip}:8000`]},
		},
		logs: ['exec /app/start.sh: exec format error', `login as ${s.username} on ${s.hostname} from ${s.ip} (${s.mac}), Authorization: Bearer ${s.jwt}`],
	};
	return createMemoryHost({
		kind: 'live',
		label: 'this machine',
		home: s.home,
		node: {arch: 'arm', platform: 'linux', version: 'v20.11.1'},
		uname: {sysname: 'Linux', release: '6.1.21-v8+', machine: 'aarch64'},
		env: {
			HOME: s.home,
			USER: s.username,
			LOGNAME: s.username,
			HOSTNAME: s.hostname,
			PATH: '/usr/local/bin:/usr/bin:/bin',
			GITHUB_TOKEN: s.token,
			OPENAI_API_KEY: s.apiKey,
			DOCKER_AUTH_CONFIG: `{"auths":{"ghcr.io":{"auth":"${s.registryAuth}"}}}`,
			HTTPS_PROXY: `http://${s.username}:${s.proxyPassword}@proxy.lan:3128`,
			SSH_CONNECTION: `${s.ip} 52000 10.0.0.9 22`,
			...(options.tcp
				? {
						DOCKER_HOST: `tcp://${s.dockerHostUser}:${s.dockerHostPassword}@${s.ip}:2376`,
						DOCKER_TLS_VERIFY: '1',
						DOCKER_CERT_PATH: `${s.home}/.docker/contexts/tls/0123abcd/docker`,
					}
				: {}),
		},
		files: {
			'/proc/cpuinfo': PI_CPUINFO,
			'/proc/device-tree/model': 'Raspberry Pi 4 Model B Rev 1.4\u0000',
			'/proc/version': 'Linux version 6.1.21-v8+ (dom@buildbot) (aarch64-linux-gnu-gcc-8 (Ubuntu/Linaro 8.4.0-3ubuntu1) 8.4.0) #1642 SMP PREEMPT',
			'/etc/os-release': 'PRETTY_NAME="Raspbian GNU/Linux 11 (bullseye)"\nID=raspbian\nID_LIKE=debian\nVERSION_ID="11"\nVERSION_CODENAME=bullseye\n',
			'/etc/hostname': `${s.hostname}\n`,
			'/bin/sh': Buffer.from('7f454c4601010100000000000000000002002800010000000000000034000000', 'hex'),
			[`${s.home}/.docker/config.json`]: dockerConfig,
			[`${s.home}/.docker/contexts/tls/0123abcd/docker/ca.pem`]: '-----BEGIN CERTIFICATE-----\nMIIBca\n-----END CERTIFICATE-----\n',
			[`${s.home}/.docker/contexts/tls/0123abcd/docker/cert.pem`]: '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n',
			[`${s.home}/.docker/contexts/tls/0123abcd/docker/key.pem`]: '-----BEGIN PRIVATE KEY-----\nMIIprivate-key-bytes\n-----END PRIVATE KEY-----\n',
			'/var/run/docker.sock': '',
			'/proc/sys/fs/binfmt_misc/status': 'enabled\n',
		},
		commands: {
			'dpkg --print-architecture': {ok: true, stdout: 'armhf\n', stderr: '', exitCode: 0},
			'getconf LONG_BIT': {ok: true, stdout: '32\n', stderr: '', exitCode: 0},
			'getconf PAGESIZE': {ok: true, stdout: '4096\n', stderr: '', exitCode: 0},
			hostname: {ok: true, stdout: `${s.hostname}\n`, stderr: '', exitCode: 0},
			'ip addr': {ok: true, stdout: `inet ${s.ip}/24 link/ether ${s.mac} inet6 ${s.ipv6}/64`, stderr: '', exitCode: 0},
		},
		...(options.withEngine === false
			? {}
			: {
					engine: scriptedConnector({
						version: {Version: '24.0.7', ApiVersion: '1.43', MinAPIVersion: '1.12', Arch: 'arm', Os: 'linux', KernelVersion: '6.1.21-v8+'},
						info: {
							OSType: 'linux',
							Architecture: 'aarch64',
							OperatingSystem: 'Raspbian GNU/Linux 11 (bullseye)',
							KernelVersion: '6.1.21-v8+',
							Name: s.hostname,
							ID: 'ABCD:EFGH:IJKL:MNOP:QRST:UVWX:YZ12:3456:789A:BCDE:FGHI:JKLM',
							HttpsProxy: `http://${s.username}:${s.proxyPassword}@proxy.lan:3128`,
							DockerRootDir: '/var/lib/docker',
							SecurityOptions: ['name=seccomp,profile=builtin'],
						},
						images: [image],
						containers: [container],
						distribution: [
							{os: 'linux', architecture: 'amd64'},
							{os: 'linux', architecture: 'arm64', variant: 'v8'},
							{os: 'linux', architecture: 'arm', variant: 'v7'},
							{os: 'unknown', architecture: 'unknown'},
						],
					}),
				}),
	});
}

/** An x86-64 machine whose engine refuses the socket (EACCES). */
export function eaccesHost(): Host {
	return createMemoryHost({
		kind: 'live',
		home: '/home/bob',
		node: {arch: 'x64', platform: 'linux', version: 'v20.11.1'},
		uname: {sysname: 'Linux', release: '6.8.0-45-generic', machine: 'x86_64'},
		env: {HOME: '/home/bob', USER: 'bob'},
		files: {
			'/proc/cpuinfo': 'processor\t: 0\nvendor_id\t: GenuineIntel\nmodel name\t: Intel(R) Core(TM) i7-8650U CPU @ 1.90GHz\nflags\t\t: fpu vme sse sse2 lm\n',
			'/etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nID=ubuntu\nVERSION_ID="24.04"\n',
			'/var/run/docker.sock': '',
		},
		commands: {'dpkg --print-architecture': {ok: true, stdout: 'amd64\n', stderr: '', exitCode: 0}},
		engine: scriptedConnector({version: {}, info: {}, fail: {code: 'eacces', message: 'connect EACCES /var/run/docker.sock', errno: 'EACCES'}}),
	});
}

/** piHost() checked once and recorded, as `snapshot` writes it (at a fixed time, so the text is the same every run). */
export async function recordedPiSnapshot(): Promise<string> {
	const recording = createRecordingHost(piHost(), {now: () => new Date('2026-01-02T03:04:05Z')});
	await collectFacts({host: recording.host, timeoutMs: 1000, offline: true, noEngine: false});
	return serializeSnapshot(recording.snapshot());
}
