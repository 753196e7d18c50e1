#!/bin/sh
# e2e_terminal.sh — odd terminals: a locale that is not UTF-8 (ASCII only on screen), and rapid resizes down to 20x5 while typing.
BUILD=${1:-build}
. tests/lib.sh

db="$tmp/demo.db"
$pb --db "$db" init --demo >/dev/null
sock="pbterm$$"
runs=0
T() { TMUX_TMPDIR="$tmp" tmux -L "$sock$runs" -f /dev/null "$@" 2>/dev/null; }
trap 'for r in 1 2 3; do TMUX_TMPDIR="$tmp" tmux -L "$sock$r" kill-server 2>/dev/null; done; rm -rf "$tmp"' EXIT
screen() { T capture-pane -p -t pb; }
keys() { T send-keys -t pb "$@"; }
wait_for() { # wait_for TEXT: up to ~5 s
	for _ in $(seq 50); do
		screen | grep -qF -- "$1" && return 0
		sleep 0.1
	done
	return 1
}
start() { # start W H ENV…
	w=$1 h=$2
	shift 2
	T kill-server
	runs=$((runs + 1)) # a fresh server each time: a dying one must not take the new session
	T new-session -d -s pb -x "$w" -y "$h" "env $* $BIN --db $db --today $TODAY --as 'Simon Parry'; echo EXIT=\$?; sleep 30"
}

# -- a terminal whose locale is not UTF-8: nothing but ASCII reaches it
start 80 24 LANG=C LC_ALL=C
check "LANG=C: the workbench opens on the overdue queue" wait_for "Overdue (9)"
check "LANG=C: the list is drawn" wait_for "SQ4"
ascii_only() { screen >"$tmp/cap"; ! LC_ALL=C grep -q '[^ -~]' "$tmp/cap"; }
check "LANG=C: every byte on the screen is ASCII" ascii_only
contains "LANG=C: long titles end in ~ instead of an ellipsis" "$(screen)" "~"
contains "LANG=C: set and computed RAG still read as letters" "$(screen)" "G!R"
contains "LANG=C: the panel border is ASCII" "$(screen)" "|"
keys Enter
check "LANG=C: the full action opens" wait_for "As written"
check "LANG=C: still nothing but ASCII" ascii_only
keys q
keys q
check "LANG=C: quits cleanly" wait_for "EXIT=0"

# -- rapid resizes, down to 20x5, while an update is being typed: nothing typed is lost
start 80 24 LANG=C.UTF-8
check "opens" wait_for "Overdue (9)"
keys u
check "the update editor opens" wait_for "Progress update"
keys -l "Resize test: café £5 survives"
check "the typed text is shown" wait_for "café £5 survives"
for size in "20 5" "120 40" "30 8" "79 23" "20 5" "44 12" "200 60" "20 5"; do
	set -- $size
	T resize-window -t pb -x "$1" -y "$2"
	sleep 0.05
done
check "at 20x5 it says the terminal is too small, without crashing" wait_for "too small"
T resize-window -t pb -x 80 -y 24
check "back at 80x24 the editor and its text are there" wait_for "café £5 survives"
keys F2
check "the update is saved" wait_for "Overdue"
out=$($pb --db "$db" show SQ4 --plan HIP-2526 --format json)
contains "the saved text is exactly what was typed" "$out" '"text":"Resize test: café £5 survives"'

finish
