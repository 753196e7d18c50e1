#!/bin/sh
# e2e_progress.sh — long work: imports, exports and reports of thousands of rows show a progress line on a terminal
# (a pseudo-terminal, through script) and nothing when redirected; Ctrl-C in the middle of a 200,000-row import or
# export exits 130 saying nothing was written, and the database and the folder are exactly as they were.
BUILD=${1:-build}
. tests/lib.sh

command -v script >/dev/null 2>&1 || { not_ok "script is installed (apt-get install bsdutils)"; exit 1; }
command -v sqlite3 >/dev/null 2>&1 || { not_ok "sqlite3 is installed (apt-get install sqlite3)"; exit 1; }

db="$tmp/p.db"
P="$pb --db $db"
$P init --demo >/dev/null 2>&1 || not_ok "init --demo"
# everything a user could export, notes included: compares the data, not the file's bytes
snapshot() { for k in plans sections officers methods actions revisions updates engagements; do $pb --db "$1" --read-only export --kind $k --with-notes 2>/dev/null; done | cksum; }
# on_tty COMMAND: runs it on a pseudo-terminal; prints what the terminal showed
on_tty() { script -qec "$1" /dev/null 2>&1; }

# 200,000 progress notes spread over the demo's 168 actions and a year of dates
$P list --format csv | awk -F, 'NR > 1 { print $1 "," $2 }' >"$tmp/refs"
awk -F, 'NR == FNR { n++; p[n] = $1; r[n] = $2; next }
	END { print "plan,ref,period,noted_on,author,text"
	      for (i = 1; i <= 200000; i++) { k = i % n + 1; m = int(i / 28) % 12 + 1
		      printf "%s,%s,2025/26 Q%d,2025-%02d-%02d,Tester,Progress note number %d\n", p[k], r[k], m % 4 + 1, m, i % 28 + 1, i } }' \
	"$tmp/refs" /dev/null >"$tmp/big-updates.csv"
equals "the test file has 200,000 rows" "$(($(wc -l <"$tmp/big-updates.csv") - 1))" "200000"
head -n 5001 "$tmp/big-updates.csv" >"$tmp/small-updates.csv"

# -- a progress line on a terminal, nothing when redirected
out=$(on_tty "$P import $tmp/small-updates.csv --kind updates")
contains "an import on a terminal shows its progress" "$out" "Importing small-updates.csv  ["
contains "counting rows against the total, with a share" "$out" "5,000 / 5,000 rows  100%"
contains "the line is cleared, and the summary follows" "$out" "$(printf '\r\033[K')$tmp/small-updates.csv: 5000 updates rows: 5000 added"
$P import "$tmp/small-updates.csv" --kind updates >"$tmp/out" 2>"$tmp/err"
equals "redirected, the same import prints nothing on standard error" "$(cat "$tmp/err")" ""
lacks "nor on standard output" "$(cat "$tmp/out")" "Importing"
contains "only its summary" "$(cat "$tmp/out")" "5000 updates rows: 0 added, 0 changed, 5000 unchanged"
out=$(on_tty "$pb --db $tmp/p.db --today $TODAY import $tmp/small-updates.csv --kind updates --dry-run")
contains "a dry run says it is checking" "$out" "Checking small-updates.csv"
head -n 101 "$tmp/big-updates.csv" >"$tmp/tiny-updates.csv"
lacks "a small import shows no progress" "$(on_tty "$P import $tmp/tiny-updates.csv --kind updates")" "Importing"

out=$(on_tty "$P export --kind updates --with-notes -o $tmp/u.csv")
contains "an export to a file shows its progress on the terminal" "$out" "Exporting updates  ["
contains "against the true total (the demo's 45 notes and these)" "$out" "5,045 / 5,045 rows  100%"
equals "and writes every row" "$(grep -c "Progress note number" "$tmp/u.csv")" "5000"
lacks "an export to the terminal itself shows none (the CSV is there)" "$(on_tty "$P export --kind updates")" "Exporting"
$P export --kind updates -o "$tmp/u2.csv" 2>"$tmp/err"
lacks "redirected, an export shows none" "$(cat "$tmp/err")" "Exporting"

awk 'BEGIN { print "Ref,Action,Lead Officer,Target Date,Status"
	     for (i = 1; i <= 2100; i++) printf "B%d,Big action %d,Simon Parry,31/12/2026,In progress\n", i, i }' >"$tmp/big-actions.csv"
out=$(on_tty "$P import $tmp/big-actions.csv --plan BIG-1 --plan-title 'Big plan'")
contains "a council's tracker shows its progress too" "$out" "2,100 / 2,100 rows  100%"
out=$(on_tty "$P report --format html -o $tmp/r.html")
contains "a report of thousands of actions shows its progress" "$out" "Writing the report  ["
contains "over every action of its tables" "$out" "2,268 / 2,268 actions  100%"
check "and is written" grep -q "Big action 2100" "$tmp/r.html"
$P report --format html -o "$tmp/r2.html" 2>"$tmp/err"
equals "redirected, a report shows none" "$(cat "$tmp/err")" ""

# -- Ctrl-C in the middle of a 200,000-row import: nothing written, exit 130
idb="$tmp/i.db"
$pb --db "$idb" init --demo >/dev/null 2>&1
before=$(snapshot "$idb")
script -qefc "sh -c 'echo \$\$ >$tmp/pid; exec $pb --db $idb import $tmp/big-updates.csv --kind updates'" "$tmp/ts" >/dev/null 2>&1 &
spid=$!
i=0
until grep -q "rows" "$tmp/ts" 2>/dev/null || [ $i -ge 600 ]; do sleep 0.1; i=$((i + 1)); done
contains "the big import is under way on the terminal" "$(cat "$tmp/ts")" "/ 200,000 rows"
kill -INT "$(cat "$tmp/pid")"
wait $spid
equals "Ctrl-C stops the import with exit status 130" "$?" "130"
ts=$(cat "$tmp/ts")
contains "saying nothing was imported" "$ts" "planbench: the import was interrupted (Ctrl-C); nothing was imported: the database is as it was"
lacks "and no summary" "$ts" "200000 updates rows"
equals "the database is exactly as it was" "$(snapshot "$idb")" "$before"
$pb --db "$idb" check >/dev/null 2>&1
equals "and passes check" "$?" "0"

# the same without a terminal: output redirected, Ctrl-C still stops it cleanly
$pb --db "$idb" import "$tmp/big-updates.csv" --kind updates >"$tmp/out" 2>"$tmp/err" &
ipid=$!
i=0
until [ "$(stat -c %s "$idb-wal" 2>/dev/null || echo 0)" -gt 2000000 ] || [ $i -ge 600 ]; do sleep 0.1; i=$((i + 1)); done
kill -INT $ipid
wait $ipid
equals "redirected, Ctrl-C stops the import with 130 too" "$?" "130"
contains "with the same message" "$(cat "$tmp/err")" "the import was interrupted (Ctrl-C); nothing was imported"
equals "and the database is exactly as it was" "$(snapshot "$idb")" "$before"

# -- Ctrl-C in the middle of a 200,000-row export: no file written, an existing one untouched
edb="$tmp/e.db"
$pb --db "$edb" init --demo >/dev/null 2>&1
sqlite3 "$edb" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200000)
	INSERT INTO progress_update(action_id, period, noted_on, author, text, created_at)
	SELECT a.id, '2025/26 Q4', '2026-03-31', 'Tester', 'Bulk note ' || n.i, '2026-06-09T00:00:00Z'
	FROM n JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM action) a ON a.k = n.i % 100"
mkdir "$tmp/exports"
echo "the export as it was" >"$tmp/exports/updates.csv"
script -qefc "sh -c 'echo \$\$ >$tmp/epid; exec $pb --db $edb export --kind updates --with-notes -o $tmp/exports/updates.csv'" "$tmp/ets" >/dev/null 2>&1 &
spid=$!
i=0
until [ -s "$tmp/epid" ] && ls "$tmp/exports/updates.csv.tmp"* >/dev/null 2>&1 || [ $i -ge 3000 ]; do sleep 0.01; i=$((i + 1)); done
kill -INT "$(cat "$tmp/epid")"
wait $spid
equals "Ctrl-C stops the export with exit status 130" "$?" "130"
contains "saying nothing was written" "$(cat "$tmp/ets")" "planbench: the export was interrupted (Ctrl-C); nothing was written"
equals "no file is left behind" "$(ls "$tmp/exports")" "updates.csv"
equals "and the file that was there is untouched" "$(cat "$tmp/exports/updates.csv")" "the export as it was"
$pb --db "$edb" export --kind updates --with-notes -o "$tmp/exports/updates.csv" 2>/dev/null
equals "uninterrupted, the same export writes all 200,000 notes" "$(grep -c "Bulk note" "$tmp/exports/updates.csv")" "200000"

# -- a backup of the big database: its progress in pages; Ctrl-C leaves no file
out=$(on_tty "$pb --db $edb backup -o $tmp/exports/copy.db")
contains "a backup on a terminal shows its progress" "$out" "Backing up e.db  ["
contains "in pages" "$out" "pages  100%"
check "and is made" [ -f "$tmp/exports/copy.db" ]
rm -f "$tmp/exports/copy.db"
script -qefc "sh -c 'echo \$\$ >$tmp/bpid; exec $pb --db $edb backup -o $tmp/exports/copy.db'" "$tmp/bts" >/dev/null 2>&1 &
spid=$!
i=0
until [ -s "$tmp/bpid" ] && ls "$tmp/exports/copy.db.tmp"* >/dev/null 2>&1 || [ $i -ge 3000 ]; do sleep 0.01; i=$((i + 1)); done
kill -INT "$(cat "$tmp/bpid")"
wait $spid
equals "Ctrl-C stops the backup with exit status 130" "$?" "130"
contains "saying nothing was written" "$(cat "$tmp/bts")" "planbench: the backup was interrupted (Ctrl-C); nothing was written"
equals "no copy is left behind" "$(ls "$tmp/exports")" "updates.csv"

finish
