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
