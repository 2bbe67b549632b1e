// The same failure lines, read live (a ChatMock container's log, through the container probe)
// and pasted (triage): the same signals, with the same fields, and the same verdict.
import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {diagnose} from '../../../../source/diagnosis/diagnose.js';
import type {ContainerInspect} from '../../../../source/facts/engine/engine-api.js';
import {probeContainers} from '../../../../source/facts/engine/probe-containers.js';
import {signalKey} from '../../../../source/facts/parse/failure-lines.js';
import {triageText} from '../../../../source/facts/triage/triage-text.js';
import type {Facts, Signal} from '../../../../source/facts/types.js';
import {fakeEngineApi} from '../engine/fake-engine-api.js';

const dead: ContainerInspect = {
	id: 'c1',
	name: 'chatmock',
	image: 'ghcr.io/thebtf/chatmock:latest',
	imageId: 'sha256:img',
	state: {status: 'exited', running: false, restarting: false, oomKilled: false, exitCode: 1},
	restartCount: 0,
	ports: {},
};

/** The signals the live doctor reads from a dead ChatMock container whose log is `lines`. */
async function live(lines: readonly string[], container: ContainerInspect = dead): Promise<Signal[]> {
	const api = fakeEngineApi({
		listContainers: async () => ({ok: true, value: [{id: 'c1', names: ['chatmock'], image: container.image, state: container.state.status}]}),
		inspectContainer: async () => ({ok: true, value: container}),
		containerLogs: async () => ({ok: true, value: [...lines]}),
	});
	return [...(await probeContainers(api, {imageIds: []})).signals];
}

const pasted = (lines: readonly string[]): readonly Signal[] => triageText(['```', ...lines, '```'].join('\n')).signals;

/** What a signal says, without where it was read. */
const said = (signals: readonly Signal[]) => signals.map(({source: _source, ...rest}) => rest);

const rows: ReadonlyArray<{readonly line: string; readonly expected: ReadonlyArray<Omit<Signal, 'source'>>}> = [
	{line: 'qemu: uncaught target signal 4 (Illegal instruction) - core dumped', expected: [{kind: 'emulator-failed', emulator: 'qemu'}]},
	{line: 'qemu: uncaught target signal 11 (Segmentation fault) - core dumped', expected: [{kind: 'emulator-failed', emulator: 'qemu'}]},
	{
		line: "qemu-x86_64: Could not open '/lib64/ld-linux-x86-64.so.2': No such file or directory",
		expected: [{kind: 'emulator-failed', emulator: 'qemu', imagePlatform: 'linux/amd64'}],
	},
	{
		line: 'rosetta error: failed to open elf at /lib64/ld-linux-x86-64.so.2',
		expected: [{kind: 'emulator-failed', emulator: 'rosetta', imagePlatform: 'linux/amd64', hostPlatform: 'linux/arm64'}],
	},
	{line: 'Illegal instruction (core dumped)', expected: [{kind: 'illegal-instruction'}]},
	{line: 'Fatal Python error: Segmentation fault', expected: [{kind: 'segfault'}]},
	{line: 'exec /app/start.sh: exec format error', expected: [{kind: 'exec-format-error'}]},
	{line: 'exec /entrypoint.sh: no such file or directory', expected: [{kind: 'crlf-entrypoint'}]},
	{line: 'exec /usr/local/bin/chatmock: no such file or directory', expected: [{kind: 'crlf-entrypoint'}]},
	{line: '<jemalloc>: Unsupported system page size', expected: [{kind: 'page-size'}]},
	{line: 'no matching manifest for linux/arm/v6 in the manifest list entries', expected: [{kind: 'no-matching-manifest', platform: 'linux/arm/v6'}]},
	{
		line: "WARNING: The requested image's platform (linux/amd64) does not match the detected host platform (linux/arm64/v8) and no specific platform was requested",
		expected: [{kind: 'platform-mismatch-warning', imagePlatform: 'linux/amd64', hostPlatform: 'linux/arm64/v8'}],
	},
	{
		line: 'WARNING: image platform ({amd64 linux [] }) does not match the expected platform ({arm64 linux [] v8})',
		expected: [{kind: 'platform-mismatch-warning', imagePlatform: 'linux/amd64', hostPlatform: 'linux/arm64/v8'}],
	},
	{
		line: 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock',
		expected: [{kind: 'permission-denied'}],
	},
	{line: 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?', expected: [{kind: 'daemon-unreachable'}]},
	{line: "The command 'docker' could not be found in this WSL 2 distro.", expected: [{kind: 'wsl-integration-stub'}]},
];

describe('failure lines read live and pasted', () => {
	for (const {line, expected} of rows) {
		it(line, async () => {
			assert.deepEqual(said(await live([line])), expected, 'live');
			assert.deepEqual(said(pasted([line])), expected, 'pasted');
		});
	}

	it('a whole log gives the same signals, in the same order, live and pasted', async () => {
		const log = ['starting', ...rows.map(row => row.line), ...rows.map(row => row.line)];
		const fromLive = said(await live(log));
		assert.deepEqual(fromLive, said(pasted(log)));
		// Each signal once: a repeated line, or another line saying the same, adds nothing.
		const once = [...new Map(rows.flatMap(row => row.expected).map(s => [signalKey(s), s])).values()];
		assert.deepEqual(fromLive, once);
	});

	it("QEMU's report of a signal in the program it emulates is no crash of this CPU, live or pasted", async () => {
		const log = ['qemu: uncaught target signal 4 (Illegal instruction) - core dumped', 'qemu: uncaught target signal 11 (Segmentation fault) - core dumped'];
		for (const signals of [await live(log), pasted(log)]) {
			const kinds = signals.map(s => s.kind);
			assert.ok(!kinds.includes('illegal-instruction') && !kinds.includes('segfault'), kinds.join(', '));
		}
	});

	it('an emulated arm/v7 image that died with 132 under QEMU gives the same verdict live and pasted, and no ARMv6 CPU', async () => {
		const qemu = 'qemu: uncaught target signal 4 (Illegal instruction) - core dumped';
		const container = {...dead, state: {...dead.state, exitCode: 132}};
		const request = 'docker run --platform linux/arm/v7 ghcr.io/thebtf/chatmock:latest';
		const liveFacts: Facts = {origin: 'live', host: {}, signals: [...pasted([request]), ...(await live([qemu], container))]};
		const pasteFacts = triageText([request, '```', qemu, 'chatmock-1 exited with code 132', '```'].join('\n'));
		const [fromLive, fromPaste] = [diagnose(liveFacts), diagnose(pasteFacts)];
		assert.deepEqual(
			said(liveFacts.signals).map(s => s.kind),
			said(pasteFacts.signals).map(s => s.kind),
		);
		for (const d of [fromLive, fromPaste]) {
			assert.notEqual(d.verdict.platform, 'linux/arm/v6');
			assert.ok(d.findings.some(f => f.id === 'emulated-image'));
			assert.ok(!d.findings.some(f => f.id === 'arm-variant-mismatch'));
		}
		assert.deepEqual(fromLive.verdict, fromPaste.verdict);
	});

	it('a program without its loader is not blamed on line endings, live or pasted', async () => {
		const line = 'exec /usr/local/bin/chatmock: no such file or directory';
		const titles = [diagnose({origin: 'live', host: {}, signals: await live([line])}), diagnose(triageText(line))].map(d => d.findings.find(f => f.id === 'crlf-entrypoint')?.title);
		assert.deepEqual(titles, ['/usr/local/bin/chatmock could not start: its loader is missing', '/usr/local/bin/chatmock could not start: its loader is missing']);
	});

	it("an inspected container's exit code is the same crash live and in a pasted `docker inspect`", async () => {
		const container = {...dead, state: {...dead.state, exitCode: 139}};
		const inspect = JSON.stringify({Id: 'c1', Name: '/chatmock', Image: 'sha256:img', RestartCount: 0, State: {Status: 'exited', ExitCode: 139}, Config: {Image: dead.image}});
		assert.deepEqual(said(await live([], container)), [{kind: 'segfault'}]);
		assert.deepEqual(said(triageText(inspect).signals), [{kind: 'segfault'}]);
	});
});
