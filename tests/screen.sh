# screen.sh — helpers for the screen tests that drive the workbench through a private tmux server: the pane's text,
# waiting for it, sending keys. Source it after tests/lib.sh with sock set (the server's name); the pane is session
# "pb", and gone() says its program has ended once the caller's start writes the exit status to $tmp/exit$run
# (run: empty for scripts with one workbench at a time, a number for those that keep each run's files).
run=${run-}
T() { TMUX_TMPDIR="$tmp" tmux -L "$sock" -f /dev/null "$@" 2>/dev/null; }
trap 'T kill-server; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# screen: what the pane shows now; gone: the program in it has ended
screen() { T capture-pane -p -t pb; }
gone() { [ -s "$tmp/exit$run" ]; }

# How many tenths of a second a wait polls for: 10 s, as the tests run side by side (tests/run.sh), under
# AddressSanitizer or valgrind too. Only a failing check waits that long.
WAIT_TENTHS=${WAIT_TENTHS:-100}

# wait_for needle: polls the pane for up to WAIT_TENTHS tenths of a second; succeeds as soon as it shows the needle
wait_for() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		case "$(screen)" in *"$1"*) return 0 ;; esac
		gone && return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# wait_re regex: like wait_for, for an extended regular expression matched against each line
wait_re() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		screen | grep -Eq -- "$1" && return 0
		gone && return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

fail_with() { not_ok "$1"; printf '   expected: %s\n   screen:\n%s\n' "$2" "$(screen)"; }
# shows "what" needle / shows_re "what" regex: the pane shows it (waiting for it); hides: it does not, now
shows() { if wait_for "$2"; then ok "$1"; else fail_with "$1" "$2"; fi; }
shows_re() { if wait_re "$2"; then ok "$1"; else fail_with "$1" "a line matching $2"; fi; }
hides() { case "$(screen)" in *"$2"*) fail_with "$1" "no $2" ;; *) ok "$1" ;; esac; }
# keys K…: sends keys (tmux key names)
keys() { T send-keys -t pb "$@"; }
# text TEXT: sends literal text
text() { T send-keys -t pb -l -- "$1"; }

# width_is N: polls until the pane is N columns wide; resize W H: resizes the window and waits for the new width
width_is() {
	i=0
	while [ $i -lt "$WAIT_TENTHS" ]; do
		[ "$(T display-message -p -t pb '#{pane_width}')" = "$1" ] && return 0
		gone && return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
resize() { T resize-window -t pb -x "$1" -y "$2"; width_is "$1"; }

# quits "what": the workbench has ended (waiting for it), with status 0 and nothing on stderr
quits() {
	i=0
	while [ $i -lt 50 ] && ! gone; do
		sleep 0.1
		i=$((i + 1))
	done
	check "$1" gone
	equals "$1: exit status 0" "$(cat "$tmp/exit$run" 2>/dev/null)" "0"
	equals "$1: nothing on stderr" "$(cat "$tmp/stderr$run" 2>/dev/null)" ""
}

# capture NAME: keeps the screen as $tmp/NAME.txt, and in $PLANBENCH_CAPTURES when set (80x24 captures for review)
capture() {
	screen >"$tmp/$1.txt"
	[ -n "$PLANBENCH_CAPTURES" ] && mkdir -p "$PLANBENCH_CAPTURES" && cp "$tmp/$1.txt" "$PLANBENCH_CAPTURES/"
	return 0
}
