#!/bin/sh
# e2e_cli.sh — the real binary's command line against the demo data, with today fixed at 2026-06-09.
BUILD=${1:-build}
. tests/lib.sh

db="$tmp/demo.db"
P="$pb --db $db"

# -- init --demo
out=$($P init --demo 2>&1)
check "init --demo succeeds" [ $? -eq 0 ]
contains "init --demo reports the HIP-2526 actions" "$out" "sample-data/HIP-2526-actions.csv"
equals "database file is created mode 0600" "$(stat -c %a "$db")" "600"
$P init --demo >/dev/null 2>&1
equals "init --demo refuses a database that already has actions (exit 1)" "$?" "1"

# -- list
n=$($P list --plan HIP-2526 --format csv | tail -n +2 | grep -c '^HIP-2526,')
equals "HIP-2526 has 30 actions" "$n" "30"
out=$($P list --plan HIP-2526)
contains "table lists SQ9" "$out" "SQ9"
contains "table counts the actions" "$out" "30 actions"
json=$($P list --plan HIP-2526 --format json)
equals "JSON lists 30 objects" "$(printf '%s' "$json" | grep -c '"ref":')" "30"
contains "JSON has SQ9 led by Simon Parry" "$json" '"ref":"SQ9","section":"SQ-1.3","title":"Undertake an independent review of the mitigation in place and the delivery programme for fire safety","leads":["Simon Parry"]'
a=$($P list --owner "Simon Parry" --format csv | wc -l)
b=$($P list --owner "  simon   PARRY " --format csv | wc -l)
c=$($P list --owner "Assistant Director (HPS)" --format csv | wc -l)
equals "owner matches any spelling" "$b" "$a"
equals "owner matches an alias" "$c" "$a"
d=$($P list --owner simon --format csv | wc -l)
equals "owner matches a first name only one officer has" "$d" "$a"
$P list --owner housing >/dev/null 2>"$tmp/err"
equals "a word several officers share exits 3" "$?" "3"
contains "and names them, saying to give more of the name" "$(cat "$tmp/err")" '"housing" could be Housing Advice Team Leaders, '
check "Simon Parry owns actions in more than one plan" [ "$a" -gt 40 ]
$P list --owner "Nobody Here" >/dev/null 2>"$tmp/err"
equals "unknown owner exits 3" "$?" "3"
contains "unknown owner is named" "$(cat "$tmp/err")" '"Nobody Here"'
out=$($P list --plan HIP-2526 --overdue --format csv | tail -n +2 | cut -d, -f2 | tr '\n' ' ')
equals "overdue list is most overdue first" "$out" "SQ4 SQ11 TIA10 TIA11 SQ5 "
out=$($P list --plan HIP-2526 --rag G --status complete --format csv | tail -n +2 | wc -l)
equals "RAG and status filters combine" "$out" "19"
$P list --rag X >/dev/null 2>&1
equals "bad --rag is a usage error (exit 2)" "$?" "2"
out=$($P list --search "Total Mobile" --format csv | cut -d, -f2 | tail -n +2 | head -n 1)
equals "search finds SQ5 by its title" "$out" "SQ5"

# -- show: SQ9 keeps its revisions
out=$($P show SQ9 --plan HIP-2526)
contains "show SQ9 names Simon Parry" "$out" "Leads:       Simon Parry"
contains "show SQ9 keeps the target text as written" "$out" "Dec-25 (Revised Mar-26) Revised July 2026"
contains "show SQ9 lists the first revision" "$out" "1. 31 Dec 2025 -> 31 Mar 2026"
contains "show SQ9 lists the updates newest first" "$(printf '%s' "$out" | grep -A1 'Progress updates' | tail -n 1)" "2025/26 Q4"
out=$($P show 1.1 --plan HRS-2026)
contains "show labels the target date apart from the action's target" "$out" "Target date: 31 Mar 2028"
contains "a one-line field has its label and colon beside it" "$out" "Description: by building relations with landlords"
contains "a field of several lines has its label above it" "$out" "$(printf 'Measure:\n    Homelessness arising')"
contains "the action's own target is labelled Target" "$out" "$(printf 'Target:\n    - Collect the number of evictions')"
lacks "no label has two colons" "$out" "::"
json=$($P show SQ9 --plan HIP-2526 --format json)
contains "show JSON has the current and original dates" "$json" '"due":"2026-07-31"'
contains "show JSON has the original date" "$json" '"original_due":"2025-12-31"'
printf 'plan,ref,title,due\nHIP-2627,SQ9,A second SQ9 in another plan,31/03/2027\n' >"$tmp/second-sq9.csv"
$P import "$tmp/second-sq9.csv" >/dev/null
$P show SQ9 >/dev/null 2>"$tmp/err"
equals "a ref in several plans without --plan is a usage error" "$?" "2"
contains "the ambiguity names the plans" "$(cat "$tmp/err")" "HIP-2526, HIP-2627"

# -- RAG mismatches (design: SQ5 set GREEN revised to May 2026; TIA10 set AMBER due March 2026)
out=$($P list --rag-mismatch)
contains "SQ5 is a RAG mismatch, with why" "$out" "set GREEN, computed RED: 9 days overdue, revised twice (31 May 2026)"
contains "TIA10 is a RAG mismatch, with why" "$out" "set AMBER, computed RED: 70 days overdue (31 Mar 2026)"
out=$($P check)
equals "check passes on the demo data" "$?" "0"
contains "check lists SQ5's mismatch" "$out" "rag mismatch: HIP-2526 SQ5"
contains "check lists TIA10's mismatch" "$out" "rag mismatch: HIP-2526 TIA10"

# -- when
out=$($P when "Sep-25 (Revised Jan-26) REVISED MAY 2026")
equals "when reads a revision chain" "$out" '{"text":"Sep-25 (Revised Jan-26) REVISED MAY 2026","due":"2026-05-31","original":"2025-09-30","revisions":["2026-01-31","2026-05-31"],"state":"dated","precision":"month"}'
out=$($P when "Year 1 / 2" --plan HRS-2026)
contains "when reads plan years from the plan's start" "$out" '"due":"2028-03-31"'
out=$($P when "Dec-25 ON HOLD")
contains "when keeps the date of an on-hold target" "$out" '"due":"2025-12-31","original":"2025-12-31","revisions":[],"state":"on_hold"'
$P when "31/02/2026" >/dev/null 2>"$tmp/err"
equals "an impossible date exits 3" "$?" "3"
contains "the error quotes the text" "$(cat "$tmp/err")" '"31/02/2026"'

# -- update
$P update SQ5 --plan HIP-2526 --due "Aug-26" >/dev/null 2>&1
equals "a revision without a reason is refused (exit 2)" "$?" "2"
lacks "the refused revision wrote nothing" "$($P show SQ5 --plan HIP-2526)" "31 Aug 2026"
out=$($P --as "Simon Parry" update SQ5 --plan HIP-2526 --due "Aug-26" --reason "Supplier delay")
check "update --due with a reason succeeds" [ $? -eq 0 ]
contains "update says what it changed, field by field" "$out" "Saved HIP-2526 SQ5:
  target revised: 2026-05-31 -> 2026-08-31 (Supplier delay)
  target as written: Sep-25 (Revised Jan-26) REVISED MAY 2026 -> Sep-25 (Revised Jan-26) REVISED MAY 2026 (Revised Aug-26)
  target date: 2026-05-31 -> 2026-08-31"
out=$($P show SQ5 --plan HIP-2526)
contains "the new revision is in the history with its reason and author" "$out" "3. 31 May 2026 -> 31 Aug 2026  Supplier delay (2026-06-09, Simon Parry)"
contains "the original target is kept" "$out" "Original:    30 Sep 2025 · revised 3 times"
contains "the text keeps every revision" "$out" "Sep-25 (Revised Jan-26) REVISED MAY 2026 (Revised Aug-26)"
contains "the audit trail names who changed the target, from and to" "$out" "Simon Parry  due_on: 2026-05-31 -> 2026-08-31"
contains "the demo data is attributed in the audit trail" "$out" "planbench demo data  created"
rag_of() { $P show "$2" --plan "$1" --format json | sed -n 's/.*"rag_computed":"\(.\)".*/\1/p'; }
equals "a target 10 months away is computed Green" "$(rag_of HIP-2627 NC1.1.1)" "G"
$P update NC1.1.1 --plan HIP-2627 --due "30/06/2027" --reason "Fire service training moved" >/dev/null
equals "the same target pushed back this quarter is computed Amber" "$(rag_of HIP-2627 NC1.1.1)" "A"
$P update TIA10 --plan HIP-2526 --rag G >/dev/null 2>"$tmp/err"
equals "setting a RAG that disagrees without a reason exits 3" "$?" "3"
out=$($P update TIA10 --plan HIP-2526 --note "Training plan agreed with HR." --status in_progress)
equals "update lists only what changed: the note, not the status the action already had" "$out" "Saved HIP-2526 TIA10:
  progress update: (none) -> Training plan agreed with HR."
out=$($P show TIA10 --plan HIP-2526 --format json)
contains "a progress note is saved with the quarter label" "$out" '"period":"2026/27 Q1","noted_on":"2026-06-09"'
$P update TIA10 --plan HIP-2526 --note "should not be saved" --due "not a date" --reason x >/dev/null 2>&1
equals "an update with one bad part exits 3" "$?" "3"
lacks "and none of its parts is saved" "$($P show TIA10 --plan HIP-2526)" "should not be saved"
$P update SQ11 --plan HIP-2526 --rag R --reason "working group not yet formed" >/dev/null
$P update SQ11 --plan HIP-2526 --complete >/dev/null
out=$($P show SQ11 --plan HIP-2526)
contains "a reason given before completion is shown as the earlier RAG's" "$out" \
	"RAG reason:  given for RED, before COMPLETE: working group not yet formed"
contains "while what is stored is unchanged" "$($P show SQ11 --plan HIP-2526 --format json)" '"rag_reason":"working group not yet formed"'
$P update SQ11 --plan HIP-2526 --rag C --reason "closed by the board" >/dev/null
contains "a reason given with COMPLETE is COMPLETE's own" "$($P show SQ11 --plan HIP-2526)" "RAG reason:  closed by the board"

# -- export / import round trip, every kind, byte for byte
for k in plans sections officers methods actions revisions updates engagements; do
	$P export --kind $k --with-notes -o "$tmp/$k.csv"
done
$pb --db "$tmp/copy.db" init >/dev/null
for k in plans sections officers methods actions revisions updates engagements; do
	$pb --db "$tmp/copy.db" import "$tmp/$k.csv" --kind $k >/dev/null || not_ok "import $k into an empty database"
done
for k in plans sections officers methods actions revisions updates engagements; do
	$pb --db "$tmp/copy.db" export --kind $k --with-notes -o "$tmp/$k.again.csv"
	check "export, import, export of $k is byte-identical" cmp -s "$tmp/$k.csv" "$tmp/$k.again.csv"
done

# -- a broken CSV changes nothing
snapshot() { for k in plans sections officers methods actions revisions updates engagements; do $P export --kind $k --with-notes; done | cksum; }
before=$(snapshot)
printf 'plan,ref,title,due\nHIP-2526,ZZ1,"Unclosed quote,Sep-25\nHIP-2526,ZZ2,Fine,Oct-25\n' >"$tmp/unbalanced.csv"
printf 'plan,ref,due\nHIP-2526,ZZ1,Sep-25\n' >"$tmp/nocolumn.csv"
printf 'plan,ref,title,due\nHIP-2526,ZZ1,Fine,Sep-25\nNOPE-9,ZZ2,Unknown plan,Oct-25\n' >"$tmp/noplan.csv"
$P import "$tmp/unbalanced.csv" 2>"$tmp/err" >/dev/null
equals "an unbalanced quote exits 3" "$?" "3"
contains "the message names the file and the row" "$(cat "$tmp/err")" "unbalanced.csv: row 2 (line 2)"
$P import "$tmp/nocolumn.csv" 2>"$tmp/err" >/dev/null
equals "a missing required column exits 3" "$?" "3"
contains "the message names the column" "$(cat "$tmp/err")" 'required column "title" is missing'
$P import "$tmp/noplan.csv" 2>"$tmp/err" >/dev/null
equals "an unknown plan exits 3" "$?" "3"
contains "the message names the file, row and column" "$(cat "$tmp/err")" 'noplan.csv: row 3, column "plan": unknown plan "NOPE-9"'
equals "the database is exactly as it was" "$(snapshot)" "$before"
out=$($P import "$tmp/actions.csv" --kind actions --dry-run)
contains "a dry run says nothing was written" "$out" "dry run: nothing was written"

# -- text imported from elsewhere cannot send escape sequences to the terminal
printf 'plan,ref,period,noted_on,author,text\nHIP-2526,SQ9,2026/27 Q1,2026-06-01,Simon Parry,bad \033[31mred\033[0m text\n' >"$tmp/escape.csv"
$P import "$tmp/escape.csv" --kind updates >/dev/null
out=$($P show SQ9 --plan HIP-2526)
contains "show prints control characters in stored text as ?" "$out" "bad ?[31mred?[0m text"
lacks "and never the escape character itself" "$out" "$(printf '\033')"

# -- usage and exit codes
$P frobnicate >/dev/null 2>&1
equals "an unknown command exits 2" "$?" "2"
$pb --db "$tmp/none.db" list >/dev/null 2>"$tmp/err"
equals "a missing database exits 1" "$?" "1"
contains "and says how to create one" "$(cat "$tmp/err")" "planbench init"
out=$($P help update)
contains "help COMMAND prints its usage" "$out" "usage: planbench update REF"
out=$($P help)
equals "every line of a command's usage in help is indented, its second form too" \
	"$(printf '%s\n' "$out" | sed -n '/^  init /,/^Environment/p' | grep -v '^  \|^Environment' | head -3)" ""
contains "the second form of list stands with the commands" "$out" "
  list --kind engagements ["
contains "help COMMAND gives a second form as \"or:\"" "$($P help settings)" "
   or: planbench settings set KEY VALUE"

finish
