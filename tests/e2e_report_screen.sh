#!/bin/sh
# e2e_report_screen.sh — the Reports view of the workbench, driven through tmux on the demo data (--today 2026-06-09):
# opened from the navigator, HIP-2526's sections drawn as R/A/G/C bars with their counts, a snapshot taken from the
# screen (a label already taken refused), a change made with the command line seen after Ctrl-L against the snapshot,
# a list line opening its action, another plan, NO_COLOR and a locale that is not UTF-8.
# usage: tests/e2e_report_screen.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

# A private tmux server whose socket lives in $tmp (the helpers are tests/screen.sh's).
sock="pbreport$$"
. tests/screen.sh

start() {
	T kill-session -t pb
	rm -f "$tmp/exit" "$tmp/stderr"
	T new-session -d -s pb -x "$1" -y "$2" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 $3 $pb --db '$db' $4 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
}

db="$tmp/demo.db"
$pb --db "$db" init --demo >"$tmp/init.log" 2>&1
check "init --demo creates the database" [ -f "$db" ]

# ---- 80x24: Reports from the navigator, on the plan the list shows ----
start 80 24 "" "--as 'Simon Parry'"
shows "the workbench opens" "Overdue (9)"
shows_re "Reports is offered in the navigator, not dimmed away" "^Reports +–│"
keys :
text "plan HIP-2526"
keys Enter
shows "the list shows HIP-2526" "planbench · HIP-2526 · 9 Jun 2026"
keys Tab G k
shows "the navigator says what Reports is" "Reports: RAG bars and lists of a plan; Enter opens it"
keys Enter
shows "Enter opens the report of the plan the list shows" "RAG report: Housing Improvement Plan 2025/"
shows "with no snapshot, only now is drawn" "Now, 9 Jun 2026 (RAG as set)"
# sample-data/HIP-2526-actions.csv: NC 3 complete; SQ 14 (1 Amber, 4 Green, 9 Complete); TIA 13 (4 Amber, 2 Green,
# 7 Complete); 30 in all, 19 complete, 5 overdue, 8 revised (tests/e2e_report.sh has the same numbers from the CLI)
shows_re "NC: 3 actions, all complete, letter and count in the bar" "^ NC +3 C3█+ +R0 A0 G0 C3$"
shows_re "SQ: 14 actions, A1 G4 C9" "^ SQ +14 A1?█*G4█+C9█+ +R0 A1 G4 C9$"
shows_re "TIA: 13 actions, A4 G2 C7" "^ TIA +13 A4█+G2█+C7█+ +R0 A4 G2 C7$"
shows_re "All: 30 actions, 19 complete" "^ All +30 A5█+G6█+C19█+ +R0 A5 G6 C19$"
shows "the summary counts overdue and revised actions" "Overdue 5 · target revised 8"
shows "the lists are named with their lengths; those since a snapshot wait for one" "[Overdue 5]  Revised since –   Mismatches 7   Completed since –"
shows "the overdue list, most overdue first" "G≠R SQ4   Mobilise a fire door inspection"
shows "the status line says what a line is" "SQ4 Mobilise a fire door inspection programme: due 30 Sep 2025, 252"
shows "the hint bar comes from the view's key table" "?help  j/k move  ⏎ open  Tab list  c compare  S snapshot  Esc back  q quit"
capture report-now

# ---- a snapshot from the screen ----
keys S
shows "S asks for the snapshot's label" "Take a snapshot"
shows "this quarter's label is offered" "│ 2026/27 Q1 "
keys C-u
text "2025/26 Q4"
keys Enter
shows "the snapshot is taken and said so" "Snapshot \"2025/26 Q4\" taken: 168 actions of every plan recorded"
shows "it is compared beside now" "At 2025/26 Q4, taken 9 Jun 2026"
shows_re "SQ at the snapshot as now" "^ SQ +14 .* R0 A1 G4 C9 +│ +14 .* R0 A1 G4 C9$"
equals "the command line lists the snapshot" "$($pb --db "$db" snapshots | tail -n +2 | cut -c1-10)" "2025/26 Q4"

# ---- a change from the command line, seen after Ctrl-L ----
$pb --db "$db" update SQ5 --plan HIP-2526 --complete >/dev/null
check "SQ5 is completed with planbench update" [ $? -eq 0 ]
keys C-l
shows_re "after Ctrl-L SQ has one more complete, one less green, beside the snapshot" "^ SQ +14 .* R0 A1 G3 C10 +│ +14 .* R0 A1 G4 C9$"
shows_re "All: 20 complete now, 19 then" "^ All +30 .* R0 A5 G5 C20 +│ +30 .* R0 A5 G6 C19$"
shows "the summary compares with the snapshot" "Overdue 4, was 5 · target revised 8, was 8"
keys Tab Tab Tab
shows "Completed since lists SQ5" "[Completed since 1]"
shows "SQ5 is the line" "[C] SQ5  Implement Total Mobile for Repairs"
capture report-compared
keys Enter
shows "a line opens its action in full" "SQ5  Implement Total Mobile for Repairs and Maintenance"
shows "the action is complete" "Status        Complete"
keys Escape
shows "Esc goes back to the report, on the same list" "[Completed since 1]"
keys BTab
shows "Mismatches list the set RAG the dates contradict" "[Mismatches 6]"
shows "with why" "SQ4: set GREEN, computed RED: 252 days overdue (30 Sep 2025)"

# ---- a label already taken is refused, in any case ----
keys S C-u
text "2025/26 q4"
keys Enter
shows "a label already taken is refused with the message" "a snapshot called \"2025/26 Q4\" was already taken on 9 Jun 2026"
capture report-duplicate
keys Escape
shows "Esc closes the question, doing nothing" "Nothing was done"
equals "still one snapshot" "$($pb --db "$db" snapshots | tail -n +2 | wc -l)" "1"

# ---- c chooses the snapshot compared; p another plan ----
keys c
shows "c after the only snapshot compares with none" "Compared with no snapshot"
hides "no snapshot column" "At 2025/26 Q4"
keys c
shows "c again compares with the newest" "At 2025/26 Q4, taken 9 Jun 2026"
keys p
shows "p shows the next plan's report" "planbench · HIP-2627 · 9 Jun 2026  RAG report: Housing Improvement Plan"
keys P P
shows "P the one before: the strategy plan" "planbench · HRS-2026 · 9 Jun 2026  RAG report:"
keys '?'
shows "? lists the report's keys" "Keys of RAG report"
shows "including those not on the hint bar" "Next plan"
keys Escape Escape
shows "Esc goes back to the list, as it was" "planbench · HIP-2526 · 9 Jun 2026  Overdue (4)"
keys q
quits "q quits"

# ---- NO_COLOR: no colour, and the segments still differ (a shade each) and carry their letters ----
start 80 24 "NO_COLOR=1" ""
shows "the workbench opens without colour" "Overdue"
keys :
text "plan HIP-2526"
keys Enter Tab G k Enter
shows "the report opens" "RAG report: Housing Improvement Plan 2025/"
shows_re "NO_COLOR: each bucket has its own shade, a letter and a count" "^ SQ +14 A1?▓*G3▒+C10░+ +R0 A1 G3 C10 +│"
esc=$(printf '\033')
if T capture-pane -p -e -t pb | grep -q "${esc}\[[0-9;]*3[0-7]m"; then
	not_ok "NO_COLOR: no colour codes are drawn"
else
	ok "NO_COLOR: no colour codes are drawn"
fi
capture report-no-color
keys q
quits "q quits without colour"

# ---- a locale that is not UTF-8: '#' blocks; read-only refuses a snapshot ----
T kill-session -t pb
rm -f "$tmp/exit" "$tmp/stderr"
T new-session -d -s pb -x 80 -y 24 "env LANG=C LC_ALL=C $pb --db '$db' --read-only 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
shows "the workbench opens in the C locale" "Overdue"
keys :
text "plan HIP-2526"
keys Enter Tab G k Enter
shows "the report opens in the C locale" "RAG report: Housing"
shows_re "ASCII: '#' blocks with the letters and counts" "^ SQ +14 A1?#*G3#+C10#+ +R0 A1 G3 C10 +"
hides "no UTF-8 block is drawn" "█"
keys S
shows "read-only: a snapshot is refused, saying why" "Read-only: taking a snapshot is refused"
keys q
quits "q quits in the C locale"

finish
