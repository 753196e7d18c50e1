#!/bin/sh
# e2e_settings_screen.sh — the settings file reaching the workbench, driven through tmux with a settings file in a
# private XDG_CONFIG_HOME: a rebound key works and the key it replaced no longer does, the hint bar and help show
# it, a bad line is reported on the status line while the rest applies, and the theme and colours reach the screen
# as the terminal's escape sequences (tmux capture-pane -e): an override and high-contrast on a Red row, 256 colours
# and their fallback on an 8-colour terminal, and mono with no colour at all.
# usage: tests/e2e_settings_screen.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

sock="pbset$$"
. tests/screen.sh
# settle: lets the workbench draw what the last keys did
settle() { sleep 0.4; }

# start TERM W H [ENV]: the workbench on the demo data in a W x H pane whose terminal type is TERM; each run has its
# own exit file, so that the one closed before cannot be taken for it
start() {
	run=$((run + 1))
	cmd="env TERM=$1 $4 LANG=C.UTF-8 LC_ALL=C.UTF-8 XDG_CONFIG_HOME='$tmp/cfg' $pb --db '$db' 2>'$tmp/stderr$run'; echo \$? >'$tmp/exit$run'; sleep 60"
	if T has-session -t pb; then
		T respawn-pane -k -t pb "$cmd" # the server stays up: a new one could race the old one's end
	else
		T new-session -d -s pb -x "$2" -y "$3" "$cmd"
	fi
}

esc=$(printf '\033')
# sgr_before TEXT: the attributes in force (SGR parameters, one a line) where the first line with TEXT shows it: those
# set on the line before it since the last reset (tmux sends only what changes)
sgr_before() {
	T capture-pane -p -e -t pb | grep -m 1 -F -- "$1" | awk -v text="$1" '{ print substr($0, 1, index($0, text) - 1) }' |
		grep -oE "${esc}\[[0-9;]*m" | tr -d "$esc[m" | tr ';' '\n' | awk '$0 == "" || $0 == "0" { n = 0; next } { c[n++] = $0 }
		END { for (i = 0; i < n; i++) print c[i] }'
}
# has_sgr "what" TEXT CODE…: the codes are all set on TEXT
has_sgr() {
	what=$1 text=$2
	shift 2
	codes=$(sgr_before "$text")
	for c in "$@"; do
		if ! printf '%s\n' "$codes" | grep -qx -- "$c"; then
			not_ok "$what"
			printf '   expected SGR %s before "%s"; got: %s\n' "$c" "$text" "$(printf '%s' "$codes" | tr '\n' ' ')"
			return
		fi
	done
	ok "$what"
}
# colour_codes: every foreground or background colour the pane sets (30-37, 38;5;N, 40-47, 90-97, 100-107)
colour_codes() { T capture-pane -p -e -t pb | grep -oE "${esc}\\[[0-9;]*m" | tr -d "$esc[m" | tr ';' '\n' | grep -E '^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$'; }

db="$tmp/demo.db"
$pb --db "$db" init --demo >/dev/null 2>&1 || not_ok "init --demo"
mkdir -p "$tmp/cfg/planbench"
conf="$tmp/cfg/planbench/config"

# ---- keys: a rebound key works, the one it replaced does not; a clash and an unknown name are reported, the rest apply
cat >"$conf" <<'EOF'
key.list.open = o
key.list.down = k
key.browse.search = F3
colour.red = bold white on red
key.lst.up = x
key.global.quit = Q
EOF
start screen 120 30
shows "the workbench starts in spite of the bad lines" "Overdue (9)"
shows "the first problem is on the status line, with where and what to run" \
	"settings: 2 problems in planbench/config, line 2: key.list.down: k is already key."
shows "it ends saying what to run" "— run planbench settings to see them"
shows "the hint bar shows the rebound keys" "?help  j/k move  o open  F3 search  f filter  s sort  :cmd  Tab panel  Q quit"
keys Enter
shows "Enter no longer opens the action" "⏎ does nothing here; ? shows the keys"
keys o
shows "o opens it in full" "SQ4  Mobilise a fire door inspection programme"
keys Escape
shows "back in the list" "Overdue (9)"
keys j
shows "j still moves down: the clashing line was ignored" "by days overdue  2/9"
keys k
shows "and k still moves up" "by days overdue  1/9"
keys /
settle
hides "/ no longer searches" "Search:"
shows "it says so" "/ does nothing here"
keys F3
shows "F3 opens the search" "/"
keys Escape
settle
keys q
shows "q no longer quits" "q does nothing here"
keys '?'
shows_re "help shows the rebound key (Enter no more) and the action's name" "^o +open +Open the action in full"
shows "help names the setting of each section" "key.list.NAME = KEY in the settings file"
shows_re "help shows the shared keys' new key" "^F3 +search +Search actions"
keys G
shows_re "and the workbench's" "^Q +quit +Quit planbench"
# at 80 columns the Name column is left out: the status line names the selected line's setting, with what it does
resize 80 24
keys g j
shows "at 80x24 the status line gives the selected action's setting and its text" "key.list.down: Move down one action"
keys j j j j j j
shows "and follows the selection" "key.list.open: Open the action in full"
resize 120 30
keys Escape
settle
keys Q
i=0
while [ $i -lt 50 ] && ! gone; do sleep 0.1; i=$((i + 1)); done
equals "Q quits, with status 0" "$(cat "$tmp/exit$run" 2>/dev/null)" "0"
contains "the bad lines were also written to stderr before the screen started" "$(cat "$tmp/stderr$run")" "$conf line 5: key.lst.up: there is no screen \"lst\""

# ---- colours: the override reaches a Red row; selection; 256 colours and the fallback on 8 colours
start screen 120 30
shows "the list is up" "SQ11 "
has_sgr "colour.red = bold white on red: a Red row's days overdue are bold white on red" "160d" 1 37 41
has_sgr "the selected Red row is the selection (reverse) over the Red colour" "252d" 7 37 41

printf 'colour.red = 196 on 19\ncolour.selection = black on cyan\n' >"$conf"
start screen-256color 120 30
shows "the list is up on a 256-colour terminal" "SQ11 "
has_sgr "a 256-colour number is drawn as that colour where the terminal has it" "160d" 38 5 196 48 19
has_sgr "a coloured selection takes the place of the row's colour" "252d" 30 46
start screen 120 30
shows "the list is up on an 8-colour terminal" "SQ11 "
has_sgr "where the terminal has 8 colours the nearest is drawn" "160d" 31 44

# ---- themes
printf 'theme = high-contrast\n' >"$conf"
start screen-256color 120 30
shows "high-contrast starts" "SQ11 "
has_sgr "high-contrast: a Red row is bold bright white on red" "160d" 1 97 41
has_sgr "high-contrast: the header is bold black on bright white" " planbench" 1 30 107
printf 'theme = mono\n' >"$conf"
start screen-256color 120 30
shows "mono starts" "SQ11 "
equals "mono: no colour is drawn on a colour terminal" "$(colour_codes | sort -u | tr '\n' ' ')" ""
has_sgr "mono: Red stays bold" "160d" 1
has_sgr "mono: the header is reversed" " planbench" 7
printf 'theme = high-contrast\n' >"$conf"
start screen-256color 120 30 NO_COLOR=1
shows "the list is up with NO_COLOR and the high-contrast theme" "SQ11 "
equals "NO_COLOR: no colour is drawn" "$(colour_codes | sort -u | tr '\n' ' ')" ""
has_sgr "NO_COLOR: Red stays bold" "160d" 1

finish
