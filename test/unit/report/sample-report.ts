// A report built the real way (facts → diagnose → buildReport) from hand-made facts, for the
// renderer tests. `hostile` plants escape sequences in every foreign string a report carries.
import {diagnose} from '../../../source/diagnosis/diagnose.js';
import {fact, type Source} from '../../../source/facts/fact.js';
import type {Facts} from '../../../source/facts/types.js';
import {buildReport, type Report} from '../../../source/presentation/report-model.js';

export const OSC52 = '\u001B]52;c;ZWNobyBwd25lZA==\u0007';
export const CSI = '\u001B[2J\u001B[1;1H';
export const C1 = '\u009B31m';

const cpuinfo = (line: number, excerpt: string): Source => ({kind: 'file', ref: '/proc/cpuinfo', line, excerpt});

export function sampleFacts(options: {hostile?: boolean} = {}): Facts {
	const bad = (text: string) => (options.hostile ? `${text}${OSC52}${CSI}${C1}` : text);
	const engineSource: Source = {kind: 'engine', ref: '/info'};
	return {
		origin: 'live',
		host: {
			kernelMachine: fact('aarch64', {kind: 'uname', ref: 'machine'}),
			kernelName: fact('Linux', {kind: 'uname', ref: 'sysname'}),
			dpkgArch: fact('armhf', {kind: 'command', ref: 'dpkg --print-architecture'}),
			longBit: fact(32 as const, {kind: 'command', ref: 'getconf LONG_BIT'}),
			cpuArchitecture: fact('8', cpuinfo(3, 'CPU architecture: 8')),
			cpuModel: fact(bad('Cortex-A72'), cpuinfo(2, bad('model name: Cortex-A72'))),
			boardModel: fact(bad('Raspberry Pi 4 Model B Rev 1.4'), {kind: 'file', ref: '/proc/device-tree/model'}),
			osKind: fact('linux', {kind: 'uname', ref: 'sysname'}),
		},
		engine: {
			versionArch: fact('arm', {kind: 'engine', ref: '/version'}),
			versionOs: fact('linux', {kind: 'engine', ref: '/version'}),
			infoArchitecture: fact('aarch64', engineSource),
			osType: fact('linux', engineSource),
			operatingSystem: fact(bad('Raspbian GNU/Linux 11 (bullseye)'), engineSource),
			name: fact(bad('raspberrypi'), engineSource),
			serverVersion: fact('24.0.7', {kind: 'engine', ref: '/version'}),
		},
		endpoint: {host: 'unix:///var/run/docker.sock', reason: 'default', alternatives: []},
		emulation: {kind: 'binfmt', handlers: []},
		images: [
			{
				ref: bad('ghcr.io/thebtf/chatmock:latest'),
				id: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
				os: 'linux',
				architecture: 'arm64',
				variant: 'v8',
				source: {kind: 'engine', ref: bad('/images/ghcr.io/thebtf/chatmock:latest/json')},
			},
		],
		containers: [
			{
				id: 'c0ffee',
				name: bad('chatmock'),
				image: bad('ghcr.io/thebtf/chatmock:latest'),
				state: 'exited',
				exitCode: 255,
				restartCount: 3,
				logTail: [bad('exec /app/start.sh: exec format error'), '``` not a fence end', '<script>alert(1)</script>'],
				source: {kind: 'engine', ref: '/containers/c0ffee/json'},
			},
		],
		published: {ref: 'ghcr.io/thebtf/chatmock', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7', 'linux/arm/v6', 'linux/386'], source: 'built-in', fallbackReason: bad('offline')},
		chosenImage: fact(bad('ghcr.io/thebtf/chatmock:latest'), {kind: 'env', ref: 'CHATMOCK_IMAGE'}),
		signals: [],
	};
}

export function sampleReport(options: {hostile?: boolean} = {}): Report {
	const facts = sampleFacts(options);
	return buildReport(facts, diagnose(facts), '0.1.0');
}
