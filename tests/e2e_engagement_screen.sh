#!/bin/sh
# e2e_engagement_screen.sh — a tenant experience officer in the Engagement view of the workbench, driven through tmux
# on the demo data (--today 2026-06-09, 80x24): the navigator opens the 24 records; filters by team and by "no we did
# yet"; a new record typed in the form, its tenants read back as typed; linked to TIA4 of HIP-2526 and seen from
# TIA4's full view (and `planbench show`); the summary's totals equal `planbench report --kind engagements` before
# and after; an edit that closes the "we did" gap; a deletion that asks, is audited, and comes back with z; methods;
# read-only. Every change is checked through the command line too.
# usage: tests/e2e_engagement_screen.sh BUILD_DIR   (prints "ok - …" / "not ok - …"; exits non-zero when a check fails)
BUILD=$(cd "${1:-build}" && pwd) || exit 1
cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C.UTF-8

command -v tmux >/dev/null 2>&1 || { not_ok "tmux is installed (apt-get install tmux)"; exit 1; }

# A private tmux server whose socket lives in $tmp (the helpers are tests/e2e_officer.sh's).
sock="pbengage$$"
. tests/screen.sh

start() {
	T kill-session -t pb
	rm -f "$tmp/exit" "$tmp/stderr"
	T new-session -d -s pb -x 80 -y 24 \
		"env LANG=C.UTF-8 LC_ALL=C.UTF-8 $pb --db '$db' $1 2>'$tmp/stderr'; echo \$? >'$tmp/exit'"
}

db="$tmp/demo.db"
$pb --db "$db" init --demo >"$tmp/init.log" 2>&1
check "init --demo creates the database" [ -f "$db" ]
P="$pb --db $db"

# total: the Total row of `report --kind engagements` as the summary screen writes it ("Total 24 41 c. 10,058+ 2 2 of 24")
total() { $P report --kind engagements | grep -m 1 '^| \*\*Total\*\*' | sed 's/^| \*\*Total\*\* | /Total /; s/ | / /g; s/ |$//'; }
# screen_total: the first Total row on the summary screen, its spaces squeezed
screen_total() { screen | grep -m 1 '^ Total ' | tr -s ' ' | sed 's/^ //; s/ $//'; }
count() { $P list --kind engagements --format csv | tail -n +2 | wc -l | tr -d ' '; }
show_tia4() { $P show TIA4 --plan HIP-2526; }

# ---- the navigator opens the Engagement view ----
start "--as 'Amélie Dubois'"
shows "the workbench opens" "Overdue (9)"
keys Tab G
i=0
while [ $i -lt 6 ] && ! screen | grep -q "^Engagement: tenant engagement records"; do keys k; sleep 0.1; i=$((i + 1)); done
shows "the navigator's Engagement entry is a screen now, not a promise" "Engagement: tenant engagement records, the actions they in"
keys Enter
shows "Enter opens the Engagement view with the 24 records of the demo data" "Engagement records (24)"
shows "sorted by date: the oldest dated record first" "ENG-002 Jan 23–Mar 24 Survey"
shows "a monthly drop-in shows its range and tenants per event" "ENG-006 Apr 25–Mar 26 Drop-in"
shows "records with a \"we did\" say so" "ENG-011 Jun 24–Aug 25 Pop-up engagement… Summer Estate Road … c. 300      yes"
shows "the status line names the selected record, its team and its links" "ENG-002 Full consultation process with all tenants · Neighbourhoo"
shows "the position and the order" "by date  1/24"

# ---- the summary before any change: its totals are the report's ----
keys s
shows "s opens the summary" "Engagement summary (24)"
shows "the \"we did\" gap is stated" '24 engagement records; 2 record a "we did", 22 have none yet'
equals "the summary's total row equals planbench report --kind engagements (24 records)" "$(screen_total)" "$(total)"
equals "which is the demo data's" "$(total)" "Total 24 41 c. 10,058+ 2 2 of 24"
keys Tab Tab
shows "Tab goes to the table by team" "By team"
keys Escape
shows "Esc goes back to the records" "Engagement records (24)"

# ---- filters: by team, then by no "we did" yet ----
keys f
shows "f opens the filter form" "Filter the engagement records"
keys Right Right
shows "Right chooses a team" "< Tenant Liaison Team for Capital Works >"
keys Enter
shows "the list is narrowed to the team's records" "Engagement … (13)  filter: team Tenant L"
equals "as many as the command line lists for the team" "$($P list --kind engagements --team 'Tenant Liaison Team for Capital Works' --format csv | tail -n +2 | wc -l | tr -d ' ')" "13"
hides "another team's record is not shown" "ENG-006"
keys f Right
shows "the filter form keeps the team; Right goes to the next (first, any)" "< any team >"
keys Right Enter
shows "the other team" "Engagement … (11)  filter: team Neighbou"
keys w
shows "w keeps the records with no \"we did\" yet" "Engagement … (9)  filter: team Neighbou"
shows "and says what they are" "Records with no \"we did\" yet"
equals "as many as list --we-did no for the team" "$($P list --kind engagements --team 'Neighbourhood & Tenancy, Allocations and Rents Team' --we-did no --format csv | tail -n +2 | wc -l | tr -d ' ')" "9"
hides "ENG-011, whose \"we did\" is recorded, is not among them" "ENG-011"
keys F
shows "F clears the filter" "Engagement records (24)"
keys f Down Down Down
text "Apr-25 to Jun-25"
shows "the dates are read as they are typed" "→ 1 Apr 2025 – 30 Jun 2025"
keys Enter
n=$($P list --kind engagements --from 2025-04-01 --to 2025-06-30 --format csv | tail -n +2 | wc -l | tr -d ' ')
shows "the records held in that quarter (overlapping it), as list --from --to has them" "($n)  filter: held Apr-25 to"
hides "a record held only before it is not shown" "ENG-002"
keys F
shows "F clears it" "Engagement records (24)"

# ---- a new record, typed in the form ----
keys n
shows "n opens the form for a new record, with the ref it will have" "A new engagement record, to be ENG-025"
text "Tenant panel on repairs"
keys Tab
text "tenant li"
keys Tab
shows "Tab completes a team already used" "Team         Tenant Liaison Team for Capital Works"
keys Tab T
shows "a letter jumps to a method" "Method     < Tenant scrutiny group (formal) >"
keys Tab
text "Town Hall"
keys Tab
text "31/02/2026"
shows "a day that does not exist is said so as it is typed" "cannot read the date \"31/02/2026\""
shows_re "and below the form, whole, with what to write instead" "^│ 2026\) or a range \(01/04/2025 - 31/03/2026\) +│$"
keys C-u
text "12/05/2026 - 14/07/2026"
shows "the dates as understood, before saving" "→ 12 May 2026 – 14 Jul 2026"
keys Tab Tab Right Right
shows "the frequency is chosen from the list" "Frequency  < monthly >"
keys Tab
text "Circa 25 tenants per event"
shows "tenants as written are read back: circa, the count, per event" "→ circa 25 tenants per event"
keys Tab
text "TIA 1.3"
keys Tab
text "Panel of eight tenants on repair times"
keys Tab
text "Repairs take too long to book"
keys F2
shows "F2 saves the new record" "Saved ENG-025: new engagement record (Tenant panel on repairs). z undoes it"
shows "it is in the list" "ENG-025 May 26–Jul 26 Tenant scrutiny g… Tenant panel on rep… c. 25/event -"
shows "which has 25 records" "Engagement records (25)"
equals "the command line lists 25" "$(count)" "25"
contains "stored with every field (list --format json)" "$($P list --kind engagements --search 'repair times' --format json)" '"ref":"ENG-025","title":"Tenant panel on repairs","team":"Tenant Liaison Team for Capital Works","method":"Tenant scrutiny group","formality":"formal","location":"Town Hall","held_on":"2026-05-12","held_until":"2026-07-14","frequency":"monthly","tenants_text":"Circa 25 tenants per event","tenants_basis":"circa","tenants_scope":"event","standard":"TIA 1.3","summary":"Panel of eight tenants on repair times","you_said":"Repairs take too long to book","we_did":null,"tenants":25'

# ---- linked to TIA4 of HIP-2526 ----
keys l
shows "l opens the links of the selected record" "Link ENG-025 Tenant panel on repairs to the actions it informed"
shows "none yet" "0 actions linked now; type to find others"
text "HIP-2526 TIA4"
shows "a plan and a ref find the action" "1 match in HIP-2526; Enter links or unlinks the selected one"
shows "TIA4 of HIP-2526" "HIP-2526 TIA4 Review the range of opportunities"
keys Enter
shows "Enter links it" "Saved ENG-025: linked to HIP-2526 TIA4. z undoes it"
shows "and marks it linked" "✓ link HIP-2526 TIA4"
keys Escape
shows "Esc goes back to the list" "Engagement records (25)"
contains "planbench show TIA4 --plan HIP-2526 lists the record" "$(show_tia4)" "ENG-025  Tenant panel on repairs · 2026-05-12"

# ---- the summary after: 25 records ----
keys s
shows "the summary counts the new record" "Engagement summary (25)"
equals "the summary's total row equals the report's again (25 records)" "$(screen_total)" "$(total)"
contains "with the new record's 3 monthly panels of c. 25" "$(total)" "Total 25 44 c. 10,133+ 2 2 of 25"
keys Escape

# ---- TIA4's full view lists it; E opens it ----
keys Escape
shows "Esc goes back to the actions" "Overdue (9)"
keys :
text "plan HIP-2526"
keys Enter /
text "TIA4"
shows "TIA4 is found in HIP-2526" "[A] TIA4 Review the range of"
keys Enter Enter
shows "Enter opens TIA4 in full" "TIA4  Review the range of opportunities"
keys Tab Tab Tab
shows "its engagement records list the new one" "ENG-025  Tenant panel on repairs · 12 May 2026"
shows "and say how to open them" "E lists them; Enter on one opens it in full."
keys E
shows "E opens the records linked to TIA4" "Engagement records of HIP-2526 TIA4 (1)"
keys Enter
shows "Enter opens the record in full" "ENG-025  Tenant panel on repairs"
shows "with its tenants as counted: three monthly panels" "Circa 25 tenants per event → c. 25 per event, held 3 times: c. 75"
shows "and the gap the regulator asks about" "Not recorded yet: what changed because of it?"
keys G
shows "the actions it informed" "Actions it informed (1)"
shows "its history: created and linked, by whom" "Amélie Dubois  action: (none) → HIP-2526:TIA4"

# ---- an edit closes the "we did" gap ----
keys e
shows "e opens the record's fields" "Edit the engagement record"
keys BTab
shows "S-Tab from the title goes to the last field" "We did: what changed because of it"
text "Repairs now booked within five days"
keys F2
shows "F2 saves the edit, naming the field" "Saved ENG-025: we did edited. z undoes it"
shows "the record shows it" "Repairs now booked within five days"
contains "the report counts it" "$(total)" "Total 25 44 c. 10,133+ 2 3 of 25"
keys z
shows "z asks first, naming the edit" "Undo the last change? ENG-025: we did edited"
keys y
shows "y undoes it" "Undone: ENG-025: we did edited"
contains "the report is as before" "$(total)" "2 2 of 25"
keys Escape Escape Escape
shows "back on the action list" "Search “TIA4” (1)"
keys Escape Tab G
i=0
while [ $i -lt 6 ] && ! screen | grep -q "^Engagement: tenant engagement records"; do keys k; sleep 0.1; i=$((i + 1)); done
keys Enter
shows "the Engagement view again" "Engagement records (25)"

# ---- deleting asks, is audited, and z brings it back ----
keys /
shows "/ opens the filter on its search" "Search: words in the title"
text "repair times"
keys Enter
shows "the search finds the new record" "Engagement r… (1)  filter: \"repair times\""
keys D
shows "D asks first, naming the record" "Delete ENG-025 Tenant panel on repairs (12 May 2026 – 14 Jul 2026)?"
shows "and its link" "Its link to an action goes with it."
keys n
shows "n leaves it" "Nothing was done"
equals "nothing was deleted" "$(count)" "25"
keys D y
shows "y deletes it, and says z undoes it" "ENG-025 deleted (Tenant panel on repairs). z undoes it"
shows "the list is empty" "No record matches the filter; F clears it."
equals "the command line lists 24" "$(count)" "24"
lacks "TIA4 no longer lists it" "$(show_tia4)" "ENG-025"
keys z
shows "z asks, naming the deletion" "Undo the last change? ENG-025 deleted (Tenant panel on repairs)"
keys y
shows "y puts it back" "Undone: ENG-025 deleted (Tenant panel on repairs)"
shows "in the list again" "ENG-025 May 26–Jul 26 Tenant scrutiny g… Tenant panel on rep…"
equals "the command line lists 25 again" "$(count)" "25"
contains "with its link to TIA4" "$(show_tia4)" "ENG-025  Tenant panel on repairs · 2026-05-12"
contains "and every field as it was" "$($P list --kind engagements --search 'repair times' --format json)" '"summary":"Panel of eight tenants on repair times","you_said":"Repairs take too long to book","we_did":null,"tenants":25,"actions":1'
keys Enter G
shows "the history records the deletion" "Amélie Dubois  deleted"
shows "and the undo" "Amélie Dubois  undo: (none) → undid: ENG-025 deleted"
keys Escape F

# ---- methods are reference data ----
keys M
shows "M opens the list of methods" "Methods of engagement (19)"
keys n
text "Youth forum"
keys Enter
shows "n adds a method" "Saved method Youth forum (informal) added. z undoes it"
shows "at the end of the list" "Methods of engagement (20)"
contains "the command line exports it" "$($P export --kind methods)" "Youth forum,informal,"
keys z y
shows "z takes it away again" "Undone: method Youth forum (informal) added"
lacks "it is gone" "$($P export --kind methods)" "Youth forum"
keys Escape
shows "Esc goes back to the records" "Engagement records (25)"
keys q
quits "q quits"
check "planbench check passes after all of it" $P check

# ---- read-only: changes are refused, reading works ----
start "--read-only"
shows "read-only says so" "READ-ONLY"
keys Tab G
i=0
while [ $i -lt 6 ] && ! screen | grep -q "^Engagement: tenant engagement records"; do keys k; sleep 0.1; i=$((i + 1)); done
keys Enter
shows "the records open" "Engagement records (25)"
keys n
shows "n is refused" "Read-only: adding a record is refused; restart without --read-only to change"
keys D
shows "D is refused" "Read-only: deleting a record is refused"
keys s
shows "the summary opens" "Engagement summary (25)"
keys Escape q
quits "q quits a read-only workbench"

finish
