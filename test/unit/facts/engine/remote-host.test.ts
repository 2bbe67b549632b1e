import assert from 'node:assert/strict';
import {execFile} from 'node:child_process';
import {mkdir, mkdtemp, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import type {ContainerOps, ImageConfig} from '../../../../source/facts/engine/container-ops.js';
import type {EngineApi, EngineResult} from '../../../../source/facts/engine/engine-api.js';
import {probeEngineHost} from '../../../../source/facts/engine/remote-host-probe.js';
import {hostProbeScript, parseHostProbeOutput} from '../../../../source/facts/engine/remote-host-script.js';
import {cite} from '../../../../source/facts/fact.js';
import {probeHost} from '../../../../source/facts/host/probe-host.js';
import {createMemoryHost} from '../../../../source/facts/seam/memory-host.js';
import {createRootHost} from '../../../../source/facts/seam/root-host.js';
import type {EngineFacts, Facts, HostFacts, ImageFact} from '../../../../source/facts/types.js';
import {onPath} from '../../../helpers/collect-sh.js';
import {engineOf} from '../../../helpers/facts.js';
import {PI4_ARM64, X86_64} from '../parse/cpuinfo-samples.js';
import {ELF} from '../parse/elf-bytes.js';
import {connectorOf, fakeEngineApi} from './fake-engine-api.js';
import {collectFacts} from '../../../../source/facts/collect.js';

let base: string;

async function put(root: string, path: string, content: string | Uint8Array): Promise<void> {
	await mkdir(dirname(join(root, path)), {recursive: true});
	await writeFile(join(root, path), content);
}

/** The classic Pi: a 64-bit kernel, Raspberry Pi OS 32-bit (armhf), /bin/sh an absolute link (as on Alpine). */
async function piMachine(root: string): Promise<void> {
	await put(root, 'usr/bin/dash', ELF.arm());
	// No dpkg program to read: its package entries say the architecture (the script sends just those).
	await put(
		root,
		'var/lib/dpkg/status',
		'Package: adduser\nArchitecture: all\n\nPackage: base-files\nArchitecture: armhf\n\nPackage: dpkg\nStatus: install ok installed\nArchitecture: armhf\n\nPackage: zlib1g\nArchitecture: armhf\n',
	);
	await mkdir(join(root, 'bin'), {recursive: true});
	await symlink('/usr/bin/dash', join(root, 'bin/sh'));
	await put(root, 'etc/os-release', 'PRETTY_NAME="Raspbian GNU/Linux 12 (bookworm)"\nID=raspbian\nVERSION_CODENAME=bookworm\n');
	await put(root, 'proc/cpuinfo', PI4_ARM64);
	await put(root, 'proc/version', 'Linux version 6.6.31+rpt-rpi-v8 (serge@raspberrypi.com) #1 SMP PREEMPT\n');
	await put(root, 'proc/sys/kernel/ostype', 'Linux\n');
	await put(root, 'proc/sys/kernel/osrelease', '6.6.31+rpt-rpi-v8\n');
	await put(root, 'proc/sys/kernel/arch', 'aarch64\n');
	await put(root, 'proc/device-tree/model', 'Raspberry Pi 4 Model B Rev 1.1\0');
	await put(root, 'proc/sys/fs/binfmt_misc/status', 'enabled\n');
	await put(
		root,
		'proc/sys/fs/binfmt_misc/qemu-x86_64',
		'enabled\ninterpreter /usr/libexec/qemu-binfmt/x86_64-binfmt-P\nflags: POCF\noffset 0\nmagic 7f454c4602010100000000000000000002003e00\nmask fffffffffffefe00fffffffffffffffffeffffff\n',
	);
}

/** What the container prints for a machine laid out under root: the very script, run by a local shell. */
function runScript(root: string, shell: readonly string[] = ['sh']): Promise<string[]> {
	return new Promise((resolve, reject) => {
		execFile(shell[0]!, [...shell.slice(1), '-c', hostProbeScript(root)], {maxBuffer: 64 * 1024 * 1024}, (error, stdout) => (error ? reject(error) : resolve(stdout.split('\n'))));
	});
}

function values(host: HostFacts): Record<string, unknown> {
	return Object.fromEntries(Object.entries(host).map(([key, value]) => [key, (value as {value: unknown}).value]));
}

/** /info says aarch64 (the kernel), /version says arm (a 32-bit dockerd): the Pi's engine. */
const PI_ENGINE: EngineFacts = engineOf({osType: 'linux', infoArchitecture: 'aarch64', versionArch: 'arm', versionOs: 'linux', kernelVersion: '6.6.31+rpt-rpi-v8'});

function factsWith(host: HostFacts, engine: EngineFacts, extra: Partial<Facts> = {}): Facts {
	return {origin: 'live', host, engine, endpoint: {host: 'ssh://pi@pi4.local', reason: 'context pi', alternatives: []}, signals: [], ...extra};
}

before(async () => {
	base = await mkdtemp(join(tmpdir(), 'remote-host-'));
});

after(async () => {
	await rm(base, {recursive: true, force: true});
});

describe('the host probe script and its output', () => {
	test('a 32-bit userland on a 64-bit kernel reads as the same facts as the folder itself (--root)', async () => {
		const root = join(base, 'pi');
		await piMachine(root);
		const parsed = parseHostProbeOutput(await runScript(root));
		assert.equal(parsed.complete, true);
		const probed = await probeHost(createMemoryHost({...parsed.spec, kind: 'replay'}));
		const folder = await probeHost(createRootHost(root));
		assert.deepEqual(values(probed), values(folder));
		assert.equal(probed.kernelMachine?.value, 'aarch64');
		assert.equal(probed.dpkgArch?.value, 'armhf');
		assert.equal(probed.dpkgArch?.source.ref, '/var/lib/dpkg/status');
		// /bin/sh → /usr/bin/dash was followed under the machine's root, not the container's.
		assert.deepEqual(probed.userlandElf?.value, {bits: 32, machine: 'arm', littleEndian: true});
		assert.equal(probed.boardModel?.value, 'Raspberry Pi 4 Model B Rev 1.1');
	});

	test('the same verdict and findings as the doctor run on that machine', async () => {
		const root = join(base, 'pi-verdict');
		await piMachine(root);
		const parsed = parseHostProbeOutput(await runScript(root));
		const probed = await probeHost(createMemoryHost({...parsed.spec, kind: 'replay'}));
		const there = diagnose(factsWith(await probeHost(createRootHost(root)), PI_ENGINE));
		const fromHere = diagnose(factsWith(probed, PI_ENGINE));
		assert.deepEqual(fromHere.verdict.platform, there.verdict.platform);
		assert.equal(fromHere.verdict.platform, 'linux/arm/v7');
		assert.deepEqual(
			fromHere.findings.map(f => f.id),
			there.findings.map(f => f.id),
		);
		assert.ok(fromHere.findings.some(f => f.id === 'userland-32bit-on-64bit-kernel'));
		assert.equal(fromHere.verdict.confidence, there.verdict.confidence);
	});

	test('busybox alone (its od and readlink applets) reads the same', async t => {
		if (!onPath('busybox')) return t.skip('busybox is not installed');
		const root = join(base, 'pi-busybox');
		await piMachine(root);
		const withDash = parseHostProbeOutput(await runScript(root));
		const withBusybox = parseHostProbeOutput(await runScript(root, ['busybox', 'sh']));
		assert.deepEqual(withBusybox.spec.files, withDash.spec.files);
	});

	test('the kernel files win over uname as printed in a 32-bit container (armv8l)', () => {
		const hex = (text: string) => [...Buffer.from(text)].map(b => b.toString(16).padStart(2, '0')).join(' ');
		const parsed = parseHostProbeOutput(['F /proc/sys/kernel/arch', ` ${hex('aarch64\n')}`, 'E', 'U machine armv8l', 'U release 6.6.31', 'U sysname Linux', 'END']);
		assert.equal(parsed.spec.uname?.machine, 'aarch64');
		assert.equal(parsed.spec.uname?.release, '6.6.31');
		const printed = parseHostProbeOutput(['U machine armv7l', 'U release 5.10', 'U sysname Linux', 'END']);
		assert.deepEqual(printed.spec.uname, {machine: 'armv7l', release: '5.10', sysname: 'Linux', via: 'uname'});
	});

	test('an output cut short keeps the whole files and says it is partial; stray lines are skipped', () => {
		const parsed = parseHostProbeOutput(['noise from a login script', 'X /.dockerenv', 'F /bin/sh', ' 7f 45 4c 46', 'E', 'F /proc/cpuinfo', ' 70 72 6f']);
		assert.equal(parsed.complete, false);
		assert.deepEqual([...parsed.spec.files!['/bin/sh']!], [0x7f, 0x45, 0x4c, 0x46]);
		assert.deepEqual([...parsed.spec.files!['/proc/cpuinfo']!], [0x70, 0x72, 0x6f]);
		assert.equal(parsed.spec.files!['/.dockerenv']!.length, 0);
		assert.equal(parsed.files, 3);
	});
});

/** A remote engine that can run containers; what each call does is the test's, every call is recorded. */
function engineWithOps(ops: Partial<ContainerOps> & Partial<EngineApi>, calls: string[]): EngineApi & ContainerOps {
	const defaults: ContainerOps = {
		inspectImageConfig: async name => ({ok: true, value: imageConfig(name, 'arm')}),
		inspectContainerSpec: async () => ({ok: false, error: {code: 'error', message: 'not in this fake'}}),
		createContainer: async () => ({ok: true, value: {id: 'c0ffee', warnings: []}}),
		startContainer: async () => ({ok: true, value: undefined}),
		stopContainer: async () => ({ok: true, value: undefined}),
		renameContainer: async () => ({ok: true, value: undefined}),
		removeContainer: async () => ({ok: true, value: undefined}),
		waitContainer: async () => ({ok: true, value: {exitCode: 0}}),
		connectNetwork: async () => ({ok: true, value: undefined}),
		trialRun: async () => ({ok: false, error: {code: 'error', message: 'not in this fake'}}),
		execInContainer: async () => ({ok: false, error: {code: 'error', message: 'not in this fake'}}),
	};
	return fakeEngineApi({...defaults, ...ops} as unknown as Partial<EngineApi>, calls) as EngineApi & ContainerOps;
}

function imageConfig(name: string, architecture: string, volumes: readonly string[] = []): ImageConfig {
	return {id: `sha256:${name}`, os: 'linux', architecture, env: [], labels: {}, volumes, exposedPorts: [], repoTags: [name]};
}

const CHATMOCK_ARM: ImageFact = {ref: 'ghcr.io/thebtf/chatmock:latest', id: 'sha256:cm', os: 'linux', architecture: 'arm', variant: 'v7', source: {kind: 'engine', ref: '/images/json'}};
const soon = () => Date.now() + 5000;
const named = (calls: readonly string[], name: string) => calls.filter(call => call.startsWith(`${name} `));

describe('the throwaway container on the remote engine', () => {
	test('reads the machine with the ChatMock image of its platform, marks every fact, and removes the container', async () => {
		const root = join(base, 'pi-run');
		await piMachine(root);
		const lines = await runScript(root);
		const calls: string[] = [];
		let body: Record<string, unknown> | undefined;
		const api = engineWithOps(
			{
				inspectImageConfig: async name => ({ok: true, value: imageConfig(name, 'arm', ['/data'])}),
				createContainer: async created => {
					body = created as Record<string, unknown>;
					return {ok: true, value: {id: 'c0ffee', warnings: []}};
				},
				containerLogs: async () => ({ok: true, value: lines}),
			},
			calls,
		);
		const result = await probeEngineHost(api, PI_ENGINE, {deadlineAt: soon(), mayPull: false, chatmockImages: [CHATMOCK_ARM]});
		assert.equal(result.probe.status, 'read', result.probe.message);
		assert.equal(result.probe.image, CHATMOCK_ARM.ref);
		assert.equal(result.probe.platform, 'linux/arm');
		assert.equal(result.host.dpkgArch?.value, 'armhf');
		assert.equal(result.host.kernelMachine?.value, 'aarch64');
		for (const [key, value] of Object.entries(result.host)) assert.equal((value as {source: {on?: string}}).source.on, 'engine-host', key);
		assert.match(cite(result.host.dpkgArch!.source), /\(on the engine's machine\)$/);
		assert.deepEqual(
			result.emulation?.handlers.map(h => [h.name, h.arch, h.source.on]),
			[['qemu-x86_64', 'amd64', 'engine-host']],
		);
		// Read-only root of the machine, no network, no capability, a tmpfs over the image's volume (no anonymous volume).
		const hostConfig = body?.['HostConfig'] as Record<string, unknown>;
		assert.deepEqual(hostConfig['Binds'], ['/:/host:ro']);
		assert.equal(hostConfig['NetworkMode'], 'none');
		assert.deepEqual(hostConfig['CapDrop'], ['ALL']);
		assert.deepEqual(hostConfig['Tmpfs'], {'/data': ''});
		assert.deepEqual(named(calls, 'removeContainer'), ['removeContainer ["c0ffee"]']);
		assert.equal(named(calls, 'pull').length, 0);

		const diagnosis = diagnose(factsWith(result.host, PI_ENGINE, {hostProbe: result.probe}));
		assert.equal(diagnosis.verdict.platform, 'linux/arm/v7');
		const said = diagnosis.findings.find(f => f.id === 'host-probed-on-engine');
		assert.equal(said?.severity, 'info');
		assert.ok(said?.evidence.some(e => e.text.includes(CHATMOCK_ARM.ref)));
	});

	test('created but not started: stopped and removed, a failure of that engine', async () => {
		const calls: string[] = [];
		const api = engineWithOps({startContainer: async () => ({ok: false, error: {code: 'http', message: 'exec: "/bin/sh": stat /bin/sh: no such file or directory'}})}, calls);
		const result = await probeEngineHost(api, PI_ENGINE, {deadlineAt: soon(), mayPull: false, chatmockImages: [CHATMOCK_ARM]});
		assert.equal(result.probe.status, 'failed');
		assert.match(result.probe.message ?? '', /starting the probe container failed: .*no such file/);
		assert.deepEqual(result.host, {});
		assert.equal(named(calls, 'stopContainer').length, 1);
		assert.deepEqual(named(calls, 'removeContainer'), ['removeContainer ["c0ffee"]']);
		const finding = diagnose(factsWith({}, PI_ENGINE, {hostProbe: result.probe})).findings.find(f => f.id === 'host-probe-failed');
		assert.equal(finding?.severity, 'warning');
	});

	test('past the deadline: the wait gives up, the container is stopped and removed on its own deadline', async () => {
		const calls: string[] = [];
		const api = engineWithOps(
			{
				waitContainer: async (_id, options) =>
					new Promise<EngineResult<{exitCode: number}>>(resolve => {
						options?.signal?.addEventListener('abort', () => resolve({ok: false, error: {code: 'aborted', message: 'aborted'}}), {once: true});
					}),
				removeContainer: async (_id, options) => {
					// Cleanup is not bound to the aborted budget.
					assert.equal(options?.signal, undefined);
					return {ok: true, value: undefined};
				},
			},
			calls,
		);
		const started = Date.now();
		const result = await probeEngineHost(api, PI_ENGINE, {deadlineAt: Date.now() + 150, mayPull: false, chatmockImages: [CHATMOCK_ARM]});
		assert.ok(Date.now() - started < 3000);
		assert.equal(result.probe.status, 'failed');
		assert.match(result.probe.message ?? '', /did not finish.*deadline/);
		assert.equal(named(calls, 'stopContainer').length, 1);
		assert.equal(named(calls, 'removeContainer').length, 1);
	});

	test('a container that cannot be removed is named, with the command to remove it', async () => {
		const root = join(base, 'pi-left');
		await piMachine(root);
		const lines = await runScript(root);
		const api = engineWithOps({containerLogs: async () => ({ok: true, value: lines}), removeContainer: async () => ({ok: false, error: {code: 'conflict', message: 'removal in progress'}})}, []);
		const result = await probeEngineHost(api, PI_ENGINE, {deadlineAt: soon(), mayPull: false, chatmockImages: [CHATMOCK_ARM]});
		assert.equal(result.probe.leftBehind, 'c0ffee');
		const finding = diagnose(factsWith(result.host, PI_ENGINE, {hostProbe: result.probe})).findings.find(f => f.id === 'host-probed-on-engine');
		assert.equal(finding?.severity, 'warning');
		assert.deepEqual(finding?.fix.commands, ['docker rm c0ffee']);
	});

	test('a failed create leaves nothing to remove; a non-zero exit is a failure, removed', async () => {
		const calls: string[] = [];
		const refused = engineWithOps({createContainer: async () => ({ok: false, error: {code: 'http', message: 'bind source path does not exist'}})}, calls);
		const result = await probeEngineHost(refused, PI_ENGINE, {deadlineAt: soon(), mayPull: false, chatmockImages: [CHATMOCK_ARM]});
		assert.match(result.probe.message ?? '', /creating the probe container failed/);
		assert.equal(named(calls, 'removeContainer').length, 0);

		const exitCalls: string[] = [];
		const exits = engineWithOps({waitContainer: async () => ({ok: true, value: {exitCode: 127}}), containerLogs: async () => ({ok: true, value: ['sh: head: not found']})}, exitCalls);
		const exited = await probeEngineHost(exits, PI_ENGINE, {deadlineAt: soon(), mayPull: false, chatmockImages: [CHATMOCK_ARM]});
		assert.match(exited.probe.message ?? '', /exited with 127: sh: head: not found/);
		assert.equal(named(exitCalls, 'removeContainer').length, 1);
		assert.equal(named(exitCalls, 'stopContainer').length, 0);
	});
});

describe('which image runs the probe', () => {
	// What is pulled when allowed, and how it goes again: remote-host-cleanup.test.ts.
	test('no image of the engine platform and no pull allowed: nothing runs', async () => {
		const amd64Only = (name: string) => ({ok: true as const, value: imageConfig(name, name.startsWith('busybox') ? 'arm' : 'amd64')});
		const amd64Chatmock = {...CHATMOCK_ARM, architecture: 'amd64'};
		const refusedCalls: string[] = [];
		const refused = await probeEngineHost(engineWithOps({inspectImageConfig: async name => amd64Only(name)}, refusedCalls), PI_ENGINE, {
			deadlineAt: soon(),
			mayPull: false,
			chatmockImages: [amd64Chatmock],
		});
		assert.equal(refused.probe.status, 'failed');
		assert.match(refused.probe.message ?? '', /no image of linux\/arm with a shell/);
		assert.equal(named(refusedCalls, 'createContainer').length, 0);
	});

	test('a small image already there is used before pulling', async () => {
		const calls: string[] = [];
		const api = engineWithOps(
			{
				listImages: async () => ({ok: true, value: [{id: 'sha256:bb', repoTags: ['busybox:1.36'], repoDigests: []}]}),
				inspectImageConfig: async name => ({ok: true, value: imageConfig(name, name === 'sha256:bb' ? 'arm' : 'amd64')}),
				containerLogs: async () => ({ok: true, value: ['U machine aarch64', 'END']}),
			},
			calls,
		);
		const result = await probeEngineHost(api, PI_ENGINE, {deadlineAt: soon(), mayPull: true});
		assert.equal(result.probe.image, 'busybox:1.36');
		assert.equal(named(calls, 'pull').length, 0);
	});

	test('an engine that does not say its platform runs nothing', async () => {
		const calls: string[] = [];
		const result = await probeEngineHost(engineWithOps({}, calls), engineOf({osType: 'linux'}), {deadlineAt: soon(), mayPull: true});
		assert.equal(result.probe.status, 'failed');
		assert.equal(named(calls, 'createContainer').length, 0);
		assert.equal(named(calls, 'pull').length, 0);
	});
});

test('an x86-64 machine read through the script: no Pi in sight', async () => {
	const root = join(base, 'x86');
	await put(root, 'bin/sh', ELF.x8664());
	await put(root, 'proc/cpuinfo', X86_64);
	await put(root, 'proc/sys/kernel/arch', 'x86_64\n');
	const probed = await probeHost(createMemoryHost({...parseHostProbeOutput(await runScript(root)).spec, kind: 'replay'}));
	assert.equal(probed.kernelMachine?.value, 'x86_64');
	assert.equal(probed.boardModel, undefined);
});

describe('a check of an ssh:// engine', () => {
	/** This machine is an x86-64 box; the engine answers from a Pi (aarch64 kernel, 32-bit dockerd). */
	async function check(probeRemoteHost: boolean, lines: readonly string[], calls: string[]) {
		const api = engineWithOps(
			{
				version: async () => ({ok: true, value: {Version: '24.0.7', ApiVersion: '1.43', Arch: 'arm', Os: 'linux'}}),
				info: async () => ({ok: true, value: {OSType: 'linux', Architecture: 'aarch64', OperatingSystem: 'Raspbian GNU/Linux 12 (bookworm)', KernelVersion: '6.6.31+rpt-rpi-v8'}}),
				listImages: async () => ({ok: true, value: [{id: 'sha256:bb', repoTags: ['busybox:latest'], repoDigests: []}]}),
				containerLogs: async () => ({ok: true, value: lines}),
			},
			calls,
		);
		const here = createMemoryHost({kind: 'live', engine: connectorOf(api), files: {'/proc/cpuinfo': X86_64, '/bin/sh': ELF.x8664()}, uname: {sysname: 'Linux', machine: 'x86_64', release: '6.8.0'}});
		return collectFacts({host: here, timeoutMs: 3000, offline: true, noEngine: false, dockerHost: 'ssh://pi@pi4.local', ...(probeRemoteHost ? {probeRemoteHost} : {})});
	}

	test('without --probe-host: no container, no host facts (this machine is not the Pi)', async () => {
		const calls: string[] = [];
		const {facts} = await check(false, [], calls);
		assert.ok(facts.engine, JSON.stringify(facts.engineFailure));
		assert.deepEqual(facts.host, {});
		assert.equal(facts.hostProbe, undefined);
		assert.equal(named(calls, 'createContainer').length, 0);
		assert.equal(named(calls, 'pull').length, 0);
	});

	test('with --probe-host: the files of the Pi decide, through the same rules as on the Pi', async () => {
		const root = join(base, 'pi-collect');
		await piMachine(root);
		const calls: string[] = [];
		const {facts} = await check(true, await runScript(root), calls);
		assert.equal(facts.hostProbe?.status, 'read', JSON.stringify(facts.hostProbe));
		assert.equal(facts.hostProbe?.image, 'busybox:latest');
		assert.equal(facts.host.dpkgArch?.value, 'armhf');
		assert.ok(facts.host.cpuFlags?.value.includes('asimd'), "the Pi's CPU, not this machine's x86 one");
		assert.equal(facts.host.cpuFlags?.source.on, 'engine-host');
		assert.equal(facts.emulation?.kind, 'binfmt');
		assert.equal(named(calls, 'removeContainer').length, 1);
		const diagnosis = diagnose(facts);
		assert.equal(diagnosis.verdict.platform, 'linux/arm/v7');
		assert.ok(diagnosis.findings.some(f => f.id === 'userland-32bit-on-64bit-kernel'));
	});
});
