import {fact} from '../fact.js';
import {isUnameMachine} from '../parse/arch-names.js';
import {type FactsBuilder, pasteAt} from './facts-builder.js';
import type {PasteLine} from './paste-lines.js';

/**
 * Lines where some other tool states the engine's or the machine's architecture in its own words:
 * hello-world's "(arm32v7)", Home Assistant's `ha info` "arch: armv7", `file /usr/bin/dockerd`,
 * apt's `deb [arch=armhf] … docker …`, get.docker.com's "i686 is not a recognized platform",
 * and the `--platform` a command asked for (which a later manifest error merely repeats).
 */
export interface ToolContext {
	/** The paste holds Home Assistant output, whose `arch:` names are the Supervisor's (armhf = ARMv6). */
	readonly homeAssistant: boolean;
}

/** Home Assistant prints `supervisor:`/`homeassistant:` next to `arch:`; its CLI is `ha … info`. */
export function toolContext(text: string): ToolContext {
	const head = text.slice(0, 200_000);
	return {homeAssistant: /^[^\w\n]{0,8}(?:supervisor|homeassistant|hassio|supervisor_version)\s*:/im.test(head) || /\bha\s+(?:\w+\s+)?info\b/.test(head)};
}

/** hello-world's image names, printed under "pulled the "hello-world" image from the Docker Hub." */
const HELLO_WORLD: Readonly<Record<string, string>> = {
	amd64: 'linux/amd64',
	arm64v8: 'linux/arm64/v8',
	arm32v7: 'linux/arm/v7',
	arm32v6: 'linux/arm/v6',
	arm32v5: 'linux/arm/v5',
	i386: 'linux/386',
	ppc64le: 'linux/ppc64le',
	s390x: 'linux/s390x',
	riscv64: 'linux/riscv64',
	mips64le: 'linux/mips64le',
};

const GREETING: Readonly<Record<string, string>> = {
	armhf: 'linux/arm',
	armel: 'linux/arm',
	arm64: 'linux/arm64',
	aarch64: 'linux/arm64',
	amd64: 'linux/amd64',
	x86_64: 'linux/amd64',
	i386: 'linux/386',
};

/** Home Assistant Supervisor architectures: armhf is its ARMv6 build (Pi 1/Zero), armv7 the ARMv7 one. */
const HOME_ASSISTANT: Readonly<Record<string, string>> = {
	armhf: 'linux/arm/v6',
	armv7: 'linux/arm/v7',
	aarch64: 'linux/arm64',
	amd64: 'linux/amd64',
	i386: 'linux/386',
};

/** `file` names of ELF machines, with the word size, as Docker platforms. */
function elfPlatform(bits: string, machine: string): string | undefined {
	if (/aarch64/i.test(machine)) return bits === '64' ? 'linux/arm64' : undefined;
	if (/^ARM\b/.test(machine)) return bits === '32' ? 'linux/arm' : undefined;
	if (/x86-64/.test(machine)) return bits === '64' ? 'linux/amd64' : undefined;
	if (/80386/.test(machine)) return 'linux/386';
	if (/PowerPC|64-bit PowerPC/.test(machine)) return bits === '64' ? 'linux/ppc64le' : undefined;
	if (/S\/390/.test(machine)) return bits === '64' ? 'linux/s390x' : undefined;
	if (/RISC-V/.test(machine)) return bits === '64' ? 'linux/riscv64' : undefined;
	return undefined;
}

export function readToolLine(line: PasteLine, previous: PasteLine | undefined, context: ToolContext, facts: FactsBuilder): void {
	const text = line.text;
	const source = () => pasteAt(line.no, text);
	const engineSays = (hostPlatform: string) => facts.addSignal({kind: 'engine-platform', source: source(), hostPlatform});
	// Every line below names an architecture in letters: a line without a letter is none of them.
	if (!/[a-z]/i.test(text)) return;

	const hello = /^\s*\(([\w]+)\)\s*$/.exec(text);
	if (hello && previous && /pulled the "?hello-world"? image/i.test(previous.text)) {
		const platform = HELLO_WORLD[hello[1]!];
		if (platform) engineSays(platform);
		return;
	}
	// The armhf/arm64v8 builds of hello-world greet by their architecture: "Hello from Docker on armhf!".
	const greeting = /Hello from Docker on (armhf|armel|arm64|aarch64|amd64|x86_64|i386)!/.exec(text)?.[1];
	if (greeting) return engineSays(GREETING[greeting]!);
	if (context.homeAssistant) {
		const arch = /^\s*arch\s*:\s*["']?(\w+)["']?\s*$/.exec(text)?.[1];
		const platform = arch ? HOME_ASSISTANT[arch] : undefined;
		if (platform) return engineSays(platform);
	}
	const elf = /\bdockerd\S*:\s*ELF (32|64)-bit [LM]SB\s+(?:pie\s+)?(?:executable|shared object),\s*([^,]+)/.exec(text);
	if (elf) {
		const platform = elfPlatform(elf[1]!, elf[2]!.trim());
		if (platform) engineSays(platform);
		return;
	}
	const apt = /^\s*deb\s+\[[^\]]*\barch=([\w-]+)[\s\]]/.exec(text);
	if (apt && /docker/i.test(text)) {
		facts.setHost('dpkgArch', fact(apt[1]!, source()));
		return;
	}
	const installer = /(?:^|\s)(\S+) is not a recognized platform/.exec(text)?.[1];
	if (installer && isUnameMachine(installer)) {
		facts.setHost('kernelMachine', fact(installer, source()));
		return;
	}
	const requested = /--platform[=\s]+["']?(linux\/[\w/]+)/.exec(text) ?? /^\s*-?\s*platform:\s*["']?(linux\/[\w/]+)/.exec(text) ?? /DOCKER_DEFAULT_PLATFORM\s*[=:]\s*["']?(linux\/[\w/]+)/.exec(text);
	// Docker's per-architecture namespaces name the platform too: `docker run arm32v7/nginx`.
	const namespace = /\b(?:docker|podman)\s+(?:image\s+)?(?:pull|run|create)\b.*?(?:^|\s)(arm32v7|arm32v6|arm64v8|amd64|i386)\/[\w.-]/.exec(text)?.[1];
	if (!requested && namespace) {
		const platform = ({arm32v7: 'linux/arm/v7', arm32v6: 'linux/arm/v6', arm64v8: 'linux/arm64', amd64: 'linux/amd64', i386: 'linux/386'} as Record<string, string>)[namespace]!;
		facts.addSignal({kind: 'platform-requested', source: source(), platform});
		return;
	}
	if (requested) facts.addSignal({kind: 'platform-requested', source: source(), platform: requested[1]!});
}
