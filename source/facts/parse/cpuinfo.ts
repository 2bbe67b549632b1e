import {cite, fact, type Fact} from '../fact.js';
import type {HostFacts} from '../types.js';
import {armPartName} from './arm-parts.js';
import {decodePiRevision} from './pi-revision.js';
import type {SourceAt} from './source-at.js';

export type CpuinfoFacts = Pick<HostFacts, 'cpuModel' | 'cpuArchitecture' | 'cpuArmModelName' | 'cpuHardware' | 'cpuFlags' | 'cpuImplementer' | 'cpuPart' | 'cpuCount' | 'piRevision'> & {
	/** "Revision" (a Raspberry Pi board code, as written). */
	readonly revision?: Fact<string>;
	/** "Model", the board name newer Raspberry Pi kernels add. */
	readonly model?: Fact<string>;
	/** A uname machine the text implies when it names no ARM architecture: s390x, ppc64le, ppc64, riscv64, loongarch64, mips, mips64, i686 (32-bit x86 kernel), x86_64. */
	readonly machineHint?: Fact<string>;
};

interface Entry {
	readonly value: string;
	readonly line: number;
	readonly text: string;
}

/**
 * Parses /proc/cpuinfo (a file or a paste). The first core's value of each key wins: that is
 * what containerd reads for the ARM variant. Keys are matched as the kernels write them; the
 * case matters where two arches reuse a word ("Revision" of a Pi board vs ppc's "revision").
 */
export function parseCpuinfo(text: string, at: SourceAt): CpuinfoFacts {
	const first = new Map<string, Entry>();
	let processors = 0;
	let firstProcessor: Entry | undefined;
	const lines = text.split('\n');
	for (const [index, raw] of lines.entries()) {
		const colon = raw.indexOf(':');
		if (colon <= 0) continue;
		const key = raw.slice(0, colon).trim();
		const value = raw.slice(colon + 1).trim();
		// "processor : 0" starts a core; s390x writes "processor 0: version = …".
		if ((key === 'processor' && /^\d+$/.test(value)) || /^processor \d+$/.test(key)) {
			processors++;
			firstProcessor ??= {value, line: index + 1, text: raw};
			continue;
		}
		if (key === '' || value === '' || key.length > 40) continue;
		if (!first.has(key)) first.set(key, {value, line: index + 1, text: raw});
	}

	const get = (...keys: string[]): Entry | undefined => {
		for (const key of keys) {
			const entry = first.get(key);
			if (entry) return entry;
		}
		return undefined;
	};
	const toFact = (entry: Entry | undefined): Fact<string> | undefined => (entry === undefined ? undefined : fact(entry.value, at(entry.line, entry.text)));

	const implementer = get('CPU implementer');
	const part = get('CPU part');
	const architecture = get('CPU architecture');
	const modelName = get('model name', 'Model Name');
	// Old ARM kernels put "Processor : ARMv6-compatible processor rev 7 (v6l)" at the top instead of "model name".
	const oldProcessor = get('Processor');
	const armName = modelName ?? oldProcessor;
	const isArm = implementer !== undefined || architecture !== undefined || (armName !== undefined && /^(?:ARM|AArch64)/i.test(armName.value));
	const flags = get('flags', 'Features', 'features');
	const hardware = get('Hardware');
	const revision = get('Revision');
	const model = get('Model');

	let cpuModel: Fact<string> | undefined;
	if (isArm) {
		const name = implementer === undefined ? undefined : armPartName(implementer.value, part?.value);
		cpuModel = name === undefined ? toFact(armName) : fact(name, at((part ?? implementer)!.line, (part ?? implementer)!.text));
	} else {
		cpuModel = toFact(get('model name', 'Model Name', 'cpu model', 'cpu', 'uarch'));
	}

	const isPi = (hardware !== undefined && /^BCM(?:27|28)\d\d/i.test(hardware.value)) || (model !== undefined && /Raspberry Pi/i.test(model.value));
	const decoded = isPi && revision !== undefined ? decodePiRevision(revision.value) : undefined;
	const countEntry = get('# processors');
	const count = processors > 0 ? processors : countEntry && /^\d+$/.test(countEntry.value) ? Number(countEntry.value) : undefined;

	const result: {-readonly [K in keyof CpuinfoFacts]: CpuinfoFacts[K]} = {};
	if (cpuModel) result.cpuModel = cpuModel;
	if (isArm && architecture) result.cpuArchitecture = toFact(architecture);
	if (isArm && armName) result.cpuArmModelName = toFact(armName);
	if (hardware) result.cpuHardware = toFact(hardware);
	if (flags) result.cpuFlags = fact(flags.value.split(/\s+/).filter(Boolean), at(flags.line, flags.text.slice(0, 200)));
	if (implementer) result.cpuImplementer = toFact(implementer);
	if (part) result.cpuPart = toFact(part);
	const countAt = firstProcessor ?? countEntry;
	if (count !== undefined && count > 0 && countAt) result.cpuCount = fact(count, at(countAt.line, countAt.text));
	if (decoded && revision) result.piRevision = fact(decoded, at(revision.line, revision.text));
	if (revision) result.revision = toFact(revision);
	if (model) result.model = toFact(model);
	const hint = machineHint(first);
	if (hint) result.machineHint = fact(hint.machine, at(hint.entry.line, hint.entry.text));
	return result;
}

function machineHint(first: ReadonlyMap<string, Entry>): {machine: string; entry: Entry} | undefined {
	const vendor = first.get('vendor_id');
	if (vendor && /S390/i.test(vendor.value)) return {machine: 's390x', entry: vendor};
	const isa = first.get('isa');
	if (isa) {
		const rv = /^rv(32|64)/i.exec(isa.value);
		if (rv) return {machine: `riscv${rv[1]}`, entry: isa};
	}
	for (const key of ['ISA', 'CPU Family', 'Model Name', 'system type']) {
		const entry = first.get(key);
		if (entry && /loongarch|loongson-64/i.test(entry.value)) return {machine: 'loongarch64', entry};
	}
	const cpu = first.get('cpu');
	if (cpu) {
		// (inference) Linux on POWER8 and later is little-endian on every current distribution; older 64-bit POWER ran big-endian.
		const power = /^POWER(\d+)/i.exec(cpu.value);
		if (power) return {machine: Number(power[1]) >= 8 ? 'ppc64le' : 'ppc64', entry: cpu};
		if (/^(?:PPC970|Cell Broadband Engine)/i.test(cpu.value)) return {machine: 'ppc64', entry: cpu};
	}
	// (inference, arch/x86/kernel/cpu/proc.c) only a 32-bit x86 kernel prints the fdiv/f00f/coma (older: hlt) bug lines; its uname
	// machine is "i" + min(cpu family, 6) + "86", so a 64-bit CPU ("lm") running an i686 kernel is still seen.
	const bug = first.get('fdiv_bug') ?? first.get('hlt_bug') ?? first.get('f00f_bug') ?? first.get('coma_bug');
	if (bug) {
		const family = Number(first.get('cpu family')?.value ?? '6');
		return {machine: `i${Number.isInteger(family) && family >= 4 ? Math.min(family, 6) : 6}86`, entry: bug};
	}
	// Both x86 kernels print fpu_exception and cpuid level right after where the bug lines go: with them and without the bug
	// lines the kernel is 64-bit (a cut paste lacking them says nothing). "lm" keeps a 64-bit kernel's CPU honest.
	const flags = first.get('flags');
	if (flags && (first.has('fpu_exception') || first.has('cpuid level')) && /(?:^|\s)lm(?:\s|$)/.test(flags.value)) {
		return {machine: 'x86_64', entry: flags};
	}
	// MIPS: "cpu model : MIPS 24Kc V7.4"; Loongson-3 or Octeon name no MIPS there but list their isa levels
	// (inference: the levels are the CPU's, so a mips64 CPU on a 32-bit kernel reads as mips64).
	const mips = first.get('cpu model');
	if (mips && /^MIPS/i.test(mips.value)) return {machine: /MIPS64|\b[56]K/i.test(mips.value) ? 'mips64' : 'mips', entry: mips};
	if (isa && /\bmips\d/i.test(isa.value)) return {machine: /\bmips64/i.test(isa.value) ? 'mips64' : 'mips', entry: isa};
	return undefined;
}

/**
 * The kernel's uname machine as cpuinfo implies it, for a folder whose /proc/sys/kernel/arch is
 * missing. A 32-bit ARM kernel ends "model name" with its elf_platform ("(v7l)" → armv7l); an arm64
 * kernel prints arm64 hwcaps (fp, asimd) and usually no model name; other arches give a machineHint (x86 only
 * when the lines around the 32-bit kernel's bug lines are there: "lm" alone says what the CPU can run, not the kernel).
 */
export function kernelMachineFromCpuinfo(cpu: CpuinfoFacts): Fact<string> | undefined {
	const derived = (machine: string, from: Fact<unknown>) => fact(machine, {kind: 'derived' as const, ref: cite(from.source), ...(from.source.excerpt ? {excerpt: from.source.excerpt} : {})});
	if (cpu.machineHint) return derived(cpu.machineHint.value, cpu.machineHint);
	// arm64 hwcaps ("fp asimd") mean a 64-bit kernel even when a vendor kernel adds "model name … (v8l)".
	const flags = cpu.cpuFlags?.value ?? [];
	if (cpu.cpuImplementer && (flags.includes('asimd') || (flags.includes('fp') && !flags.includes('vfp')))) {
		return derived('aarch64', cpu.cpuFlags!);
	}
	const platform = cpu.cpuArmModelName && /\((v\d+[lb]|aarch64)\)\s*$/i.exec(cpu.cpuArmModelName.value);
	if (platform && cpu.cpuArmModelName) {
		const name = platform[1]!.toLowerCase();
		return derived(name === 'aarch64' ? 'aarch64' : `arm${name}`, cpu.cpuArmModelName);
	}
	const arch = cpu.cpuArchitecture;
	if (arch && (/^aarch64$/i.test(arch.value) || (arch.value === '8' && cpu.cpuArmModelName === undefined))) return derived('aarch64', arch);
	return undefined;
}
