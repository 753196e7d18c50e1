#!/bin/sh
# e2e_screen.sh — the full-screen workbench driven through tmux: plans, the list, the detail pane, help, resize, quit.
# usage: tests/e2e_screen.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

# A private tmux server whose socket lives in $tmp, so nothing is left behind.
sock="pbtest$$"
T() { TMUX_TMPDIR="$tmp" tmux -L "$sock" -f /dev/null "$@" 2>/dev/null; }
trap 'T kill-server; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

# screen: what the pane shows now
screen() { T capture-pane -p -t pb; }
# gone: the workbench has ended (its exit status is written)
gone() { [ -s "$tmp/exit" ]; }

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

# shows "what" needle: a check that the pane shows the needle (waiting for it)
shows() {
	if wait_for "$2"; then ok "$1"; else not_ok "$1"; printf '   expected to see: %s\n   screen:\n%s\n' "$2" "$(screen)"; fi
}

# width_is N: polls until the pane is N columns wide
width_is() {
	i=0
	while [ $i -lt 50 ]; do
		[ "$(T display-message -p -t pb '#{pane_width}')" = "$1" ] && return 0
		gone && return 1
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

db="$tmp/demo.db"
$pb --db "$db" init --demo >"$tmp/init.log" 2>&1
check "init --demo creates the database" [ -f "$db" ]

# The workbench runs in a detached 80x24 session; its exit status lands in a file.
T new-session -d -s pb -x 80 -y 24 \
	"env LC_ALL=C.UTF-8 LANG=C.UTF-8 $pb --db '$db' 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
shows "the workbench opens at 80x24 on the first plan" "planbench · HRS-2026 · 9 Jun 2026"
shows "the hint bar comes from the key table" "?help  j/k move  p plan"

# p (or Tab) goes to the next plan; the demo plans are HRS-2026, HIP-2526, HIP-2627.
T send-keys -t pb p
shows "the plan key switches to HIP-2526" "planbench · HIP-2526 · 9 Jun 2026"
shows "HIP-2526 lists SQ9" "SQ9"
shows "leads are shown (Simon Parry)" "Simon Parry"
shows "the header counts the plan's actions" "30 actions"

# Move down to SQ9 (the first row is line 3) and open the detail pane.
row=$(screen | grep -n ' SQ9 ' | head -n 1 | cut -d: -f1)
if [ -n "$row" ] && [ "$row" -ge 3 ]; then
	k=3
	while [ $k -lt "$row" ]; do
		T send-keys -t pb j
		k=$((k + 1))
	done
	ok "SQ9 is on screen"
else
	not_ok "SQ9 is on screen"
fi
shows "moving down updates the position" "12/30"
T send-keys -t pb Enter
shows "Enter opens the detail pane for SQ9" "SQ9 · SQ-1.3"
shows "the detail shows the target date as written" "Dec-25 (Revised Mar-26) Revised July 2026"
shows "the detail shows the newest progress update" "2025/26 Q4"
shows "the hint bar offers Esc to close the pane" "Esc close"

# Help is written from the key tables.
T send-keys -t pb '?'
shows "? opens help listing the plan keys" "Next plan"
T send-keys -t pb Escape
shows "Esc closes help" "SQ9 · SQ-1.3"

# Resize at any moment: smaller, tiny, then back.
T resize-window -t pb -x 60 -y 20
width_is 60
shows "after resizing to 60x20 the header still draws" "planbench · HIP-2526"
shows "after resizing to 60x20 SQ9 is still shown" "SQ9"
T resize-window -t pb -x 20 -y 5
width_is 20
shows "at 20x5 the screen says it is too small" "too small"
T resize-window -t pb -x 80 -y 24
width_is 80
shows "back at 80x24 the list draws again" "Simon Parry"

# q quits, with status 0 and nothing on stderr.
T send-keys -t pb q
i=0
while [ $i -lt 50 ] && ! gone; do
	sleep 0.1
	i=$((i + 1))
done
check "q ends the workbench" gone
equals "the workbench exits with status 0" "$(cat "$tmp/exit" 2>/dev/null)" "0"
equals "nothing was written to stderr" "$(cat "$tmp/stderr" 2>/dev/null)" ""

finish
