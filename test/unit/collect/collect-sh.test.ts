// collect.sh, the collector for machines without Node: POSIX only (checked by checkbashisms and
// shellcheck, run under dash and busybox sh), redacting as the report does, and its output read
// by `triage` into the same verdict `--root` gives for the same Raspberry Pi folder.
import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {after, before, describe, test} from 'node:test';
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import type {Diagnosis} from '../../../source/diagnosis/types.js';
import {dpkgArchFromStatus} from '../../../source/facts/host/dpkg-status.js';
import {probeHost} from '../../../source/facts/host/probe-host.js';
import {createRootHost} from '../../../source/facts/seam/root-host.js';
import {triageText} from '../../../source/facts/triage/triage-text.js';
import {createRedactor} from '../../../source/report/redact.js';
import {COLLECT_SH, collectorToolsProblem, run, SHELLS, shQuote, stubPath} from '../../helpers/collect-sh.js';
import {ELF} from '../facts/parse/elf-bytes.js';
import {PI4_ARM64, PI5_SPACES, PI_ZERO_W} from '../facts/parse/cpuinfo-samples.js';
import {tempDir} from '../../helpers/temp-dir.js';

let base: string;
let problem: string | undefined;

before(async () => {
	base = tempDir('collect-sh-');
	problem = await collectorToolsProblem();
});

after(async () => {
	await rm(base, {recursive: true, force: true});
});

async function put(root: string, path: string, content: string | Uint8Array): Promise<void> {
	await mkdir(dirname(join(root, path)), {recursive: true});
	await writeFile(join(root, path), content);
}

const shellName = (shell: readonly string[]) => shell.join(' ');

describe('collect.sh is POSIX sh', () => {
	test('checkbashisms finds no bash-ism', async t => {
		if (problem) return t.skip(problem);
		const result = await run(['checkbashisms', '--force', '--extra', COLLECT_SH]);
		assert.equal(result.code, 0, result.stdout + result.stderr);
	});

	test('shellcheck in sh mode finds nothing', async t => {
		if (problem) return t.skip(problem);
		const result = await run(['shellcheck', '--shell=sh', COLLECT_SH]);
		assert.equal(result.code, 0, result.stdout + result.stderr);
	});

	test('--help, and an unknown option exits 2', async t => {
		if (problem) return t.skip(problem);
		for (const shell of SHELLS) {
			const help = await run([...shell, COLLECT_SH, '--help']);
			assert.equal(help.code, 0);
			assert.match(help.stdout, /--redact/);
			const wrong = await run([...shell, COLLECT_SH, '--bogus']);
			assert.equal(wrong.code, 2, shellName(shell));
			assert.match(wrong.stderr, /unknown option --bogus/);
		}
	});
});

/** Lines of the kinds the collector prints, holding everything the report redacts. */
const REDACTION_LINES = [
	'Linux alice-pi5 6.6.31+rpt-rpi-2712 #1 SMP PREEMPT Debian 1:6.6.31-1+rpt1 (2024-05-29) aarch64 GNU/Linux',
	' Name: alice-pi5.lan',
	' Name: Alice-Pi5',
	'Serial\t\t: 10000000a1b2c3d4',
	' Docker Root Dir: /home/alice/docker-data',
	' Registry: https://index.docker.io/v1/',
	' Username: alicew',
	' HTTP Proxy: http://bob:hunter22@10.0.0.2:3128',
	'Context:    ssh://pi@raspberrylab.local',
	' Insecure Registries:',
	'  127.0.0.0/8',
	'  192.168.1.20:5000',
	'  fd00:1234:5678::42/64',
	'  fe80::1ff:fe23:4567:890a%eth0',
	' ID: ABCD:EFGH:IJKL:MNOP:QRST:UVWX:YZ01:2345:6789:ABCD:EFGH:IJKL',
	'eth0 MAC dc:a6:32:01:02:03, wlan0 dc-a6-32-01-02-04, time 12:34:56',
	'version 5.10.63.1 and 1.2.3.4.5 stay; 10.1.2.3 goes, 10.1.2.3 again',
	'GITHUB_TOKEN=ghp_abcdefghijklmnopqrstuvwxyz0123456789 OPENAI_API_KEY="sk-proj-abcdefghijklmnopqrstu"',
	'Authorization: Bearer abcdefgh12345678 then eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl',
	'"DOCKER_AUTH_CONFIG": "{\\"auths\\":{}}", "password": \'p4ss w0rd\'',
	'C:\\Users\\carol\\.docker and /Users/dave/.docker/run/docker.sock and /home/shared/x',
	'raspberrypi pi root localhost runner: never personal',
	'2024-05-01T10:00:00Z chatmock exec /usr/bin/python3: exec format error',
];

describe('collect.sh redacts as the report does', () => {
	for (const shell of SHELLS) {
		test(`under ${shellName(shell)}: the same text as createRedactor, line for line`, async t => {
			if (problem) return t.skip(problem);
			const dir = await mkdtemp(join(base, 'redact-'));
			const path = stubPath(dir, {uname: 'echo alice-pi5.lan'});
			const result = await run([...shell, COLLECT_SH, '--redact'], {
				input: REDACTION_LINES.join('\n') + '\n',
				env: {PATH: path, HOME: '/home/alice', USER: 'alicew'},
			});
			assert.equal(result.code, 0, result.stderr);
			const redactor = createRedactor({hostname: 'alice-pi5.lan', username: 'alicew', home: '/home/alice'});
			assert.deepEqual(
				result.stdout.split('\n').slice(0, -1),
				REDACTION_LINES.map(line => redactor.redactText(line)),
			);
			for (const secret of ['alice-pi5', 'hunter22', '10000000a1b2c3d4', 'dc:a6:32', 'ghp_', 'carol', 'dave', '192.168.1.20', 'fe80::1ff']) {
				assert.ok(!result.stdout.toLowerCase().includes(secret.toLowerCase()), `${secret} left in:\n${result.stdout}`);
			}
		});
	}
});

interface PiRoot {
	readonly name: string;
	readonly hostname: string;
	readonly release: string;
	readonly version: string;
	readonly machine: string;
	readonly cpuinfo: string;
	readonly model: string;
	readonly osRelease: string;
	readonly dpkgStatus: string;
	readonly shellBits: 32 | 64;
}

const RASPBIAN_BULLSEYE = 'PRETTY_NAME="Raspbian GNU/Linux 11 (bullseye)"\nNAME="Raspbian GNU/Linux"\nVERSION_ID="11"\nVERSION_CODENAME=bullseye\nID=raspbian\nID_LIKE=debian\n';
const DEBIAN_BOOKWORM = 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\nID=debian\n';
const dpkgStatus = (arch: string) => `Package: base-files\nArchitecture: ${arch}\n\nPackage: dpkg\nArchitecture: ${arch}\n`;

/** The three Pi cases the README explains: 32-bit OS on a 64-bit kernel, ARMv6, 16K pages. */
const PI_ROOTS: readonly PiRoot[] = [
	{
		name: 'Pi 4, 32-bit Raspbian on a 64-bit kernel',
		hostname: 'raspberrypi',
		release: '6.1.21-v8+',
		version: '#1642 SMP PREEMPT Mon Apr  3 17:24:16 BST 2023',
		machine: 'aarch64',
		cpuinfo: PI4_ARM64,
		model: 'Raspberry Pi 4 Model B Rev 1.1',
		osRelease: RASPBIAN_BULLSEYE,
		dpkgStatus: dpkgStatus('armhf'),
		shellBits: 32,
	},
	{
		name: 'Pi Zero W, ARMv6',
		hostname: 'zero-garage',
		release: '6.1.21+',
		version: '#1642 Mon Apr  3 17:19:14 BST 2023',
		machine: 'armv6l',
		cpuinfo: PI_ZERO_W,
		model: 'Raspberry Pi Zero W Rev 1.1',
		osRelease: RASPBIAN_BULLSEYE,
		dpkgStatus: dpkgStatus('armhf'),
		shellBits: 32,
	},
	{
		name: 'Pi 5, 64-bit OS with the 16K-page kernel',
		hostname: 'pi5-lab',
		release: '6.6.31+rpt-rpi-2712',
		version: '#1 SMP PREEMPT Debian 1:6.6.31-1+rpt1 (2024-05-29)',
		machine: 'aarch64',
		cpuinfo: PI5_SPACES,
		model: 'Raspberry Pi 5 Model B Rev 1.0',
		osRelease: DEBIAN_BOOKWORM,
		dpkgStatus: dpkgStatus('arm64'),
		shellBits: 64,
	},
];

async function makeRoot(pi: PiRoot): Promise<string> {
	const root = await mkdtemp(join(base, 'root-'));
	await put(root, 'proc/sys/kernel/ostype', 'Linux\n');
	await put(root, 'proc/sys/kernel/osrelease', `${pi.release}\n`);
	await put(root, 'proc/sys/kernel/hostname', `${pi.hostname}\n`);
	await put(root, 'proc/sys/kernel/version', `${pi.version}\n`);
	await put(root, 'proc/sys/kernel/arch', `${pi.machine}\n`);
	await put(root, 'proc/cpuinfo', `${pi.cpuinfo}\n`);
	await put(root, 'proc/device-tree/model', `${pi.model}\0`);
	await put(root, 'etc/os-release', pi.osRelease);
	await put(root, 'var/lib/dpkg/status', pi.dpkgStatus);
	await put(root, 'bin/sh', pi.shellBits === 32 ? ELF.arm() : ELF.aarch64());
	return root;
}

/** uname, dpkg and getconf as the folder's machine would answer, each built from the folder's own files. */
async function stubsFor(root: string): Promise<Record<string, string>> {
	const read = async (path: string) => (await readFile(join(root, path), 'utf8')).trim();
	const [sysname, hostname, release, version, machine] = await Promise.all(['ostype', 'hostname', 'osrelease', 'version', 'arch'].map(name => read(`proc/sys/kernel/${name}`)));
	const dpkg = dpkgArchFromStatus(await read('var/lib/dpkg/status'))!.arch;
	const elfClass = (await readFile(join(root, 'bin/sh')))[4];
	const pageSize = /2712|16k/i.test(release!) ? 16384 : 4096;
	return {
		uname: [
			'case "$1" in',
			`-a) echo ${shQuote(`${sysname} ${hostname} ${release} ${version} ${machine} GNU/Linux`)} ;;`,
			`-n) echo ${shQuote(hostname!)} ;;`,
			`-m) echo ${shQuote(machine!)} ;;`,
			`*) echo ${shQuote(sysname!)} ;;`,
			'esac',
		].join('\n'),
		dpkg: `[ "$1" = --print-architecture ] && echo ${dpkg}`,
		getconf: `case "$1" in LONG_BIT) echo ${elfClass === 1 ? 32 : 64} ;; PAGESIZE|PAGE_SIZE) echo ${pageSize} ;; *) exit 1 ;; esac`,
	};
}

function sameVerdict(pasted: Diagnosis, live: Diagnosis, label: string): void {
	const pick = (d: Diagnosis) => ({
		platform: d.verdict.platform,
		nativePlatforms: d.verdict.nativePlatforms,
		dockerDefault: d.verdict.dockerDefault,
		findings: d.findings.map(f => f.id).sort(),
	});
	assert.deepEqual(pick(pasted), pick(live), `${label}: triage of the collector's output ≠ --root`);
}

describe('triage of collect.sh gives the --root verdict of the same Pi folder', () => {
	for (const pi of PI_ROOTS) {
		for (const shell of SHELLS) {
			test(`${pi.name}, under ${shellName(shell)}`, async t => {
				if (problem) return t.skip(problem);
				const root = await makeRoot(pi);
				const path = stubPath(await mkdtemp(join(base, 'path-')), await stubsFor(root));
				const result = await run([...shell, COLLECT_SH], {env: {PATH: path, HOME: '/home/pi', USER: 'pi', CHATMOCK_COLLECT_ROOT: root}});
				assert.equal(result.code, 0, result.stderr);
				assert.equal(result.stderr, '');
				const out = result.stdout;
				assert.match(out, /^### chatmock-doctor collect\n\n```\n/);
				assert.match(out, /\n```\n$/);
				assert.equal(out.match(/^```/gm)?.length, 2, 'one fenced block');
				assert.match(out, /\(no docker command on PATH\)/);
				if (pi.hostname.includes('-')) assert.ok(!out.includes(pi.hostname), `${pi.hostname} left in the output`);
				assert.ok(!/Serial\s*:\s*[0-9a-f]{8}/.test(out), 'the serial number is redacted');

				const pasted = diagnose(triageText(out));
				const live = diagnose({origin: 'root', host: await probeHost(createRootHost(root)), signals: []});
				sameVerdict(pasted, live, pi.name);
				assert.notEqual(pasted.verdict.platform, undefined);
			});
		}
	}

	test('what each Pi gets (the README explains these verdicts)', async t => {
		if (problem) return t.skip(problem);
		const got: Record<string, {platform: string | null; findings: string[]}> = {};
		for (const pi of PI_ROOTS) {
			const root = await makeRoot(pi);
			const path = stubPath(await mkdtemp(join(base, 'path-')), await stubsFor(root));
			const result = await run(['dash', COLLECT_SH], {env: {PATH: path, CHATMOCK_COLLECT_ROOT: root}});
			const diagnosis = diagnose(triageText(result.stdout));
			got[pi.name] = {platform: diagnosis.verdict.platform, findings: diagnosis.findings.map(f => f.id)};
		}
		assert.equal(got['Pi 4, 32-bit Raspbian on a 64-bit kernel']!.platform, 'linux/arm/v7');
		assert.ok(got['Pi 4, 32-bit Raspbian on a 64-bit kernel']!.findings.includes('userland-32bit-on-64bit-kernel'));
		assert.equal(got['Pi Zero W, ARMv6']!.platform, 'linux/arm/v6');
		assert.equal(got['Pi 5, 64-bit OS with the 16K-page kernel']!.platform, 'linux/arm64');
		assert.ok(got['Pi 5, 64-bit OS with the 16K-page kernel']!.findings.includes('page-size-16k'));
	});
});

/** A docker that answers as a Pi's engine would, with one arm64 ChatMock image that cannot start. */
const DOCKER_STUB = String.raw`
case "$1 $2" in
"version "*) printf 'Client:\n Version:           20.10.24\n OS/Arch:           linux/arm\n\nServer:\n Engine:\n  Version:          20.10.24\n  API version:      1.41 (minimum version 1.12)\n  OS/Arch:          linux/arm\n' ;;
"info "*) [ -n "$SLOW_INFO" ] && exec sleep 30; printf 'Server:\n Server Version: 20.10.24\n Kernel Version: 6.1.21-v8+\n Operating System: Raspbian GNU/Linux 11 (bullseye)\n OSType: linux\n Architecture: aarch64\n Name: zero-garage\n' ;;
"image ls") printf 'ghcr.io/thebtf/chatmock:latest sha256:aaaa\nnginx:latest sha256:bbbb\nexample.org/chatmock-fork/other:1 sha256:cccc\n' ;;
"image inspect") case "$4" in *Variant*) printf '{"Id":"sha256:aaaa","RepoTags":["ghcr.io/thebtf/chatmock:latest"],"Os":"linux","Architecture":"arm64","Variant":"v8"}\n' ;; esac ;;
"ps -a") case "$*" in *name=chatmock*) echo 1111 ;; *ancestor=sha256:aaaa*) echo 1111 ;; esac ;;
"inspect --format")
	case "$3" in
	*RestartCount*) printf '{"Id":"1111","Name":"/chatmock","Image":"sha256:aaaa","RestartCount":3,"State":{"Status":"exited","ExitCode":1},"Config":{"Image":"ghcr.io/thebtf/chatmock:latest"}}\n' ;;
	*) echo 'exited /chatmock' ;;
	esac ;;
"logs --tail") echo 'exec /usr/bin/python3: exec format error' ;;
*) echo "unexpected docker $*" >&2; exit 1 ;;
esac`;

describe('collect.sh and the engine', () => {
	for (const shell of SHELLS) {
		test(`under ${shellName(shell)}: images, containers and a dead container's log reach triage`, async t => {
			if (problem) return t.skip(problem);
			const root = await makeRoot(PI_ROOTS[0]!);
			const path = stubPath(await mkdtemp(join(base, 'path-')), {...(await stubsFor(root)), docker: DOCKER_STUB});
			const result = await run([...shell, COLLECT_SH], {env: {PATH: path, CHATMOCK_COLLECT_ROOT: root}});
			assert.equal(result.code, 0, result.stderr);
			assert.ok(!result.stdout.includes('unexpected docker'), result.stdout);
			assert.ok(!result.stdout.includes('nginx') && !result.stdout.includes('sha256:cccc'), 'only ChatMock images');
			const facts = triageText(result.stdout);
			assert.deepEqual(
				facts.images?.map(i => [i.ref, i.architecture, i.variant]),
				[['ghcr.io/thebtf/chatmock:latest', 'arm64', 'v8']],
			);
			assert.deepEqual(
				facts.containers?.map(c => [c.name, c.state, c.exitCode]),
				[['chatmock', 'exited', 1]],
			);
			assert.ok(
				facts.signals.some(s => s.kind === 'exec-format-error'),
				'the log line is read',
			);
			assert.equal(facts.engine?.versionArch?.value, 'arm');
			const diagnosis = diagnose(facts);
			assert.equal(diagnosis.verdict.platform, 'linux/arm/v7');
			assert.equal(diagnosis.verdict.dockerDefault, 'linux/arm/v8');
		});
	}

	test('a docker call that hangs is cut at the deadline, under both shells', async t => {
		if (problem) return t.skip(problem);
		const root = await makeRoot(PI_ROOTS[0]!);
		const path = stubPath(await mkdtemp(join(base, 'path-')), {...(await stubsFor(root)), docker: DOCKER_STUB});
		for (const shell of SHELLS) {
			const result = await run([...shell, COLLECT_SH], {env: {PATH: path, CHATMOCK_COLLECT_ROOT: root, SLOW_INFO: '1', CHATMOCK_COLLECT_TIMEOUT: '1'}});
			assert.equal(result.code, 0, result.stderr);
			assert.match(result.stdout, /\$ docker info\n\(no answer within 1 s\)/, shellName(shell));
			// The rest still comes: images after the hung call.
			assert.match(result.stdout, /"Architecture":"arm64"/);
			assert.ok(result.ms < 15_000, `${shellName(shell)} took ${result.ms} ms`);
		}
	});
});

describe('where users find it', () => {
	test('--help points a Pi user at the platforms and at collect.sh', async () => {
		const {HELP} = await import('../../../source/cli/args.js');
		for (const text of ['linux/arm/v7', 'linux/arm/v6', 'kernel=kernel8.img', 'collect.sh', 'Raspberry Pi']) assert.ok(HELP.includes(text), text);
	});

	test('the README: requirements, the no-Node path, the container path and a Pi section naming real findings', async () => {
		const readme = await readFile(join(dirname(COLLECT_SH), 'README.md'), 'utf8');
		for (const heading of ['## Requirements', '### In a container', '### Without Node: `collect.sh`', '## Raspberry Pi']) assert.ok(readme.includes(`\n${heading}\n`), heading);
		const pi = readme.slice(readme.indexOf('\n## Raspberry Pi\n'), readme.indexOf('\n## How the verdict is made\n'));
		const {FINDING_IDS} = await import('../../../source/diagnosis/types.js');
		const named = [...pi.matchAll(/`([a-z0-9]+(?:-[a-z0-9]+)+)`/g)].map(m => m[1]!).filter(id => !id.startsWith('chatmock'));
		assert.ok(named.length >= 4);
		for (const id of named) assert.ok((FINDING_IDS as readonly string[]).includes(id), `README names finding ${id}`);
		assert.match(readme, /--platform linux\/arm\/v7 ghcr\.io\/thebtf\/chatmock-doctor|linux\/arm\/v7` after `docker run`/);
		assert.doesNotMatch(readme, /^(?:wget|curl) .*\|\s*(?:sudo )?(?:ba|da)?sh\b/m, 'no command pipes a download into sh');
	});
});

describe('collect.sh and the chosen image', () => {
	test('the .env beside a compose file wins over its default, as the live doctor decides; other services stay out', async t => {
		if (problem) return t.skip(problem);
		const dir = await mkdtemp(join(base, 'compose-'));
		await put(dir, 'compose.yaml', 'services:\n  chatmock:\n    image: ${CHATMOCK_IMAGE:-ghcr.io/thebtf/chatmock:latest}\n  db:\n    image: private.example/secret-db:1\n');
		await put(dir, '.env', 'CHATMOCK_IMAGE=storagetime/chatmock:latest\nOTHER_TOKEN=abc123456\n');
		const {chosenImage} = await import('../../../source/chatmock/images.js');
		const live = await chosenImage(createRootHost('/'), {cwd: dir});
		for (const shell of SHELLS) {
			const path = stubPath(await mkdtemp(join(base, 'path-')), {});
			const result = await run([...shell, COLLECT_SH], {env: {PATH: path}, cwd: dir});
			assert.equal(result.code, 0, result.stderr);
			assert.ok(!result.stdout.includes('private.example') && !result.stdout.includes('abc123456'), result.stdout);
			assert.equal(triageText(result.stdout).chosenImage?.value, 'storagetime/chatmock:latest', shellName(shell));
		}
		assert.equal(live.value, 'storagetime/chatmock:latest');
	});
});
