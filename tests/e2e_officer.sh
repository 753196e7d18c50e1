#!/bin/sh
# e2e_officer.sh — a housing officer works through their overdue queue in the workbench, driven through tmux on the
# demo data as Simon Parry (--today 2026-06-09): progress updates with accents, £ and curly quotes through the editor
# (F2, Ctrl-S, a bracketed paste), a target date revised with a reason (and refused without one), a RAG set with a
# reason, a status, a completion, an edit with owner completion, a new action; every change checked through
# `planbench show --format json`; undo step by step back to the exact previous state; the history; the editor's
# Esc question, a resize and a busy database while typing; a second copy's change seen with Ctrl-L; read-only.
# usage: tests/e2e_officer.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

# A private tmux server whose socket lives in $tmp, so nothing is left behind (the helpers are tests/screen.sh's).
sock="pbofficer$$"
. tests/screen.sh

# paste FILE: the file's text as the terminal pastes it, between bracketed-paste marks
paste() { T load-buffer "$1"; T paste-buffer -p -t pb; }
start() {
	T kill-session -t pb
	rm -f "$tmp/exit" "$tmp/stderr"
	T new-session -d -s pb -x "$1" -y "$2" \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 PLANBENCH_BUSY_TIMEOUT_MS=300 $pb --db '$db' $3 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
}

db="$tmp/demo.db"
$pb --db "$db" init --demo >"$tmp/init.log" 2>&1
check "init --demo creates the database" [ -f "$db" ]

# json REF: the action as the real CLI shows it
json() { $pb --db "$db" show "$1" --plan HIP-2526 --format json; }
# update_json TEXT: a progress update saved today by Simon Parry in 2026/27 Q1, as show --format json writes it
update_json() { printf '{"period":"2026/27 Q1","noted_on":"2026-06-09","author":"Simon Parry","text":"%s"}' "$1"; }
# position TEXT: Ctrl-L clears the status message (and reads the database again), then the position must show
position() { keys C-l; shows "$1" "$2"; }

# ---- the overdue queue of one officer ----
start 80 24 "--as 'Simon Parry'"
shows "the workbench opens on the overdue queue" "Overdue (9)"
keys :
text "owner Simon Parry"
keys Enter
shows "the queue is narrowed to Simon Parry's actions" "Overdue (5)  filter: owner Simon Parry"
shows "most overdue first: SQ4 is selected" "by days overdue  1/5"

# u on SQ4: accents, £ and curly quotes through the editor, two lines, saved with F2
sq4_before=$(json SQ4)
keys u
shows "u opens the editor for a progress update" "Progress update"
shows "the editor says the quarter and the author it saves with" "Saved as a 2026/27 Q1 update by Simon Parry"
line1='Fire doors: café block done — £12,500 “approved”'
line2='Next: résumé of works'
text "$line1"
keys Enter
text "$line2"
shows "typed text shows whole, accents, £ and curly quotes" "$line1"
shows "Enter starts a second line" "│ $line2"
shows "the status line says where the cursor is" "line 2, column 22"
keys F2
shows "F2 saves and says so" "Saved SQ4: progress update"
contains "the update is stored exactly (show --format json)" "$(json SQ4)" "$(update_json "$line1\\n$line2")"
position "after saving, the cursor moves on to the next action of the queue" "by days overdue  2/5"

# u on SQ11, saved with Ctrl-S (flow control is off, so Ctrl-S reaches planbench)
sq11_before=$(json SQ11)
keys u
shows "u on the next action" "HIP-2526 SQ11 Develop a working group"
note2='Tenants’ panel: naïve questions answered, £0 spent'
text "$note2"
keys C-s
shows "Ctrl-S saves" "Saved SQ11: progress update"
contains "the Ctrl-S update is stored exactly" "$(json SQ11)" "$(update_json "$note2")"
position "on to the third action" "by days overdue  3/5"

# d on TIA10: the date reader's reading before saving; no reason, no save
tia10_before=$(json TIA10)
keys d
shows "d opens the re-date form" "Revise the target date"
shows "it shows the current target" "31 Mar 2026 · 70 days over"
text "31/02/2027"
shows "a day that does not exist is said so as it is typed" "cannot read target date \"31/02/2027\""
keys C-u
text "Jul-26"
shows "it shows what the date reader understood before saving" "→ 31 Jul 2026 (end of month) · in 52 days · 122 days later"
keys F2
shows "a revision without a reason is refused" "A reason is required: say why the target date moves."
equals "and nothing was stored" "$(json TIA10)" "$tia10_before"
text "Training provider changed"
keys Escape
shows "Esc after typing only warns" "Esc again throws away what you typed; F2 saves it."
shows "and the form stays open with what was typed" "Training provider changed"
keys Enter
shows "with a reason the revision is saved" "Saved TIA10: target date revised to Jul-26"
contains "the revision is stored with its reason" "$(json TIA10)" '"revisions":[{"seq":1,"from":"2026-03-31","to":"2026-07-31","to_text":"Jul-26","reason":"Training provider changed","changed_on":"2026-06-09","changed_by":"Simon Parry"}]'
contains "the target is the new date" "$(json TIA10)" '"due":"2026-07-31","due_text":"Mar-26 (Revised Jul-26)"'
position "TIA10 is no longer overdue: the queue has four, and the next action is selected" "by days overdue  3/4"

# r on TIA11: GREEN where the dates say RED needs a reason
tia11_before=$(json TIA11)
keys r
shows "r opens the RAG form" "Set the RAG"
shows "it shows the computed RAG and why" "set AMBER, computed RED: 70 days overdue (31 Mar 2026)"
hides "on the RAG the hint bar does not offer q to quit" "q quit"
keys q
shows "q on the RAG closes the form, as in the status form" "The RAG was left as it was"
equals "and changes nothing" "$(json TIA11)" "$tia11_before"
keys r
shows "r opens the RAG form again" "Set the RAG"
keys g F2
shows "GREEN against a computed RED needs a reason" "A reason is required: GREEN differs from the computed RED; say why."
equals "nothing was stored without it" "$(json TIA11)" "$tia11_before"
text "HR have booked every session"
keys Escape
shows "Esc after typing a reason only warns" "Esc again throws away what you typed; F2 saves it."
keys Enter
shows "with a reason the RAG is saved" "Saved TIA11: RAG set to GREEN"
contains "the RAG and its reason are stored" "$(json TIA11)" '"rag_reason":"HR have booked every session","original_due":"2026-03-31","rag":"G"'
position "on to the last action of the queue" "by days overdue  4/4"

# d on SQ5, typed into, then Esc twice: closed, nothing stored
sq5_before=$(json SQ5)
keys d
text "Dec-26"
keys Escape Escape
shows "a second Esc closes the re-date form" "The target date was left as it was"
equals "and nothing was stored" "$(json SQ5)" "$sq5_before"

# c on SQ5: completed today
sq5_before=$(json SQ5)
keys c
shows "c opens the completion form with today's date" "→ completed on 9 Jun 2026 (today)"
keys Enter
shows "Enter completes it" "Saved SQ5: completed on 9 Jun 2026"
contains "the completion is stored" "$(json SQ5)" '"status":"complete","due":"2026-05-31"'
contains "completed today" "$(json SQ5)" '"completed_on":"2026-06-09"'
contains "with RAG complete" "$(json SQ5)" '"rag":"C"'
shows "SQ5 leaves the queue" "Overdue (3)"

# ---- undo, step by step, back to exactly what was there ----
keys z
shows "z asks first, naming the change" "Undo the last change? SQ5: completed on 9 Jun 2026"
keys n
shows "n leaves it" "Nothing was done"
equals "SQ5 is still complete" "$(json SQ5 | grep -c '"status":"complete"')" "1"
keys z
shows "z again" "Undo the last change? SQ5"
keys y
shows "y undoes it" "Undone: SQ5: completed on 9 Jun 2026"
equals "SQ5 is exactly as before its completion" "$(json SQ5)" "$sq5_before"
shows "SQ5 is back in the queue" "Overdue (4)"
keys z
shows "the next undo names the RAG" "Undo the last change? TIA11: RAG set to GREEN"
keys y
shows "y undoes the RAG" "Undone: TIA11: RAG set to GREEN"
equals "TIA11 is exactly as before" "$(json TIA11)" "$tia11_before"
keys z
shows "the next undo names the revision" "Undo the last change? TIA10: target date revised to Jul-26"
keys y
shows "y undoes the revision" "Undone: TIA10: target date revised to Jul-26"
equals "TIA10 is exactly as before: the revision is gone, the old target back" "$(json TIA10)" "$tia10_before"
keys z y
shows "the next undo: SQ11's update" "Undone: SQ11: progress update"
equals "SQ11 is exactly as before" "$(json SQ11)" "$sq11_before"
keys z y
shows "the next undo: SQ4's update" "Undone: SQ4: progress update"
equals "SQ4 is exactly as before" "$(json SQ4)" "$sq4_before"
keys z
shows "with nothing left, z says so" "Nothing to undo: no change has been made in this session"

# ---- h: the audit trail lists every change, the undos too ----
keys g j j
position "back on TIA10" "by days overdue  3/5"
keys h
shows "h opens the history of the action" "History of TIA10 Ensure a programme"
shows "the revision is listed, by whom" "Simon Parry        target revised    2026-03-31 → 2026-07-31 ("
shows "the target as written" "target as written Mar-26 → Mar-26 (Revised "
shows "the target date's change" "target date       2026-03-31 → 2026-07-31"
shows "the revision's removal by the undo" "target revised    − 2026-07-31 (Training pr"
shows "the target date put back" "target date       2026-07-31 → 2026-03-31"
shows "the undo itself" "Simon Parry        undo              undid: TIA10: target date"
shows "the newest entry is selected and shown in full below" "undid: TIA10: target date revised to Jul-26"
keys k k k
shows "moving up shows another entry in full" "target revised · Simon Parry"
shows "with what it was" "Before   2026-07-31 (Training provider changed)"
keys Escape
shows "Esc goes back to the queue" "by days overdue  3/5"

# ---- the editor keeps what is typed: Esc asks, a resize and a failed save keep it ----
sq4_before=$(json SQ4)
keys g u
text "A draft worth keeping — £5"
keys Escape
shows "Esc on typed text asks first" "Throw away the text you typed? y throws it away, n goes back to it"
keys n
shows "n goes back to the text" "│ A draft worth keeping — £5"
resize 100 30
shows "after a resize the text is still there" "│ A draft worth keeping — £5"
resize 80 24
shows "and after resizing back" "│ A draft worth keeping — £5"
keys Escape y
shows "y throws it away, saying so" "The text was thrown away; nothing was saved"
equals "nothing was stored" "$(json SQ4)" "$sq4_before"
keys u Escape
hides "Esc on an empty editor closes without asking" "Throw away"

# a database locked by another program: the text stays on screen with the message, and F2 tries again
if command -v sqlite3 >/dev/null 2>&1; then
	keys u
	text "Written while the file is locked"
	(echo "BEGIN IMMEDIATE; UPDATE setting SET value = value;"; sleep 2; echo "COMMIT;") | sqlite3 "$db" &
	sleep 0.5
	keys F2
	shows "a busy database is reported in the editor" "Not saved; your text is kept and F2 tries again."
	shows "saying the database is busy" "the database is busy"
	shows "and the text is still on screen" "│ Written while the file is locked"
	wait
	keys F2
	shows "once the lock is gone F2 saves it" "Saved SQ4: progress update"
	contains "and it is stored" "$(json SQ4)" "$(update_json "Written while the file is locked")"
else
	not_ok "sqlite3 is installed (apt-get install sqlite3), to hold a lock on the database"
fi

# a bracketed paste: several lines go in as text, not as keys
printf 'Pasted from the minutes:\n“Agreed” — £3,000 for café repairs\n' >"$tmp/paste.txt"
keys g j u
shows "u on SQ11" "HIP-2526 SQ11"
paste "$tmp/paste.txt"
shows "the pasted lines show as text" "│ “Agreed” — £3,000 for café repairs"
keys BSpace F2
shows "the paste is saved" "Saved SQ11: progress update"
contains "exactly as pasted" "$(json SQ11)" "$(update_json 'Pasted from the minutes:\n“Agreed” — £3,000 for café repairs')"
paste "$tmp/paste.txt"
shows "a paste over the list is not run as keys" "Pasted text is only taken where text is typed"
shows "the list is as it was" "Overdue (5)"

# ---- t, e, n: status, fields with owner completion, a new action with its ref ----
keys g t
shows "t opens the status picker" "Set the status"
keys 3
shows "a number sets that status" "Saved SQ4: status set to On hold"
contains "the status is stored" "$(json SQ4)" '"status":"on_hold"'
sq11_before=$(json SQ11)
keys g j e
shows "e opens the action's fields" "Edit the action"
keys Up
shows "Up goes to the section, a choice" "Section · F2 saves"
hides "where the hint bar does not offer q to quit" "q quit"
keys q
shows "q on the section closes the form, nothing changed" "The action was left as it was"
keys e
shows "e opens the fields again" "Edit the action"
keys Down End
text "; jud"
keys Tab
shows "Tab completes the officer's name" "Simon Parry; Judith Willis"
keys Down
text "Panel terms agreed — “tenants first”"
keys F2
shows "F2 saves the fields" "Saved SQ11: owners, description edited"
contains "the owners are stored in order" "$(json SQ11)" '"leads":"Simon Parry; Judith Willis"'
contains "and the description" "$(json SQ11)" '"description":"Panel terms agreed — “tenants first”"'
keys z y
shows "the edit is undone" "Undone: SQ11: owners, description edited"
equals "SQ11's fields and owners are exactly as before" "$(json SQ11)" "$sq11_before"
keys g j n
shows "n opens a new action in the plan and section of the selected one" "A new action in HIP-2526"
shows "SQ11's section" "Section      SQ-1.4 Repairs"
shows "the next free ref is suggested" "Ref          SQ15"
text "Fit door closers to every block"
keys Tab Tab
text "Spring 27"
shows_re "a target date it cannot read is explained whole below the form, with dates it can" \
	"^│ Sep-25, July 2026, Year 2, Ongoing or TBC +│$"
keys C-u
text "Mar-27"
shows "one it can read is read back" "→ 31 Mar 2027"
keys BTab BTab Up C-u
text "sq4"
keys F2
shows "a ref taken in the plan is refused, naming a free one" "ref: HIP-2526 already has an action sq4"
keys C-u
text "SQ15"
keys F2
shows "the new action is saved" "Saved HIP-2526 SQ15: new action"
contains "it is stored in its section, to be started" "$($pb --db "$db" show SQ15 --plan HIP-2526 --format json)" '"ref":"SQ15","section":"SQ-1.4","title":"Fit door closers to every block"'

# ---- a second copy of planbench: its changes show after Ctrl-L; an undo over them is refused ----
keys g d
text "Dec-26"
keys Tab
text "Contractor booked"
keys Enter
shows "SQ4 is revised here" "Saved SQ4: target date revised to Dec-26"
$pb --db "$db" --as "Judith Willis" update SQ4 --plan HIP-2526 --due "Jan-27" --reason "Moved by Judith" >/dev/null
$pb --db "$db" --as "Judith Willis" update SQ5 --plan HIP-2526 --complete >/dev/null
keys C-l
shows "Ctrl-L reads the other copy's changes: SQ5 completed there leaves the queue" "Overdue (3)"
sq4_now=$(json SQ4)
keys z y
shows "an undo over someone else's change is refused, naming them" "cannot undo: Judith Willis has changed the action since"
equals "and changes nothing" "$(json SQ4)" "$sq4_now"
keys q
quits "q quits"

# ---- read-only: every change is refused with a clear message ----
start 80 24 "--as 'Simon Parry' --read-only"
shows "read-only says so in the header" "READ-ONLY"
keys u
shows "u is refused" "Read-only: adding an update is refused; restart without --read-only to change"
keys d
shows "d is refused" "Read-only: revising a date is refused"
keys z
shows "z is refused" "Read-only: undoing is refused"
hides "no editor opened" "Progress update"
keys h
shows "h still shows the history" "History of SQ11"
keys Escape q
quits "q quits a read-only workbench"

finish
