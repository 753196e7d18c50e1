#!/bin/sh
# e2e_script.sh — `planbench --script FILE` on the demo data (--today 2026-06-09): the real workbench replays the
# keys off-screen and prints the final screen: the first frame, moving, an action in full, search, the command line,
# a progress update saved, resizing (mid-edit too), --size, --read-only, --today, --timings; and scripts with
# mistakes in them.
BUILD=${1:-build}
. tests/lib.sh
export LC_ALL=C.UTF-8

db="$tmp/demo.db"
$pb --db "$db" init --demo >"$tmp/init.log" 2>&1
check "init --demo creates the database" [ -f "$db" ]

# run NAME [OPTIONS]: runs the script $tmp/NAME (written with keys) as Simon Parry; the screen in $out, the
# exit status in $rc, standard error in $err
run() {
	name=$1
	shift
	out=$($pb --db "$db" --as "Simon Parry" "$@" --script "$tmp/$name" 2>"$tmp/err")
	rc=$?
	err=$(cat "$tmp/err")
}
# keys NAME LINE…: writes the script NAME, one line each
keys() {
	name=$1
	shift
	printf '%s\n' "$@" >"$tmp/$name"
}
# line N: line N of the last screen
line() { printf '%s\n' "$out" | sed -n "${1}p"; }

# ---- the first frame ----
: >"$tmp/empty"
run empty
equals "an empty script exits 0" "$rc" 0
equals "and writes nothing on stderr" "$err" ""
equals "the screen is 80x24 by default: 24 lines" "$(printf '%s\n' "$out" | wc -l)" 24
equals "the header shows the Overdue view on --today" "$(line 1)" " planbench · 9 Jun 2026  Overdue (9)"
contains "the navigator counts the overdue actions" "$(line 3)" "Overdue            9│"
contains "the navigator counts My actions for --as" "$out" "My actions        48│"
equals "the status line says in full why the first action's RAG differs, beside the sort and place" "$(line 23)" \
	"set GREEN, computed RED: 252 days overdue (30 Sep 2025)     by days overdue  1/9"
contains "the most overdue action is first" "$(line 3)" "SQ4     Mobilise a fire doo… Simon Parry 30 Sep 25 252d"
contains "the hint bar is the last line" "$(line 24)" "?help  j/k move  ⏎ open  /search"
lacks "the screen is plain text: no escape sequences" "$out" "$(printf '\033')"
check "trailing spaces are trimmed" sh -c '! printf "%s\n" "$1" | grep -q " $"' - "$out"

# ---- moving, and an action in full ----
keys nav "# down to the third overdue action, then open it" "Down" "" "down" "Enter"
run nav
equals "moving and Enter exit 0" "$rc" 0
contains "Enter opened the third action in full" "$(line 1)" "TIA10 · Ensure a programme of training"
contains "its progress updates are shown" "$out" "Progress updates (2, newest first)"
keys nav-back "Down" "Down" "Enter" "Esc" "Up"
run nav-back
contains "Esc goes back to the list, where Up moved to the second action" "$(line 23)" "2/9"
cp "$db" "$tmp/done.db"
$pb --db "$tmp/done.db" update SQ4 --plan HIP-2526 --complete --on 2026-06-01 >/dev/null
keys done "/" "type fire door" "Enter" "Enter"
out=$($pb --db "$tmp/done.db" --script "$tmp/done" 2>&1)
contains "an action completed shows the day as every other date of it is shown" "$out" " Completed     1 Jun 2026"
cp "$db" "$tmp/reason.db"
$pb --db "$tmp/reason.db" update SQ4 --plan HIP-2526 --rag A --reason "contractor short of staff" >/dev/null
keys complete-reason "Enter" "c" "Enter"
out=$($pb --db "$tmp/reason.db" --script "$tmp/complete-reason" 2>&1)
contains "c completes the action: RAG COMPLETE" "$out" " RAG           COMPLETE"
contains "and the reason given for the Amber is said to be that, not COMPLETE's" "$out" \
	" RAG reason    given for AMBER, before COMPLETE: contractor short of staff"

# ---- search, as you type ----
keys search "/" "type nei"
run search
contains "typing a search shows its results as you type" "$(line 1)" "Search “nei” (8)"
contains "the command line shows what was typed" "$out" "/nei"
keys search-esc "/" "Type nei" "Enter" "Esc"
run search-esc
equals "Enter keeps the results, Esc leaves them" "$(line 1)" " planbench · 9 Jun 2026  Overdue (9)"

# ---- the command line ----
keys owner ":" "type owner Simon Parry" "Enter"
run owner
contains "a command typed on the command line filters the list" "$(line 1)" "Overdue (5)  filter: owner Simon Parry"
contains "the navigator counts the officer's overdue actions under the filter" "$(line 3)" "Overdue            5│"
contains "a joint lead cut to fit at 80 columns keeps its +1" "$(line 5)" "TIA10 Ensure a programme … Judith Wi… +1 31 Mar 26"
run owner --size 120x30
contains "and at 120 columns the lead is whole" "$(line 5)" "Judith Willis +1"
keys owner-clear ":" "type owner Simon Parry" "Enter" "F"
run owner-clear
contains "F clears the filter: the navigator counts every overdue action again" "$(line 3)" "Overdue            9│"
keys due ":" "type due Apr-26..Jun-26" "Enter"
run due
contains ":due with months runs from the first one's first day to the last one's last" "$(line 1)" "filter: due 1 Apr 2026 to 30 Jun 2026"
keys due-bad ":" "type due soonish..Jun-26" "Enter"
run due-bad
contains ":due with text that is no date names the filter's date, not a target date" "$(line 23)" \
	':due soonish..Jun-26: cannot read due-from date "soonish"'
keys filter-bad "f" "Down" "Down" "Down" "Down" "Down" "Down" "type soonish" "Enter"
run filter-bad
contains "so does the filter form's Due by" "$out" 'cannot read due-by date "soonish"'
keys help "F1"
run help
contains "F1 opens the help screen" "$(line 1)" "help"
contains "which lists the keys" "$out" "Move down one action"

# The key column is as wide on every page of the help: "What it does" starts where it did on the first.
keys help-pages "F1"
run help-pages
head1=$(line 2)
for n in 1 2 3; do
	keys help-pages "F1" $(for k in $(seq $n); do echo PageDown; done)
	run help-pages
	equals "page $((n + 1)) of the help has the key column of the first" "$(line 2)" "$head1"
done
keys help-commands "F1" "PageDown"
run help-commands
contains "the commands' heading is whole" "$out" "Commands           Type : first, then the command and Enter"

# ---- a progress update saved through the workbench ----
keys update "u" "type Scaffold booked, café ✓ sorted" "F2"
run update
contains "the update is saved" "$out" "Saved SQ4: progress update"
contains "the saved note is in the database" "$($pb --db "$db" show SQ4)" "Scaffold booked, café ✓ sorted"

# ---- sizes ----
keys resize "Resize 120 40"
run resize
equals "Resize 120 40 gives 40 lines" "$(printf '%s\n' "$out" | wc -l)" 40
equals "no wider than 120 columns" "$(printf '%s\n' "$out" | wc -L)" 120
contains "the wider navigator has room for a longer name" "$(line 3)" "Overdue                 9│"
run empty --size 100x30
equals "--size 100x30 gives 30 lines" "$(printf '%s\n' "$out" | wc -l)" 30
keys small "Resize 60 20"
run small
contains "too small a size says so" "$out" "Terminal too small"
keys small-back "Resize 60 20" "Resize 80 24"
run small-back
equals "and the workbench comes back when there is room" "$(line 1)" " planbench · 9 Jun 2026  Overdue (9)"

# ---- resizing at any moment: mid-edit, and in an action in full ----
keys resize-edit "Down" "u" "type Resized mid-edit" "Resize 60 20" "Resize 120 40" "type , still here" "F2"
run resize-edit
contains "text typed before a resize (through too small and back) is kept, and saved" "$out" "Saved SQ11: progress update"
contains "with what was typed on both sides of the resize" "$($pb --db "$db" show SQ11)" "Resized mid-edit, still here"
keys resize-detail "Down" "Enter" "Resize 60 20" "Resize 100 30"
run resize-detail
contains "an action in full stays open through a resize" "$(line 1)" "SQ11 · Develop a working group"
equals "at the new size" "$(printf '%s\n' "$out" | wc -l)" 30

# ---- the global options ----
run empty --today 2026-01-09
equals "--today changes the day and what is overdue" "$(line 1)" " planbench · 9 Jan 2026  Overdue (2)"
contains "and what the navigator counts as overdue" "$(line 3)" "Overdue            2│"
keys ro "u"
run ro --read-only
contains "--read-only shows the badge" "$(line 1)" "READ-ONLY"
contains "and a change is refused" "$out" "Read-only: adding an update is refused"
out=$(LC_ALL=C $pb --db "$db" --script "$tmp/empty")
equals "outside a UTF-8 locale the screen is drawn in ASCII" "$(line 1)" " planbench - 9 Jun 2026  Overdue (9)"

# ---- --timings ----
keys timed "Down" "type ab" "Esc"
run timed --timings "$tmp/timings.csv"
equals "--timings: the CSV starts with its header" "$(head -n 1 "$tmp/timings.csv")" "line,key,ms"
contains "line 0 is opening to the first frame" "$(sed -n 2p "$tmp/timings.csv")" '0,"open",'
equals "one row for each key (a typed letter each)" "$(tail -n +3 "$tmp/timings.csv" | cut -d, -f1,2 | tr '\n' ' ')" \
	'1,"Down" 2,"a" 2,"b" 3,"Esc" '

# ---- quitting early ----
keys quit "q" "Down"
run quit
equals "q in a script ends it with status 0" "$rc" 0
contains "the screen is the last one drawn" "$(line 1)" "Overdue (9)"
contains "and the keys not given are named" "$err" "quit:1: the workbench quit on this line"

# ---- mistakes: named with file and line, exit 2, nothing run ----
before=$($pb --db "$db" show SQ11 | grep -c "Not to be saved")
keys bad "u" "type Not to be saved" "F2" "Dwn"
run bad
equals "a line that is not a key exits 2" "$rc" 2
contains "naming the file and line" "$err" "bad:4: \"Dwn\" is not a key"
contains "and saying what to write instead" "$err" 'To type it as text, write "type Dwn"'
equals "and prints no screen" "$out" ""
equals "nothing ran: the update before it was not saved" "$($pb --db "$db" show SQ11 | grep -c "Not to be saved")" "$before"
keys bad-resize "Resize 80"
run bad-resize
equals "a resize without its size exits 2" "$rc" 2
contains "and shows how to write it" "$err" "bad-resize:1: \"Resize 80\" is not a size; write \"Resize COLS LINES\""
printf 'type a\tb\n' >"$tmp/bad-tab"
run bad-tab
equals "a control character in typed text exits 2" "$rc" 2
contains "and says to put the key on its own line" "$err" "bad-tab:1: the text to type holds a control character"
keys bad-f "F13"
run bad-f
contains "F13 is not a key" "$err" "bad-f:1: \"F13\" is not a key"
run missing
equals "a missing script exits 2" "$rc" 2
contains "naming it" "$err" "--script $tmp/missing: cannot read it"
run empty --size 80by24
equals "a bad --size exits 2" "$rc" 2
contains "and shows how to write it" "$err" "write COLSxLINES"
$pb --db "$db" --size 80x24 >/dev/null 2>"$tmp/err"
equals "--size without --script exits 2" "$?" 2
contains "and says it goes with --script" "$(cat "$tmp/err")" "--size only goes with --script"
$pb --db "$db" --script "$tmp/empty" list >/dev/null 2>"$tmp/err"
equals "--script with a command exits 2" "$?" 2
contains "and says to leave the command out" "$(cat "$tmp/err")" "takes no command"

# ---- the navigator's counts follow a change made elsewhere ----
$pb --db "$db" update SQ4 --complete >/dev/null
run empty
equals "an action completed from the command line is no longer overdue" "$(line 1)" " planbench · 9 Jun 2026  Overdue (8)"
contains "nor counted so by the navigator" "$(line 3)" "Overdue            8│"
finish
