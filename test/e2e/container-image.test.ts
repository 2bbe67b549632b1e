import assert from 'node:assert/strict';
import {tmpdir} from 'node:os';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {exec, type ExecResult} from './harness/exec.js';
import {cachePath, ensurePackages, harness, releaseHarness, skipE2E, touchCached, trimCache, unregister, type Harness} from './harness/index.js';
import {tourTheScreens} from './harness/screen-tour.js';
import {hasTmux, personsTerminal, TmuxServer} from './harness/tmux.js';

/**
 * The Dockerfile, built by the harness's engine with the classic builder and run the way the
 * README tells users to, must reach the same verdict as the doctor run on the host itself.
 * Docker Hub is out of reach, so the base image is made here: a Debian minbase rootfs with this
 * machine's node and npm, kept as a tarball in the harness cache (and as an image while the engine lives).
 */
const ROOT = join(import.meta.dirname, '..', '..');
const NODE_VERSION = process.versions.node;
const BASE_IMAGE = `local/chatmock-doctor-node-base:${NODE_VERSION}`;
const IMAGE = 'chatmock-doctor-e2e/doctor:test';
/**
 * A machine whose Node needs extra CAs to reach the npm registry (a TLS-inspecting proxy) gets
 * them in the base image too, like its node binary: the build stage runs `npm ci`.
 */
const EXTRA_CA_IN_IMAGE = '/usr/local/share/chatmock-doctor-test/extra-ca.pem';
const hostExtraCa = (): string | undefined => {
	const file = process.env.NODE_EXTRA_CA_CERTS;
	return file && existsSync(file) ? file : undefined;
};

interface Verdict {
	readonly platform: string;
	readonly nativePlatforms: readonly string[];
	readonly dockerDefault: string | null;
	readonly confidence: string;
}

describe('the Docker image', {skip: skipE2E, timeout: 30 * 60_000}, () => {
	let h: Harness;
	let env: NodeJS.ProcessEnv;
	/** Images present before the build: whatever the build adds (the final image, the untagged build stage) goes after. */
	let imagesBefore = new Set<string>();
	let built = false;
	let server: TmuxServer | undefined;
	const imageIds = async (): Promise<Set<string>> => new Set((await docker(['image', 'ls', '--all', '--quiet', '--no-trunc'], 30_000, true)).stdout.split('\n').filter(line => line.trim() !== ''));
	const docker = (args: readonly string[], timeoutMs = 120_000, allowFailure = false): Promise<ExecResult> => exec('docker', args, {env, timeoutMs, allowFailure});

	// A cold cache runs debootstrap (minutes on a busy machine): in its own hook, not on the test's clock.
	before(
		async () => {
			h = await harness();
			// The classic builder: BuildKit would want its own frontend image from Docker Hub.
			env = {...process.env, DOCKER_HOST: h.dockerHost, DOCKER_CONFIG: h.dockerConfigDir, DOCKER_BUILDKIT: '0', DOCKER_CLI_HINTS: 'false'};
			delete env.DOCKER_CONTEXT;
			if ((await docker(['image', 'inspect', BASE_IMAGE], 30_000, true)).code !== 0) {
				const trust = hostExtraCa() ? ['--change', `ENV NODE_EXTRA_CA_CERTS=${EXTRA_CA_IN_IMAGE}`] : [];
				await docker(['import', ...trust, await baseRootfsTarball(), BASE_IMAGE], 600_000);
			}
		},
		{timeout: 20 * 60_000},
	);

	after(async () => {
		server?.kill();
		await h?.restoreBaselineBinfmt();
		await docker(['rmi', '--force', IMAGE], 60_000, true).catch(() => undefined);
		const added = [...(await imageIds().catch(() => new Set<string>()))].filter(id => !imagesBefore.has(id));
		if (added.length > 0) await docker(['rmi', ...added], 60_000, true).catch(() => undefined);
		await releaseHarness();
	});

	test('builds from a local base and gives the host verdict when run with the host mounted', {timeout: 15 * 60_000}, async () => {
		imagesBefore = await imageIds();
		// --network host: the build stage runs `npm ci` against the npm registry (the harness bridge has no route out).
		await docker(['build', '--network', 'host', '--build-arg', `BASE_IMAGE=${BASE_IMAGE}`, '--tag', IMAGE, ROOT], 12 * 60_000);

		const listing = await docker(['run', '--rm', '--entrypoint', 'sh', IMAGE, '-c', 'id -u; ls /opt/chatmock-doctor; ls /opt/chatmock-doctor/dist | grep -c node_modules || true']);
		const [uid, ...rest] = listing.stdout.trim().split('\n');
		assert.equal(uid, '1000', 'the doctor runs as a non-root user');
		assert.deepEqual(rest, ['dist', 'package.json', '0'], 'the final stage holds the bundle only');
		built = true;

		const gid = (await exec('stat', ['-c', '%g', h.socketPath], {timeoutMs: 5000})).stdout.trim();
		const inContainer = await docker(['run', '--rm', '-v', `${h.socketPath}:/var/run/docker.sock`, '-v', '/:/host:ro', '--group-add', gid, IMAGE, '--json'], 120_000, true);
		const onHost = await exec(process.execPath, [join(ROOT, 'dist', 'bin.cjs'), '--json'], {env: h.childEnv(), timeoutMs: 60_000, allowFailure: true});

		assert.ok(inContainer.stdout.trim().startsWith('{'), `the doctor in the container printed JSON (exit ${inContainer.code}):\n${inContainer.stdout}\n${inContainer.stderr}`);
		const container = JSON.parse(inContainer.stdout) as {origin: string; verdict: Verdict; engine?: {failure: unknown}};
		const host = JSON.parse(onHost.stdout) as {origin: string; verdict: Verdict};
		assert.equal(container.origin, 'root', 'the entry script passed --root /host');
		assert.equal(container.engine?.failure ?? null, null, `the engine was reached through the socket: ${JSON.stringify(container.engine?.failure)}`);
		const pick = ({platform, nativePlatforms, dockerDefault, confidence}: Verdict) => ({platform, nativePlatforms, dockerDefault, confidence});
		assert.deepEqual(pick(container.verdict), pick(host.verdict));
		assert.equal(inContainer.code, onHost.code);
	});

	test('the image in a terminal (docker run -it): verdict -> finding -> help -> report preview -> quit, exit 1', {skip: hasTmux ? false : 'tmux is not installed', timeout: 5 * 60_000}, async t => {
		if (!built) {
			t.skip('the image was not built');
			return;
		}
		// A wrong-arch ChatMock (arm64 under the tag) and no emulator for it: an error finding, exit 1.
		const ref = h.multiPlatformRef;
		await h.loadImage('arm64', ref);
		unregister('qemu-aarch64');
		const gid = (await exec('stat', ['-c', '%g', h.socketPath], {timeoutMs: 5000})).stdout.trim();
		server = new TmuxServer('chatmock-doctor-image');
		const command = ['docker', 'run', '--rm', '-it', '-v', `${h.socketPath}:/var/run/docker.sock`, '-v', '/:/host:ro', '--group-add', gid, IMAGE, '--offline', '--image', ref].join(' ');
		const pane = server.start('image', command, personsTerminal(env), tmpdir(), 90, 36);
		// docker run hands the doctor's own exit code through.
		assert.equal(await tourTheScreens(pane, {verdictTimeoutMs: 120_000}), 1);
	});
});

/** A week: Debian's security updates reach the base without rebuilding it every run. */
const BASE_MAX_AGE_MS = 7 * 24 * 3600_000;

/**
 * `debootstrap --variant=minbase bookworm` plus this machine's node and npm, as a tarball for
 * `docker import`, kept in the harness cache for a week (a cold debootstrap takes a minute or
 * two). Only the newest base is kept; the cache's size bound applies.
 */
async function baseRootfsTarball(): Promise<string> {
	const tarball = cachePath('base', `debian-bookworm-node${NODE_VERSION}${hostExtraCa() ? '-ca' : ''}.tar`);
	const folder = dirname(tarball);
	const fresh = existsSync(tarball) && Date.now() - statSync(tarball).mtimeMs < BASE_MAX_AGE_MS;
	if (fresh) return tarball;
	for (const name of readdirSync(folder)) rmSync(join(folder, name), {recursive: true, force: true});
	await ensurePackages(['debootstrap']);
	// Built next to the cache, not in the temporary folder: the root file system is a few hundred MB.
	const work = mkdtempSync(join(folder, 'rootfs-'));
	try {
		const rootfs = join(work, 'rootfs');
		await exec('debootstrap', ['--variant=minbase', 'bookworm', rootfs, debianMirror()], {timeoutMs: 600_000});
		cpSync(process.execPath, join(rootfs, 'usr/local/bin/node'));
		const npm = join(dirname(process.execPath), '..', 'lib', 'node_modules', 'npm');
		cpSync(npm, join(rootfs, 'usr/local/lib/node_modules/npm'), {recursive: true});
		symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', join(rootfs, 'usr/local/bin/npm'));
		mkdirSync(join(rootfs, 'tmp'), {recursive: true});
		const extraCa = hostExtraCa();
		if (extraCa) {
			mkdirSync(join(rootfs, dirname(EXTRA_CA_IN_IMAGE)), {recursive: true});
			cpSync(extraCa, join(rootfs, EXTRA_CA_IN_IMAGE));
		}
		// Written under another name first: an interrupted run must not leave a half tarball behind.
		await exec('tar', ['-C', rootfs, '-cf', `${tarball}.partial`, '.'], {timeoutMs: 300_000});
		renameSync(`${tarball}.partial`, tarball);
		touchCached(tarball);
	} finally {
		rmSync(work, {recursive: true, force: true});
		rmSync(`${tarball}.partial`, {force: true});
	}
	trimCache([tarball]);
	return tarball;
}

/** The mirror apt already uses here (CI can reach Debian's mirror and nothing else). */
function debianMirror(): string {
	for (const file of ['/etc/apt/sources.list.d/debian.sources', '/etc/apt/sources.list']) {
		const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
		const uri = /^URIs:\s*(\S+)/m.exec(text)?.[1] ?? /^deb\s+(?:\[[^\]]*\]\s+)?(\S+)\s+bookworm\b/m.exec(text)?.[1];
		if (uri) return uri;
	}
	return 'http://deb.debian.org/debian';
}
