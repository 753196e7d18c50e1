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

finish
