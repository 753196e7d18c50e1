# screen.sh — helpers for the screen tests that drive the workbench through a private tmux server: the pane's text,
# waiting for it, sending keys. Source it after tests/lib.sh with sock set (the server's name); the pane is session
# "pb", and gone() says its program has ended once the caller's start writes the exit status to $tmp/exit$run.
# (The older screen tests carry their own copy of these.)
run=${run:-0}
T() { TMUX_TMPDIR="$tmp" tmux -L "$sock" -f /dev/null "$@" 2>/dev/null; }
trap 'T kill-server; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# screen: what the pane shows now; gone: the program in it has ended
screen() { T capture-pane -p -t pb; }
gone() { [ -s "$tmp/exit$run" ]; }

# wait_for needle: polls the pane for up to ~5 s; succeeds as soon as it shows the needle
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

# wait_re regex: like wait_for, for an extended regular expression matched against each line
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
# shows "what" needle / shows_re "what" regex: the pane shows it (waiting for it); hides: it does not, now
shows() { if wait_for "$2"; then ok "$1"; else fail_with "$1" "$2"; fi; }
shows_re() { if wait_re "$2"; then ok "$1"; else fail_with "$1" "a line matching $2"; fi; }
hides() { case "$(screen)" in *"$2"*) fail_with "$1" "no $2" ;; *) ok "$1" ;; esac; }
# keys K…: sends keys (tmux key names)
keys() { T send-keys -t pb "$@"; }
