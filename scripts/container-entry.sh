#!/bin/sh
# The image's entrypoint. With the host's / mounted at $CHATMOCK_DOCTOR_ROOT (the image sets
# /host), the doctor reads the host's facts there: inside the container, /etc and the userland
# are the container's own. Options that choose the source themselves are left alone.
root="${CHATMOCK_DOCTOR_ROOT:-}"
if [ -n "$root" ] && [ -d "$root/proc" ]; then
	for arg in "$@"; do
		case "$arg" in
			--root | --root=* | --from | --from=* | --fix | triage | -h | --help | -v | --version) root="" ;;
		esac
	done
else
	root=""
fi
if [ -n "$root" ]; then
	set -- --root "$root" "$@"
fi
exec node /opt/chatmock-doctor/dist/bin.cjs "$@"
