# tmux.sh — helpers for the end-to-end tests that drive the workbench through tmux: a private tmux server whose socket
# lives in $tmp, reading the screen, waiting for text, sending keys. Source it after tests/lib.sh, with $sock set to a
# name of the test's own; the test defines `start` (how it runs the binary, writing its exit status to $tmp/exit).
T() { TMUX_TMPDIR="$tmp" tmux -L "$sock" -f /dev/null "$@" 2>/dev/null; }
trap 'T kill-server; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

screen() { T capture-pane -p -t pb; }
gone() { [ -s "$tmp/exit" ]; }
wait_for() {
	i=0
	while [ $i -lt 50 ]; do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		gone && return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
wait_re() {
	i=0
	while [ $i -lt 50 ]; do
		screen | grep -Eq -- "$1" && return 0
		gone && return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
fail_with() { not_ok "$1"; printf '   expected: %s\n   screen:\n%s\n' "$2" "$(screen)"; }
shows() { if wait_for "$2"; then ok "$1"; else fail_with "$1" "$2"; fi; }
shows_re() { if wait_re "$2"; then ok "$1"; else fail_with "$1" "a line matching $2"; fi; }
hides() { case "$(screen)" in *"$2"*) fail_with "$1" "no $2" ;; *) ok "$1" ;; esac; }
keys() { T send-keys -t pb "$@"; }
text() { T send-keys -t pb -l -- "$1"; }
# capture NAME: keeps the screen as $tmp/NAME.txt, and in $PLANBENCH_CAPTURES when set (80x24 captures for review)
capture() {
	screen >"$tmp/$1.txt"
	[ -n "$PLANBENCH_CAPTURES" ] && mkdir -p "$PLANBENCH_CAPTURES" && cp "$tmp/$1.txt" "$PLANBENCH_CAPTURES/"
	return 0
}
# quits "what": the binary ends with status 0 and nothing on standard error
quits() {
	i=0
	while [ $i -lt 50 ] && ! gone; do
		sleep 0.1
		i=$((i + 1))
	done
	check "$1" gone
	equals "$1: exit status 0" "$(cat "$tmp/exit" 2>/dev/null)" "0"
	equals "$1: nothing on stderr" "$(cat "$tmp/stderr" 2>/dev/null)" ""
}
