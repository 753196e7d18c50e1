#!/bin/sh
# e2e_dist.sh — what IT gets handed: the lone static binary, make install/uninstall, the man page.
BUILD=${1:-build}
. tests/lib.sh

static=build-static/planbench
if [ ! -x "$static" ]; then
	not_ok "the static binary exists (make static)"
	finish
	exit 1
fi

# -- the static binary: no shared libraries, and the CLI suite passes from a folder holding only it
check "the static binary needs no shared libraries" sh -c "! ldd $static >/dev/null 2>&1"
mkdir -p "$tmp/lone"
cp "$static" "$tmp/lone/planbench"
out=$(sh tests/e2e_cli.sh "$tmp/lone" 2>&1)
equals "the CLI tests pass on the lone static binary" "$(printf '%s\n' "$out" | grep -c '^not ok')" "0"
check "and they ran" [ "$(printf '%s\n' "$out" | grep -c '^ok')" -gt 50 ]
if [ "$(id -u)" = 0 ]; then
	mkdir -p "$tmp/root"
	cp "$static" "$tmp/root/planbench"
	out=$(chroot "$tmp/root" /planbench --db /demo.db --today $TODAY init --demo 2>&1)
	contains "init --demo works in an empty root with no libraries or files" "$out" "Created /demo.db"
	out=$(chroot "$tmp/root" /planbench --db /demo.db --today $TODAY show SQ9 --plan HIP-2526 2>&1)
	contains "the demo data is built into the binary" "$out" "Dec-25 (Revised Mar-26) Revised July 2026"
fi

# -- a terminal this system has no description for: the built-in one of its family is used
out=$(TERM=xterm-planbench-unknown script -qec "timeout 5 $static --db $tmp/lone/t.db --today $TODAY --version" /dev/null 2>&1)
contains "--version names planbench and SQLite" "$out" "SQLite 3."
$static --db "$tmp/lone/v.db" init >/dev/null 2>&1
equals "--version names the schema a database it makes is given" "$(printf '%s\n' "$out" | tr -d '\r' | sed -n 's/^schema //p')" \
	"$(sqlite3 "$tmp/lone/v.db" 'PRAGMA user_version' 2>/dev/null)"
rm -f "$tmp/lone/v.db"
$pb --db "$tmp/t.db" init --demo >/dev/null
if command -v tmux >/dev/null; then
	sock="pbdist$$"
	TMUX_TMPDIR="$tmp" tmux -L "$sock" new-session -d -s d -x 80 -y 24 \
		"TERM=xterm-planbench-unknown $static --db $tmp/t.db --today $TODAY; echo EXIT=\$?; sleep 5"
	seen=""
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		seen=$(TMUX_TMPDIR="$tmp" tmux -L "$sock" capture-pane -t d -p 2>/dev/null)
		case "$seen" in *"Overdue ("*) break ;; esac
		sleep 0.5
	done
	contains "the workbench opens on an unknown xterm variant" "$seen" "Overdue ("
	TMUX_TMPDIR="$tmp" tmux -L "$sock" send-keys -t d q
	sleep 1
	contains "and quits cleanly" "$(TMUX_TMPDIR="$tmp" tmux -L "$sock" capture-pane -t d -p)" "EXIT=0"
	TMUX_TMPDIR="$tmp" tmux -L "$sock" kill-server 2>/dev/null
fi
out=$(TERM=nothing-like-it $static --db "$tmp/t.db" </dev/null 2>&1 >/dev/null)
contains "an unknown terminal of no known family names TERM" "$out" "TERM=nothing-like-it"

# -- install and uninstall into a prefix, no root needed
prefix="$tmp/prefix"
make --no-print-directory install PREFIX="$prefix" >/dev/null 2>&1
check "make install PREFIX=… succeeds" [ $? -eq 0 ]
check "installs the binary" [ -x "$prefix/bin/planbench" ]
check "installs the man page" [ -f "$prefix/share/man/man1/planbench.1" ]
check "installs the bash completion" [ -f "$prefix/share/bash-completion/completions/planbench" ]
check "installs the demo data" [ -f "$prefix/share/planbench/sample-data/HIP-2526-actions.csv" ]
contains "the installed binary runs" "$("$prefix/bin/planbench" --version)" "planbench"
make --no-print-directory uninstall PREFIX="$prefix" >/dev/null 2>&1
equals "make uninstall leaves no file behind" "$(find "$prefix" -type f | wc -l)" "0"

# -- bash completion: commands, options, option values, plan codes and officer names from the database
if command -v bash >/dev/null; then
	complete_words() { # complete_words "typed words…" → the completions, one per line
		PATH="$(dirname "$BIN"):$PATH" bash -c '. tui/planbench.bash
			COMP_WORDS=($1); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _planbench; printf "%s\n" "${COMPREPLY[@]}"' _ "$1"
	}
	contains "completes commands" "$(complete_words "planbench --db $tmp/t.db li")" "list"
	contains "completes a command's options" "$(complete_words "planbench --db $tmp/t.db list --ov")" "--overdue"
	contains "completes option values from the usage" "$(complete_words "planbench --db $tmp/t.db list --format j")" "json"
	contains "completes export's --with-notes (from its usage)" "$(complete_words "planbench --db $tmp/t.db export --wi")" "--with-notes"
	contains "completes report's --kind (the engagement summary's form)" "$(complete_words "planbench --db $tmp/t.db report --ki")" "--kind"
	contains "completes the summary's --by values" "$(complete_words "planbench --db $tmp/t.db report --kind engagements --by t")" "team"
	contains "completes plan codes from the database" "$(complete_words "planbench --db $tmp/t.db list --plan HIP")" "HIP-2627"
	contains "completes officer names from the database, quoted" "$(complete_words "planbench --db $tmp/t.db list --owner Sim")" 'Simon\ Parry'
	contains "keeps a name with a comma whole" "$(complete_words "planbench --db $tmp/t.db list --owner Hea")" 'Health\,\ Education\ and\ Social\ Care\ Leads'
fi

# -- help: each command's usage reads as sentences; the man page gives each command's synopsis on one line
lacks "sync's help has no capital in mid-sentence" "$($BIN help sync)" "Is refused"
contains "and says which edit wins" "$($BIN help sync)" "the newer edit wins"
if command -v man >/dev/null && man -l tui/planbench.1 >/dev/null 2>&1; then
	manpage=$(MANWIDTH=100 man -l tui/planbench.1 2>/dev/null)
	for synopsis in "export [--kind KIND] [--plan CODE] [-o FILE] [--with-notes]" \
		"list [FILTERS] [--sort ORDER] [--format table|csv|json]" "update REF [--plan CODE] OPTIONS"; do
		check "the man page gives \"$synopsis\" on its line" sh -c 'printf "%s\n" "$1" | grep -qxF "       $2"' _ "$manpage" "$synopsis"
	done
fi

# -- the man page documents every command the binary accepts
for cmd in $($BIN help | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p; s/^  \([a-z][a-z-]*\)$/\1/p' | sort -u); do
	check "the man page documents \"$cmd\"" sh -c "sed 's/\\\\-/-/g' tui/planbench.1 | grep -qE '^\\.(B|BI|BR) \"?$cmd( |\"|\$)'"
done

finish
