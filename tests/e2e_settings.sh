#!/bin/sh
# e2e_settings.sh — the settings file ($XDG_CONFIG_HOME/planbench/config): `settings` shows every setting and where it
# came from, `--template` writes a file that reads back clean, a bad line is reported with its number while the rest
# apply (the workbench opens on the file's plan), and the data's settings change only through `settings set`, audited.
BUILD=${1:-build}
. tests/lib.sh

command -v sqlite3 >/dev/null 2>&1 || { not_ok "sqlite3 is installed (apt-get install sqlite3)"; exit 1; }

db="$tmp/s.db"
P="$pb --db $db"
$P init --demo >/dev/null 2>&1 || not_ok "init --demo"
export XDG_CONFIG_HOME="$tmp/cfg"
conf="$tmp/cfg/planbench/config"

# -- no file: the defaults, from where they come
out=$($P settings 2>&1)
equals "settings without a file exits 0" "$?" "0"
contains "it names the file it looked for" "$out" "Settings file: $conf (none, so the defaults apply"
contains "the threshold comes from the database's defaults" "$out" "rag.amber_days      30                      default"
contains "so does the quarter scheme" "$out" "quarter.scheme      financial               default"
contains "no plan: the overdue queue" "$out" "plan                (none)                  default"
contains "the default theme's colours" "$out" "colour.header       bold white on blue      default"
contains "it says what the workbench applies, and where the key names are" "$out" "The workbench applies plan, theme, colour.* and key.*; \`planbench settings --keys\` lists"
lacks "nothing is said to be not applied" "$out" "not yet"
lacks "and there is no problem" "$out" "problem"
out=$($pb --db "$tmp/none.db" settings 2>&1)
contains "a database not made yet shows the defaults" "$out" "(none yet, so its settings are the defaults)"
check "and is not created by looking" [ ! -e "$tmp/none.db" ]

# -- the template: every setting, its default commented out; it reads back with no problem
mkdir -p "$tmp/cfg/planbench"
$P settings --template >"$conf"
equals "--template exits 0" "$?" "0"
tpl=$(cat "$conf")
for k in "# plan =" "# theme = default" "# colour.red = red" "# colour.amber = yellow" "# colour.green = green" \
	"# colour.complete = blue" "# colour.header = bold white on blue" "# colour.selection = reverse" \
	"rag.amber_days (default 30)" "quarter.scheme (default financial)" "key.VIEW.ACTION = KEY"; do
	contains "the template has \"$k\"" "$tpl" "$k"
done
out=$($P settings 2>&1)
lacks "the template reads back with no problem" "$out" "problem"
contains "and changes nothing" "$out" "theme               default                 default"
sed 's/^# \([a-z.]* = .*\)$/\1/' "$conf" >"$tmp/live"
cp "$tmp/live" "$conf"
out=$($P settings 2>&1)
lacks "its defaults uncommented read with no problem" "$out" "problem"
contains "and give the defaults, from the file" "$out" "colour.header       bold white on blue      file"

# -- a bad line is reported with its number and ignored; the rest apply
cat >"$conf" <<'EOF'
# my settings
plan = HIP-2526
theme = purple
colour.red = bold white on red
rag.amber_days = 14
key.list.search = F13
key.list.open = o
key.list.down = k
key.lst.down = n
EOF
out=$($P settings 2>&1)
equals "settings with bad lines still exits 0" "$?" "0"
contains "a bad theme is reported with its line" "$out" "$conf line 3: theme \"purple\" is not a theme; write default, high-contrast or mono"
contains "a bad key is reported with its line" "$out" "$conf line 6: key.list.search: \"F13\" is not a key"
contains "a threshold in the file is reported as ignored" "$out" "$conf line 5: rag.amber_days belongs to the data, so it is kept in the database and this line is ignored"
contains "saying how to change it" "$out" "change it with \`planbench settings set rag.amber_days 14\`"
contains "a key another action of the screen uses is reported with its line" "$out" \
	"$conf line 8: key.list.down: k is already key.list.up (Move up one action) on the list screen; this line is ignored — choose another key"
contains "a screen that is not there is reported, naming those there are" "$out" \
	"$conf line 9: key.lst.down: there is no screen \"lst\"; the screens are global, browse, text, list, nav, detail, search"
contains "the problems are counted" "$out" "5 problems in the settings file (those lines are ignored; the other lines apply)"
contains "the clashing key is shown as ignored" "$out" "key.list.down       k                       file      line 8: ignored (see below)"
contains "the plan line applies" "$out" "plan                HIP-2526                file      line 2: the workbench opens on it"
contains "the colour line applies" "$out" "colour.red          bold white on red       file      line 4"
contains "the good key line applies" "$out" "key.list.open       o                       file      line 7"
contains "the bad theme leaves the default theme" "$out" "theme               default                 default"
contains "the database's threshold is the one shown" "$out" "rag.amber_days      30                      default   the file's line 5 is ignored"
# -- values and settings wider than their column are shown whole: the high-contrast theme's colours, a long key name
cp "$conf" "$conf.kept"
printf 'theme = high-contrast\nkey.engagement-detail.edit = F9\n' >"$conf"
out=$($P settings 2>&1)
mv "$conf.kept" "$conf"
contains "the high-contrast theme's Amber is shown whole" "$out" "colour.amber        bold black on bright-yellow  file      the high-contrast theme's"
contains "and its Complete" "$out" "colour.complete     bold bright-white on blue  file"
contains "a key setting longer than the column is shown whole" "$out" "key.engagement-detail.edit  F9 "
lacks "nothing is cut" "$out" "…"
out=$($P settings --keys 2>&1)
equals "settings --keys exits 0" "$?" "0"
contains "--keys lists every action by its setting, the file's key marked" "$out" "  key.list.open                      *o                Open the action in full"
contains "the key it replaced is gone from it" "$out" "*o                Open the action in full: fields, history, updates, links"
contains "the keys kept are listed as the file writes them" "$out" "  key.list.page-down                  PgDn, Space      Page down"
contains "the shared tables have names too" "$out" "  key.browse.search                   /                Search actions"
contains "and the text fields" "$out" "  key.text.delete-word                Ctrl-W           Delete the word before the cursor"
contains "it says the file has problems" "$out" "5 problems in the settings file: \`planbench settings\` lists them."
views=$(grep -c '^const struct view_ops view_' tui/*.c | awk -F: '{ n += $2 } END { print n }')
equals "every screen of the workbench has a name (and the three shared tables)" \
	"$(printf '%s\n' "$out" | grep -cE '^[a-z-]+: ')" "$((views + 3))"

# the workbench opens on the file's plan, having warned of the bad lines
if command -v tmux >/dev/null; then
	sock="pbset$$"
	TMUX_TMPDIR="$tmp" tmux -L "$sock" new-session -d -s s -x 100 -y 30 \
		"XDG_CONFIG_HOME='$tmp/cfg' $pb --db '$db'; echo EXIT=\$?; sleep 5"
	seen=""
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		seen=$(TMUX_TMPDIR="$tmp" tmux -L "$sock" capture-pane -t s -p 2>/dev/null)
		case "$seen" in *"HIP-2526"*) break ;; esac
		sleep 0.5
	done
	contains "the workbench opens on the plan the file names" "$(printf '%s\n' "$seen" | head -n 1)" "planbench · HIP-2526 ·"
	TMUX_TMPDIR="$tmp" tmux -L "$sock" send-keys -t s q
	sleep 1
	after=$(TMUX_TMPDIR="$tmp" tmux -L "$sock" capture-pane -t s -p -J)
	contains "it had warned of each bad line, by number" "$after" "planbench: warning: $conf line 3: theme \"purple\""
	contains "and still ran" "$after" "EXIT=0"
	TMUX_TMPDIR="$tmp" tmux -L "$sock" kill-server 2>/dev/null
fi
printf 'plan = NOPE-1\n' >"$conf"
contains "a plan the database does not hold is reported, naming the plans" "$($P settings)" \
	"$conf line 1: there is no plan \"NOPE-1\" in this database, so the workbench opens on the overdue queue; the plans are HRS-2026, HIP-2526, HIP-2627"

# -- the data's settings: `settings set`, one audited transaction, applied to every computed RAG
contains "before: a target 21 days off is computed Amber" "$($P show NC1.3.2 --plan HIP-2627)" "computed AMBER: due in 21 days (30 Jun 2026)"
out=$($P --as "Jo Admin" settings set rag.amber_days 20 2>&1)
equals "settings set exits 0" "$?" "0"
contains "it says what changed" "$out" "rag.amber_days: 30 -> 20 in $db (recorded in the audit trail as Jo Admin)"
out=$($P show NC1.3.2 --plan HIP-2627)
contains "after: the same target is computed Green, as set" "$out" "RAG:         GREEN"
lacks "and no longer Amber" "$out" "AMBER"
contains "settings shows the database's value" "$($P settings)" "rag.amber_days      20                      database"
equals "the change is in the audit trail" "$(sqlite3 "$db" "SELECT who || '|' || field || '|' || old || '|' || new FROM audit WHERE entity = 'setting'")" \
	"Jo Admin|rag.amber_days|30|20"
out=$($P settings set rag.amber_days 020 2>&1)
contains "setting the same value changes nothing" "$out" "rag.amber_days is already 20"
equals "and records nothing" "$(sqlite3 "$db" "SELECT count(*) FROM audit WHERE entity = 'setting'")" "1"
out=$($P settings set quarter.scheme Calendar 2>&1)
contains "the quarter scheme is set in its usual form" "$out" "quarter.scheme: financial -> calendar"
$P update NC1.3.2 --plan HIP-2627 --note "Tagged by the calendar quarter." >/dev/null
contains "and updates are labelled by it" "$($P show NC1.3.2 --plan HIP-2627)" "2026 Q2"
before=$(sqlite3 "$db" "SELECT count(*) FROM audit")
out=$($P settings set rag.amber_days soon 2>&1)
equals "a value that is not a number of days exits 2" "$?" "2"
contains "saying what it takes" "$out" "rag.amber_days is a number of days from 0 to 365, not \"soon\""
out=$($P settings set theme mono 2>&1)
equals "a display setting cannot be set in the database (exit 2)" "$?" "2"
contains "it says where it is kept" "$out" "theme is a display setting, kept in your settings file $conf"
out=$($P settings set colour 1 2>&1)
contains "an unknown setting names those there are" "$out" "they are rag.amber_days and quarter.scheme"
out=$($P --read-only settings set rag.amber_days 7 2>&1)
equals "--read-only refuses to change a setting (exit 4)" "$?" "4"
equals "none of those wrote anything" "$(sqlite3 "$db" "SELECT count(*) FROM audit")" "$before"
out=$($P settings set rag.amber_days 2>&1)
equals "set without a value is a usage error" "$?" "2"

# -- bash completion knows the settings kept in the database and their values
if command -v bash >/dev/null; then
	complete_words() { # complete_words "typed words…" → the completions, one per line
		PATH="$(dirname "$BIN"):$PATH" bash -c '. tui/planbench.bash
			COMP_WORDS=($1); COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _planbench; printf "%s\n" "${COMPREPLY[@]}"' _ "$1"
	}
	equals "completes settings set" "$(complete_words "planbench settings s")" "set"
	equals "completes the keys kept in the database" "$(complete_words "planbench settings set rag")" "rag.amber_days"
	equals "completes the quarter schemes" "$(complete_words "planbench settings set quarter.scheme cal")" "calendar"
fi

# -- where the file is looked for, and files that cannot be read
out=$(HOME="$tmp/home" XDG_CONFIG_HOME=relative/dir $P settings 2>&1)
contains "a relative XDG_CONFIG_HOME is not used: ~/.config is" "$out" "Settings file: $tmp/home/.config/planbench/config"
out=$(HOME="$tmp/home" XDG_CONFIG_HOME= $P settings 2>&1)
contains "an empty XDG_CONFIG_HOME means ~/.config" "$out" "Settings file: $tmp/home/.config/planbench/config"
rm -f "$conf"
mkdir "$conf"
out=$($P settings 2>&1)
equals "a folder where the file should be does not stop planbench" "$?" "0"
contains "it is reported" "$out" "$conf is not a plain file, so the defaults apply"
rmdir "$conf"
printf 'plan = HIP-2627\r\ntheme = mono\r\n' >"$conf"
out=$($P settings 2>&1)
lacks "a file saved with Windows line ends reads cleanly" "$out" "problem"
contains "and applies" "$out" "plan                HIP-2627                file"

finish
