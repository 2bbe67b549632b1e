/**
 * Recognises a command line in a paste — after a shell prompt (`$ `, `pi@raspberrypi:~ $ `,
 * `root@host:/# `, `PS C:\> `, `➜  ~ `, `17:12 $ `, `~ $ `) or alone on its line — and tells what
 * output follows it. Output that follows decides how bare values read: `aarch64` after
 * `uname -m` is the kernel machine, `armhf` after `dpkg --print-architecture` the userland.
 */
export type CommandMode =
	| 'uname' // uname with flags other than -a, or arch: the output's tokens are read by shape
	| 'uname-a'
	| 'dpkg'
	| 'long-bit'
	| 'page-size'
	| 'cpuinfo'
	| 'os-release'
	| 'proc-version'
	| 'dt-model'
	| 'lscpu'
	| 'lsb'
	| 'hostnamectl'
	| 'docker' // docker info / docker version / podman version text
	| 'podman' // podman info (YAML)
	| 'colima'
	| 'wsl-list'
	| 'sw-vers'
	| 'sysctl-translated'
	| 'sysctl-arm64'
	| 'sysctl-brand'
	| 'orbstack' // OrbStack's diagnostic header (not a command: its first line starts it)
	| 'container-run' // output of a container: its uname is the container's, not the host's
	| 'other';

export interface Command {
	readonly text: string;
	readonly mode: CommandMode;
	/** Output pasted on the same line after the command (`$ uname -m aarch64`). */
	readonly inline?: string;
}

/** `strong` prompts are unmistakable, so any command after them counts; after a bare `$` only known ones do. */
const PROMPTS: readonly {readonly pattern: RegExp; readonly strong: boolean}[] = [
	// user@host:~/dir $ cmd, root@host:/# cmd, (venv) user@host ~ % cmd
	{pattern: /^(?:\([^)]{1,40}\)\s*)?[\w.-]{1,64}@[\w.-]{1,64}(?:[:\s][^$#%>\n]{0,200})?\s*[$#%>]\s?(.*)$/, strong: true},
	{pattern: /^PS [^>]{0,200}>\s?(.*)$/, strong: true},
	{pattern: /^[A-Za-z]:\\[^>]{0,200}>\s?(.*)$/, strong: true},
	{pattern: /^(?:\$|%|❯|➜\s+\S+|\d\d:\d\d(?::\d\d)?\s+\$)\s+(.*)$/, strong: false},
	// A prompt showing only the directory: `~ $ uname -a`, `~/src % docker info`, `/root # lscpu`.
	{pattern: /^[~/][^\s$#%>]{0,200}\s*[$#%]\s+(.*)$/, strong: false},
];

const KNOWN =
	/^(?:sudo\s+)?(?:uname|arch|lscpu|lsb_release|hostnamectl|dpkg|getconf|cat|head|grep|tr|docker|docker-compose|podman|colima|wsl|wsl\.exe|sw_vers|sysctl|file|limactl|nerdctl|orb|orbctl)(?=\s|$)/;

/** A line that is only a command, no prompt: strict, so prose starting with "docker" rarely counts. */
const BARE =
	/^(?:sudo\s+)?(?:uname(?:\s+-{1,2}[a-z-]+)*|arch|lscpu|lsb_release(?:\s+-\w+)*|hostnamectl|dpkg --print-architecture|getconf (?:LONG_BIT|PAGE_?SIZE)|cat \/\S+|tr -d .*\/proc\/device-tree\/model|(?:docker|podman) (?:info|version|system info|run|exec|compose|pull|ps|logs|inspect|image|images|context)\b.*|docker-compose \w.*|colima (?:status|version|list)\b.*|wsl(?:\.exe)? (?:-l|--list)\b.*|sw_vers|sysctl -\w+ .*)$/;

export function parseCommand(line: string): Command | undefined {
	const trimmed = line.trim();
	if (trimmed === '') return undefined;
	for (const {pattern, strong} of PROMPTS) {
		const match = pattern.exec(trimmed);
		if (!match) continue;
		const rest = (match[1] ?? '').trim();
		// A bare prompt (`pi@raspberrypi:~ $`) ends the previous output.
		if (rest === '') return strong ? {text: '', mode: 'other'} : undefined;
		if (!strong && !KNOWN.test(rest)) return undefined;
		return classify(rest);
	}
	if (BARE.test(trimmed)) return classify(trimmed);
	return undefined;
}

const NAMED_COMMAND =
	/(uname\s+-\w+|\barch\b(?=\s*$)|lscpu|lsb_release(?:\s+-\w+)?|hostnamectl|dpkg --print-architecture|getconf (?:LONG_BIT|PAGE_?SIZE)|\/proc\/cpuinfo|os-release|\/proc\/version|device-tree\/model|docker (?:system )?info|docker version|podman info|podman version|colima (?:status|version)|wsl(?:\.exe)? (?:-l -v|--list --verbose)|sw_vers)/i;

/** Finds a command named inside a heading: `### Output of \`docker info\``, `<summary>uname -a</summary>`. */
export function commandInHeading(heading: string): Command | undefined {
	const match = NAMED_COMMAND.exec(heading);
	if (!match) return undefined;
	const named = match[1]!;
	const text = named.startsWith('/') || named === 'os-release' || named.startsWith('device-tree') ? `cat ${named}` : named;
	return classify(text);
}

/**
 * A line of prose that announces the output below it, as a heading would: "Here is the output of uname -a",
 * "- [x] Kernel version from \`uname -a\`", "When I run docker info I get:". Only when the command (or a
 * colon) ends the line, so output on the line itself is never taken for an announcement.
 */
export function commandAnnounced(line: string): Command | undefined {
	const text = line.trim();
	if (text.length > 200) return undefined;
	const match = NAMED_COMMAND.exec(text);
	// "…for my arch" is prose, not the `arch` command.
	if (!match || /^arch$/i.test(match[0])) return undefined;
	const rest = text.slice(match.index + match[0].length);
	return /^[`'"*)\s]*[:.]?[`'"*)\s]*$/.test(rest) || /:\s*$/.test(rest) ? commandInHeading(match[0]) : undefined;
}

function classify(command: string): Command {
	const text = command.replace(/^sudo\s+/, '').trim();
	const uname = /^uname((?:\s+-{1,2}[a-z-]+)*)\s*(.*)$/.exec(text);
	if (uname) {
		const flags = uname[1] ?? '';
		const inline = (uname[2] ?? '').trim();
		const mode: CommandMode = /(?:^|\s)(?:-\w*a\w*|--all)\b/.test(flags) ? 'uname-a' : 'uname';
		return {text, mode, ...(inline === '' ? {} : {inline})};
	}
	if (/^arch$/.test(text)) return {text, mode: 'uname'};
	if (/^dpkg\s+--print-architecture\b/.test(text)) return withInline(text, 'dpkg', /^dpkg\s+--print-architecture\s*(.*)$/);
	if (/^getconf\s+LONG_BIT\b/.test(text)) return withInline(text, 'long-bit', /^getconf\s+LONG_BIT\s*(.*)$/);
	if (/^getconf\s+PAGE_?SIZE\b/.test(text)) return withInline(text, 'page-size', /^getconf\s+PAGE_?SIZE\s*(.*)$/);
	if (/^lscpu\b/.test(text)) return {text, mode: 'lscpu'};
	if (/^lsb_release\b/.test(text)) return {text, mode: 'lsb'};
	if (/^hostnamectl\b/.test(text)) return {text, mode: 'hostnamectl'};
	if (/\/proc\/cpuinfo\b/.test(text)) return {text, mode: 'cpuinfo'};
	if (/\/(?:etc|usr\/lib)\/(?:os-release|\*release|\*-release)|^cat os-release/.test(text)) return {text, mode: 'os-release'};
	if (/\/proc\/version\b/.test(text)) return {text, mode: 'proc-version'};
	if (/device-tree\/model\b/.test(text)) return {text, mode: 'dt-model'};
	if (/^(?:docker|podman)\s+(?:system\s+)?info\b/.test(text)) return {text, mode: text.startsWith('podman') ? 'podman' : 'docker'};
	if (/^(?:docker|podman)\s+version\b/.test(text)) return {text, mode: 'docker'};
	if (/^(?:docker|podman|nerdctl)\s+(?:container\s+)?(?:run|exec|start\s+-a)\b|^docker[- ]compose\s+(?:run|exec)\b/.test(text)) return {text, mode: 'container-run'};
	if (/^colima\s+(?:status|version|list)\b/.test(text)) return {text, mode: 'colima'};
	if (/^wsl(?:\.exe)?\s+(?:-l|--list)\b/.test(text)) return {text, mode: 'wsl-list'};
	if (/^sw_vers\b/.test(text)) return {text, mode: 'sw-vers'};
	if (/^sysctl\b.*\bproc_translated\b/.test(text)) return withInline(text, 'sysctl-translated', /proc_translated\s*(.*)$/);
	if (/^sysctl\b.*\bhw\.optional\.arm64\b/.test(text)) return withInline(text, 'sysctl-arm64', /hw\.optional\.arm64\s*(.*)$/);
	if (/^sysctl\b.*\bmachdep\.cpu\.brand_string\b/.test(text)) return {text, mode: 'sysctl-brand'};
	return {text, mode: 'other'};
}

function withInline(text: string, mode: CommandMode, pattern: RegExp): Command {
	const inline = (pattern.exec(text)?.[1] ?? '').trim();
	return {text, mode, ...(inline === '' ? {} : {inline})};
}
