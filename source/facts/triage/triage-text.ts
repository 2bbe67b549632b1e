import {fact} from '../fact.js';
import {isDebianArch} from '../parse/arch-names.js';
import type {Facts} from '../types.js';
import {DOCKER_INFO_KEY, DOCKER_VERSION_KEY, DockerTextReader} from './docker-text.js';
import {FactsBuilder, pasteAt} from './facts-builder.js';
import {
	cleanDeviceTreeModel,
	isDebianOnly,
	isUnameOnly,
	readArchitecture,
	readHostnamectl,
	readLscpu,
	readMacLine,
	readContainerUname,
	readKernelKey,
	readProcVersion,
	readSbcBench,
	readUnameAll,
	readUnameParts,
	setKernelName,
	setKernelRelease,
} from './host-lines.js';
import {BinfmtReader} from './binfmt-lines.js';
import {BuildxReader} from './buildx-lines.js';
import {KubeLabelReader} from './kube-lines.js';
import {findJsonEnd, readJson} from './json-block.js';
import {readSignals} from './line-signals.js';
import {readOwnLine} from './own-lines.js';
import {readProseWords} from './prose-words.js';
import {readToolLine, toolContext} from './tool-lines.js';
import {type PasteLine, splitPaste, TRIAGE_LIMITS} from './paste-lines.js';
import {type CommandMode, commandAnnounced, commandInHeading, parseCommand} from './shell-command.js';
import {type BlockKind, continuesBlock, CPUINFO_START, LSB_START, OS_RELEASE_START, readBlock} from './text-blocks.js';
import {ORBSTACK_REPORT_START, readOrbstackReport} from './orbstack-report.js';
import {PodmanYamlReader, readColima, readWslRow} from './vm-outputs.js';

type Mode = CommandMode | 'none';

const FENCE = /^\s*(?:```|~~~)/;
const HTML = /^\s*<\/?(?:details|summary|pre|code|p|br|div|blockquote|b|strong)\b[^>]*>/i;
const HEADING = /^\s*(?:#{1,6}\s+(.*)|\*\*(.+?)\*\*:?)\s*$/;
const DOCKER_SECTION_CUE = /^(?:Client|Server):\s*(?:$|.*(?:Docker|Engine|Podman|Mirantis))/;
const LSCPU_CUE = /^\s*(?:CPU op-mode\(s\)|Byte Order|Thread\(s\) per core|Core\(s\) per (?:socket|cluster)|Socket\(s\)|On-line CPU\(s\) list|Vendor ID|Model name|Address sizes):/;
const KEY_VALUE = /^\s*([^:]{1,40}?):\s*(.*)$/;
/** Kernel build names that say what they are built for (see the diagnosis's kernel-release words). */
const KERNEL_BUILD = /-v[678]l?\+?$|rpi|raspi|[-_]2712|16k|aarch64|arm64|x86_64|amd64|armmp|[.-]i[3-6]86|-686|tegra|sunxi|rockchip|meson/i;
/** Outputs read key by key, which a line that is not theirs ends. */
const STRUCTURED: ReadonlySet<Mode> = new Set(['docker', 'podman', 'colima', 'orbstack', 'wsl-list', 'lscpu', 'hostnamectl']);
/** Total lines the JSON finder may look at: keeps a paste full of stray `{` linear. */
const JSON_BUDGET = 100_000;

/**
 * Turns text pasted into an issue (`docker info`, `uname -a`, /proc/cpuinfo, error lines, in
 * markdown or not, in any order, possibly cut short) into the same Facts the live probes give,
 * each fact citing its pasted line. Reads at most TRIAGE_LIMITS of the text; never throws.
 */
export function triageText(text: string): Facts {
	const facts = new FactsBuilder();
	try {
		scan(typeof text === 'string' ? text : '', facts);
	} catch {
		// A paste is foreign input: whatever was read before a surprise still stands.
	}
	return facts.build();
}

function scan(text: string, facts: FactsBuilder): void {
	const lines = splitPaste(text);
	const docker = new DockerTextReader(facts);
	const podman = new PodmanYamlReader(facts);
	const binfmt = new BinfmtReader(facts);
	const buildx = new BuildxReader(facts);
	const kube = new KubeLabelReader(facts);
	let mode = 'none' as Mode;
	let block: {kind: BlockKind; lines: PasteLine[]} | undefined;
	let jsonWork = 0;
	let jsonBarrier = 0;
	let inFence = false;
	const tools = toolContext(text);
	let previous: PasteLine | undefined;

	const setMode = (next: Mode) => {
		if (mode === 'docker' || next === 'docker') docker.reset();
		if (mode === 'podman' || next === 'podman') podman.reset();
		mode = next;
	};
	const endBlock = () => {
		if (block) readBlock(block.kind, block.lines, facts);
		block = undefined;
	};
	const startBlock = (kind: BlockKind, line: PasteLine) => {
		endBlock();
		setMode('none');
		block = {kind, lines: [line]};
	};

	for (let index = 0; index < lines.length; index++) {
		// Only the JSON reader sees past maxLineChars (through `lines`): a long line is a one-line JSON or nothing.
		const line = oneLineFence(capLine(lines[index]!));
		const text = line.text;
		const trimmed = text.trim();
		readSignals(line, facts, previous);
		readToolLine(line, previous, tools, facts);
		binfmt.read(line);
		buildx.read(line);
		kube.read(line);
		readOwnLine(line, facts);
		previous = line;
		const stub = /could not be found in this WSL ([12]) distro/.exec(text);
		if (stub) facts.setHost('wsl', fact(stub[1] === '1' ? 'wsl1' : 'wsl2', pasteAt(line.no, text)));

		const command = FENCE.test(text) || HTML.test(text) || HEADING.test(text) ? undefined : parseCommand(text);
		if (block) {
			if (!command && !FENCE.test(text) && !HTML.test(text) && continuesBlock(block.kind, text)) {
				block.lines.push(line);
				continue;
			}
			endBlock();
		}

		if (FENCE.test(text)) {
			// An opening fence keeps what a heading or command just announced; a closing one ends it.
			if (inFence) setMode('none');
			inFence = !inFence;
			continue;
		}
		const heading = HTML.test(text) ? text.replace(/<[^>]*>/g, ' ') : HEADING.exec(text)?.slice(1).find(Boolean);
		if (heading !== undefined) {
			// `# uname -a` is a root prompt or a heading: both say what follows.
			setMode(commandInHeading(heading)?.mode ?? 'none');
			continue;
		}
		if (command) {
			setMode(command.mode);
			if (command.inline) readValue(mode, {no: line.no, text: command.inline}, line, facts);
			continue;
		}
		// Prose announcing a command's output ends a container's output too; structured outputs never hold one.
		const announced = STRUCTURED.has(mode) ? undefined : commandAnnounced(text);
		if (announced) {
			setMode(announced.mode);
			continue;
		}

		if (index >= jsonBarrier && jsonWork < JSON_BUDGET && /^(?:\{|\[\s*(?:\{|$))/.test(trimmed)) {
			const end = findJsonEnd(lines, index);
			jsonWork += (end ?? index + 100) - index + 1;
			if (end !== undefined) {
				const slice = lines.slice(index, end + 1);
				if (readJson(parseJson(slice), slice, facts)) {
					setMode('none');
					index = end;
					continue;
				}
				jsonBarrier = end + 1;
			}
		}

		// Content tells what a block is even without a command before it.
		if (CPUINFO_START.test(text) || (mode === 'cpuinfo' && /^[A-Za-z][\w ()]*\s*:/.test(text))) {
			startBlock('cpuinfo', line);
			continue;
		}
		if (OS_RELEASE_START.test(text)) {
			startBlock('os-release', line);
			continue;
		}
		if (LSB_START.test(text) || (mode === 'lsb' && /^No LSB modules/.test(text))) {
			startBlock('lsb', line);
			continue;
		}
		if (mode !== 'podman' && (/^host:\s*$/.test(text) || (/^Client:\s*$/.test(text) && /^\s+APIVersion:/.test(lines[index + 1]?.text ?? '')))) {
			// `podman info` YAML: its Client part (APIVersion, OsArch) looks like docker's, host: never does.
			setMode('podman');
		} else if (mode !== 'docker' && mode !== 'podman' && (DOCKER_SECTION_CUE.test(text) || DOCKER_INFO_KEY.test(text) || DOCKER_VERSION_KEY.test(text))) {
			setMode('docker');
		} else if (ORBSTACK_REPORT_START.test(text)) {
			setMode('orbstack');
		} else if (/^colima (?:is running|version)\b/.test(trimmed)) {
			setMode('colima');
		} else if (/^NAME\s+STATE\s+VERSION$/.test(trimmed)) {
			setMode('wsl-list');
		} else if (mode !== 'docker' && mode !== 'lscpu' && LSCPU_CUE.test(text)) {
			setMode('lscpu');
		} else if (/^Static hostname:/.test(trimmed)) {
			setMode('hostnamectl');
		}

		if (readInMode(mode, line, facts, docker, podman)) {
			// `uname -a` prints one line: what follows is not more of it.
			if (mode === 'uname-a') setMode('none');
			continue;
		}
		if (STRUCTURED.has(mode)) setMode('none');
		if (mode === 'container-run') {
			readContainerUname(text, line, facts, release => KERNEL_BUILD.test(release));
			continue;
		}
		readAnywhere(line, mode, facts);
	}
	endBlock();
	docker.flush();
	podman.flush();
	binfmt.flush();
	facts.setHost('kernelMachine', facts.getHost('machineHint'));
}

function capLine(line: PasteLine): PasteLine {
	return line.text.length > TRIAGE_LIMITS.maxLineChars ? {no: line.no, text: line.text.slice(0, TRIAGE_LIMITS.maxLineChars)} : line;
}

/** ```Linux host 3.10.0 #1 SMP … x86_64 GNU/Linux``` opens and closes a fence on one line: its content is a line. */
function oneLineFence(line: PasteLine): PasteLine {
	const inner = /^\s*(```|~~~)(.+?)\1\s*$/.exec(line.text)?.[2];
	return inner === undefined || inner.trim() === '' ? line : {no: line.no, text: inner.trim()};
}

function parseJson(lines: readonly PasteLine[]): unknown {
	try {
		return JSON.parse(lines.map(line => line.text).join('\n'));
	} catch {
		return undefined;
	}
}

/** True when the line belonged to the current output (read or skipped); false ends it. */
function readInMode(mode: Mode, line: PasteLine, facts: FactsBuilder, docker: DockerTextReader, podman: PodmanYamlReader): boolean {
	switch (mode) {
		case 'docker':
			return docker.read(line);
		case 'podman':
			return podman.read(line);
		case 'colima':
			return readColima(line, facts);
		case 'orbstack':
			return readOrbstackReport(line, facts);
		case 'wsl-list':
			return line.text.trim() === '' || readWslRow(line, facts);
		case 'lscpu':
		case 'hostnamectl': {
			const pair = KEY_VALUE.exec(line.text);
			if (!pair) return line.text.trim() === '';
			const source = pasteAt(line.no, line.text);
			if (mode === 'lscpu') readLscpu(pair[1]!.trim(), pair[2]!.trim(), source, facts);
			else readHostnamectl(pair[1]!.trim(), pair[2]!.trim(), source, facts);
			return true;
		}
		default:
			return line.text.trim() !== '' && readValue(mode, line, line, facts);
	}
}

/** The one-line output of a command: `aarch64` after `uname -m`, `32` after `getconf LONG_BIT`. */
function readValue(mode: Mode, value: PasteLine, line: PasteLine, facts: FactsBuilder): boolean {
	const text = value.text.trim();
	const source = pasteAt(line.no, line.text);
	switch (mode) {
		case 'uname':
			return readUnameParts(text, line, facts);
		case 'uname-a':
			return readUnameAll(text, line, facts, true);
		case 'proc-version':
			return readProcVersion(text, line, facts);
		case 'dpkg':
			if (!isDebianArch(text)) return false;
			facts.setHost('dpkgArch', fact(text, source));
			return true;
		case 'long-bit':
			if (text !== '32' && text !== '64') return false;
			facts.setHost('longBit', fact(text === '32' ? 32 : 64, source));
			return true;
		case 'page-size':
			if (!/^\d{3,7}$/.test(text)) return false;
			facts.setHost('pageSize', fact(Number(text), source));
			return true;
		case 'dt-model': {
			const model = cleanDeviceTreeModel(text);
			if (model === '') return false;
			facts.setHost('boardModel', fact(model, source));
			return true;
		}
		case 'sysctl-translated':
		case 'sysctl-arm64':
			if (text !== '0' && text !== '1') return false;
			facts.setHost(mode === 'sysctl-arm64' ? 'arm64Capable' : 'rosettaTranslated', fact(text === '1', source));
			return true;
		case 'sysctl-brand':
			facts.setHost('cpuModel', fact(text, source));
			return true;
		default:
			return false;
	}
}

/** Lines that say what they are wherever they appear. */
function readAnywhere(line: PasteLine, mode: Mode, facts: FactsBuilder): void {
	const text = line.text;
	const trimmed = text.trim();
	if (readUnameAll(text, line, facts) || readProcVersion(text, line, facts) || readSbcBench(text, line, facts) || readMacLine(text, line, facts)) {
		return;
	}
	const source = pasteAt(line.no, text);
	const architecture = /^\s*Architecture:\s*(\S+)$/.exec(text);
	if (architecture) {
		readArchitecture(architecture[1]!, mode === 'lsb' ? 'lsb' : 'none', source, facts);
		return;
	}
	// "Kernel: 6.1.21-v8+", "- Kernel version: Linux 5.15.0-1034-raspi" in an issue form.
	const kernel = /^\W*Kernel(?:\s+(?:version|release))?\s*:\s*(\S.*)$/i.exec(text);
	if (kernel) {
		readKernelKey(kernel[1]!.trim(), source, facts);
		return;
	}
	// "Operating system: Linux 6.1.21-v7+": a release after the kernel's name, when its build name says what it is.
	const named = /(?:^|[\s(:`*])Linux\s+([2-6]\.\d+\.\d+[-+][\w.+~-]*)/.exec(text)?.[1];
	if (named && KERNEL_BUILD.test(named)) {
		setKernelName('Linux', source, facts);
		setKernelRelease(named, source, facts);
		return;
	}
	// A bare release alone on its line (`uname -r`), when its build name says what it is: 6.6.20+rpt-rpi-v8.
	if (/^\d+\.\d+\.\d+[-+][\w.+~-]*$/.test(trimmed) && KERNEL_BUILD.test(trimmed)) {
		setKernelRelease(trimmed, source, facts);
		return;
	}
	// A bare value alone on its line: only names that cannot be anything else.
	if (isUnameOnly(trimmed)) facts.setHost('kernelMachine', fact(trimmed, source));
	else if (isDebianOnly(trimmed)) facts.setHost('dpkgArch', fact(trimmed, source));
	else if (/^Raspberry Pi [\w .+]+ Rev \d+(?:\.\d+)?(?:\\0|\^@)?$/.test(trimmed)) facts.setHost('boardModel', fact(cleanDeviceTreeModel(trimmed), source));
	else if (mode === 'none' || mode === 'other') readProseWords(line, facts);
}
