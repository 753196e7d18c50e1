# lib.sh — helpers for the end-to-end tests: each check prints "ok - what" or "not ok - what".
# Source it after setting BUILD; it makes $tmp (removed on exit) and $pb (the binary with --today fixed).
BIN="$(cd "${BUILD:-build}" && pwd)/planbench"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
TODAY=2026-06-09
# PLANBENCH_WRAP prefixes every run of the binary, e.g. with valgrind (`make valgrind-test`).
pb="${PLANBENCH_WRAP:+$PLANBENCH_WRAP }$BIN --today $TODAY"

ok() { echo "ok - $1"; }
not_ok() { echo "not ok - $1"; fails=$((fails + 1)); }

# check "what" COMMAND…: passes when the command succeeds
check() {
	what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}

# contains "what" "$haystack" needle: passes when the text contains the needle
contains() {
	case "$2" in
	*"$3"*) ok "$1" ;;
	*) not_ok "$1"; printf '   expected to find: %s\n   in: %s\n' "$3" "$(printf '%s' "$2" | head -c 600)" ;;
	esac
}

# lacks "what" "$haystack" needle
lacks() {
	case "$2" in
	*"$3"*) not_ok "$1"; printf '   did not expect: %s\n' "$3" ;;
	*) ok "$1" ;;
	esac
}

# equals "what" actual expected
equals() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1"; printf '   expected: %s\n   got:      %s\n' "$3" "$2"; fi
}

finish() {
	[ "$fails" -eq 0 ]
}
