/* unit_tracker.c — unit tests for core/tracker.c (headers, encodings, cells, leads, sections, notes) and for
 * store_import_tracker (store/import.c): councils' own layouts, continuation rows, re-imports, problems. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/csvio.h"
#include "core/tracker.h"
#include "store/import.h"
#include "tests/tracker_text.h"
#include "store/store.h"

static void assert_has(const char *text, const char *needle)
{
	if (!strstr(text, needle))
		fail_msg("\"%s\" does not contain \"%s\"", text, needle);
}

/* Splits a header line on commas (no quoting needed in these tests) into cells. */
struct cells {
	char text[1024];
	char *c[CSVIO_MAX_FIELDS];
	int n;
};

static void split(struct cells *c, const char *line)
{
	snprintf(c->text, sizeof c->text, "%s", line);
	c->n = 0;
	char *p = c->text;
	for (;;) {
		c->c[c->n++] = p;
		char *comma = strchr(p, ',');
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
}

static const struct csvio_pos POS = {"t.csv", 1, 1};

/* ---- fields and headers ---- */

static void test_field_names(void **state)
{
	(void)state;
	assert_int_equal(tracker_field_from_name("leads"), ACT_LEADS);
	assert_int_equal(tracker_field_from_name("Lead Officer"), ACT_LEADS);
	assert_int_equal(tracker_field_from_name("rag_reason"), ACT_RAG_REASON);
	assert_int_equal(tracker_field_from_name("Completed On"), ACT_COMPLETED_ON);
	assert_int_equal(tracker_field_from_name("comments"), TRACKER_COMMENTS);
	assert_int_equal(tracker_field_from_name("subsection"), TRACKER_SUBSECTION);
	assert_int_equal(tracker_field_from_name("Goal"), ACT_TITLE);
	assert_int_equal(tracker_field_from_name("ignore"), TRACKER_IGNORE);
	assert_int_equal(tracker_field_from_name("wibble"), TRACKER_NO_FIELD);
	assert_string_equal(tracker_field_name(ACT_DUE), "due");
	assert_string_equal(tracker_field_name(TRACKER_COMMENTS), "comments");
	assert_string_equal(tracker_field_name(TRACKER_IGNORE), "ignore");
}

/* The HIP Q4 table as the papers print it: underlined headers, an unnamed last column. */
static void test_map_header_hip_q4(void **state)
{
	struct cells c;
	struct tracker_mapping m;
	struct pb_error e = {0};
	(void)state;
	split(&c, "<u>Consumer Standard</u>,<u>Ref</u>,<u>Consumer Standard outcome</u>,<u>Action</u>,<u>Lead Officer</u>,"
		  "<u>Target Date</u>,<u>RAG Rating</u>,<u>Comments</u>,");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	assert_int_equal(m.column_of[ACT_SECTION], 0);
	assert_int_equal(m.column_of[ACT_REF], 1);
	assert_int_equal(m.column_of[TRACKER_SUBSECTION], 2);
	assert_int_equal(m.column_of[ACT_TITLE], 3);
	assert_int_equal(m.column_of[ACT_LEADS], 4);
	assert_int_equal(m.column_of[ACT_DUE], 5);
	assert_int_equal(m.column_of[ACT_RAG], 6);
	assert_int_equal(m.column_of[TRACKER_COMMENTS], 7);
	assert_int_equal(m.field[8], TRACKER_IGNORE);
	assert_string_equal(m.header[4], "Lead Officer");
}

static void test_map_header_hip_2627_and_strategy(void **state)
{
	struct cells c;
	struct tracker_mapping m;
	struct pb_error e = {0};
	(void)state;
	split(&c, "Standard,Required Outcomes,Specific Expectations,Key Deliverable/s,Specific Outcomes,Responsible Officer,"
		  "Target Date,Status,RAG Rating");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	assert_int_equal(m.field[0], ACT_SECTION);
	assert_int_equal(m.field[1], TRACKER_SUBSECTION);
	assert_int_equal(m.field[2], ACT_DESCRIPTION);
	assert_int_equal(m.field[3], ACT_TITLE);
	assert_int_equal(m.field[4], ACT_OUTCOME);
	assert_int_equal(m.field[5], ACT_LEADS);
	assert_int_equal(m.field[7], ACT_STATUS);
	split(&c, "Action,Measure,Target,Lead,Timescale");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	assert_int_equal(m.column_of[ACT_MEASURE], 1);
	assert_int_equal(m.column_of[ACT_TARGET], 2);
	assert_int_equal(m.column_of[ACT_DUE], 4);
	split(&c, "Action No.,Key Deliverable(s),Expected Outcome(s),Lead & Partners,Milestones & Target Timescales,Achieved/Comments");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	assert_int_equal(m.field[0], ACT_REF);
	assert_int_equal(m.field[1], ACT_TITLE);
	assert_int_equal(m.field[2], ACT_OUTCOME);
	assert_int_equal(m.field[3], ACT_LEADS);
	assert_int_equal(m.field[4], ACT_DUE);
	assert_int_equal(m.field[5], TRACKER_COMMENTS);
	split(&c, "Challenge,Goal,Expected,Lead Partner,Indicative Timescale,RAG,Notes");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	assert_int_equal(m.field[0], ACT_SECTION);
	assert_int_equal(m.field[1], ACT_TITLE);
	assert_int_equal(m.field[2], ACT_OUTCOME);
	assert_int_equal(m.field[3], ACT_LEADS);
	assert_int_equal(m.field[4], ACT_DUE);
	assert_int_equal(m.field[5], ACT_RAG);
	assert_int_equal(m.field[6], TRACKER_COMMENTS);
	split(&c, "Pillar,Action,By When");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	assert_int_equal(m.field[0], ACT_SECTION);
	assert_int_equal(m.field[2], ACT_DUE);
}

/* "Goal" is the action when nothing else is, the grouping when an Action column is there. */
static void test_map_header_goal(void **state)
{
	struct cells c;
	struct tracker_mapping m;
	struct pb_error e = {0};
	(void)state;
	split(&c, "Goal,Action,By When");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	assert_int_equal(m.field[0], ACT_SECTION);
	assert_int_equal(m.field[1], ACT_TITLE);
	split(&c, "Goal,Lead,By When");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	assert_int_equal(m.field[0], ACT_TITLE);
}

static void test_map_header_overrides_and_errors(void **state)
{
	struct cells c;
	struct tracker_mapping m;
	struct pb_error e = {0};
	struct tracker_override ov[2];
	char hold[2][64];
	(void)state;
	assert_int_equal(tracker_parse_override("Who=leads", hold[0], sizeof hold[0], &ov[0], &e), PB_OK);
	assert_int_equal(tracker_parse_override("Lead Officer = ignore", hold[1], sizeof hold[1], &ov[1], &e), PB_OK);
	assert_int_equal(tracker_parse_override("no equals", hold[1], sizeof hold[1], &ov[1], &e), PB_USAGE);
	assert_has(e.msg, "Header=field");
	assert_int_equal(tracker_parse_override("X=nonsense", hold[1], sizeof hold[1], &ov[1], &e), PB_USAGE);
	assert_has(e.msg, "unknown field");
	assert_int_equal(tracker_parse_override("Lead Officer=ignore", hold[1], sizeof hold[1], &ov[1], &e), PB_OK);
	split(&c, "Ref,Action,Who,Lead Officer");
	assert_int_equal(tracker_map_header(c.c, c.n, ov, 2, &POS, &m, &e), PB_OK);
	assert_int_equal(m.field[2], ACT_LEADS);
	assert_true(m.by_map[2]);
	assert_int_equal(m.field[3], TRACKER_IGNORE);
	assert_int_equal(tracker_parse_override("Column 3=status", hold[0], sizeof hold[0], &ov[0], &e), PB_OK);
	split(&c, "Ref,Action,,Comments");
	assert_int_equal(tracker_map_header(c.c, c.n, ov, 1, &POS, &m, &e), PB_OK);
	assert_int_equal(m.field[2], ACT_STATUS);
	split(&c, "Ref,Action,Lead,Lead Officer");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_BAD_INPUT);
	assert_has(e.msg, "t.csv: row 1");
	assert_has(e.msg, "\"Lead\" and \"Lead Officer\" both read as leads");
	split(&c, "Ref,Action");
	assert_int_equal(tracker_map_header(c.c, c.n, ov, 1, &POS, &m, &e), PB_BAD_INPUT);
	assert_has(e.msg, "--map \"Column 3=status\" names no column");
	split(&c, "Ref,Lead Officer,Target Date");
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_BAD_INPUT);
	assert_has(e.msg, "required column \"title\" is missing");
}

static void test_header_score_repeats_abbreviations(void **state)
{
	struct cells c, again;
	struct tracker_mapping m;
	struct pb_error e = {0};
	int a, n;
	(void)state;
	split(&c, "Housing Improvement Plan – Q4 2025/6 Update,,");
	assert_int_equal(tracker_header_score(c.c, c.n, NULL, 0), 0);
	split(&c, "Ref,Action,Lead Officer,Wibble");
	assert_int_equal(tracker_header_score(c.c, c.n, NULL, 0), 3);
	assert_int_equal(tracker_map_header(c.c, c.n, NULL, 0, &POS, &m, &e), PB_OK);
	split(&again, "ref,<u>Action</u>, Lead  Officer ,");
	assert_true(tracker_is_repeated_header(&m, again.c, again.n));
	split(&again, "SQ1,Action,Lead Officer");
	assert_false(tracker_is_repeated_header(&m, again.c, again.n));
	split(&c, "Abbreviation,Role/Name");
	assert_true(tracker_abbreviation_header(c.c, c.n, &a, &n));
	assert_int_equal(a, 0);
	assert_int_equal(n, 1);
	split(&c, "name,role,team,email,aliases");
	assert_false(tracker_abbreviation_header(c.c, c.n, &a, &n));
}

/* ---- encodings ---- */

/* The file's lines as tracker_file gives them, joined; the status of opening it in *status. */
static char *decoded(const char *name, const char *bytes, size_t len, enum tracker_encoding *enc, struct pb_error *e, int *status)
{
	FILE *f = fmemopen((void *)bytes, len, "r");
	struct tracker_file t;
	struct buf b = {0};
	const char *line;
	size_t n;
	assert_non_null(f);
	buf_addn(&b, "", 0);
	*status = tracker_file_open(&t, name, f, e);
	*enc = t.enc;
	struct csvio_lines lines = tracker_file_lines(&t);
	while (*status == PB_OK && lines.next(lines.src, &line, &n, e) == 1)
		buf_addn(&b, line, n);
	tracker_file_free(&t);
	fclose(f);
	return b.data;
}

/* Reads the file as UTF-8 where it is (a BOM skipped), else as Windows-1252; refuses UTF-16, NUL bytes, a BOM on
 * text that is not UTF-8 and bytes Windows-1252 leaves undefined, naming the line. */
static void test_decode(void **state)
{
	struct pb_error e = {0};
	enum tracker_encoding enc;
	int status;
	char *text;
	(void)state;
	text = decoded("u.csv", "a,\xC2\xA3" "5\nb\n", 8, &enc, &e, &status);
	assert_int_equal(status, PB_OK);
	assert_int_equal(enc, TRACKER_UTF8);
	assert_string_equal(text, "a,\xC2\xA3" "5\nb\n");
	free(text);
	text = decoded("b.csv", "\xEF\xBB\xBF" "a,b\r\nc\r\n", 11, &enc, &e, &status);
	assert_int_equal(status, PB_OK);
	assert_int_equal(enc, TRACKER_UTF8_BOM);
	assert_string_equal(text, "a,b\r\nc\r\n");
	free(text);
	/* £5, ‘Warm’ “Homes” – €, and a line that would be UTF-8 alone: the file is one encoding */
	const char cp[] = "\xA3" "5 \x91Warm\x92 \x93Homes\x94\n\x96 \x80\n\xC3\xA9\n";
	text = decoded("w.csv", cp, strlen(cp), &enc, &e, &status);
	assert_int_equal(status, PB_OK);
	assert_int_equal(enc, TRACKER_CP1252);
	assert_string_equal(text, "\xC2\xA3" "5 \xE2\x80\x98Warm\xE2\x80\x99 \xE2\x80\x9CHomes\xE2\x80\x9D\n\xE2\x80\x93 \xE2\x82\xAC\n\xC3\x83\xC2\xA9\n");
	assert_string_equal(tracker_encoding_name(enc), "Windows-1252");
	free(text);
	free(decoded("x.csv", "a\nb\x81\n", 5, &enc, &e, &status));
	assert_int_equal(status, PB_BAD_INPUT);
	assert_has(e.msg, "x.csv: line 2: byte 0x81");
	free(decoded("x.csv", "a\n\xC2\x81\n\xA3\n", 7, &enc, &e, &status)); /* 0x81 in a line that is UTF-8, the file not */
	assert_int_equal(status, PB_BAD_INPUT);
	assert_has(e.msg, "x.csv: line 2: byte 0x81");
	free(decoded("x.csv", "\xFF\xFE" "a\0", 4, &enc, &e, &status));
	assert_int_equal(status, PB_BAD_INPUT);
	assert_has(e.msg, "UTF-16");
	free(decoded("x.csv", "a\nb\0c", 5, &enc, &e, &status));
	assert_int_equal(status, PB_BAD_INPUT);
	assert_has(e.msg, "line 2: a NUL byte");
	free(decoded("x.csv", "\xEF\xBB\xBF" "\xA3", 4, &enc, &e, &status));
	assert_int_equal(status, PB_BAD_INPUT);
	assert_has(e.msg, "says it is UTF-8");
}

/* Excel's empty columns past the last one used are dropped however many there are; text there is still an error. */
static int count_fields(void *ctx, char **fields, int nfields, const struct csvio_pos *pos, struct pb_error *e)
{
	(void)fields, (void)pos, (void)e;
	*(int *)ctx = nfields;
	return PB_OK;
}

static void test_csv_trailing_empty_columns(void **state)
{
	struct buf text = {0};
	struct pb_error e = {0};
	int n = 0;
	(void)state;
	buf_add(&text, "Ref,Action");
	for (int i = 0; i < 200; i++)
		buf_add(&text, ", ");
	buf_add(&text, "\n");
	assert_int_equal(csvio_read_mem("t.csv", text.data, text.len, count_fields, &n, &e), PB_OK);
	assert_int_equal(n, CSVIO_MAX_FIELDS);
	buf_add(&text, "SQ1,x");
	for (int i = 0; i < 100; i++)
		buf_add(&text, ",");
	buf_add(&text, "late\n");
	assert_int_equal(csvio_read_mem("t.csv", text.data, text.len, count_fields, &n, &e), PB_BAD_INPUT);
	assert_has(e.msg, "row 2");
	buf_free(&text);
}

/* ---- cells ---- */

static const char *clean(struct buf *b, const char *in)
{
	tracker_clean_cell(in, b);
	return b->data;
}

static void test_clean_html(void **state)
{
	struct buf b = {0};
	(void)state;
	assert_string_equal(clean(&b, "<p>Fire - Plan identifies</p> <p>Legionella \xE2\x80\x93 Final</p>"),
			    "Fire - Plan identifies\nLegionella \xE2\x80\x93 Final");
	assert_string_equal(clean(&b, "Reduced through measures including; <ul style=\"list-style-type: none\"> <li>- Landlord forum.</li>"
				      " <li>- \xE2\x80\x9CHelp to Stay\xE2\x80\x9D scheme</li> </ul>"),
			    "Reduced through measures including;\n- Landlord forum.\n- \xE2\x80\x9CHelp to Stay\xE2\x80\x9D scheme");
	assert_string_equal(clean(&b, "<li>Plain item</li><li>-Dash item</li>"), "- Plain item\n- Dash item");
	assert_string_equal(clean(&b, "<p><u>Q3 update</u></p> <p><i>Officers</i> are&nbsp;required</p>"), "Q3 update\nOfficers are required");
	assert_string_equal(clean(&b, "R&amp;M &pound;5 &#8217;s &#x201C;x&#x201D; N&T Manager &bogus; & done"),
			    "R&M \xC2\xA3" "5 \xE2\x80\x99s \xE2\x80\x9Cx\xE2\x80\x9D N&T Manager &bogus; & done");
	assert_string_equal(clean(&b, "<5 days, <Insert date> and a < b"), "<5 days, <Insert date> and a < b");
	assert_string_equal(clean(&b, "line one<br>line two<br/>three"), "line one\nline two\nthree");
	assert_string_equal(clean(&b, "\xE2\x80\xA2 one\n\xE2\x97\x8F two\n\xEF\x82\xB7  three\n\xC2\xB7 four"), "- one\n- two\n- three\n- four");
	assert_string_equal(clean(&b, "  a \t b  \r\n\r\n\n  c\xC2\xA0\xC2\xA0" "d \xE2\x80\x8B"), "a b\nc d");
	assert_string_equal(clean(&b, "<p> </p><p></p>"), "");
	assert_string_equal(clean(&b, NULL), "");
	tracker_clean_line("<p>Year 2</p> <p>Year 3</p>", &b);
	assert_string_equal(b.data, "Year 2 Year 3");
	buf_free(&b);
}

static void test_clean_ref(void **state)
{
	char ref[16];
	(void)state;
	tracker_clean_ref("TIA1 3", ref, sizeof ref);
	assert_string_equal(ref, "TIA13");
	tracker_clean_ref(" <b>SQ 5</b>\n", ref, sizeof ref);
	assert_string_equal(ref, "SQ5");
	tracker_clean_ref("a very long reference indeed", ref, sizeof ref);
	assert_string_equal(ref, "averylongrefere");
}

static void test_split_action(void **state)
{
	struct buf title = {0}, rest = {0};
	char ref[16];
	(void)state;
	tracker_split_action("<b>1.1 Prevent homelessness from private rented sector tenancies</b> by building relations.", true,
			     ref, sizeof ref, &title, &rest);
	assert_string_equal(ref, "1.1");
	assert_string_equal(title.data, "Prevent homelessness from private rented sector tenancies");
	assert_string_equal(rest.data, "by building relations.");
	tracker_split_action("<p><b>1.4 Review the Duty to Refer data</b> and prepare</p>", true, ref, sizeof ref, &title, &rest);
	assert_string_equal(ref, "1.4");
	assert_string_equal(title.data, "Review the Duty to Refer data");
	assert_string_equal(rest.data, "and prepare");
	tracker_split_action("2.10a Agree a protocol", true, ref, sizeof ref, &title, &rest);
	assert_string_equal(ref, "2.10a");
	assert_string_equal(title.data, "Agree a protocol");
	tracker_split_action("3) Train staff", true, ref, sizeof ref, &title, &rest);
	assert_string_equal(ref, "3");
	tracker_split_action("2026 budget agreed", true, ref, sizeof ref, &title, &rest);
	assert_string_equal(ref, "");
	assert_string_equal(title.data, "2026 budget agreed");
	tracker_split_action("1.1 Prevent", false, ref, sizeof ref, &title, &rest);
	assert_string_equal(ref, "");
	assert_string_equal(title.data, "1.1 Prevent");
	tracker_split_action("Pillar 1: Universal Prevention", true, ref, sizeof ref, &title, &rest);
	assert_string_equal(ref, "");
	tracker_split_action("<b>Unclosed bold", true, ref, sizeof ref, &title, &rest);
	assert_string_equal(title.data, "Unclosed bold");
	assert_string_equal(rest.data, "");
	buf_free(&title);
	buf_free(&rest);
}

/* ---- leads ---- */

/* Officers and aliases as the demo has them: some roles hold "/", "," or " and ". */
static long fake_known(void *ctx, const char *name)
{
	static const struct {
		const char *name;
		long id;
	} known[] = {
		{"Judith Willis", 1}, {"Simon Parry", 2}, {"N&T Manager", 3}, {"Caretaking Supervisor", 4},
		{"Health, Education and Social Care Leads", 5}, {"Housing Strategy Officers", 6}, {"Rents/ Income Manager", 7},
		{"Rents", 7}, {"Income Manager", 7}, {"Assistant Director (HPS)", 2}, {"Assistant Director (HS)", 1},
		{"Fire and Rescue", 8}, {"Hospital Discharge Team", 9}, {"Hospital discharge team / officer", 9},
	};
	(void)ctx;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(known[i].name, name) == 0)
			return known[i].id;
	return 0;
}

static int leads(const char *cell, char items[][TRACKER_LEAD_LEN])
{
	return tracker_split_leads(cell, fake_known, NULL, items, TRACKER_MAX_LEADS);
}

static void test_split_leads(void **state)
{
	char it[TRACKER_MAX_LEADS][TRACKER_LEAD_LEN];
	(void)state;
	assert_int_equal(leads("Judith Willis/Simon Parry", it), 2);
	assert_string_equal(it[0], "Judith Willis");
	assert_string_equal(it[1], "Simon Parry");
	assert_int_equal(leads("N&T Manager and Caretaking Supervisor", it), 2);
	assert_string_equal(it[0], "N&T Manager");
	assert_string_equal(it[1], "Caretaking Supervisor");
	assert_int_equal(leads("Health, Education and Social Care Leads", it), 1);
	assert_string_equal(it[0], "Health, Education and Social Care Leads");
	assert_int_equal(leads("Health, Education and Social Care Leads/Housing Strategy Officers", it), 2);
	assert_string_equal(it[1], "Housing Strategy Officers");
	assert_int_equal(leads("Rents/ Income Manager, N&T Manager", it), 2);
	assert_string_equal(it[0], "Rents/ Income Manager");
	assert_int_equal(leads("Assistant Director (HPS)/ Assistant Director (HS)", it), 2);
	assert_string_equal(it[1], "Assistant Director (HS)");
	assert_int_equal(leads("Bob Smith and Jane Doe", it), 2); /* nobody known: every separator splits */
	assert_string_equal(it[1], "Jane Doe");
	assert_int_equal(leads("Fire and Rescue", it), 1);
	assert_int_equal(leads("Hospital discharge team / officer", it), 1); /* one alias, not the team and an unknown "officer" */
	assert_int_equal(leads("Judith Willis and Bob Smith and Jane Doe", it), 3);
	assert_string_equal(it[2], "Jane Doe");
	assert_int_equal(leads("<ul><li>- Judith Willis</li> <li>- Simon Parry; N&T Manager</li></ul>", it), 3);
	assert_string_equal(it[2], "N&T Manager");
	assert_int_equal(leads(" ; / , and ", it), 0);
	assert_int_equal(leads("a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/Simon Parry", it), 16);
	assert_string_equal(it[15], "Simon Parry");
}

/* ---- sections ---- */

static void test_sections(void **state)
{
	char code[64], title[128];
	(void)state;
	tracker_section("Safety & Quality", "", code, sizeof code, title, sizeof title);
	assert_string_equal(code, "SQ");
	assert_string_equal(title, "Safety & Quality");
	tracker_section("Transparency, Influence and accountability", NULL, code, sizeof code, title, sizeof title);
	assert_string_equal(code, "TIA");
	tracker_section("ASB and Hate Incidents 1.3", "NC", code, sizeof code, title, sizeof title);
	assert_string_equal(code, "NC-1.3");
	assert_string_equal(title, "ASB and Hate Incidents");
	tracker_section("Fairness and Respect 1,1", "TIA", code, sizeof code, title, sizeof title);
	assert_string_equal(code, "TIA-1.1");
	tracker_section("Pillar 2: Targeted Prevention - targeted support", "", code, sizeof code, title, sizeof title);
	assert_string_equal(code, "P2");
	assert_string_equal(title, "Targeted Prevention - targeted support");
	tracker_section("Rough sleepers and single homeless households:", "P2", code, sizeof code, title, sizeof title);
	assert_string_equal(code, "P2-RSSHH");
	assert_string_equal(title, "Rough sleepers and single homeless households");
	tracker_section("!!!", "", code, sizeof code, title, sizeof title);
	assert_string_equal(code, "S");
	assert_int_equal(tracker_heading_level("Pillar 3: Preventing crisis"), 1);
	assert_int_equal(tracker_heading_level("Children, young people and care leavers:"), 2);
	assert_int_equal(tracker_heading_level("Carry on the sentence"), 0);
	assert_int_equal(tracker_heading_level("two\nlines:"), 0);
}

/* ---- comments ---- */

struct notes {
	int n;
	char period[4][16], on[4][DATE_ISO_LEN], text[4][200];
};

static int collect_note(void *ctx, const char *period, struct date noted_on, const char *text)
{
	struct notes *n = ctx;
	assert_true(n->n < 4);
	snprintf(n->period[n->n], sizeof n->period[0], "%s", period);
	date_format_iso(noted_on, n->on[n->n]);
	snprintf(n->text[n->n], sizeof n->text[0], "%s", text);
	n->n++;
	return 0;
}

static void test_split_comments(void **state)
{
	struct date today = {2026, 6, 9};
	struct notes n = {0};
	(void)state;
	assert_int_equal(tracker_split_comments("Q3 Update Identification in progress. Q4 Update: Meeting held.", today, collect_note, &n), 0);
	assert_int_equal(n.n, 2);
	assert_string_equal(n.period[0], "2025/26 Q3");
	assert_string_equal(n.on[0], "2025-12-31");
	assert_string_equal(n.text[0], "Identification in progress.");
	assert_string_equal(n.period[1], "2025/26 Q4");
	assert_string_equal(n.on[1], "2026-03-31");
	assert_string_equal(n.text[1], "Meeting held.");
	memset(&n, 0, sizeof n);
	assert_int_equal(tracker_split_comments("Included in report.\nq1 update\nStarted.", today, collect_note, &n), 0);
	assert_int_equal(n.n, 2);
	assert_string_equal(n.period[0], "2026/27 Q1");
	assert_string_equal(n.on[0], "2026-06-09");
	assert_string_equal(n.text[0], "Included in report.");
	assert_string_equal(n.period[1], "2026/27 Q1"); /* the quarter under way: noted today */
	assert_string_equal(n.on[1], "2026-06-09");
	memset(&n, 0, sizeof n);
	assert_int_equal(tracker_split_comments("Q4 2024/25 Update Done. FAQ3 update and Q3 figures stay text", today, collect_note, &n), 0);
	assert_int_equal(n.n, 1);
	assert_string_equal(n.period[0], "2024/25 Q4");
	assert_string_equal(n.on[0], "2025-03-31");
	assert_string_equal(n.text[0], "Done. FAQ3 update and Q3 figures stay text");
	memset(&n, 0, sizeof n);
	assert_int_equal(tracker_split_comments("Q2 Update", today, collect_note, &n), 0);
	assert_int_equal(n.n, 0);
}

static void test_rag_words(void **state)
{
	(void)state;
	assert_int_equal(tracker_rag("GREEN"), 'G');
	assert_int_equal(tracker_rag(" Amber "), 'A');
	assert_int_equal(tracker_rag("r"), 'R');
	assert_int_equal(tracker_rag("Completed"), 'C');
	assert_int_equal(tracker_rag("Blue"), 'C');
	assert_int_equal(tracker_rag(""), 0);
	assert_int_equal(tracker_rag("N/A"), 0);
	assert_int_equal(tracker_rag("Rubbish"), -1);
	assert_int_equal(tracker_rag("Green/Amber"), -1);
}

/* ---- store_import_tracker ---- */

static const char OFFICERS[] =
	"name,role,team,email,aliases\n"
	"Judith Willis,Assistant Director,,,Assistant Director (HS)\n"
	"Simon Parry,Assistant Director,,,Assistant Director (HPS); SP\n"
	"Jonathan Elger,Neighbourhood & Tenancy Manager,,,N&T Manager\n";

static struct store *open_store(void)
{
	struct store *s = NULL;
	struct pb_error e = {0};
	struct store_import_result r;
	if (store_open(":memory:", STORE_CREATE, &s, &e) != PB_OK)
		fail_msg("store_open: %s", e.msg);
	store_set_today(s, (struct date){2026, 6, 9});
	store_set_actor(s, "Test Officer");
	if (store_import(s, CSVIO_OFFICERS, "o.csv", OFFICERS, strlen(OFFICERS), NULL, &r, &e) != PB_OK)
		fail_msg("officers: %s", e.msg);
	return s;
}

static int setup(void **state)
{
	*state = open_store();
	return 0;
}

static int teardown(void **state)
{
	store_close(*state);
	return 0;
}

/* What an import reported. */
struct heard {
	struct buf notes, changes, problems, rows;
};

static void hear(void *ctx, const struct store_tracker_report *r)
{
	struct heard *h = ctx;
	if (r->kind == STORE_TRACKER_NOTE)
		buf_printf(&h->notes, "%s\n", r->text);
	else if (r->kind == STORE_TRACKER_CHANGE)
		buf_printf(&h->changes, "%s %s: %s -> %s\n", r->ref, r->field, r->old_value, r->new_value);
	else if (r->kind == STORE_TRACKER_PROBLEM)
		buf_printf(&h->problems, "%s\n", r->text);
	else if (r->kind == STORE_TRACKER_ROW)
		buf_printf(&h->rows, "%s %s [%s] %s | %s | %s\n", r->row->plan, r->row->ref, r->row->section, r->row->leads,
			   r->row->due_on, r->row->exists ? "here" : "new");
}

static void heard_free(struct heard *h)
{
	buf_free(&h->notes), buf_free(&h->changes), buf_free(&h->problems), buf_free(&h->rows);
}

static int import(struct store *s, const char *text, struct store_tracker_opts *o, struct store_tracker_result *r,
		  struct heard *h, struct pb_error *e)
{
	memset(h, 0, sizeof *h);
	o->report = hear;
	o->ctx = h;
	return import_tracker_text(s, "t.csv", text, strlen(text), o, r, e);
}

/* Everything exported, to compare before and after. */
static char *export_all(struct store *s)
{
	char *text = NULL;
	size_t len = 0;
	struct pb_error e = {0};
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	for (int k = 0; k < CSVIO_NKINDS; k++)
		assert_int_equal(store_export(s, k, NULL, f, &e), PB_OK);
	fclose(f);
	return text;
}

static char *export_kind(struct store *s, enum csvio_kind kind)
{
	char *text = NULL;
	size_t len = 0;
	struct pb_error e = {0};
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	assert_int_equal(store_export(s, kind, NULL, f, &e), PB_OK);
	fclose(f);
	return text;
}

static const char Q4[] =
	"Housing Improvement Plan \xE2\x80\x93 Q4 2025/6 Update,,,,,,,,\r\n"
	"<u>Consumer Standard</u>,<u>Ref</u>,<u>Consumer Standard outcome</u>,<u>Action</u>,<u>Lead Officer</u>,<u>Target Date</u>,<u>RAG Rating</u>,<u>Comments</u>,\r\n"
	"Safety & Quality,SQ3,Health and Safety 1.3,Finalise a plan for outstanding remedial actions,Simon Parry,Sep-25 (Revised Nov-25),GREEN,"
	"\"<p>Fire - Plan identifies financial implications.</p> <p>EICR \xE2\x80\x93 We are also reviewing the need for specialist</p>\",Complete\r\n"
	"Housing Improvement Plan \xE2\x80\x93 Q4 2025/6 Update,,,,,,,,\r\n"
	"<u>Consumer Standard</u>,<u>Ref</u>,<u>Consumer Standard outcome</u>,<u>Action</u>,<u>Lead Officer</u>,<u>Target Date</u>,<u>RAG Rating</u>,<u>Comments</u>,\r\n"
	",,,,,,,software to report on certification received.,\r\n"
	"Safety & Quality,SQ9,Health and Safety 1.3,Undertake an independent review,Simon Parry,Dec-25 (Revised Mar-26) Revised July 2026,AMBER,"
	"Q3 Update Scope in progress. Q4 Update Meeting held.,\r\n"
	"\"<i>Transparency, Influence and accountability</i>\",TIA1 3,Diverse Needs 1.2,Implement the Customer Profile Action Plan,"
	"Judith Willis/Simon Parry,Jan-27,GREEN,,\r\n";

/* The Q4 table as it comes out of Word: title lines, a repeated header, a row continued after a page break. */
static void test_import_q4_layout(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "HIP-2526", .plan_title = "Housing Improvement Plan 2025/26", .plan_start = "2025-04-01", .preview = 5};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	struct action_detail d;
	long id;
	assert_int_equal(import(s, Q4, &o, &r, &h, &e), PB_OK);
	assert_true(r.plan_created);
	assert_false(r.canonical);
	assert_int_equal(r.rows, 3);
	assert_int_equal(r.added, 3);
	assert_int_equal(r.continued, 1);
	assert_int_equal(r.skipped, 3); /* the title line, and the page break's title and header */
	assert_int_equal(r.sections_created, 4); /* SQ, SQ-1.3, TIA, TIA-1.2 */
	assert_int_equal(r.notes_added, 3);
	assert_int_equal(r.officers_created, 0);
	assert_has(h.notes.data, "row 5 repeats the header");
	assert_has(h.rows.data, "HIP-2526 SQ3 [SQ-1.3] Simon Parry | 2025-11-30 | new");
	assert_has(h.rows.data, "HIP-2526 TIA13 [TIA-1.2] Judith Willis; Simon Parry | 2027-01-31 | new");
	assert_int_equal(store_find_action(s, "HIP-2526", "SQ9", &id, &e), PB_OK);
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.rag_reason ? d.rag_reason : "", "");
	assert_string_equal(d.due_on, "2026-07-31");
	assert_string_equal(d.original_due, "2025-12-31");
	store_action_free(&d);
	char *updates = export_kind(s, CSVIO_UPDATES);
	assert_has(updates, "HIP-2526,SQ3,2026/27 Q1,2026-06-09,,\"Fire - Plan identifies financial implications.\n"
			    "EICR \xE2\x80\x93 We are also reviewing the need for specialist software to report on certification received.\"");
	assert_has(updates, "HIP-2526,SQ9,2025/26 Q3,2025-12-31,,Scope in progress.");
	assert_has(updates, "HIP-2526,SQ9,2025/26 Q4,2026-03-31,,Meeting held.");
	free(updates);
	char *sections = export_kind(s, CSVIO_SECTIONS);
	assert_has(sections, "HIP-2526,SQ,,Safety & Quality\nHIP-2526,SQ-1.3,SQ,Health and Safety\n");
	assert_has(sections, "HIP-2526,TIA,,\"Transparency, Influence and accountability\"\nHIP-2526,TIA-1.2,TIA,Diverse Needs\n");
	free(sections);
	heard_free(&h);
}

/* The same file again: nothing added; then a changed file: changes shown, made only with update. */
static void test_reimport_holds_then_updates(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "HIP-2526", .plan_title = "Housing Improvement Plan 2025/26", .plan_start = "2025-04-01"};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	struct action_detail d;
	long id;
	assert_int_equal(import(s, Q4, &o, &r, &h, &e), PB_OK);
	heard_free(&h);
	char *before = export_all(s);
	assert_int_equal(import(s, Q4, &o, &r, &h, &e), PB_OK);
	assert_false(r.plan_created);
	assert_int_equal(r.added, 0);
	assert_int_equal(r.changed, 0);
	assert_int_equal(r.unchanged, 3);
	assert_int_equal(r.changes, 0);
	heard_free(&h);
	char *again = export_all(s);
	assert_string_equal(again, before);
	free(again);

	char changed[sizeof Q4 + 64];
	snprintf(changed, sizeof changed, "%s", Q4);
	char *at = strstr(changed, "Jan-27,GREEN");
	memcpy(at, "Mar-27,AMBER", 12);
	assert_int_equal(import(s, changed, &o, &r, &h, &e), PB_OK);
	assert_int_equal(r.changed, 1);
	assert_int_equal(r.changes, 2);
	assert_has(h.changes.data, "TIA13 due: Jan-27 -> Mar-27\n");
	assert_has(h.changes.data, "TIA13 rag: G -> A\n");
	again = export_all(s);
	assert_string_equal(again, before); /* shown, not made */
	free(again);
	heard_free(&h);

	o.update = true;
	assert_int_equal(import(s, changed, &o, &r, &h, &e), PB_OK);
	assert_int_equal(r.changed, 1);
	heard_free(&h);
	assert_int_equal(store_find_action(s, "HIP-2526", "TIA13", &id, &e), PB_OK);
	assert_int_equal(store_get_action(s, id, &d, &e), PB_OK);
	assert_string_equal(d.due_text, "Mar-27");
	assert_string_equal(d.due_on, "2027-03-31");
	assert_int_equal(d.rag, RAG_AMBER);
	assert_int_equal(d.revisions, 1);
	store_action_free(&d);
	free(before);
}

struct audit_seen {
	int due, rag;
};

static int on_audit(void *ctx, const struct audit_row *a)
{
	struct audit_seen *seen = ctx;
	seen->due += strcmp(a->field, "due_text") == 0 && strcmp(a->new_value, "Mar-27") == 0;
	seen->rag += strcmp(a->field, "rag") == 0 && strcmp(a->new_value, "A") == 0 && strcmp(a->who, "Test Officer") == 0;
	return 0;
}

/* The changes --update makes are in the audit trail, under the name of who imported. */
static void test_update_is_audited(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "HIP-2526", .plan_title = "Housing Improvement Plan 2025/26", .plan_start = "2025-04-01"};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	struct audit_seen seen = {0, 0};
	char changed[sizeof Q4 + 64];
	long id;
	assert_int_equal(import(s, Q4, &o, &r, &h, &e), PB_OK);
	heard_free(&h);
	snprintf(changed, sizeof changed, "%s", Q4);
	memcpy(strstr(changed, "Jan-27,GREEN"), "Mar-27,AMBER", 12);
	o.update = true;
	assert_int_equal(import(s, changed, &o, &r, &h, &e), PB_OK);
	heard_free(&h);
	assert_int_equal(store_find_action(s, "HIP-2526", "TIA13", &id, &e), PB_OK);
	assert_int_equal(store_each_audit(s, id, on_audit, &seen, &e), PB_OK);
	assert_int_equal(seen.due, 1);
	assert_int_equal(seen.rag, 1);
}

/* Two bad rows: both reported, the first returned naming row and column, and nothing written (not even the plan). */
static void test_problems_change_nothing(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "NEW-1", .plan_title = "New plan"};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	const char text[] =
		"Ref,Action,Lead Officer,Target Date,RAG Rating,Status\n"
		"A1,Fine row,Simon Parry,31/03/2027,Green,In progress\n"
		"A2,Impossible date,Simon Parry,31/02/2027,Green,In progress\n"
		"A3,Odd rating,Simon Parry,Mar-27,Purple,In progress\n"
		"A4,Odd status,Simon Parry,Mar-27,Green,Finished-ish\n"
		",continues A4 with no trouble,,,,\n";
	char *before = export_all(s);
	assert_int_equal(import(s, text, &o, &r, &h, &e), PB_BAD_INPUT);
	assert_has(e.msg, "t.csv: row 3, column \"Target Date\" (due): ");
	assert_has(e.msg, "31/02/2027");
	assert_has(e.msg, "(3 problems in all: --dry-run lists every one)");
	assert_int_equal(r.problems, 3);
	assert_has(h.problems.data, "t.csv: row 4, column \"RAG Rating\" (rag): \"Purple\" is not a RAG rating");
	assert_has(h.problems.data, "t.csv: row 5, column \"Status\": \"Finished-ish\" is not a status");
	char *after = export_all(s);
	assert_string_equal(after, before);
	free(before);
	free(after);
	heard_free(&h);
	o.dry_run = true;
	assert_int_equal(import(s, "Ref,Action\nB1,ok\n", &o, &r, &h, &e), PB_OK);
	assert_true(r.plan_created);
	assert_false(store_has_plan(s, "NEW-1"));
	heard_free(&h);
}

/* Look-alike letters, case and spacing in a lead find the officer already here. */
static void test_lookalike_lead(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "HIP-2627", .plan_title = "HIP 2026/27", .plan_start = "2026-04-01"};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	long id;
	/* "Sіmon Parry" with a Cyrillic і, and "JUDITH  willis" */
	const char text[] = "Ref,Action,Lead Officer\nX1,Thing,S\xD1\x96mon Parry and JUDITH  willis\n";
	assert_int_equal(import(s, text, &o, &r, &h, &e), PB_OK);
	assert_int_equal(r.officers_created, 0);
	heard_free(&h);
	struct action_filter f = {.plan = "HIP-2627"};
	long count = 0;
	assert_int_equal(store_find_officer(s, "Simon Parry", &f.owner_id, NULL, 0, &e), PB_OK);
	assert_int_equal(store_count_actions(s, &f, &count, &e), PB_OK);
	assert_int_equal(count, 1);
	assert_int_equal(store_find_officer(s, "Judith Willis", &f.owner_id, NULL, 0, &e), PB_OK);
	assert_int_equal(store_count_actions(s, &f, &count, &e), PB_OK);
	assert_int_equal(count, 1);
	assert_int_equal(store_find_action(s, "HIP-2627", "X1", &id, &e), PB_OK);
}

/* An abbreviations file gives aliases (creating the officer a role names); a tracker's leads then resolve through them. */
static void test_abbreviations(void **state)
{
	struct store *s = *state;
	struct store_import_result ir;
	struct store_tracker_opts o = {.plan = "HRS-1", .plan_title = "Strategy", .plan_start = "2026-04-01"};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	long a, b;
	const char abbr[] = "Abbreviation,Role/Name\nHoHH,Head of Housing and Homelessness\nSP,Simon Parry\nJW,Judith Willis\n";
	assert_int_equal(store_import(s, CSVIO_OFFICERS, "abbr.csv", abbr, strlen(abbr), NULL, &ir, &e), PB_OK);
	assert_int_equal(ir.rows, 3);
	assert_int_equal(ir.officers_created, 1);
	assert_int_equal(ir.unchanged, 1); /* SP was already Simon Parry's */
	assert_int_equal(ir.changed, 1);   /* JW is new for Judith Willis */
	assert_int_equal(store_find_officer(s, "HoHH", &a, NULL, 0, &e), PB_OK);
	assert_int_equal(store_find_officer(s, "Head of Housing and Homelessness", &b, NULL, 0, &e), PB_OK);
	assert_int_equal(a, b);
	const char clash[] = "Abbreviation,Role/Name\nSP,Judith Willis\n";
	assert_int_equal(store_import(s, CSVIO_OFFICERS, "abbr.csv", clash, strlen(clash), NULL, &ir, &e), PB_BAD_INPUT);
	assert_has(e.msg, "abbr.csv: row 2, column \"Abbreviation\": \"SP\" already stands for another officer");
	const char text[] = "Action,Lead,Timescale\n1.1 Do the thing,HoHH/JW,Year 2\n";
	assert_int_equal(import(s, text, &o, &r, &h, &e), PB_OK);
	assert_int_equal(r.officers_created, 0);
	heard_free(&h);
	struct action_filter f = {.plan = "HRS-1", .owner_id = a};
	long count = 0;
	assert_int_equal(store_count_actions(s, &f, &count, &e), PB_OK);
	assert_int_equal(count, 1);
}

/* Without a Ref column refs come from the Action text ("1.1 …") or, failing that, from the order of the rows. */
static void test_refs_without_ref_column(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "HRS-1", .plan_title = "Strategy", .plan_start = "2026-04-01", .preview = 9};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	const char numbered[] =
		"Action,Measure,Target,Lead,Timescale\n"
		"Pillar 1: Universal Prevention,,,,\n"
		"\"<b>1.1 Prevent homelessness</b> by building relations\",\"<ul><li>- Forum set up</li></ul>\",,Bob Builder,Year 1 / 2\n"
		"<p>with landlords and agents.</p>,<li>- Panel set up</li>,,,\n"
		"Rough sleepers:,,,,\n"
		"1.2 Outreach,,,Bob Builder,Year 2\n";
	assert_int_equal(import(s, numbered, &o, &r, &h, &e), PB_OK);
	assert_int_equal(r.rows, 2);
	assert_int_equal(r.continued, 1);
	assert_int_equal(r.officers_created, 1);
	assert_has(h.rows.data, "HRS-1 1.1 [P1] Bob Builder (new) | 2028-03-31 | new");
	assert_has(h.rows.data, "HRS-1 1.2 [P1-RS] Bob Builder | 2028-03-31 | new");
	heard_free(&h);
	char *actions = export_kind(s, CSVIO_ACTIONS);
	assert_has(actions, "HRS-1,1.1,P1,Prevent homelessness,by building relations with landlords and agents.,\"- Forum set up\n- Panel set up\",,,Bob Builder,Year 1 / 2,");
	free(actions);
	struct store_tracker_opts g = {.plan = "GEN-1", .plan_title = "Generated"};
	const char plain[] = "Key Deliverable/s,Responsible Officer\nFirst thing,Bob Builder\n,Simon Parry\nSecond thing,Simon Parry\n";
	assert_int_equal(import(s, plain, &g, &r, &h, &e), PB_OK);
	assert_int_equal(r.rows, 2);
	assert_has(h.notes.data, "numbered 1, 2, 3");
	heard_free(&h);
	long id;
	assert_int_equal(store_find_action(s, "GEN-1", "2", &id, &e), PB_OK);
}

/* Columns a tracker does not have keep what is stored; a canonical file is read as canonical. */
static void test_unmapped_fields_kept_and_canonical(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "HIP-2627", .plan_title = "HIP 2026/27", .plan_start = "2026-04-01"};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	const char canonical[] = "plan,ref,title,measure,leads,due\nHIP-2627,M1,Measured thing,Ten a month,SP,Jun-26\n";
	assert_int_equal(import(s, canonical, &o, &r, &h, &e), PB_OK);
	assert_true(r.canonical);
	assert_int_equal(r.added, 1);
	heard_free(&h);
	o.update = true;
	const char tracker[] = "Ref,Action,Target Date\nM1,Measured thing,Jul-26\n";
	assert_int_equal(import(s, tracker, &o, &r, &h, &e), PB_OK);
	assert_int_equal(r.changes, 1);
	heard_free(&h);
	char *actions = export_kind(s, CSVIO_ACTIONS);
	assert_has(actions, "HIP-2627,M1,,Measured thing,,Ten a month,,,SP,Jul-26,");
	free(actions);
}

/* A plan that does not exist needs --plan-title; one that does must match it. */
static void test_plan_options(void **state)
{
	struct store *s = *state;
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	struct store_tracker_opts o = {.plan = "NOPE-1"};
	assert_int_equal(import(s, "Ref,Action\nA,b\n", &o, &r, &h, &e), PB_BAD_INPUT);
	assert_has(e.msg, "no plan \"NOPE-1\"; add --plan-title");
	heard_free(&h);
	o = (struct store_tracker_opts){.plan = "P-1", .plan_title = "One", .plan_start = "1/4/2026"};
	assert_int_equal(import(s, "Ref,Action\nA,b\n", &o, &r, &h, &e), PB_USAGE);
	assert_has(e.msg, "--plan-start \"1/4/2026\"");
	heard_free(&h);
	o.plan_start = "2026-04-01";
	assert_int_equal(import(s, "Ref,Action\nA,b\n", &o, &r, &h, &e), PB_OK);
	heard_free(&h);
	o.plan_title = "Another title";
	assert_int_equal(import(s, "Ref,Action\nA,b\n", &o, &r, &h, &e), PB_BAD_INPUT);
	assert_has(e.msg, "plan P-1 already exists, titled \"One\"");
	heard_free(&h);
	o = (struct store_tracker_opts){.plan_title = "One"};
	assert_int_equal(import(s, "Ref,Action\nA,b\n", &o, &r, &h, &e), PB_USAGE);
	heard_free(&h);
	o = (struct store_tracker_opts){.plan = "P-1"};
	assert_int_equal(import(s, "Some title\nno header here,at,all,really\n", &o, &r, &h, &e), PB_BAD_INPUT);
	assert_has(e.msg, "no header row");
	heard_free(&h);
	assert_int_equal(import(s, "", &o, &r, &h, &e), PB_BAD_INPUT);
	assert_has(e.msg, "empty");
	heard_free(&h);
}

/* A Windows-1252 tracker: £ and curly quotes arrive as UTF-8. */
static void test_import_windows_1252(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "W-1", .plan_title = "Warm Homes"};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	const char text[] = "Ref,Action,Lead\nW1,\"Spend \xA3" "5,000 on the \x91Warm Homes\x92 pilot \x96 \x93now\x94\",SP\n";
	assert_int_equal(import(s, text, &o, &r, &h, &e), PB_OK);
	assert_int_equal(r.encoding, TRACKER_CP1252);
	assert_has(h.notes.data, "read as Windows-1252");
	heard_free(&h);
	char *actions = export_kind(s, CSVIO_ACTIONS);
	assert_has(actions, "W-1,W1,,\"Spend \xC2\xA3" "5,000 on the \xE2\x80\x98Warm Homes\xE2\x80\x99 pilot \xE2\x80\x93 \xE2\x80\x9Cnow\xE2\x80\x9D\"");
	free(actions);
}

/* Regression (found by tests/fuzz_import.c): a title line above the header leaked the buffer find_header
 * cleaned it into (128 bytes in 2 allocations under LeakSanitizer, from tests/fixtures/continuation.csv). */
static void test_regression_title_line_leak(void **state)
{
	struct store *s = *state;
	struct store_tracker_opts o = {.plan = "T-1", .plan_title = "Title line", .dry_run = true};
	struct store_tracker_result r;
	struct heard h;
	struct pb_error e = {0};
	assert_int_equal(import(s, "Housing Improvement Plan,,\nRef,Action,Lead\nA1,Thing,SP\n", &o, &r, &h, &e), PB_OK);
	assert_int_equal(r.skipped, 1);
	assert_int_equal(r.added, 1);
	heard_free(&h);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_field_names),
		cmocka_unit_test(test_map_header_hip_q4),
		cmocka_unit_test(test_map_header_hip_2627_and_strategy),
		cmocka_unit_test(test_map_header_goal),
		cmocka_unit_test(test_map_header_overrides_and_errors),
		cmocka_unit_test(test_header_score_repeats_abbreviations),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_csv_trailing_empty_columns),
		cmocka_unit_test(test_clean_html),
		cmocka_unit_test(test_clean_ref),
		cmocka_unit_test(test_split_action),
		cmocka_unit_test(test_split_leads),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_split_comments),
		cmocka_unit_test(test_rag_words),
		cmocka_unit_test_setup_teardown(test_import_q4_layout, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_holds_then_updates, setup, teardown),
		cmocka_unit_test_setup_teardown(test_update_is_audited, setup, teardown),
		cmocka_unit_test_setup_teardown(test_problems_change_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_lookalike_lead, setup, teardown),
		cmocka_unit_test_setup_teardown(test_abbreviations, setup, teardown),
		cmocka_unit_test_setup_teardown(test_refs_without_ref_column, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unmapped_fields_kept_and_canonical, setup, teardown),
		cmocka_unit_test_setup_teardown(test_plan_options, setup, teardown),
		cmocka_unit_test_setup_teardown(test_import_windows_1252, setup, teardown),
		cmocka_unit_test_setup_teardown(test_regression_title_line_leak, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
