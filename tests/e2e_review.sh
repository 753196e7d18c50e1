#!/bin/sh
# e2e_review.sh — a team leader's one-to-one with Simon Parry on the demo data, driven through tmux at 80x24
# (--today 2026-06-09, --as "Team Leader"): the Reviews screen, `:review` by an alias with Tab completion, the agenda
# with its counts and his overdue actions first (SQ5 among them), one action's screen, notes, a next step and a new
# agreed date recorded (a revision "agreed at 1:1 on 9 Jun 2026", seen by `planbench show`), not discussed, finish,
# the sheet written from the screen and printed by `planbench review`; then changes made after it, and a second review
# a month later whose "changed since" group holds exactly those changes, with what was agreed last time.
# usage: tests/e2e_review.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

# A private tmux server whose socket lives in $tmp (the helpers are tests/e2e_officer.sh's).
sock="pbreview$$"
. tests/screen.sh

# start DAY ARGS: the workbench on day DAY as the team leader, in $out (where the sheet is written)
start() {
	T kill-session -t pb
	rm -f "$tmp/exit" "$tmp/stderr"
	T new-session -d -s pb -x 80 -y 24 \
		"cd '$out' && env LANG=C.UTF-8 LC_ALL=C.UTF-8 $BIN --today $1 --db '$db' --as 'Team Leader' $2 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
}
# press_until KEY PATTERN: KEY (n: the agenda's next action; NPage) until the screen has a line matching PATTERN (60
# presses at the most)
press_until() {
	i=0
	while [ $i -lt 60 ] && ! screen | grep -q "$2"; do
		before=$(screen)
		keys "$1"
		j=0 # one key at a time: a slow build (ASan) would otherwise be sent keys it has not drawn yet, and overshoot
		while [ $j -lt 40 ] && [ "$(screen)" = "$before" ]; do
			sleep 0.05
			j=$((j + 1))
		done
		i=$((i + 1))
	done
}
# group TITLE: the refs listed on screen under the agenda heading TITLE, up to the next heading, space separated
group() {
	screen | awk -v h="$1" '
		index($0, h) && $0 ~ /^ +[A-Z]/ { on = 1; next }
		on && $0 ~ /^ +[A-Z].*\([0-9]+\)$/ { exit }
		on && $0 ~ /^(·|✓|–) / { printf "%s%s", sep, $4; sep = " " }'
}

db="$tmp/demo.db"
out="$tmp/out"
mkdir -p "$out"
$pb --db "$db" init --demo >"$tmp/init.log" 2>&1
check "init --demo creates the database" [ -f "$db" ]

# ---- the Reviews screen, from the navigator ----
start $TODAY
shows "the workbench opens" "Overdue (9)"
keys Tab G k k
shows "Reviews is in the navigator, and opens" "Reviews: one-to-one reviews, and a new one; Enter opens it"
keys Enter
shows "the Reviews screen lists none yet" "One-to-one reviews (0)"
shows "and offers a new one" "New review…"
capture reviews-empty
keys Escape Escape

# ---- :review by an alias, with completion ----
keys :
text "review Assistant Director (H"
keys Tab
shows "Tab offers both officers an alias begins so" "Judith Willis  Simon Parry"
keys C-u
text "review Assistant Director (HP"
keys Tab
shows ":review completes an officer from an alias" ":review Simon Parry"
keys C-u
text "review Assistant Director (HPS)"
keys Enter
shows "the alias opens Simon Parry's review" "1:1 Simon Parry, 9 Jun 2026 (48)"
shows "the counts per group are at the top" "5 overdue · 10 RAG mismatch · 1 due within a month · 0 changed · 32 other"
shows "the first group is his overdue actions" "Overdue (5)"
equals "the overdue group holds his five overdue actions, most overdue first, SQ5 among them" \
	"$(group "Overdue (5)")" "SQ4 SQ11 TIA10 TIA11 SQ5"
shows "the next group is the RAG mismatches" "RAG mismatch (10)"
keys k
shows "every action is to be taken" "0/48 taken"
capture review-agenda
keys ?
shows "? lists the agenda's keys from its key table" "Finish the review: saved with today's date, you as reviewer"
keys Escape
shows "Esc closes the help" "0/48 taken"
keys D
shows "D asks before discarding, the day written as every date here" "Discard the review of Simon Parry begun on 9 Jun 2026, with nothing"
shows "and says nothing is recorded yet (not \"the notes of the 0 actions\")" "recorded in it yet? Target dates"
keys n
shows "n keeps the review" "Nothing was done"

# ---- one action: SQ5 ----
keys j j j j
shows "SQ5 is selected, the status line says so" "SQ5 Implement Total Mobile"
keys Enter
shows "Enter opens the action's screen" "HIP-2526 · Overdue · 5 of 48 on the agenda"
shows "with the current target and how far over" "Target      31 May 2026 · 9 days over"
shows "the RAG set and computed" "RAG         set GREEN, computed RED: target 31 May 2026 passed 9 days ago,"
shows "the history of the target" "2. 31 Jan 2026 → 31 May 2026  As written in the tracker"
shows "and what this review has recorded: nothing yet" "Not taken yet: Enter records"
capture review-action
T resize-window -t pb -x 100 -y 30
shows "the action's screen follows a resize" "RAG         set GREEN, computed RED: target 31 May 2026 passed 9 days ago, revised twice"
T resize-window -t pb -x 80 -y 24
shows "and back" "RAG         set GREEN, computed RED: target 31 May 2026 passed 9 days ago,"
keys Enter
shows "Enter opens the record form" "Record SQ5 at the 1:1"
shows "in the notes the hint bar offers Tab to the next field" "F3 save+next  Tab field  Esc cancel"
hides "and not Enter, which starts a new line there" "⏎ next"
text "Integration still failing; escalated to TotalMobile."
keys Tab
shows "in the next step Enter goes on, as the hint bar says" "F3 save+next  ⏎ next  Tab field"
text "Simon to get a go-live date from TotalMobile"
keys Tab
text "31/02/2027"
shows "a date that does not exist is said so as it is typed" "cannot read target date"
keys C-u
text "Jul-26"
shows "the new date shows as understood before saving" "→ 31 Jul 2026 (end of month) · 61 days later than now"
shows "with the reason it is saved with" "Saved as a revision \"agreed at 1:1 on 9 Jun 2026\""
capture review-record
keys F2
shows "F2 saves without leaving the review" "Saved SQ5: notes, next step, new target date"
shows "the action's screen shows what was recorded" "Next step   Simon to get a go-live date from TotalMobile"
shows "and the agreed date as a revision" "New date    31 Jul 2026, a revision \"agreed at 1:1 on 9 Jun 2026\""
shows "the target is the new date" "Target      31 Jul 2026 · In progress"
capture review-recorded
keys n
shows "n goes on to the next action" "HIP-2526 · RAG mismatch · 6 of 48 on the agenda"
shows "SQ9" "1:1 Simon Parry: HIP-2526 SQ9"
keys x
shows "x marks it not discussed" "SQ9 marked not discussed"
shows "and the screen says so" "Marked not discussed (x takes it back)."
keys Escape
shows "Esc goes back to the agenda" "2/48 taken"
shows "SQ5 is marked discussed in the agenda" "✓ G≠A HIP-2526 SQ5"
shows "SQ9 is marked not discussed" "– A≠G HIP-2526 SQ9"

# ---- finish, and the sheet from the screen ----
keys f
shows "f asks before finishing" "Finish the review of Simon Parry? It is saved as held on 9 Jun 2026"
shows "naming the reviewer and what was discussed" "by Team Leader: 1 of 48 actions discussed, 47 not discussed"
keys y
shows "y finishes the review" "Finished the review of Simon Parry, 9 Jun 2026, by Team Leader"
shows "a finished review is read-only" "1:1 Simon Parry, 9 Jun 2026, finished"
capture review-finished
keys x
shows "x does nothing in a finished review" "x does nothing here"
keys w
shows "w writes the sheet into the current folder" "Wrote the review sheet to review-simon-parry-2026-06-09.md"
sheet=$(cat "$out/review-simon-parry-2026-06-09.md" 2>/dev/null)
contains "the saved sheet is a one-to-one review" "$sheet" "# One-to-one review: Simon Parry, 9 Jun 2026"
contains "with the reviewer" "$sheet" "- Reviewer: Team Leader"
contains "SQ5's row has the agreed step, the new date and the notes" "$sheet" \
	"| Simon to get a go-live date from TotalMobile; New target date 31 Jul 2026; Notes: Integration still failing; escalated to TotalMobile. |"
contains "SQ9 was not discussed" "$sheet" "| HIP-2526 SQ9 | Undertake an independent review"
check "the sheet file is private (0600)" [ "$(stat -c %a "$out/review-simon-parry-2026-06-09.md")" = 600 ]
keys w
shows "a second w never replaces the first file" "Wrote the review sheet to review-simon-parry-2026-06-09-2.md"
keys Escape
shows "back to the list" "Overdue ("
keys q
quits "q quits"

# ---- what the command line sees ----
show=$($pb --db "$db" show SQ5 --plan HIP-2526)
contains "show lists the agreed revision with its reason" "$show" "3. 31 May 2026 -> 31 Jul 2026  agreed at 1:1 on 9 Jun 2026"
contains "show's audit trail holds the 1:1 notes" "$show" "Team Leader  1:1 notes: (none) -> Integration still failing; escalated to TotalMobile."
contains "and the next step" "$show" "Team Leader  1:1 next step: (none) -> Simon to get a go-live date from TotalMobile"
md=$($pb --db "$db" review "Simon Parry" --format md)
contains "review --format md contains the agreed step" "$md" "Simon to get a go-live date from TotalMobile (agreed 9 Jun 2026)"
contains "its changes count from the review" "$md" "- Changes since: 9 Jun 2026, the last review"
contains "the same sheet by an alias" "$($pb --db "$db" review "assistant director (hps)")" "# One-to-one agenda: Simon Parry, 9 Jun 2026"
csv=$($pb --db "$db" review "Simon Parry" --format csv)
contains "review --format csv has the same as rows" "$csv" \
	"overdue,HIP-2526,SQ4,Mobilise a fire door inspection programme,2025-09-30,Sep-25,252,G,R,2025/26 Q4,2026-03-31,Simon Parry,"
$pb --db "$db" review "Simon Parry" -o "$tmp/sheet.md"
equals "-o writes the same sheet to a file" "$(cat "$tmp/sheet.md")" "$md"
$pb --db "$db" review "Nobody Atall" >/dev/null 2>"$tmp/err"
equals "an unknown officer exits 3" "$?" "3"
contains "naming the name" "$(cat "$tmp/err")" "no officer called \"Nobody Atall\""
$pb --db "$db" review "Simon Parry" --format html >/dev/null 2>&1
equals "an unknown format is a usage error" "$?" "2"
$pb --db "$db" review "Simon Parry" --since "not a day" >/dev/null 2>&1
equals "--since that is not a day is a usage error" "$?" "2"

# ---- changes after the review, and a second review a month later ----
$pb --db "$db" --today 2026-06-20 --as "Simon Parry" update TIA1.2.1 --plan HIP-2627 --note "First audit done" >/dev/null
$pb --db "$db" --today 2026-06-20 --as "Simon Parry" update SQ13 --plan HIP-2526 --due "Oct-26" --reason "Waiting on the HRA plan" >/dev/null
md=$($pb --db "$db" --today 2026-07-09 review "Simon Parry")
changed=$(printf '%s\n' "$md" | awk '/^## Changed since/ { on = 1; print; next } /^## / { on = 0 } on && /^\| HIP/ { print $2, $3 }')
equals "the sheet a month later: changed since the review holds exactly the two changes" "$changed" \
	"$(printf '## Changed since 9 Jun 2026 (2)\nHIP-2526 SQ13\nHIP-2627 TIA1.2.1')"

start 2026-07-09
shows "a month later" "Overdue ("
keys :
text "review Simon Parry"
keys Enter
shows "a second review of Simon Parry" "1:1 Simon Parry, 9 Jul 2026 (48)"
shows "its counts hold two changes" "2 changed"
press_until NPage "Changed since 9 Jun 2026 (2)"
shows "its changed group counts from the first review" "Changed since 9 Jun 2026 (2)"
equals "and lists only the changes made since" "$(group "Changed since 9 Jun 2026 (2)")" "SQ13 TIA1.2.1"
capture review-second-changed
keys g Enter
press_until n "^ TIA1.2.1  "
shows "n goes through the agenda to TIA1.2.1" "1:1 Simon Parry: HIP-2627 TIA1.2.1"
shows "its updates since the last review are headed so" "Progress updates since the last review (9 Jun 2026)"
shows "and the new one is marked" "NEW 2026/27 Q1 · 20 Jun 2026 · Simon Parry"
capture review-second-fresh-update
keys Escape g Enter
press_until n "^ SQ5  "
shows "SQ5 in the second review" "1:1 Simon Parry: HIP-2526 SQ5"
keys G
shows "what was agreed last time, with the day and the reviewer" "Agreed last time (9 Jun 2026, Team Leader)"
shows "the next step agreed then" "Next step   Simon to get a go-live date from TotalMobile"
capture review-second-agreed-last-time
keys Escape Escape q
quits "q quits the second session"

# ---- a jointly led action, last taken in the other lead's 1:1 ----
start 2026-07-09
keys :
text "review Judith Willis"
keys Enter
shows "a review of Judith Willis" "1:1 Judith Willis, 9 Jul 2026"
keys g Enter
press_until n "1:1 Judith Willis: HIP-2526 TIA10"
shows "TIA10, led by Judith Willis and Simon Parry, is on her agenda" "1:1 Judith Willis: HIP-2526 TIA10"
keys G
shows "what was agreed last time says it was Simon Parry's 1:1" "Agreed last time (9 Jun 2026, in Simon Parry's 1:1, Team Leader)"
keys Escape Escape D y q
quits "q quits Judith Willis's review"

# ---- read-only: reviews can be read, not started ----
start 2026-07-09 --read-only
shows "read-only opens" "READ-ONLY"
keys :
text "review Simon Parry"
keys Enter
shows "starting a review is refused read-only" "Read-only: starting a review is refused"
keys q
quits "q quits read-only"

finish
