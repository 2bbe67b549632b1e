#!/bin/sh
# chatmock-doctor collect: what `chatmock-doctor triage` needs, for machines without Node.js.
#
#   sh collect.sh > chatmock-facts.md      # then paste the file into an issue
#
# Plain POSIX sh (dash, busybox ash, bash, zsh in sh mode): reads the machine (uname, /proc,
# /etc/os-release, dpkg, getconf, binfmt_misc) and the Docker engine (version, info, ChatMock
# images and containers, the log tail of one that stopped) and prints ONE Markdown block.
# It only reads: it starts, stops, pulls and writes nothing. Every docker call has a deadline.
# Host and user names, home paths, IP and MAC addresses, serial numbers, tokens and credentials
# in URLs are replaced by placeholders (<host-1>, <user-1>, <ip-1>, <mac-1>, <secret-1>), as the
# doctor's own report does; --no-redact keeps them (private use only), --redact redacts stdin.
#
# CHATMOCK_COLLECT_ROOT=DIR reads the files under DIR instead of / (a mounted system, a test).
# CHATMOCK_COLLECT_TIMEOUT=SECONDS is each docker call's deadline (default 10).

ROOT=${CHATMOCK_COLLECT_ROOT:-}
DEADLINE=${CHATMOCK_COLLECT_TIMEOUT:-10}
case $DEADLINE in '' | *[!0-9]*) DEADLINE=10 ;; esac
LC_ALL=C
export LC_ALL

# The program NAME on PATH, as a path. busybox sh may run its own applet for a bare name (its
# dpkg knows no --print-architecture); a path always runs the machine's program.
tool() {
	tool_rest=$PATH:
	while [ -n "$tool_rest" ]; do
		tool_dir=${tool_rest%%:*}
		tool_rest=${tool_rest#*:}
		[ -n "$tool_dir" ] || tool_dir=.
		if [ -f "$tool_dir/$1" ] && [ -x "$tool_dir/$1" ]; then
			printf '%s\n' "$tool_dir/$1"
			return 0
		fi
	done
	return 1
}

# A line as a shell prompt would show it: `triage` reads what follows by the command.
prompt() {
	printf '$ %s\n' "$*"
}

# Runs "$@" for at most DEADLINE seconds. `timeout` is missing on some busybox builds and
# takes `-t SECONDS` on others, so the shell keeps the deadline itself: a watcher kills the
# command. The watcher's output goes nowhere, so a pipe reading ours never waits for it.
limited() {
	"$@" &
	limited_pid=$!
	(
		sleep "$DEADLINE"
		kill "$limited_pid"
	) >/dev/null 2>&1 &
	limited_watcher=$!
	wait "$limited_pid" 2>/dev/null
	limited_status=$?
	kill "$limited_watcher" >/dev/null 2>&1
	wait "$limited_watcher" 2>/dev/null
	# 128+15: the watcher's TERM.
	[ "$limited_status" -eq 143 ] && printf '(no answer within %s s)\n' "$DEADLINE"
	return "$limited_status"
}

# A file of the machine (under ROOT in tests); nothing when it is missing or unreadable.
show_file() {
	if [ -r "$ROOT$1" ]; then
		prompt "cat $1"
		cat "$ROOT$1" 2>/dev/null
		echo
	fi
}

# /proc/cpuinfo: the first core, then the board lines the kernel prints after the last one
# (Hardware, Revision, Model on a Raspberry Pi), never the other cores' copies.
show_cpuinfo() {
	[ -r "$ROOT/proc/cpuinfo" ] || return 0
	prompt 'cat /proc/cpuinfo'
	awk '
		/^processor[ \t]*:/ { cores++ }
		cores <= 1 || /^(Hardware|Revision|Serial|Model)[ \t]*:/ { print }
	' "$ROOT/proc/cpuinfo" 2>/dev/null
	echo
}

show_device_tree_model() {
	[ -r "$ROOT/proc/device-tree/model" ] || return 0
	prompt 'cat /proc/device-tree/model'
	# The file ends with a NUL.
	tr -d '\000' <"$ROOT/proc/device-tree/model" 2>/dev/null
	echo
	echo
}

# A command's output, only when it ran: a missing or failing one says nothing wrong.
show_command() {
	show_path=$(tool "$1") || return 0
	shift
	show_output=$("$show_path" "$@" 2>/dev/null) || return 0
	prompt "${show_path##*/} $*"
	printf '%s\n\n' "$show_output"
}

# binfmt_misc: which foreign binaries the kernel hands to an emulator (QEMU), with its flags.
show_binfmt() {
	dir=$ROOT/proc/sys/fs/binfmt_misc
	[ -d "$dir" ] || return 0
	prompt 'ls /proc/sys/fs/binfmt_misc'
	ls "$dir" 2>&1
	echo
	for handler in "$dir"/*; do
		[ -f "$handler" ] || continue
		case ${handler##*/} in register | status) continue ;; esac
		prompt "cat /proc/sys/fs/binfmt_misc/${handler##*/}"
		# The magic and mask lines are long and say nothing a reader needs.
		grep -v -e '^magic ' -e '^mask ' -e '^offset ' "$handler" 2>/dev/null
		echo
	done
}

# The engine: its version and info, ChatMock's images with their platform, its containers.
show_docker() {
	if ! DOCKER=$(tool docker); then
		echo '(no docker command on PATH)'
		echo
		return 0
	fi
	prompt 'docker version'
	limited "$DOCKER" version 2>&1
	echo
	prompt 'docker info'
	limited "$DOCKER" info 2>&1
	echo
	show_images
	show_containers
}

# Images whose repository's last path component is `chatmock` (ghcr.io/thebtf/chatmock,
# storagetime/chatmock, a mirror or a local build), as one JSON line each with its platform.
show_images() {
	images=$(limited "$DOCKER" image ls --no-trunc --format '{{.Repository}}:{{.Tag}} {{.ID}}' 2>/dev/null |
		awk '{ repo = $1; sub(/:[^:\/]*$/, "", repo); k = split(repo, path, "/"); if (path[k] == "chatmock") print $2 }' |
		sort -u)
	prompt 'docker image inspect --format "{Id, RepoTags, Os, Architecture, Variant}" <ChatMock images>'
	if [ -z "$images" ]; then
		echo '(no ChatMock image)'
		echo
		return 0
	fi
	for id in $images; do
		# Engines before 18.x have no Variant field: ask again without it.
		limited "$DOCKER" image inspect --format '{"Id":{{json .Id}},"RepoTags":{{json .RepoTags}},"Os":{{json .Os}},"Architecture":{{json .Architecture}},"Variant":{{json .Variant}}}' "$id" 2>/dev/null ||
			limited "$DOCKER" image inspect --format '{"Id":{{json .Id}},"RepoTags":{{json .RepoTags}},"Os":{{json .Os}},"Architecture":{{json .Architecture}}}' "$id" 2>&1
	done
	echo
}

# Containers named *chatmock* or made from a ChatMock image, running or not: their state and
# exit code (never their environment), then the last log lines of each that ran.
show_containers() {
	containers=$(
		{
			limited "$DOCKER" ps -a --no-trunc --filter name=chatmock --format '{{.ID}}' 2>/dev/null
			for id in $images; do
				limited "$DOCKER" ps -a --no-trunc --filter "ancestor=$id" --format '{{.ID}}' 2>/dev/null
			done
		} | sort -u
	)
	prompt 'docker inspect --format "{Id, Name, Image, State, Config.Image}" <ChatMock containers>'
	if [ -z "$containers" ]; then
		echo '(no ChatMock container)'
		echo
		return 0
	fi
	for id in $containers; do
		limited "$DOCKER" inspect --format '{"Id":{{json .Id}},"Name":{{json .Name}},"Image":{{json .Image}},"RestartCount":{{json .RestartCount}},"State":{"Status":{{json .State.Status}},"ExitCode":{{json .State.ExitCode}}},"Config":{"Image":{{json .Config.Image}}}}' "$id" 2>&1
	done
	echo
	for id in $containers; do
		state=$(limited "$DOCKER" inspect --format '{{.State.Status}} {{.Name}}' "$id" 2>/dev/null)
		case $state in created* | '') continue ;; esac
		prompt "docker logs --tail 30 ${state#* /}"
		limited "$DOCKER" logs --tail 30 "$id" 2>&1
		echo
	done
}

# The image the user chose, in the doctor's order (triage keeps the first it reads):
# CHATMOCK_IMAGE, then CHATMOCK_IMAGE in the .env beside a compose file, then the compose file's.
show_chosen_image() {
	if [ -n "${CHATMOCK_IMAGE:-}" ]; then
		printf 'CHATMOCK_IMAGE=%s\n\n' "$CHATMOCK_IMAGE"
	fi
	for compose in compose.yaml compose.yml docker-compose.yml docker-compose.yaml; do
		[ -r "$compose" ] || continue
		if [ -r .env ]; then
			prompt "grep CHATMOCK_IMAGE= .env"
			grep -E '^[[:space:]]*(export[[:space:]]+)?CHATMOCK_IMAGE=' .env 2>/dev/null
			echo
		fi
		# Only ChatMock's lines: the other services' images are none of the report's business.
		prompt "grep -i 'image:.*chatmock' $compose"
		grep -i 'image:.*chatmock' "$compose" 2>/dev/null
		echo
		break
	done
}

collect() {
	echo '### chatmock-doctor collect'
	echo
	echo '```'
	show_command uname -a
	show_cpuinfo
	show_device_tree_model
	show_command dpkg --print-architecture
	show_command getconf LONG_BIT
	show_command getconf PAGESIZE
	show_file /etc/os-release
	show_binfmt
	show_chosen_image
	show_docker
	echo '```'
}

# ---------------------------------------------------------------------------------------------
# Redaction: the same rules as the doctor's report (source/report/redact.ts), in awk that busybox
# and mawk run (no lookbehind, no {n} intervals). One awk reads all of it, so the same value gets
# the same placeholder everywhere.

# Host and user names every machine has, kept as the report keeps them.
NOT_PERSONAL='386 aarch64 admin alarm amd64 app arm arm64 armel armhf armv6l armv7l centos chatmock colima container core darwin data debian default desktop dietpi docker docker-desktop ec2-user engine fedora host i386 i686 linux localhost node none opc orbstack pi podman public rancher-desktop raspberrypi root runner shared ubuntu unknown user vagrant windows x64 x86_64'

redact() {
	collect_host=$("$(tool uname)" -n 2>/dev/null)
	[ -n "$collect_host" ] || collect_host=$(cat "$ROOT/proc/sys/kernel/hostname" 2>/dev/null)
	collect_user=${USER:-${LOGNAME:-}}
	[ -n "$collect_user" ] || collect_user=$(id -un 2>/dev/null)
	awk -v host="$collect_host" -v user="$collect_user" -v home="${HOME:-}" -v keep="$NOT_PERSONAL" '
	function personal(name,   lower) {
		lower = tolower(name)
		return length(lower) >= 3 && !(lower in KEEP) && lower !~ /^colima/ && lower !~ /^lima-/
	}
	function ph(kind, value,   key) {
		key = (kind == "secret") ? value : tolower(value)
		if (!((kind, key) in TABLE)) { COUNT[kind]++; TABLE[kind, key] = "<" kind "-" COUNT[kind] ">" }
		return TABLE[kind, key]
	}
	function is_ph(value) { return value ~ /^<(host|user|ip|mac|secret)-[0-9]+>$/ || value ~ /^(host|ip)-[0-9]+\.invalid$/ }
	function secret(value) { return (value == "" || is_ph(value)) ? value : ph("secret", value) }
	function usr(name) { return personal(name) ? ph("user", name) : name }
	function is_secret_name(name,   n) {
		n = tolower(name)
		if (n ~ /token|secret|passw(or)?d|credential|api_?key|private_?key|auth_config|authorization/) return 1
		if (n ~ /[_.-](key|pass|auth)$/) return 1
		return n ~ /^(auth|pass|serial|serial-number|serialnumber|machine-id|machine_id)$/
	}
	function is_user_name(name) { return tolower(name) ~ /^(user|username|user_name|login|logname|email|sudo_user)$/ }
	function octet_ok(ip,   n, i, o) {
		n = split(ip, o, ".")
		if (n != 4) return 0
		for (i = 1; i <= 4; i++) if (o[i] !~ /^(0|[1-9][0-9]?|1[0-9][0-9]|2[0-4][0-9]|25[0-5])$/) return 0
		return 1
	}
	function kept_ip(ip) { return ip ~ /^127\./ || ip == "0.0.0.0" || ip == "255.255.255.255" }
	function ipv6_ok(a,   n, g, i, empty) {
		sub(/%.*$/, "", a)
		if (a == "::" || a == "::1" || a !~ /:/) return 0
		n = split(a, g, ":")
		if (n > 8 || n < 3) return 0
		empty = 0
		for (i = 1; i <= n; i++) {
			if (g[i] == "") { empty++; continue }
			if (i == n && octet_ok(g[i])) continue
			if (g[i] !~ /^[0-9A-Fa-f][0-9A-Fa-f]?[0-9A-Fa-f]?[0-9A-Fa-f]?$/) return 0
		}
		# Eight groups, or fewer with one "::".
		return n == 8 && empty == 0 || index(a, "::") > 0 && a !~ /::.*::/ && a !~ /:::/
	}

	# Replaces each match of re in s by fix(kind, match) when the characters around it allow.
	function each(s, re, kind,   out, m, pre, before, after, rep, start, len) {
		out = ""
		while (s != "" && match(s, re)) {
			start = RSTART; len = RLENGTH
			m = substr(s, start, len)
			pre = out substr(s, 1, start - 1)
			before = length(pre) > 0 ? substr(pre, length(pre), 1) : ""
			after = substr(s, start + len, 2)
			rep = fix(kind, m, before, after)
			if (rep == "\001") {
				# Not this one: keep its first character and look again after it.
				out = out substr(s, 1, start)
				s = substr(s, start + 1)
			} else {
				out = out substr(s, 1, start - 1) rep
				s = substr(s, start + len)
			}
		}
		return out s
	}
	function fix(kind, m, before, after,   p, q, name, sep, rest, at, info, hp, h, key, value, c) {
		c = substr(after, 1, 1)
		if (kind == "url") {
			p = index(m, "://"); sep = substr(m, 1, p + 2); rest = substr(m, p + 3)
			info = ""; hp = rest
			at = 0
			for (q = length(rest); q > 0; q--) if (substr(rest, q, 1) == "@") { at = q; break }
			if (at > 0) {
				info = substr(rest, 1, at - 1); hp = substr(rest, at + 1)
				if (!is_ph(info)) {
					q = index(info, ":")
					info = (q == 0) ? usr(info) : usr(substr(info, 1, q - 1)) ":" secret(substr(info, q + 1))
				}
				info = info "@"
			}
			h = hp; rest = ""
			if (h ~ /^\[/) { q = index(h, "]"); if (q > 0) { rest = substr(h, q + 1); h = substr(h, 2, q - 2) } }
			else if (index(h, ":") > 0) { q = index(h, ":"); rest = substr(h, q); h = substr(h, 1, q - 1) }
			if ((octet_ok(h) && !kept_ip(h)) || ipv6_ok(h)) { name = ph("ip", h); gsub(/[<>]/, "", name); hp = name ".invalid" rest }
			else if (tolower(sep) ~ /^(tcp|ssh):/ && personal(h) && !is_ph(h)) { name = ph("host", h); gsub(/[<>]/, "", name); hp = name ".invalid" rest }
			return sep info hp
		}
		if (kind == "bearer") {
			p = match(m, /[ \t]+/)
			return substr(m, 1, RSTART + RLENGTH - 1) secret(substr(m, RSTART + RLENGTH))
		}
		if (kind == "token") {
			if (before ~ /[A-Za-z0-9_]/ || c ~ /[A-Za-z0-9_]/) return "\001"
			return secret(m)
		}
		if (kind == "jwt") { if (before ~ /[A-Za-z0-9_]/) return "\001"; return secret(m) }
		if (kind == "assign") {
			match(m, /[ \t]*[=:][ \t]*/)
			key = substr(m, 1, RSTART - 1); sep = substr(m, RSTART, RLENGTH); value = substr(m, RSTART + RLENGTH)
			if (before ~ /[A-Za-z0-9_.-]/) return "\001"
			q = ""
			if (value ~ /^".*"$/ || value ~ /^\047.*\047$/) { q = substr(value, 1, 1); value = substr(value, 2, length(value) - 2) }
			name = key; gsub(/["\047]/, "", name)
			if (value == "" || is_ph(value) || tolower(value) ~ /^(null|true|false|bearer|basic|token)$/) return m
			if (is_secret_name(name)) return key sep q secret(value) q
			if (is_user_name(name)) return key sep q usr(value) q
			return m
		}
		if (kind == "home") {
			match(m, /^\/(home|Users)\//)
			name = substr(m, RLENGTH + 1)
			if (tolower(name) ~ /^(shared|public|default|all users|default user)$/) return m
			return substr(m, 1, RLENGTH) usr(name)
		}
		if (kind == "winhome") {
			match(m, /^[A-Za-z]:(\\\\|\\|\/)[Uu][Ss][Ee][Rr][Ss](\\\\|\\|\/)/)
			name = substr(m, RLENGTH + 1)
			if (tolower(name) ~ /^(shared|public|default)$/) return m
			return substr(m, 1, RLENGTH) usr(name)
		}
		if (kind == "word-host" || kind == "word-user") {
			if (before ~ /[A-Za-z0-9_.-]/ || c ~ /[A-Za-z0-9_-]/ || (c == "." && substr(after, 2, 1) ~ /[A-Za-z0-9_-]/)) return "\001"
			return kind == "word-host" ? ph("host", HOSTKEY[tolower(m)]) : ph("user", user)
		}
		if (kind == "engine-id") { if (before ~ /[A-Za-z0-9_]/ || c ~ /[A-Za-z0-9_]/) return "\001"; return secret(m) }
		if (kind == "mac") {
			if (before ~ /[A-Za-z0-9_:-]/ || c ~ /[A-Za-z0-9_:-]/) return "\001"
			if (substr(m, 3, 1) != substr(m, 6, 1) || substr(m, 3, 1) != substr(m, 15, 1)) return "\001"
			return ph("mac", m)
		}
		if (kind == "ipv4") {
			if (before ~ /[A-Za-z0-9_.]/ || c ~ /[A-Za-z0-9_]/ || (c == "." && substr(after, 2, 1) ~ /[0-9]/)) return "\001"
			if (!octet_ok(m) || kept_ip(m)) return "\001"
			return ph("ip", m)
		}
		if (kind == "ipv6") {
			if (before ~ /[A-Za-z0-9_:.]/ || c ~ /[A-Za-z0-9_:]/) return "\001"
			if (!ipv6_ok(m)) return "\001"
			return ph("ip", m)
		}
		return m
	}
	function ci(text,   out, i, ch) {
		# A case-insensitive pattern for a literal name: [Aa][Bb]…, other characters escaped.
		out = ""
		for (i = 1; i <= length(text); i++) {
			ch = substr(text, i, 1)
			if (ch ~ /[A-Za-z]/) out = out "[" toupper(ch) tolower(ch) "]"
			else if (ch ~ /[0-9_-]/) out = out ch
			else out = out "[" ch "]"
		}
		return out
	}
	function literal(s, text, rep,   out, p) {
		out = ""
		while ((p = index(s, text)) > 0) { out = out substr(s, 1, p - 1) rep; s = substr(s, p + length(text)) }
		return out s
	}
	function redact(s,   hx, o) {
		if (s ~ /:\/\//) s = each(s, "[A-Za-z][A-Za-z0-9+.-]*://[^] \t/?#\"\047<>`]*", "url")
		if (tolower(s) ~ /bearer|basic/) s = each(s, "(Bearer|Basic|bearer|basic|BEARER|BASIC)[ \t]+[A-Za-z0-9._~+/=-]+", "bearer")
		if (index(s, "eyJ") > 0) s = each(s, "eyJ[A-Za-z0-9_-][A-Za-z0-9_-][A-Za-z0-9_-][A-Za-z0-9_-]+[.][A-Za-z0-9_-][A-Za-z0-9_-][A-Za-z0-9_-][A-Za-z0-9_-]+[.][A-Za-z0-9_-]*", "jwt")
		if (length(s) >= 15) s = each(s, "(gh[pousr]_[A-Za-z0-9]+|github_pat_[A-Za-z0-9_]+|glpat-[A-Za-z0-9_-]+|dckr_pat_[A-Za-z0-9_-]+|sk-[A-Za-z0-9_-]+|xox[abprs]-[A-Za-z0-9-]+|AKIA[0-9A-Z]+)", "token")
		if (s ~ /[=:]/) s = each(s, "[\"\047]?[A-Za-z_][A-Za-z0-9_.-]*[\"\047]?[ \t]*[=:][ \t]*(\"([^\"\\\\]|\\\\.)*\"|\047[^\047]*\047|[^] \t\"\047,;}]+)", "assign")
		if (home != "") s = literal(s, home, "~")
		if (s ~ /\/(home|Users)\//) s = each(s, "/(home|Users)/[^/ \t\"\047<>:;,`]+", "home")
		if (tolower(s) ~ /users/) s = each(s, "[A-Za-z]:(\\\\\\\\|\\\\|/)[Uu][Ss][Ee][Rr][Ss](\\\\\\\\|\\\\|/)[^\\\\/ \t\"\047<>:;,`]+", "winhome")
		if (HOSTRE != "") s = each(s, HOSTRE, "word-host")
		if (USERRE != "") s = each(s, USERRE, "word-user")
		if (index(s, ":") > 0) s = each(s, "[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9](:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])(:[A-Z0-9][A-Z0-9][A-Z0-9][A-Z0-9])", "engine-id")
		hx = "[0-9A-Fa-f][0-9A-Fa-f]"
		if (s ~ /[:-]/) s = each(s, hx "[:-]" hx "[:-]" hx "[:-]" hx "[:-]" hx "[:-]" hx, "mac")
		o = "[0-9][0-9]?[0-9]?"
		if (index(s, ".") > 0) s = each(s, o "[.]" o "[.]" o "[.]" o, "ipv4")
		if (index(s, ":") > 0) s = each(s, "[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(%[A-Za-z0-9_.]+)?", "ipv6")
		return s
	}
	BEGIN {
		n = split(keep, words, " ")
		for (i = 1; i <= n; i++) KEEP[words[i]] = 1
		sub(/\/+$/, "", home)
		if (home == "/" || length(home) < 4) home = ""
		HOSTRE = ""
		if (host != "") {
			short = host; sub(/\..*$/, "", short)
			# The longer form first, so "pi-lab.local" is not cut at "pi-lab".
			if (personal(host)) { HOSTKEY[tolower(host)] = host; HOSTRE = ci(host) }
			if (short != host && personal(short)) { HOSTKEY[tolower(short)] = short; HOSTRE = HOSTRE (HOSTRE == "" ? "" : "|") ci(short) }
		}
		USERRE = personal(user) ? ci(user) : ""
	}
	# A PEM block is a secret as a whole.
	/-----BEGIN [A-Z0-9 ]+-----/ { pem = $0; inpem = 1; next }
	inpem { pem = pem "\n" $0; if ($0 ~ /-----END [A-Z0-9 ]+-----/) { inpem = 0; label = pem; sub(/^.*-----BEGIN /, "", label); sub(/-----.*$/, "", label); print "-----BEGIN " label "-----"; print secret(pem); print "-----END " label "-----" } ; next }
	{ print redact($0) }
	END { if (inpem) print secret(pem) }
	'
}

case ${1:-} in
'')
	if [ "${CHATMOCK_COLLECT_NO_REDACT:-}" = 1 ]; then collect; else collect | redact; fi
	;;
--no-redact) collect ;;
--redact) redact ;;
-h | --help)
	cat <<'EOF'
Usage: sh collect.sh [--no-redact | --redact]
  (nothing)     print the facts chatmock-doctor triage reads, redacted, as one Markdown block
  --no-redact   keep host and user names, addresses and secrets (private use only)
  --redact      redact standard input the same way (check any text before pasting it)
EOF
	;;
*)
	echo "collect.sh: unknown option $1 (try --help)" >&2
	exit 2
	;;
esac
