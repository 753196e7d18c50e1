#!/bin/sh
# e2e_engagement.sh — tenant engagement records on the command line: lists, filters and the summary, on the demo data.
BUILD=${1:-build}
. tests/lib.sh

P="$pb --db $tmp/demo.db"
$P init --demo >/dev/null

# -- lists and filters
out=$($P list --kind engagements)
contains "every activity of the position statement is listed" "$out" "24 engagement records"
contains "a monthly drop-in shows its date range" "$out" "2025-04-01..2026-03-31"
n=$($P list --kind engagements --format csv | tail -n +2 | wc -l)
equals "CSV has one row per record" "$n" "24"
out=$($P list --kind engagements --we-did yes --format csv | tail -n +2 | cut -d, -f1 | sort | tr '\n' ' ')
equals "--we-did yes finds the two records with a \"we did\"" "$out" "ENG-007 ENG-011 "
n=$($P list --kind engagements --we-did no --format csv | tail -n +2 | wc -l)
equals "--we-did no finds the rest" "$n" "22"
out=$($P list --kind engagements --method "drop-in" --format csv | tail -n +2 | cut -d, -f1)
equals "--method matches any case" "$out" "ENG-006"
out=$($P list --kind engagements --team "Tenant Liaison Team for Capital Works" --format csv | tail -n +2 | wc -l)
equals "--team filters by team" "$out" "13"
out=$($P list --kind engagements --from 2025-04-01 --to 2025-06-30 --format csv | tail -n +2 | cut -d, -f1 | sort | tr '\n' ' ')
contains "--from/--to keep records whose dates overlap the range" "$out" "ENG-006"
lacks "--from/--to drop records held before it" "$out" "ENG-002"
json=$($P list --kind engagements --search "garages" --format json)
contains "search finds an engagement by its text" "$json" '"ref":"ENG-015","title":"Garages"'
contains "JSON keeps tenants as written" "$json" '"tenants_text":"Circa 200 tenants"'
$P list --kind engagements --formality sometimes >/dev/null 2>&1
equals "a bad --formality is a usage error" "$?" "2"
$P list --kind sandwiches >/dev/null 2>&1
equals "an unknown --kind is a usage error" "$?" "2"

# -- the summary
out=$($P report --kind engagements)
contains "the summary counts every record once" "$out" "| **Total** | 24 | 41 | c. 10,058+ | 2 | 2 of 24 |"
contains "a monthly drop-in of c. 20 per event counts 12 times" "$out" "| Drop-in | 1 | 12 | c. 240 | 0 | 0 of 1 |"
contains "the you-said-we-did gap is stated" "$out" '22 have no "we did" yet'
contains "per-event figures without a count of events are a lower bound" "$out" "| Community projects & volunteering | 1 | 1 | c. 20+ | 0 | 1 of 1 |"
contains "by quarter, a recurring engagement counts in each quarter it was held" "$out" "| 2025/26 Q2 | 2 | 4 | c. 60 | 0 | 0 of 2 |"
contains "undated records are counted apart" "$out" "| Undated | 16 |"
csv=$($P report --kind engagements --format csv --by team)
contains "CSV: one row per team with exact and circa apart" "$csv" "Team,Tenant Liaison Team for Capital Works,13,13,0,2668,2,0,0"
lacks "CSV --by team holds only the team rows" "$csv" "Method,"
out=$($P report --kind engagements --team "Tenant Liaison Team for Capital Works" --by method)
contains "the summary takes the list's filters" "$out" "| **Total** | 13 | 13 | c. 2,668 | 2 | 0 of 13 |"
$P report --kind engagements --by colour >/dev/null 2>&1
equals "a bad --by is a usage error" "$?" "2"
$P report --kind engagements --plan HIP-2526 >/dev/null 2>"$tmp/err"
equals "--plan is not an option of the engagement report: a usage error" "$?" "2"
contains "and the message says which options that kind takes" "$(head -1 "$tmp/err")" \
	"report --kind engagements: unknown option --plan; it takes --kind, --team, --method, --formality, --from, --to, --we-did, --search, --format, --by and -o"


# -- a link to an action that is not there: the message says which part is wrong, and nothing is written
H=ref,title,method,actions
before=$($P export --kind engagements --with-notes 2>/dev/null | cksum)
printf '%s\nENG-100,Panel,Survey,HIP-2526:ZZ9\n' "$H" >"$tmp/link-ref.csv"
out=$($P import "$tmp/link-ref.csv" --kind engagements 2>&1)
equals "a link to no action is bad input" "$?" "3"
contains "it names the file, row and column, and the ref the plan lacks" "$out" \
	"link-ref.csv: row 2, column \"actions\": \"HIP-2526:ZZ9\": HIP-2526 has no action \"ZZ9\"; \`planbench list --plan HIP-2526\` shows its refs"
printf '%s\nENG-100,Panel,Survey,HIP-2999:TIA4\n' "$H" >"$tmp/link-plan.csv"
out=$($P import "$tmp/link-plan.csv" --kind engagements 2>&1)
contains "a link to no plan names the plan" "$out" "\"HIP-2999:TIA4\": there is no plan \"HIP-2999\""
printf '%s\nENG-100,Panel,Survey,TIA4\n' "$H" >"$tmp/link-form.csv"
out=$($P import "$tmp/link-form.csv" --kind engagements 2>&1)
contains "a link without its plan says how to write it" "$out" "\"TIA4\" is not written PLAN:REF; write the plan's code, a colon and the ref"
equals "none of them wrote anything" "$($P export --kind engagements --with-notes 2>/dev/null | cksum)" "$before"
printf '%s\nENG-100,Panel,Survey,HIP-2526:TIA4; HIP-2627:SQ1.3.4\n' "$H" >"$tmp/link-ok.csv"
$P import "$tmp/link-ok.csv" --kind engagements >/dev/null 2>&1
contains "links that name actions are kept" "$($P export --kind engagements 2>/dev/null | grep '^ENG-100,')" "HIP-2526:TIA4; HIP-2627:SQ1.3.4"

finish
