#!/bin/sh
# e2e_import_screen.sh — the workbench's import screen (`:import FILE`), driven through tmux (--today 2026-06-09): a
# council's tracker into a fresh database, its plan created from the screen, the mapping shown and one column's field
# changed (cycled, and typed: an unknown field and a taken one refused), the rows and problems previewed, the import
# made and checked with `planbench list`; a broken file shows its problem and writes nothing, into a plan here or a
# new one; a changed file's changes shown, and made only with the update toggle.
# usage: tests/e2e_import_screen.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

# A private tmux server whose socket lives in $tmp (the helpers are tests/screen.sh's).
sock="pbimport$$"
. tests/screen.sh

start() {
	T kill-session -t pb
	rm -f "$tmp/exit" "$tmp/stderr"
	T new-session -d -s pb -x "$1" -y "$2" -c "$PWD" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 $3 $pb --db '$db' $4 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
}
# everything: every kind exported, as one checksum (the database's content)
everything() { for k in plans sections officers methods actions revisions updates engagements; do $pb --db "$db" export --kind $k 2>/dev/null; done | cksum; }

db="$tmp/fresh.db"
$pb --db "$db" init >"$tmp/init.log" 2>&1
check "a fresh database is created" [ -f "$db" ]

# ---- :import with the file name completed ----
start 80 24 "" "--as 'Import Tester'"
shows "the workbench opens on an empty database" "No plans yet"
keys :
text "import tests/fixtures/HIP-2526-c"
keys Tab
shows "Tab completes the file name" ":import tests/fixtures/HIP-2526-council.csv"
keys Enter
shows "the import screen opens on the file" "Import HIP-2526-council.csv"
shows "it asks for the plan first" "Plan    none yet: p names it"
shows "and says what to do" "Which plan do these actions go into? p names it"
keys '?'
shows "? lists the import screen's keys" "Keys of Import a tracker"
shows "the update toggle is among them" "Changes to actions here: made (--update) or only shown"
keys Escape

# ---- the plan, created from the screen ----
keys p
shows "p asks for the plan's code" "The plan the actions of HIP-2526-council.csv go into"
shows "the code the file's name begins with is offered" "│ HIP-2526 "
keys Enter
shows "a new plan is asked for its title" "HIP-2526 is a new plan. Its title:"
keys Enter
shows "a new plan needs a title" "A new plan needs a title"
text "Housing Improvement Plan 2025/26 (Quarter 4 update)"
keys Enter
shows "then its first day" "The first day of HIP-2526"
text "31/02/2025"
keys Enter
shows "a day that does not exist is refused" "31/02/2025"
keys C-u
text "Apr-25" # a month: its first day, where a plan starts
keys Enter
shows "the plan is shown as new, with its title and start" "HIP-2526, new · Housing Improvement Plan 2025/26 (Quarter 4 update)"
shows "the file's encoding and kind" "tests/fixtures/HIP-2526-council.csv · UTF-8 · a tracker's own columns"
shows "what the import would do" "30 actions rows: 30 added, 0 changed, 0 unchanged; 14 new sections; 2"

# ---- the mapping, and one column's field changed ----
shows "the columns are listed" "[Columns 11]"
shows_re "Target Date is read as due" "^ +6 Target Date +due +recognised$"
shows_re "Comments are progress notes" "^ +8 Comments +comments \(progress notes\) +recognised$"
shows_re "the column with no header is not imported" "^ +11 \(no header\) +not imported +no header$"
capture import-columns
keys j j j j j j j
shows "the status line says what the selected column does" "Column 8, \"Comments\": comments (progress notes)"
keys Right
shows_re "Right gives the column the next field no other column has: none" "^ +8 Comments +not imported +chosen here$"
shows "and says so" "Column 8 is not imported now"
keys =
shows "= asks for the field by name" "The field column 8, \"Comments\", fills"
keys C-u
text "frobnicate"
keys Enter
shows "an unknown field is refused, naming the fields" "\"frobnicate\" is no field; the fields are plan, ref"
keys C-u
text "ti"
keys Tab
shows "Tab completes a field's name" "│ title "
keys Enter
shows "a field another column fills is refused, naming it" "title is the field of column 4 (\"Action\")"
keys Escape
shows_re "Esc leaves the column as it was" "^ +8 Comments +not imported +chosen here$"

# ---- the rows and problems previewed ----
keys Tab
shows "Tab shows the rows as they would be stored" "[Rows 30]"
shows_re "a new action, with its row, ref and lead" "^ +2 NC1 +new +Provide ASB performance data"
shows "the status line gives the row in full: no notes now that Comments is not imported" "row 2 NC1 · 0 notes · NC-1.3 · due Jul-25 → 2025-07-31"
capture import-rows
keys Tab
shows "no problems" "[Problems 0]"
shows "the empty list says so" "No problems."
keys Tab Tab
shows "the notes say what will be created" "plan HIP-2526 \"Housing Improvement Plan 2025/26 (Quarter 4 update)\" created"
equals "nothing is written while previewing" "$($pb --db "$db" export --kind plans | tail -n +2)" ""

# ---- the import ----
keys i
shows "i asks before importing, saying what" "Import the 30 actions of HIP-2526-council.csv into HIP-2526, a new"
keys y
shows "the import says what it did" "Imported HIP-2526-council.csv into HIP-2526: 30 actions rows: 30 added"
capture import-done
equals "30 actions landed (planbench list)" "$($pb --db "$db" list --plan HIP-2526 --format csv | tail -n +2 | wc -l)" "30"
contains "with the plan's title" "$($pb --db "$db" export --kind plans)" "HIP-2526,Housing Improvement Plan 2025/26 (Quarter 4 update),improvement,2025-04-01"
contains "the column set aside was not imported: no progress notes" "$($pb --db "$db" show SQ9 --plan HIP-2526 --format json)" '"updates":[]'
contains "the other columns were: SQ9's target history" "$($pb --db "$db" show SQ9 --plan HIP-2526)" "2. 31 Mar 2026 -> 31 Jul 2026"
contains "the change log names who imported it" "$($pb --db "$db" show SQ9 --plan HIP-2526)" "Import Tester  created"
shows "the screen now finds every action here" "30 actions rows: 0 added, 0 changed, 30 unchanged"
keys Escape
shows "Esc shows the plan's actions" "planbench · HIP-2526 · 9 Jun 2026  Housing Improvement Plan 2025/26"
shows_re "the navigator lists the new plan" "^. HIP-2526 +30│"

# ---- a broken file: its problem shown, nothing written ----
before=$(everything)
keys :
text "import tests/fixtures/broken.csv"
keys Enter
shows "the broken file opens on the plan the list shows" "HIP-2526 · Housing Improvement Plan 2025/26 (Quarter 4 update) (here)"
shows "its problem is shown, naming the row and the column" "1 problem: tests/fixtures/broken.csv: row 3, column \"Target Date\""
keys Tab Tab
shows "the problems list it" "[Problems 1]"
shows_re "below the list, the problem selected is shown whole, wrapped" "^ tests/fixtures/broken.csv: row 3, column \"Target Date\" \(due\): cannot read$"
shows_re "down to what is wrong with the date" "^ target date \"31/02/2026\": there is no 31 February 2026$"
capture import-broken
keys i
shows "i refuses, saying why" "Nothing can be imported yet: 1 problem"
equals "nothing was written" "$(everything)" "$before"
keys p C-u
text "NEW-9"
keys Enter
text "Never made"
keys Enter Enter
shows "into a new plan, the same problem" "1 problem: tests/fixtures/broken.csv: row 3"
keys i
shows "and the same refusal" "Nothing can be imported yet: 1 problem"
lacks "the new plan was not made" "$($pb --db "$db" export --kind plans)" "NEW-9"
equals "the database is exactly as it was" "$(everything)" "$before"
keys Escape

# ---- a changed file: changes shown, made only with u (as --update) ----
sed 's/Jan-27,GREEN/Mar-27,AMBER/' tests/fixtures/HIP-2526-council.csv >"$tmp/HIP-2526-q1.csv"
keys :
text "import $tmp/HIP-2526-q1.csv"
keys Enter
shows "the changed file is read" "Import HIP-2526-q1.csv"
shows "its Comments would add the notes left out before: every action changes" "30 changed (not made)"
keys j j j j j j j Right
shows_re "the Comments column is left out again" "^ +8 Comments +not imported +chosen here$"
shows "one action changes, not made yet" "1 changed (not made)"
keys Tab Tab Tab
shows "the changes are listed" "[Changes 2]"
shows_re "the new target date" "^TIA13 +due +\"Jan-27\" → \"Mar-27\""
keys u
shows "u makes the changes" "changes to actions already here are made (u: only show them)"
keys i
shows "the question says the changes are made" "(the changes are made)"
keys y
shows "the import says so" "Imported HIP-2526-q1.csv into HIP-2526"
contains "the change is made" "$($pb --db "$db" show TIA13 --plan HIP-2526)" "As written:  Mar-27"
contains "and audited under the officer" "$($pb --db "$db" show TIA13 --plan HIP-2526)" "Import Tester  rag: G -> A"
keys Escape q
quits "q quits"

# ---- read-only: :import is refused ----
start 80 24 "" "--read-only"
shows "read-only opens" "READ-ONLY"
keys :
text "import tests/fixtures/HIP-2526-council.csv"
keys Enter
shows "read-only refuses an import" "Read-only: importing is refused"
keys q
quits "q quits a read-only workbench"

# ---- a file that is not there ----
start 80 24 "" ""
keys :
text "import tests/fixtures/no-such.csv"
keys Enter
shows "a missing file is named, with how to find it" "tests/fixtures/no-such.csv: cannot open the file (No such file or directory)"

# ---- a file whose name says it holds another kind: refused, as its rows would become actions ----
before=$(everything)
keys :
text "import sample-data/engagements.csv"
keys Enter
shows "engagement records are not taken for a tracker of actions" "engagements.csv holds engagements, not actions: use \`planbench import\`"
hides "no import screen opens on them" "Import engagements.csv"
equals "nothing was written" "$(everything)" "$before"
keys q
quits "q quits"

finish
