#!/bin/sh
# e2e_sync_screen.sh — the Sync screen of the workbench, driven through tmux (--today 2026-06-09): a demo database and
# a clone made with `planbench sync clone`, the same action's RAG changed on both with the command line; on the office
# side the screen shows its identity, the peer and what is pending for it, previews the laptop's change set (counts per
# plan and kind, the conflict with both values and who won), applies it, and the action list shows the change; a
# tampered file is refused with the engine's message and changes nothing; w writes a change set (asking before
# replacing a file); read-only refuses writing and applying; help, resize and a locale that is not UTF-8.
# usage: tests/e2e_sync_screen.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

sock="pbsync$$"
. tests/screen.sh

# start COLS LINES LOCALE ARGS: the workbench on the office database, HOME in $tmp (where change sets are offered)
start() {
	T kill-session -t pb
	rm -f "$tmp/exit" "$tmp/stderr"
	T new-session -d -s pb -x "$1" -y "$2" \
		"env HOME='$tmp' LANG=$3 LC_ALL=$3 $pb --db '$db' $4 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
}
# The office database's content, as `planbench export` writes it (every kind).
content() {
	for k in actions updates engagements officers; do $pb --db "$db" export --kind $k --with-notes; done
}

db="$tmp/office.db"
laptop="$tmp/laptop.db"
$pb --db "$db" init --demo >"$tmp/init.log" 2>&1
check "init --demo creates the office database" [ -f "$db" ]
$pb --db "$db" sync clone -o "$laptop" --name laptop >"$tmp/clone.log" 2>&1
check "sync clone makes the laptop's copy" [ -f "$laptop" ]

# The same action's RAG on both sides, the laptop's a second later (the newer edit wins), and a note on the laptop.
$pb --db "$db" --as "Sam Office" update SQ5 --plan HIP-2526 --rag A --reason "supplier slow" >/dev/null
check "the office sets SQ5 Amber" [ $? -eq 0 ]
sleep 1.1
$pb --db "$laptop" --as "Jo Laptop" update SQ5 --plan HIP-2526 --rag R --reason "rollout stopped" >/dev/null
check "the laptop sets SQ5 Red" [ $? -eq 0 ]
$pb --db "$laptop" --as "Jo Laptop" update SQ5 --plan HIP-2526 --note "Vendor call booked for Monday" >/dev/null
$pb --db "$laptop" sync export -o "$tmp/laptop-to-office.pbsync" >"$tmp/export.log" 2>&1
check "the laptop writes its change set" [ -s "$tmp/laptop-to-office.pbsync" ]

# ---- 80x24: the Sync screen from the navigator ----
start 80 24 C.UTF-8 ""
shows "the workbench opens" "Overdue (9)"
shows_re "Sync is offered in the navigator" "^Sync +–│"
keys Tab G
shows "the navigator says what Sync is" "Sync: change sets to and from other laptops"
keys Enter
shows "Enter opens the Sync screen" "planbench · sync · 9 Jun 2026  Sync: office (1)"
shows_re "this database's name, short identity and slot" "^ This database: office \(id [0-9a-f]{8}, slot [0-9]+, [0-9]+ change sets? of its own\)"
shows_re "the peer, its short identity, never sent to or received from, one change set to send" "^laptop +[0-9a-f]{8} never +never +1$"
shows "what a change set for it would carry" "To laptop: 1 change set,"
shows_re "counted per plan and kind" "^ HIP-2526 +actions +0 +1 +0$"
shows "the status line says what the peer row means" "laptop ("
shows "the hint bar comes from the key table" "?help  j/k move  Tab panel  w write  i preview  a apply  Esc back  q quit"
capture sync-outgoing

# ---- previewing the laptop's file: Tab completes its name ----
keys i
shows "i asks for the file" "Preview a change set"
keys C-u
text "$tmp/laptop-to-"
keys Tab
shows "Tab completes the file's name" "$tmp/laptop-to-office.pbsync"
keys Enter
shows "the preview names the file" "[Incoming laptop-to-office.pbsync]"
shows_re "its source and that it is for this database" "^ From laptop \([0-9a-f]{8}\) for office \(this database\), written 20[0-9-]+ [0-9:]+$"
shows "how many change sets and row changes it carries" "Carries 2 change sets"
shows_re "the counts per plan and kind: the action changed" "^ HIP-2526 +actions +0 +1 +0$"
shows_re "the progress update added" "^ HIP-2526 +updates +1 +0 +0$"
shows "the conflicts are counted: the RAG and its reason" "2 conflicts to resolve (the newer edit of a field wins"
shows "the conflict on SQ5's RAG, and which way the rule resolves it" "action HIP-2526:SQ5 rag: incoming wins"
shows_re "the value here, with who and when" "^   here: +A +\(Sam Office, 20[0-9-]+T"
shows_re "the incoming value, with who and when, marked kept" "^   incoming: R +\(Jo Laptop, 20[0-9-]+T.*◀ kept"
shows "the status line says nothing has changed yet" "Nothing is changed yet (a applies it): previewed $tmp/laptop-to"
capture sync-preview
contains "the preview changed nothing: SQ5 is still set Amber" "$($pb --db "$db" show SQ5 --plan HIP-2526)" "RAG:         set AMBER"

# ---- applying it ----
keys a
shows "a asks first, with what will happen" "Apply $tmp/laptop-to-office.pbsync from laptop: 2 change sets"
keys y
shows "the result: applied and skipped" "Applied: 2 change sets"
shows "the conflicts resolved are listed" "2 conflicts resolved (the newer edit of a field wins"
shows "the status line says so" "2 change sets applied, 0 skipped, 2 conflicts resolved: $tmp/"
shows "the tab says it was applied" "laptop-to-office.pbsync (applied)"
capture sync-applied
show=$($pb --db "$db" show SQ5 --plan HIP-2526)
contains "the laptop's RAG is now the office's" "$show" "RAG:         RED"
contains "the laptop's note arrived" "$show" "Vendor call booked for Monday"
keys Tab
shows_re "the peer now shows when it was last received from" "^laptop +[0-9a-f]{8} never +20[0-9-]+ [0-9:]+ +1$"
keys Escape
shows "Esc goes back to the list" "Overdue"
keys :
text "plan HIP-2526"
keys Enter :
text "view all"
keys Enter
shows_re "the action list shows SQ5 Red now" "\[R\] SQ5 +Implement Total Mob"

# ---- a tampered file is refused and changes nothing ----
$pb --db "$laptop" --as "Jo Laptop" update SQ9 --plan HIP-2526 --note "Review booked" >/dev/null
$pb --db "$laptop" sync export -o "$tmp/second.pbsync" >/dev/null 2>&1
size=$(wc -c <"$tmp/second.pbsync")
printf 'X' | dd of="$tmp/second.pbsync" bs=1 seek=$((size - 5)) conv=notrunc 2>/dev/null
content >"$tmp/before.txt"
keys :
text "sync $tmp/second.pbsync"
keys Enter
shows "the engine's message about the damage" "$tmp/second.pbsync: the change set is damaged"
shows "the file is shown refused" "[Incoming second.pbsync (refused)]"
hides "no counts are shown for it" "Carries"
capture sync-refused
keys a
shows "a has nothing to apply" "Preview a file first"
content >"$tmp/after.txt"
check "the database is unchanged (planbench export before and after)" cmp -s "$tmp/before.txt" "$tmp/after.txt"

# ---- w writes a change set for the peer; a file there is replaced only after a yes ----
keys Tab w
shows "w asks where, offering a file in the home folder named for the peer and day" "$tmp/planbench-to-laptop-2026-06-09.pbsync"
keys Enter
shows "the change set is written and said so" "Wrote $tmp/planbench-to-laptop-2026-06-09.pbsync for laptop"
check "the file is there" [ -s "$tmp/planbench-to-laptop-2026-06-09.pbsync" ]
shows_re "the peer shows it was sent to, nothing left to send" "^laptop +[0-9a-f]{8} 20[0-9-]+ [0-9:]+ +20[0-9-]+ [0-9:]+ +0$"
keys w Enter
shows "writing over a file asks first" "already exists"
keys n
shows "n leaves it" "Nothing was done"
keys '?'
shows "? lists the Sync screen's keys" "Keys of Sync"
shows "including those not on the hint bar" "Write everything the peer is not known to hold"
keys Escape

# ---- resize: wider and back to 80x24 ----
T resize-window -t pb -x 120 -y 40
shows "wider: the unconfirmed column shows" "Unconfirmed"
T resize-window -t pb -x 80 -y 24
shows "back at 80x24 it still draws" "Sync: office"
hides "the unconfirmed column gives way at 80 columns" "Unconfirmed"
keys q
quits "q quits"

# ---- a locale that is not UTF-8: ASCII marks; the conflict on SQ9's RAG, the office's edit newer this time ----
$pb --db "$laptop" --as "Jo Laptop" update SQ9 --plan HIP-2526 --rag G --reason "waiting on the auditor" >/dev/null
sleep 1.1
$pb --db "$db" --as "Sam Office" update SQ9 --plan HIP-2526 --rag R --reason "auditor cancelled" >/dev/null
# … and SQ11 re-dated on both: one revision number used twice, both revisions kept
$pb --db "$db" --as "Sam Office" update SQ11 --plan HIP-2526 --due "Nov 2026" --reason "office slip" >/dev/null
sleep 1.1
$pb --db "$laptop" --as "Jo Laptop" update SQ11 --plan HIP-2526 --due "Jan 2027" --reason "laptop slip" >/dev/null
$pb --db "$laptop" sync export --all -o "$tmp/third.pbsync" >/dev/null 2>&1
check "the laptop writes everything the office may lack" [ -s "$tmp/third.pbsync" ]
start 80 24 C ""
shows "the workbench opens in the C locale" "Overdue"
keys :
text "sync $tmp/third.pbsync"
keys Enter
shows "the preview in the C locale" "action HIP-2526:SQ9 rag: here wins"
shows_re "the value kept here is marked in ASCII" "^   here: +R +\(Sam Office, .*<- kept$"
shows_re "the incoming value, not kept" "^   incoming: G +\(Jo Laptop, "
hides "no UTF-8 mark is drawn" "◀"
shows "an ASCII ellipsis for the cut status line" "~"
keys G
shows "the revision number used on both sides: both kept" "revision HIP-2526:SQ11 seq: both kept (the same revision number"
shows_re "here: the office's revision, renumbered, by whom and when, kept" "^   here: +1: to 2026-11-30, office slip +\(Sam Office, 2026-06-09\) +<- kept$"
shows_re "incoming: the laptop's, after it, kept too" "^   incoming: 2: to 2027-01-31, laptop slip +\(Jo Laptop, 2026-06-09\) +<- kept$"
capture sync-ascii
keys q
quits "q quits in the C locale"

# ---- a file replaced between its preview and the yes is not applied: the question was about the preview ----
cp "$tmp/third.pbsync" "$tmp/swap.pbsync"
$pb --db "$laptop" --as "Jo Laptop" update SQ4 --plan HIP-2526 --rag G --reason "not in the preview" >/dev/null
$pb --db "$laptop" sync export --all -o "$tmp/fourth.pbsync" >/dev/null 2>&1
start 80 24 C.UTF-8 ""
shows "the workbench opens again" "Overdue"
keys :
text "sync $tmp/swap.pbsync"
keys Enter
shows "the file is previewed" "Nothing is changed yet (a applies it): previewed $tmp/swap.pbsync"
cp "$tmp/fourth.pbsync" "$tmp/swap.pbsync"
content >"$tmp/before.txt"
keys a
shows "a asks about what the preview showed" "Apply $tmp/swap.pbsync from laptop"
keys y
shows "the yes finds the file changed since its preview and applies nothing" "Not applied: the file changed after its preview"
content >"$tmp/after.txt"
check "the database is unchanged (planbench export before and after)" cmp -s "$tmp/before.txt" "$tmp/after.txt"
lacks "the change the preview never showed is not there" "$($pb --db "$db" show SQ4 --plan HIP-2526)" "not in the preview"
keys a
shows "a then asks for a new preview" "Preview a file first"
keys q
quits "q quits"

# ---- read-only: the header only; writing and applying refused, saying why ----
start 80 24 C.UTF-8 "--read-only"
shows "the workbench opens read-only" "READ-ONLY"
keys :
text "sync $tmp/third.pbsync"
keys Enter
shows "read-only shows the header" "Carries"
shows "and says why there is no more" "Read-only: the counts per plan and the conflicts"
keys a
shows "read-only refuses applying, saying why" "Read-only: applying is refused"
keys Tab w
shows "read-only refuses writing, saying why" "Read-only: writing a change set is refused"
keys q
quits "q quits read-only"

finish
