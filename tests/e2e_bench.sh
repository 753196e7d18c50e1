#!/bin/sh
# e2e_bench.sh — the benchmark kept working: a 1,000-action run completes, prints its table and writes its CSV,
# with the frames of the real workbench (--script) among its rows.
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
	"import floor (sqlite3 .import, no index)" \
	"workbench store calls, peak memory" \
	"frame: open to first frame of Overdue" "frame: move down one row" "frame: page down" \
	"frame: jump to the end of the list" "frame: switch view (navigator): All actions" \
	"frame: owner filter (busiest officer)" "frame: sort All actions by lead (s)" \
	"frame: search, third letter typed" "frame: open an action with 50 updates" \
	"frame: workbench process, peak memory"; do
	line=$(awk -v q="\"$op\",1000," -v p="$op,1000," 'index($0, q) == 1 || index($0, p) == 1' "$tmp/results.csv")
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

# The frames were drawn by the real workbench: the script that opens the action with 50 updates ends on it in full.
script="$tmp/data/frames-1000-open-action.txt"
head -n 4 "$script" >"$tmp/open.txt"
screen=$(LC_ALL=C.UTF-8 $pb --db "$tmp/data/bench-1000.db" --script "$tmp/open.txt" --size 120x45)
contains "the frame script finds the action with 50 updates and opens it" "$screen" "Progress updates (50, newest first)"

# A run keeps the rows of the CSV it does not measure (here: the 1,000-action rows, when 500 are measured).
"$bench" --sizes 500 --runs 2 --parts frames --dir "$tmp/data" --bin "$BIN" -o "$tmp/results.csv" >/dev/null 2>"$tmp/err3"
check "a frames-only run at 500 actions keeps the 1,000-action rows" grep -qF "open an action with 50 updates,1000," "$tmp/results.csv"
check "and adds its own" grep -qF "frame: open an action with 50 updates,500," "$tmp/results.csv"

# A bad option is a usage error naming it.
"$bench" --sizes ten >/dev/null 2>"$tmp/err2"
equals "a bad --sizes exits 2" "$?" 2
contains "and says what it did not understand" "$(cat "$tmp/err2")" "--sizes ten"
finish
