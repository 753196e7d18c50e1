#!/bin/sh
# e2e_import.sh — importing trackers in the councils' own layouts (tests/fixtures/) with the real binary, today fixed at 2026-06-09.
BUILD=${1:-build}
. tests/lib.sh

F=tests/fixtures
demo="$tmp/demo.db"
$pb --db "$demo" init --demo >/dev/null 2>&1 || not_ok "init --demo"

# A database with the council's officers (and, when asked, plans and sections) but no actions.
fresh() {
	$pb --db "$1" init >/dev/null && $pb --db "$1" import sample-data/officers.csv >/dev/null
}

# -- each demo plan in the council's own layout gives the same actions as the demo
db="$tmp/hip2526.db"
fresh "$db"
out=$($pb --db "$db" import $F/HIP-2526-council.csv --plan HIP-2526 \
	--plan-title "Housing Improvement Plan 2025/26 (Quarter 4 update)" --plan-start 2025-04-01 2>&1)
equals "the Q4 table imports into a new plan" "$?" "0"
contains "all 30 actions are added, with the plan's sections and Q3/Q4 notes" "$out" "30 actions rows: 30 added, 0 changed, 0 unchanged; 14 new sections; 45 progress notes"
$pb --db "$demo" export --kind actions --plan HIP-2526 -o "$tmp/demo-2526.csv"
$pb --db "$db" export --kind actions --plan HIP-2526 -o "$tmp/council-2526.csv"
check "HIP-2526 from the Q4 table exports byte for byte as the demo" cmp -s "$tmp/demo-2526.csv" "$tmp/council-2526.csv"
$pb --db "$demo" export --kind revisions --plan HIP-2526 -o "$tmp/demo-rev.csv"
$pb --db "$db" export --kind revisions --plan HIP-2526 -o "$tmp/council-rev.csv"
check "and with the same target-date revisions" cmp -s "$tmp/demo-rev.csv" "$tmp/council-rev.csv"
out=$($pb --db "$db" show SQ9 --plan HIP-2526)
contains "a Q3 Update in the Comments is a Q3 progress note" "$out" "2025/26 Q3 · 31 Dec 2025"
contains "\"Judith Willis/Simon Parry\" is two leads" "$($pb --db "$db" show TIA1 --plan HIP-2526)" "Leads:       Judith Willis; Simon Parry"

# -- a tracker read from a pipe (it is read a few times over: a pipe is copied to a temporary file first)
db="$tmp/piped.db"
fresh "$db"
out=$(cat $F/HIP-2526-council.csv | $pb --db "$db" import /dev/stdin --plan HIP-2526 \
	--plan-title "Housing Improvement Plan 2025/26 (Quarter 4 update)" --plan-start 2025-04-01 2>&1)
equals "a tracker piped in imports" "$?" "0"
contains "with every action and note" "$out" "30 actions rows: 30 added, 0 changed, 0 unchanged; 14 new sections; 45 progress notes"
$pb --db "$db" export --kind actions --plan HIP-2526 -o "$tmp/piped-2526.csv"
check "as the same file does" cmp -s "$tmp/council-2526.csv" "$tmp/piped-2526.csv"

for P in HIP-2627 HRS-2026; do
	db="$tmp/$P.db"
	fresh "$db"
	$pb --db "$db" import sample-data/plans.csv >/dev/null
	$pb --db "$db" import sample-data/$P-sections.csv >/dev/null
	$pb --db "$db" import $F/$P-council.csv --plan $P >"$tmp/out" 2>&1
	equals "$P in its council layout imports" "$?" "0"
	$pb --db "$demo" export --kind actions --plan $P -o "$tmp/demo-$P.csv"
	$pb --db "$db" export --kind actions --plan $P -o "$tmp/council-$P.csv"
	check "$P from the council's layout exports byte for byte as the demo" cmp -s "$tmp/demo-$P.csv" "$tmp/council-$P.csv"
done
contains "the strategy plan's Word table needs no new officer" "$(cat "$tmp/out")" "55 actions rows: 55 added, 0 changed, 0 unchanged"
lacks "and no new section (pillar headings find P1…P5, theme headings their parts)" "$(cat "$tmp/out")" "new section"

# -- importing the same file twice: nothing doubled; a changed file is shown, and made only with --update
db="$tmp/hip2526.db"
snapshot() { for k in plans sections officers methods actions revisions updates engagements; do $pb --db "$db" export --kind $k 2>/dev/null; done | cksum; }
before=$(snapshot)
out=$($pb --db "$db" import $F/HIP-2526-council.csv --plan HIP-2526 2>&1)
contains "the same file again adds nothing" "$out" "30 actions rows: 0 added, 0 changed, 30 unchanged"
equals "and changes nothing" "$(snapshot)" "$before"
sed 's/Jan-27,GREEN/Mar-27,AMBER/' $F/HIP-2526-council.csv >"$tmp/HIP-2526-q1.csv"
out=$($pb --db "$db" import "$tmp/HIP-2526-q1.csv" --plan HIP-2526 2>&1)
equals "a changed file without --update succeeds" "$?" "0"
contains "its changes are shown" "$out" 'TIA13  due: "Jan-27" -> "Mar-27"'
contains "every one of them" "$out" 'TIA13  rag: "G" -> "A"'
contains "and said not to be made" "$out" "1 changed (not applied; run again with --update to apply them)"
equals "nothing is written without --update" "$(snapshot)" "$before"
out=$($pb --db "$db" --as "Import Tester" import "$tmp/HIP-2526-q1.csv" --plan HIP-2526 --update 2>&1)
contains "--update makes the changes" "$out" "Changes made (2)"
out=$($pb --db "$db" show TIA13 --plan HIP-2526)
contains "the new target is the action's" "$out" "As written:  Mar-27"
contains "the change log names who imported it" "$out" "Import Tester  due_text: Jan-27 -> Mar-27"
contains "the RAG change is in the change log too" "$out" "Import Tester  rag: G -> A"
contains "the new target is a revision with the file and row as its reason" "$out" "Imported from $tmp/HIP-2526-q1.csv row"
out=$($pb --db "$db" import "$tmp/HIP-2526-q1.csv" --plan HIP-2526 2>&1)
contains "once made, the same file is unchanged" "$out" "0 added, 0 changed, 30 unchanged"

# -- Windows-1252, BOM and CRLF
db="$tmp/enc.db"
fresh "$db"
out=$($pb --db "$db" import $F/cp1252.csv --plan ENC-1 --plan-title "Encodings" 2>&1)
contains "a Windows-1252 file is detected and converted" "$out" "cp1252.csv: Windows-1252, a tracker's own columns:"
contains "and the chosen mapping is printed" "$out" "Lead Officer                   -> leads"
out=$($pb --db "$db" show W1 --plan ENC-1)
contains "£ and curly quotes survive" "$out" "Spend £5,000 on the ‘Warm Homes’ pilot"
contains "curly double quotes and dashes in the notes survive" "$out" "Budget agreed – “a good start”"
contains "accents and the ellipsis survive" "$($pb --db "$db" show W2 --plan ENC-1)" "Café drop-in sessions for tenants"
out=$($pb --db "$db" import $F/bom-crlf.csv --plan ENC-1 2>&1)
contains "a UTF-8 file with a BOM and CRLF imports" "$out" "1 actions rows: 1 added"
contains "the BOM does not spoil the first header (Ref)" "$($pb --db "$db" show B1 --plan ENC-1)" "Publish the tenant newsletter"

# -- rows continued after a page break, repeated headers and titles, an unnamed column given by --map
db="$tmp/cont.db"
fresh "$db"
out=$($pb --db "$db" import $F/continuation.csv --plan HIP-CONT --plan-title "Continued" --plan-start 2025-04-01 \
	--map "Column 9=status" 2>&1)
contains "continuation rows join the action above; titles and headers repeated at page breaks are skipped" "$out" \
	"3 actions rows: 3 added, 0 changed, 0 unchanged; 4 new sections; 4 progress notes; 3 continuation and 5 skipped rows"
out=$($pb --db "$db" show SQ3 --plan HIP-CONT)
contains "a comment split by a page break is whole again" "$out" "the need for specialist software to report on certification received"
contains "the unnamed column mapped as status is read" "$out" "Status:      Complete"
contains "a lead split by a page break is whole again" "$($pb --db "$db" show TIA3 --plan HIP-CONT)" "Leads:       Judith Willis; Simon Parry"

# -- look-alike letters and abbreviations in a lead
db="$tmp/hip2526.db"
$pb --db "$db" import $F/abbreviations.csv >/dev/null 2>"$tmp/err"
equals "an abbreviations file read as actions is a usage error" "$?" "2"
contains "that says to use --kind officers" "$(cat "$tmp/err")" "import it with --kind officers"
out=$($pb --db "$db" import $F/abbreviations.csv --kind officers 2>&1)
contains "an abbreviations file (Abbreviation, Role/Name) imports as officers" "$out" "2 officers rows: 1 added, 1 changed, 0 unchanged; 1 new officer"
out=$($pb --db "$db" import $F/lookalike.csv --plan HIP-2526 2>&1)
lacks "\"Sіmon Parry\" (Cyrillic і) is no new officer" "$out" "new officer"
contains "the look-alike lead resolves to Simon Parry" "$($pb --db "$db" list --owner "Simon Parry" --plan HIP-2526 --format csv)" "HIP-2526,L1,"
contains "an abbreviation in a lead resolves through the abbreviations file" \
	"$($pb --db "$db" list --owner "Head of Housing and Homelessness" --format csv)" "HIP-2526,L1,"
contains "and so does an alias it gave an officer already here" "$($pb --db "$db" list --owner "AD (HPS)" --plan HIP-2526 --format csv)" "HIP-2526,L1,"

# -- a lead nobody here is called, in the canonical columns: the dry run names it before it becomes an officer
printf 'plan,ref,section,title,leads,due\r\nHIP-2526,N1,SQ-1.3,Check the new lead,Simon Parrry,Sep-26\r\n' >"$tmp/typo.csv"
out=$($pb --db "$db" import "$tmp/typo.csv" --kind actions --dry-run 2>&1)
contains "the canonical dry run names the new officer, its row and its action" "$out" \
	"typo.csv: row 2: new officer \"Simon Parrry\" (a lead of N1)"
contains "and counts it" "$out" "1 added, 0 changed, 0 unchanged; 1 new officer (dry run"
sed 's/Parrry/Parry/' "$tmp/typo.csv" >"$tmp/known.csv"
lacks "a lead known here is no new officer" "$($pb --db "$db" import "$tmp/known.csv" --kind actions --dry-run 2>&1)" "new officer"

# -- a broken file changes nothing, and says where
before=$(snapshot)
$pb --db "$db" import $F/broken.csv --plan HIP-2526 >/dev/null 2>"$tmp/err"
equals "a file with an impossible target date exits 3" "$?" "3"
contains "the message names the file, the row and the column as the council wrote it" "$(cat "$tmp/err")" \
	'broken.csv: row 3, column "Target Date" (due): '
contains "and says nothing was imported" "$(cat "$tmp/err")" "Nothing was imported."
equals "the database is exactly as it was" "$(snapshot)" "$before"
$pb --db "$db" import $F/broken.csv --plan NEW-9 --plan-title "Never made" >/dev/null 2>&1
equals "a broken file for a new plan exits 3" "$?" "3"
lacks "and does not create the plan" "$($pb --db "$db" export --kind plans)" "NEW-9"

# -- --dry-run: the mapping, the first rows, every problem; nothing written
out=$($pb --db "$db" import $F/broken.csv --plan HIP-2526 --dry-run 2>&1)
contains "the dry run prints the mapping" "$out" "Target Date                    -> due"
contains "and the first rows as they would be stored" "$out" "row 2: HIP-2526 BR1 (new)"
contains "and every problem" "$out" 'Problems (1):'
contains "naming row and column" "$out" 'row 3, column "Target Date" (due)'
head -2 $F/broken.csv >"$tmp/one-row.csv"
out=$($pb --db "$db" import "$tmp/one-row.csv" --plan HIP-2526 --dry-run 2>&1)
contains "a file of one action shows it as the action, not the first actions" "$out" "The action as it would be stored:
  row 2: HIP-2526 BR1 (new)"
out=$($pb --db "$db" import $F/HIP-2627-council.csv --plan HIP-X --plan-title "Dry" --plan-start 2026-04-01 --dry-run 2>&1)
equals "a clean dry run exits 0" "$?" "0"
contains "it reads the council's headers" "$out" "Key Deliverable/s              -> title"
contains "a longer file shows its first actions, and says of how many" "$out" "The first 3 of 83 actions as they would be stored:"
contains "it shows leads resolved to officers" "$out" "leads        Jonathan Elger; Caretaking Supervisor"
contains "it says there are no problems" "$out" "Problems: none"
contains "it says nothing was written" "$out" "(dry run: nothing was written)"
lacks "and writes nothing" "$($pb --db "$db" export --kind plans)" "HIP-X"

# -- --map and usage
printf 'Ref,Thing to do,Owner Name\nM1,Map the columns,Simon Parry\n' >"$tmp/odd.csv"
$pb --db "$db" import "$tmp/odd.csv" --plan HIP-2526 >/dev/null 2>"$tmp/err"
equals "a header with no action column exits 3" "$?" "3"
contains "and says which column is missing and how to name it" "$(cat "$tmp/err")" 'required column "title" is missing'
out=$($pb --db "$db" import "$tmp/odd.csv" --plan HIP-2526 --map "Thing to do=title" --map "Owner Name=leads" --dry-run 2>&1)
contains "--map names a column's field, and the mapping says so" "$out" "Thing to do                    -> title (--map)"
$pb --db "$db" import "$tmp/odd.csv" --plan HIP-2526 --map "Thing to do" >/dev/null 2>&1
equals "a --map without = is a usage error" "$?" "2"
$pb --db "$db" import "$tmp/odd.csv" --plan-title "No code" >/dev/null 2>&1
equals "--plan-title without --plan is a usage error" "$?" "2"
$pb --db "$db" import sample-data/plans.csv --update >/dev/null 2>&1
equals "--update on a plans file is a usage error" "$?" "2"
$pb --db "$db" import $F/bom-crlf.csv --plan HIP-2526 --plan-title "Another title" >/dev/null 2>"$tmp/err"
equals "--plan-title that differs from the plan's is refused" "$?" "3"
contains "naming the title it has" "$(cat "$tmp/err")" 'plan HIP-2526 already exists, titled "Housing Improvement Plan 2025/26 (Quarter 4 update)"'

finish
