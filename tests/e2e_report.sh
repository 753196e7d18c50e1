#!/bin/sh
# e2e_report.sh — snapshots and the quarterly RAG report on the demo data (today 2026-06-09): a snapshot, some
# updates, then the report compared with it as Markdown, CSV and HTML (well-formed, charted, rendered by Chromium).
BUILD=${1:-build}
. tests/lib.sh

db="$tmp/demo.db"
P="$pb --db $db"
$P init --demo >/dev/null 2>&1
check "the demo database is created" [ -f "$db" ]

# -- snapshots
out=$($P snapshot "2025/26 Q4")
check "snapshot succeeds" [ $? -eq 0 ]
contains "snapshot says how many actions it recorded" "$out" 'Snapshot "2025/26 Q4" taken on 9 Jun 2026: 168 actions recorded'
$P snapshot "2025/26 q4" >"$tmp/out" 2>"$tmp/err"
equals "a second snapshot with the same label is refused (exit 3)" "$?" "3"
contains "the refusal names the label and how to list them" "$(cat "$tmp/err")" \
	'a snapshot called "2025/26 Q4" was already taken on 9 Jun 2026 and snapshots are never changed'
contains "the refusal says how to list the snapshots" "$(cat "$tmp/err")" '`planbench snapshot --list`'
out=$($P snapshot --list)
contains "snapshot --list shows the snapshot once, with its actions" "$out" "2025/26 Q4                      9 Jun 2026       168"
equals "snapshots lists one snapshot" "$($P snapshots | tail -n +2 | wc -l)" "1"
$P --read-only snapshot "2026/27 Q1" >/dev/null 2>&1
equals "a read-only database takes no snapshot (exit 4)" "$?" "4"
$P snapshot >/dev/null 2>&1
equals "snapshot without a label is a usage error (exit 2)" "$?" "2"

# -- right after the snapshot nothing has changed: the counts are the tracker's own
# (sample-data/HIP-2526-actions.csv: 19 complete, 5 AMBER, 6 GREEN, 0 RED; 5 overdue on 9 Jun 2026; 8 revised)
out=$($P report --plan HIP-2526 --compare "2025/26 Q4")
contains "compared at once, every count is unchanged" "$out" \
	"| All sections | 30 → 30 (0) | 0 → 0 (0) | 5 → 5 (0) | 6 → 6 (0) | 19 → 19 (0) | 5 → 5 (0) | 8 → 8 (0) |"

# -- a quarter's work: a revision with its reason, a completion, a RAG change, a note
$P update SQ4 --plan HIP-2526 --due "Sep-26" --reason "Door repair contractor still mobilising" >/dev/null
check "SQ4's target is revised" [ $? -eq 0 ]
$P update SQ5 --plan HIP-2526 --complete >/dev/null
check "SQ5 is completed" [ $? -eq 0 ]
$P update TIA10 --plan HIP-2526 --rag R --reason "Training plan not yet agreed" >/dev/null
check "TIA10 is set RED" [ $? -eq 0 ]
$P update TIA3 --plan HIP-2526 --note "Portal testing passed; go-live booked for July." >/dev/null
check "TIA3 gets a progress update" [ $? -eq 0 ]

# -- Markdown
md=$($P report --plan HIP-2526 --compare "2025/26 Q4" --format md)
check "report --format md succeeds" [ $? -eq 0 ]
contains "md: NC counts (3 complete, 1 revised)" "$md" "| NC — Neighbourhood and Community | 3 | 0 | 0 | 0 | 3 | 0 | 1 |"
contains "md: SQ counts, computed beside set" "$md" "| SQ — Safety and Quality | 14 | 0 (computed 1) | 1 | 3 (computed 2) | 10 | 1 | 5 |"
contains "md: TIA counts, computed beside set" "$md" \
	"| TIA — Transparency, Influence and Accountability | 13 | 1 (computed 2) | 3 (computed 1) | 2 (computed 3) | 7 | 2 | 3 |"
contains "md: totals" "$md" "| All sections | 30 | 1 (computed 3) | 4 (computed 2) | 5 | 20 | 3 | 9 |"
contains "md: SQ against the snapshot (SQ5 complete, SQ4 re-dated)" "$md" \
	"| SQ — Safety and Quality | 14 → 14 (0) | 0 → 0 (0) | 1 → 1 (0) | 4 → 3 (-1) | 9 → 10 (+1) | 3 → 1 (-2) | 4 → 5 (+1) |"
contains "md: TIA against the snapshot (TIA10 AMBER to RED)" "$md" \
	"| TIA — Transparency, Influence and Accountability | 13 → 13 (0) | 0 → 1 (+1) | 4 → 3 (-1) | 2 → 2 (0) | 7 → 7 (0) | 2 → 2 (0) | 3 → 3 (0) |"
contains "md: totals against the snapshot" "$md" \
	"| All sections | 30 → 30 (0) | 0 → 1 (+1) | 5 → 4 (-1) | 6 → 5 (-1) | 19 → 20 (+1) | 5 → 3 (-2) | 8 → 9 (+1) |"
contains "md: the notes say how unset RAGs are counted" "$md" "An action with no RAG set is counted by its computed RAG"
overdue=$(printf '%s\n' "$md" | sed -n '/^## Overdue actions/,/^## /p' | grep '^| [A-Z]*[0-9]' | cut -d'|' -f2 | tr -d ' ' | tr '\n' ' ')
equals "md: overdue actions, most overdue first" "$overdue" "SQ11 TIA10 TIA11 "
contains "md: the revision since the snapshot, with its reason" "$md" \
	"| SQ4 | Mobilise a fire door inspection programme | Simon Parry | 30 Sep 2025 | 30 Sep 2026 | Door repair contractor still mobilising |"
mism=$(printf '%s\n' "$md" | sed -n '/^## RAG mismatches/,/^## /p' | grep '^| [A-Z]*[0-9]' | cut -d'|' -f2 | tr -d ' ' | tr '\n' ' ')
equals "md: RAG mismatches" "$mism" "SQ4 SQ9 SQ11 TIA3 TIA11 "
contains "md: a mismatch says why" "$md" "set GREEN, computed RED: 160 days overdue (31 Dec 2025)"
contains "md: completed since the snapshot" "$md" "| SQ5 | Implement Total Mobile for Repairs and Maintenance | Simon Parry | 31 May 2026 | 9 Jun 2026 |"
contains "md: the per-section table groups by the section tree" "$md" "### SQ — Safety and Quality

#### SQ-1.1 — Stock quality

| Ref | Action | Lead | Target date | RAG | Comments |"
contains "md: the table shows the latest update" "$md" \
	"| TIA3 | Implement a Tenants Portal within Cx | Judith Willis; Simon Parry | April 26 Revised July 2026 | AMBER (computed GREEN) | 2026/27 Q1: Portal testing passed; go-live booked for July. |"
lacks "md: no HTML in the Markdown" "$md" "<br"

# -- CSV: one row per section per RAG
csv=$($P report --plan HIP-2526 --compare "2025/26 Q4" --format csv)
equals "csv: a header and 3 sections x 4 RAGs" "$(printf '%s\n' "$csv" | wc -l)" "13"
equals "csv: the header" "$(printf '%s\n' "$csv" | head -n 1)" "plan,section,section_title,rag,count,computed_count,snapshot_count,change"
contains "csv: SQ Green now 3, computed 2, was 4" "$csv" "HIP-2526,SQ,Safety and Quality,Green,3,2,4,-1"
contains "csv: SQ Complete up one" "$csv" "HIP-2526,SQ,Safety and Quality,Complete,10,10,9,1"
contains "csv: TIA Red up one, the title quoted" "$csv" 'HIP-2526,TIA,"Transparency, Influence and Accountability",Red,1,2,0,1'

# -- HTML: one self-contained, well-formed file, a chart per section
$P report --plan HIP-2526 --compare "2025/26 Q4" --format html -o "$tmp/r.html"
check "report -o writes the HTML file" [ $? -eq 0 ] && [ -s "$tmp/r.html" ]
equals "the report file is readable by its owner only" "$(stat -c %a "$tmp/r.html")" "600"
equals "no temporary file is left beside it" "$(ls "$tmp" | grep -c 'r.html.tmp')" "0"
if command -v xmllint >/dev/null 2>&1; then
	check "the HTML is well-formed (xmllint)" xmllint --noout "$tmp/r.html"
else
	check "the HTML is well-formed (python3 xml)" python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$tmp/r.html"
fi
html=$(cat "$tmp/r.html")
equals "one chart per section plus one for the plan" "$(grep -c '<svg class="chart"' "$tmp/r.html")" "4"
for sec in NC SQ TIA; do
	equals "one chart for $sec" "$(grep -c "<svg class=\"chart\" data-section=\"$sec\"" "$tmp/r.html")" "1"
done
contains "each segment carries its letter and count (SQ now: C 10)" "$html" ">C 10</text>"
contains "segments are patterned for greyscale print" "$html" 'fill="url(#pR'
contains "A4 print rules" "$html" "@page{size:A4"
lacks "nothing is fetched: no http" "$html" "http"
lacks "nothing is fetched: no src" "$html" "src="
lacks "no script" "$html" "<script"
contains "the HTML holds the compared counts" "$html" "0 → 1 (+1)"

# -- the HTML renders in headless Chromium
chromium=$(command -v chromium || command -v chromium-browser)
if [ -z "$chromium" ]; then
	not_ok "chromium is installed (make test-deps installs it)"
else
	timeout 60 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync --user-data-dir="$tmp/chr" \
		--screenshot="$tmp/r.png" --window-size=1240,1754 "file://$tmp/r.html" >"$tmp/chromium.log" 2>&1
	check "Chromium renders the report to a screenshot" [ -s "$tmp/r.png" ]
	equals "the screenshot is a PNG" "$(head -c 8 "$tmp/r.png" | od -An -c | tr -d ' ')" '211PNG\r\n032\n'
	equals "the screenshot is 1240 x 1754" "$(od -An -tu1 -j16 -N8 "$tmp/r.png" | tr -s ' ' | sed 's/^ //')" "0 0 4 216 0 0 6 218"
	size=$(stat -c %s "$tmp/r.png")
	check "the screenshot is not blank ($size bytes; a blank page is a few kB)" [ "$size" -gt 50000 ]
fi

# -- errors: named, with how to find the right name; nothing written
$P report --plan HIP-9999 >/dev/null 2>"$tmp/err"
equals "an unknown plan exits 3" "$?" "3"
contains "the unknown plan is named, with the plans there are" "$(cat "$tmp/err")" 'no plan "HIP-9999"; the plans are HRS-2026, HIP-2526, HIP-2627'
$P report --plan HIP-2526 --compare "2024/25 Q2" -o "$tmp/bad.html" >/dev/null 2>"$tmp/err"
equals "an unknown snapshot exits 3" "$?" "3"
contains "the unknown snapshot is named, with how to list them" "$(cat "$tmp/err")" \
	'no snapshot "2024/25 Q2"; `planbench snapshot --list` lists the snapshots'
check "nothing is written for an unknown snapshot" [ ! -e "$tmp/bad.html" ]
equals "no temporary file is left after a failure" "$(ls "$tmp" | grep -c 'bad.html')" "0"
$P report --format pdf >/dev/null 2>&1
equals "an unknown format is a usage error (exit 2)" "$?" "2"

# -- every plan when --plan is left out
all=$($P report)
equals "without --plan every plan is reported" "$(printf '%s\n' "$all" | grep -c '^# RAG report: ')" "3"
contains "HRS-2026 actions have no RAG set and count by the computed one" "$all" "counted by its computed RAG: 55 actions in this plan"
out=$($P report --kind engagements)
check "report --kind engagements is the engagement report, not the RAG one" [ $? -eq 0 ] && [ -n "$out" ]
lacks "report --kind engagements holds no RAG report" "$out" "# RAG report"
$P report --kind officers >/dev/null 2>&1
equals "report --kind takes actions or engagements (exit 2 otherwise)" "$?" "2"
equals "report --kind actions is the RAG report" "$($P report --kind actions --plan HIP-2526 | head -n 1)" \
	"# RAG report: Housing Improvement Plan 2025/26 (Quarter 4 update) (HIP-2526)"
contains "report --help shows the usage" "$($P help report)" "report [--plan CODE] [--compare LABEL] [--format md|csv|html] [-o FILE]"

finish
