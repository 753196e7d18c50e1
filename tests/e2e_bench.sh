#!/bin/sh
# e2e_bench.sh — the benchmark kept working: a 1,000-action run completes, prints its table and writes its CSV.
# (The full benchmark, up to 100,000 actions, is `make bench`; it is not part of `make test`.)
BUILD=${1:-build}
. tests/lib.sh
bench="$(cd "$BUILD" && pwd)/bench/planbench-bench"

out=$("$bench" --sizes 1000 --runs 3 --process-runs 2 --import-runs 1 --dir "$tmp/data" --bin "$BIN" -o "$tmp/results.csv" 2>"$tmp/err")
rc=$?
equals "the 1,000-action benchmark exits 0" "$rc" 0
[ "$rc" -eq 0 ] || cat "$tmp/err"
contains "it prints the table with a column for 1,000 actions" "$out" "1000 actions"
check "it writes the CSV" test -s "$tmp/results.csv"
equals "the CSV starts with its header" "$(head -n 1 "$tmp/results.csv")" "operation,actions,unit,runs,median,p95"

# Every operation of the issue has a row, with a number that is not zero.
for op in "open to first frame of Overdue (store)" "move down one row (preview)" "page down" "jump to the end of the list" \
	"switch view: All actions" "owner filter (busiest officer)" "sort All actions by lead" "search: third letter typed" \
	"open an action with 50 updates" "save a progress update" "revise a target date" \
	"list --overdue --format csv (process)" "export actions (process), rate" "import a tracker (store_import_tracker)" \
	"workbench store calls, peak memory"; do
	line=$(grep -F "\"$op\",1000," "$tmp/results.csv" || grep -F "$op,1000," "$tmp/results.csv")
	median=$(printf '%s\n' "$line" | awk -F, '{ print $(NF-1) }')
	if [ -n "$line" ] && awk -v m="$median" 'BEGIN { exit !(m + 0 > 0) }'; then
		ok "results.csv has \"$op\" at 1,000 actions ($median)"
	else
		not_ok "results.csv has \"$op\" at 1,000 actions with a measured value"
		printf '   line: %s\n' "$line"
	fi
done

# The tracker import really imported: the database it built from the canonical CSV files holds the 1,000 actions.
n=$($pb --db "$tmp/data/bench-1000.db" list --format csv | tail -n +2 | wc -l)
equals "the generated database holds 1,000 actions" "$n" 1000
over=$($pb --db "$tmp/data/bench-1000.db" list --overdue --format csv | tail -n +2 | wc -l)
check "about a third of them are overdue ($over)" test "$over" -ge 250 -a "$over" -le 420

# A bad option is a usage error naming it.
"$bench" --sizes ten >/dev/null 2>"$tmp/err2"
equals "a bad --sizes exits 2" "$?" 2
contains "and says what it did not understand" "$(cat "$tmp/err2")" "--sizes ten"
finish
