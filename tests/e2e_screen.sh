#!/bin/sh
# e2e_screen.sh — the full-screen workbench driven through tmux on the demo data (--today 2026-06-09): the navigator
# and its counts, a plan's section, search, filter, sort, an action in full, the command line with completion,
# My actions, help, resize, too small, read-only, NO_COLOR and the mouse.
# usage: tests/e2e_screen.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

# A private tmux server whose socket lives in $tmp, so nothing is left behind.
sock="pbtest$$"
. tests/screen.sh

# row REF: the screen line (1 = the header) of the list row whose ref is REF, or nothing
row() { screen | grep -nE -- "^(.*│)?.{3} $1 " | head -n 1 | cut -d: -f1; }

# click COL ROW: a left-button press and release at screen cell (COL, ROW), 0-based, as an xterm reports them
click() {
	x=$(printf '%x' $((33 + $1))) y=$(printf '%x' $((33 + $2)))
	T send-keys -t pb -H 1b 5b 4d 20 "$x" "$y" 1b 5b 4d 23 "$x" "$y"
}
# wheel_down COL ROW
wheel_down() { T send-keys -t pb -H 1b 5b 4d 61 "$(printf '%x' $((33 + $1)))" "$(printf '%x' $((33 + $2)))"; }

# start W H ENV ARGS: a new workbench in a detached W x H session; its exit status lands in $tmp/exit
start() {
	T kill-session -t pb
	rm -f "$tmp/exit" "$tmp/stderr"
	T new-session -d -s pb -x "$1" -y "$2" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 $3 $pb --db '$db' $4 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
}

db="$tmp/demo.db"
$pb --db "$db" init --demo >"$tmp/init.log" 2>&1
check "init --demo creates the database" [ -f "$db" ]

# ---- 80x24, as Simon Parry: the navigator, a plan's section, an action in full, search, filter, sort ----
start 80 24 "" "--as 'Simon Parry'"
shows "the workbench opens at 80x24 on the overdue queue" "planbench · 9 Jun 2026  Overdue (9)"
shows_re "the navigator counts the overdue actions" "^Overdue +9│"
shows_re "the navigator counts the actions due within the Amber threshold" "^Due soon +23│"
shows_re "the navigator counts my actions" "^My actions +48│"
shows_re "the navigator counts every action" "^All +168│"
shows_re "the navigator lists the plans with their counts" "^▸ HIP-2526 +30│"
shows_re "Engagement is listed but not pretended (no count)" "^Engagement +–│"
shows "the hint bar comes from the key tables" "?help  j/k move  ⏎ open  /search  f filter  s sort  :cmd  Tab panel  q quit"
shows "the RAG shows both letters when set and computed differ" "│G≠R SQ4 "
shows "the overdue queue is sorted by days overdue" "by days overdue  1/9"
r4=$(row SQ4) r11=$(row SQ11) r10=$(row TIA10)
check "most overdue first: SQ4 (252 days), SQ11 (160), TIA10 (70)" [ -n "$r4" ] && [ "$r4" -lt "${r11:-0}" ] && [ "$r11" -lt "${r10:-0}" ]
shows "the status line says why the RAG differs" "set GREEN, computed RED: 252 days overdue (30 Sep 2025)"

keys Tab
shows "Tab moves to the navigator, whose keys the hint bar shows" "⏎ show  Right open  Left close"
keys Down Down Enter
shows "My actions are those of the officer given by --as" "My actions (Simon Parry) (48)"
keys Tab Up Up Enter
shows "Overdue again" "Overdue (9)"
keys Tab Down Down Down Down Down Down
shows "the status line names the navigator entry" "HIP-2526: 30 actions"
keys Right
shows_re "Right opens the plan to its standards" "^  ▸ SQ Safety"
keys Down Down
shows "the status line gives the whole section name" "SQ Safety and Quality: 14 actions"
keys Enter
shows "HIP-2526 → Safety and Quality shows in the list" "planbench · HIP-2526 · 9 Jun 2026  SQ Safety and Quality (14)"
missing=""
for n in 1 2 3 4 5 6 7 8 9 10 11 12 13 14; do
	[ -n "$(row "SQ$n")" ] || missing="$missing SQ$n"
done
equals "SQ1 to SQ14 are all listed" "$missing" ""
hides "nothing of another standard is listed" " TIA1 "
shows "the list is in plan order" "by plan order  1/14"

keys j j j j j j j j
shows "moving down reaches SQ9" "by plan order  9/14"
keys Enter
shows "Enter opens SQ9 in full" "SQ9  Undertake an independent review"
shows "the detail shows the target date as written" "Dec-25 (Revised Mar-26) Revised July 2026"
shows "the detail shows the set and computed RAG" "set AMBER, computed GREEN"
shows "the revision history is there" "Target-date history (2, oldest first)"
shows "the first revision" "1. 31 Dec 2025 → 31 Mar 2026"
shows "the second revision" "2. 31 Mar 2026 → 31 Jul 2026"
shows "the updates are counted, newest first" "Progress updates (2, newest first)"
shows "the Q4 update comes first" "2025/26 Q4 · 31 Mar 2026 · Simon Parry"
keys Space
shows "Space pages down to the Q3 update" "2025/26 Q3 · 31 Dec 2025 · Simon Parry"
shows "the end of the Q4 update comes before the Q3 update" "revised date for completion."
shows "linked engagement records have their part" "Engagement records (0)"
keys '?'
shows "? in the detail shows the detail's keys" "Keys of Action in full"
shows "the help lists the detail's own keys" "Next part: history, updates, engagement, audit trail"
keys G
shows_re "where q goes back, the help says so" "^Esc, q, Left +Back to the list"
shows_re "and lists the keys that work everywhere" "^\^L +Redraw the screen"
hides "but not q as quitting, which it does not do here" "Quit planbench"
keys Escape
shows "Esc closes the help" "Space pages down"
keys Escape
shows "Esc goes back to the list, on SQ9" "by plan order  9/14"

keys '?'
shows "? in the list shows the list's keys" "Keys of Action list"
keys PgDn # the officer's keys (u d r t c e n z h, tests/e2e_officer.sh) fill the first page at 80x24
shows "the help lists the keys shared with the navigator" "Navigator and list"
keys G
shows_re "the help lists the commands" ":search TEXT +Search action text, progress updates and engagement records"
shows_re "in the list q quits, and the help says so" "^q +Quit planbench"
keys PgUp
shows "with what follows them" ":owner [NAME]"
keys Escape

keys /
text "Total Mobile"
shows "/ searches as you type, within the section shown" "Search “Total Mobile” in SQ Safety"
shows "the search finds SQ5 alone there" "│G≠R SQ5 "
shows "the header counts the results" "(1)"
keys Enter
shows "Enter keeps the results and offers Esc back" "⏎ open  Esc back"
shows "the status line says where it matched" "in action: SQ5 Implement Total Mobile"
keys Escape
shows "Esc restores the view before the search, selection kept" "by plan order  9/14"
shows "and its title" "SQ Safety and Quality (14)"

keys F
shows "F clears the filter (the section too)" "planbench · 9 Jun 2026  All actions (168)"
keys /
text "total mobile"
shows "a search over every plan finds all four Total Mobile actions" "Search “total mobile” (4)"
keys Enter
shows "they are ranked: best match first" "by best match  1/4"
check "SQ5 is among them" [ -n "$(row SQ5)" ]
keys /
shows "/ again edits the search" "/total mobile"
keys Escape
shows "Esc from the search prompt goes back too" "All actions (168)"

keys f
shows "f opens the filter form" "Filter the list"
keys Down
shows "on the RAG choice the hint bar offers its keys" "Esc cancel  Down field  Right choose"
hides "but not q to quit: letters choose here" "q quit"
keys '?'
shows "? on a choice shows the filter's keys (it once said to choose with Space)" "Keys of Filter"
keys Escape
shows "Esc closes the help, back to the form" "Filter the list"
keys q
shows "q on a choice closes the form, as in the RAG and status forms" "All actions (168)"
hides "and the form is gone" "Filter the list"
keys f
shows "f opens it again" "Filter the list"
text "Simon Parry"
keys Down r Enter
shows "the header shows the combined filter" "filter: owner Simon Parry, RAG R"
shows "owner Simon Parry and RAG Red: five actions" "All actions (5)"
missing=""
for ref in SQ4 SQ5 SQ11 TIA10 TIA11; do
	[ -n "$(row "$ref")" ] || missing="$missing $ref"
done
equals "they are SQ4, SQ5, SQ11, TIA10 and TIA11" "$missing" ""
hides "SQ9 (set Amber, computed Green) is not one" " SQ9 "
shows "the hint bar offers F to clear it" "F unfilter"
keys s
shows "s sorts by the next order: due date" "Sorted by due date"
keys s
shows "s again: days overdue" "Sorted by days overdue"
r4=$(row SQ4) r11=$(row SQ11) r5=$(row SQ5)
check "sorted by days overdue: SQ4, SQ11, then SQ5" [ -n "$r4" ] && [ "$r4" -lt "${r11:-0}" ] && [ "$r11" -lt "${r5:-0}" ]

keys :
text "ow"
keys Tab
shows "Tab completes a command name" ":owner"
text "judith w"
keys Tab
shows "Tab completes an officer's name" ":owner Judith Willis"
keys Enter
shows "the command changes the filter" "filter: owner Judith Willis, RAG R"
shows "Judith Willis's red actions: TIA10 and TIA11" "All actions (2)"
keys :
text "plan HIP"
keys Tab
shows "Tab offers every plan code the text could be" "HIP-2526  HIP-2627"
shows "and puts in what they share" ":plan HIP-2"
keys Tab
shows "Tab again picks the first" ":plan HIP-2526"
keys Enter
shows "the plan goes in the header, its title as the view's" "planbench · HIP-2526 · 9 Jun 2026  Housing Imp"
keys :
text "sort due"
keys Enter
shows ":sort due sorts by due date" "by due date"
keys :
text "frobnicate"
keys Enter
shows "an unknown command says what to do" ":frobnicate is not a command; Tab after : lists them"
keys :
text "clear"
keys Enter
shows ":clear clears the filter" "All actions (168)"
keys :
text "q"
keys Enter
quits ":q quits"

# ---- a plan imported while the workbench is open is reached with p, without a restart ----
start 80 24 "" ""
shows "the workbench is open before the import" "Overdue (9)"
printf '%s\n' 'code,title,kind,starts_on,ends_on' 'TEN-2627,Tenancy Sustainment Plan 2026/27,improvement,2026-04-01,2027-03-31' >"$tmp/plan.csv"
$pb --db "$db" import "$tmp/plan.csv" --kind plans >"$tmp/plan.log" 2>&1
check "a new plan is imported while the workbench is open" grep -q "1 added" "$tmp/plan.log"
keys p p p p
shows "p reaches the plan imported after the workbench opened" "planbench · TEN-2627 ·"
keys q
quits "q quits"

# ---- 120x40, as an alias of Simon Parry: My actions, the preview, resize with the selection kept, mouse ----
start 120 40 "PLANBENCH_USER='Assistant Director (HPS)'" ""
shows "a wider terminal shows the status column" "Status"
keys Tab Down Down Enter
shows "My actions follow PLANBENCH_USER through the officer's aliases" "My actions (Simon Parry) (48)"
keys j j j
shows "the selection moves" "by due date  4/48"
shows "the preview pane shows under the list when there is room" "Leads   Simon Parry"
resize 80 24
shows "at 80x24 the selection is kept" "by due date  4/48"
shows "at 80x24 the title is kept" "My actions (Simon Parry) (48)"
resize 120 40
shows "back at 120x40 the selection is kept" "by due date  4/48"
resize 70 20
shows "below 80x24 the screen says it is too small" "Terminal too small"
shows "and what size it needs" "planbench needs at least 80x24; this terminal is 70x20."
resize 40 15
shows "narrower than its message, it wraps it rather than cut off the terminal's size" "terminal is 40x15."
shows "and still says what to do" "Make the window bigger (or the font"
resize 80 24
shows "at 80x24 again the list draws, selection kept" "by due date  4/48"
click 40 6
shows "a click selects the row under it" "by due date  5/48"
wheel_down 40 6
shows "the wheel scrolls the list" "by due date  8/48"
click 5 5
shows "a click in the navigator shows that view" "All actions (168)"
keys q
quits "q quits"

# ---- read-only, someone who is not an officer, no colour; wide and accented text ----
printf '%s\n' 'plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on' \
	'HIP-2627,W1,SQ-1.1,住宅改善計画の見直しと入居者との協議 café résumé naïve,,,,,Simon Parry,Jul-26,in_progress,G,,' >"$tmp/wide.csv"
$pb --db "$db" import "$tmp/wide.csv" --kind actions >"$tmp/import.log" 2>&1
check "an action with wide and accented text is imported" grep -q "1 added" "$tmp/import.log"
start 80 24 "NO_COLOR=1 PLANBENCH_USER=visitor" "--read-only"
shows "--read-only says so in the header" "READ-ONLY"
shows "without colour the RAG letters still show" "│G≠R SQ4 "
esc=$(printf '\033')
if T capture-pane -p -e -t pb | grep -q "${esc}\[[0-9;]*3[0-7]m"; then
	not_ok "NO_COLOR: no colour codes are drawn"
else
	ok "NO_COLOR: no colour codes are drawn"
fi
shows_re "My actions has no count for someone who is not an officer" "^My actions +–│"
keys Tab Down Down Enter
shows "My actions says why it is empty and what to do" "\"visitor\" is not an officer here; start with --as NAME"
keys Up Up Up Up Up Up Up Up Up Up Up Up G
keys Up Up Up Enter
shows "Engagement opens its own screen (tests/e2e_engagement_screen.sh)" "Engagement records (24)"
keys Escape
shows "and Esc comes back to the list as it was" "Overdue (9)"
keys Escape :
text "search resume"
keys Enter
shows "accented text is found without its accents" "Search “resume” (1)"
shows "wide characters are cut whole, by display width" "│[G] W1   住宅改善計画の見直しと… Simon Parry"
hides "no character is broken" "�"
keys q
quits "q quits a read-only workbench"

# a search matching more than 1,000 actions lists the first 1,000 found, counted "1,000+", until more letters narrow it
{
	echo 'plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on'
	i=1
	while [ $i -le 1001 ]; do
		echo "HIP-2627,Z$i,SQ-1.1,Zebra crossing $i,,,,,Simon Parry,Jul-26,in_progress,G,,"
		i=$((i + 1))
	done
} >"$tmp/many.csv"
$pb --db "$db" import "$tmp/many.csv" --kind actions >"$tmp/import.log" 2>&1
check "1,001 actions with a common word are imported" grep -q "1001 added" "$tmp/import.log"
start 100 30 "PLANBENCH_USER=visitor" ""
keys /
text "zeb"
shows "a search matching more than 1,000 actions counts 1,000+" "Search “zeb” (1,000+)"
keys Enter
shows "the list holds the first 1,000, in plan order" "by plan order  1/1,000+"
keys G
shows "and ends at the 1,000th" "by plan order  1000/1,000+"
keys Escape /
text "zebra crossing 1001"
shows "more letters narrow it to an exact count" "Search “zebra crossing 1001” (1)"
keys Enter
shows "ranked again" "by best match  1/1"
keys Escape q
quits "q quits"

finish
