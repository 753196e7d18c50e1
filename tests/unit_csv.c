/* unit_csv.c — unit tests for core/csvio.c: reading CSV text (BOM, CRLF, multi-line cells, row and line
 * numbers, quoting errors, UTF-8), writing rows, the write→read round trip, and header mapping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/csvio.h"
#include "core/error.h"


/* ---- a collector: every record the reader passes on, copied ---- */

#define MAX_ROWS 16
#define MAX_COLS 70

struct rec {
	int n;
	char *f[MAX_COLS];
	long row, line;
	char file[64];
};

struct collect {
	int nrecs;
	struct rec recs[MAX_ROWS];
	int stop_at_row; /* > 0: return PB_BAD_INPUT when this row arrives */
	int calls;
};

static int collect_row(void *ctx, char **fields, int nfields, const struct csvio_pos *pos, struct pb_error *e)
{
	struct collect *c = ctx;

	c->calls++;
	if (c->stop_at_row > 0 && pos->row == c->stop_at_row)
		return pb_fail(e, PB_BAD_INPUT, "%s: row %ld: stopped by the callback", pos->file, pos->row);
	assert_true(c->nrecs < MAX_ROWS);
	struct rec *r = &c->recs[c->nrecs++];
	r->n = nfields;
	r->row = pos->row;
	r->line = pos->line;
	snprintf(r->file, sizeof r->file, "%s", pos->file);
	for (int i = 0; i < nfields && i < MAX_COLS; i++) {
		r->f[i] = strdup(fields[i]);
		assert_non_null(r->f[i]);
	}
	return PB_OK;
}

static void collect_free(struct collect *c)
{
	for (int i = 0; i < c->nrecs; i++)
		for (int j = 0; j < c->recs[i].n && j < MAX_COLS; j++)
			free(c->recs[i].f[j]);
	memset(c, 0, sizeof *c);
}

/* Reads a NUL-terminated CSV text named "t.csv". */
static int read_text(const char *text, struct collect *c, struct pb_error *e)
{
	pb_error_clear(e);
	return csvio_read_mem("t.csv", text, strlen(text), collect_row, c, e);
}

/* Asserts a record's fields. */
static void assert_fields(const struct rec *r, int n, const char *const *want)
{
	assert_int_equal(r->n, n);
	for (int i = 0; i < n; i++)
		assert_string_equal(r->f[i], want[i]);
}

/* Asserts that e's message contains needle. */
static void assert_msg_has(const struct pb_error *e, const char *needle)
{
	if (!strstr(e->msg, needle))
		fail_msg("message \"%s\" does not contain \"%s\"", e->msg, needle);
}

/* ---- reading ---- */

/* A header and two rows: fields as written, rows numbered from the header = 1, lines as in the file. */
static void test_read_simple(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("plan,ref,title\nHIP-2627,SQ5,Total Mobile\nHIP-2627,SQ9,Fire review\n", &c, &e), PB_OK);
	assert_int_equal(c.nrecs, 3);
	assert_fields(&c.recs[0], 3, (const char *[]){ "plan", "ref", "title" });
	assert_fields(&c.recs[1], 3, (const char *[]){ "HIP-2627", "SQ5", "Total Mobile" });
	assert_fields(&c.recs[2], 3, (const char *[]){ "HIP-2627", "SQ9", "Fire review" });
	for (int i = 0; i < 3; i++) {
		assert_int_equal(c.recs[i].row, i + 1);
		assert_int_equal(c.recs[i].line, i + 1);
		assert_string_equal(c.recs[i].file, "t.csv");
	}
	collect_free(&c);
}

/* The last record need not end with a newline; empty cells come through as "". */
static void test_read_no_final_newline_and_empty_cells(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("a,b,c\n1,,\n,,3", &c, &e), PB_OK);
	assert_int_equal(c.nrecs, 3);
	assert_fields(&c.recs[1], 3, (const char *[]){ "1", "", "" });
	assert_fields(&c.recs[2], 3, (const char *[]){ "", "", "3" });
	assert_int_equal(c.recs[2].line, 3);
	collect_free(&c);
}

/* Empty input is no records and no error (the importer says the file is empty). */
static void test_read_empty_input(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("", &c, &e), PB_OK);
	assert_int_equal(c.calls, 0);
}

/* A UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped: the first header cell is "plan". */
static void test_read_bom_skipped(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("\xEF\xBB\xBFplan,ref\nHIP-2627,SQ5\n", &c, &e), PB_OK);
	assert_int_equal(c.nrecs, 2);
	assert_string_equal(c.recs[0].f[0], "plan");
	assert_int_equal(c.recs[0].line, 1);
	collect_free(&c);
}

/* CRLF line endings end records; CRLF inside a quoted cell becomes LF; no CR is left anywhere. */
static void test_read_crlf(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("ref,text\r\nSQ5,\"first\r\nsecond\r\n- bullet\"\r\nSQ9,plain\r\n", &c, &e), PB_OK);
	assert_int_equal(c.nrecs, 3);
	assert_fields(&c.recs[0], 2, (const char *[]){ "ref", "text" });
	assert_fields(&c.recs[1], 2, (const char *[]){ "SQ5", "first\nsecond\n- bullet" });
	assert_fields(&c.recs[2], 2, (const char *[]){ "SQ9", "plain" });
	assert_int_equal(c.recs[1].row, 2);
	assert_int_equal(c.recs[1].line, 4);
	assert_int_equal(c.recs[2].row, 3);
	assert_int_equal(c.recs[2].line, 5);
	for (int i = 0; i < c.nrecs; i++)
		for (int j = 0; j < c.recs[i].n; j++)
			assert_null(strchr(c.recs[i].f[j], '\r'));
	collect_free(&c);
}

/* A quoted cell over several lines is one record: row counts records, line is where the record ends. */
static void test_read_multiline_rows_and_lines(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("ref,text\n"			 /* line 1 */
				   "SQ5,\"Q3 Update:\n"		 /* line 2 */
				   "- meeting held\n"		 /* line 3 */
				   "- scope issued\"\n"		 /* line 4 */
				   "SQ9,\"one, \"\"quoted\"\" line\"\n" /* line 5 */
				   "SQ10,\"a\n\nb\"\n",		 /* lines 6-8: a blank line inside the cell is kept */
				   &c, &e),
			 PB_OK);
	assert_int_equal(c.nrecs, 4);
	assert_fields(&c.recs[1], 2, (const char *[]){ "SQ5", "Q3 Update:\n- meeting held\n- scope issued" });
	assert_fields(&c.recs[2], 2, (const char *[]){ "SQ9", "one, \"quoted\" line" });
	assert_fields(&c.recs[3], 2, (const char *[]){ "SQ10", "a\n\nb" });
	long rows[] = { 1, 2, 3, 4 }, lines[] = { 1, 4, 5, 8 };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(c.recs[i].row, rows[i]);
		assert_int_equal(c.recs[i].line, lines[i]);
	}
	collect_free(&c);
}

/* Blank and white-space-only lines are not passed on and not counted as rows; lines still count. */
static void test_read_blank_lines_skipped(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("a,b\n\n1,2\n   \n,\n\r\n3,4\n\n", &c, &e), PB_OK);
	assert_int_equal(c.nrecs, 3);
	assert_fields(&c.recs[1], 2, (const char *[]){ "1", "2" });
	assert_fields(&c.recs[2], 2, (const char *[]){ "3", "4" });
	assert_int_equal(c.recs[1].row, 2);
	assert_int_equal(c.recs[1].line, 3);
	assert_int_equal(c.recs[2].row, 3);
	assert_int_equal(c.recs[2].line, 7);
	collect_free(&c);
}

/* Unquoted cells lose leading and trailing spaces (libcsv); inside quotes they are kept. */
static void test_read_whitespace_unquoted_trimmed_quoted_kept(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("a,b,c\n  x  ,\"  y  \",\t z \t\n", &c, &e), PB_OK);
	assert_fields(&c.recs[1], 3, (const char *[]){ "x", "  y  ", "z" });
	collect_free(&c);
}

/* An unbalanced quote is PB_BAD_INPUT naming the file and the row where the quote opened; rows
 * before it were read. */
static void test_read_unbalanced_quote(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("ref,title\nSQ5,ok\nSQ9,\"never closed\nSQ10,more\nTIA1,more\n", &c, &e), PB_BAD_INPUT);
	assert_int_equal(e.status, PB_BAD_INPUT);
	assert_msg_has(&e, "t.csv");
	assert_msg_has(&e, "row 3");
	assert_msg_has(&e, "line 3");
	assert_msg_has(&e, "unbalanced quote");
	assert_int_equal(c.nrecs, 2);
	collect_free(&c);
}

/* The row is right even when blank lines come before the unbalanced quote. */
static void test_read_unbalanced_quote_row_after_blank_lines(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("ref,title\nSQ5,ok\n\n\nSQ9,\"open\nSQ10,x\n", &c, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "t.csv");
	assert_msg_has(&e, "row 3");
	collect_free(&c);
}

/* Regression (was a bug): the line named for an unbalanced quote is the line after the last record, not the line where
 * the quote opened, when blank lines come between: for "ref,title\nSQ5,ok\n\n\nSQ9,\"open\nSQ10,x\n"
 * the message says "row 3 (line 3)" but the quote opened on line 5 (line 3 is blank). */
static void test_read_unbalanced_quote_line_after_blank_lines(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;

	assert_int_equal(read_text("ref,title\nSQ5,ok\n\n\nSQ9,\"open\nSQ10,x\n", &c, &e), PB_BAD_INPUT);
	collect_free(&c);
	assert_msg_has(&e, "line 5");
}

/* A quote inside an unquoted cell is an error naming the file and row, and the row is not passed on. */
static void test_read_stray_quote_in_unquoted_cell(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("ref,title\nSQ5,the 6\" pipe\nSQ9,x\n", &c, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "t.csv");
	assert_msg_has(&e, "row 2");
	assert_msg_has(&e, "quote");
	assert_int_equal(c.nrecs, 1);
	collect_free(&c);
}

/* Text after a closing quote ("b"c) is an error too. */
static void test_read_text_after_closing_quote(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("a,b\n1,2\n3,\"b\"c\n", &c, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "row 3");
	collect_free(&c);
}

/* Windows-1252 text (0xA3 for £) is rejected before any row is read, with a message about UTF-8. */
static void test_read_rejects_windows_1252(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("ref,cost\nSQ5,\xA3" "500\n", &c, &e), PB_BAD_INPUT);
	assert_int_equal(e.status, PB_BAD_INPUT);
	assert_msg_has(&e, "t.csv");
	assert_msg_has(&e, "UTF-8");
	assert_int_equal(c.calls, 0);
	/* the same text in UTF-8 reads */
	assert_int_equal(read_text("ref,cost\nSQ5,\xC2\xA3" "500\n", &c, &e), PB_OK);
	assert_string_equal(c.recs[1].f[1], "\xC2\xA3" "500");
	collect_free(&c);
}

/* The message names the line the first byte that is not UTF-8 is on (a quoted cell of two lines before it counts two,
 * a BOM none), and how Excel saves UTF-8: the file has hundreds of lines and the user must find the "£". */
static void test_read_windows_1252_names_its_line(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("\xEF\xBB\xBFref,title\nSQ1,\"two\nlines\"\nSQ2,\xC2\xA3" "5 ok\nSQ3,\x93quoted\x94\n", &c, &e),
			 PB_BAD_INPUT);
	assert_msg_has(&e, "t.csv: line 5 is not UTF-8 text");
	assert_msg_has(&e, "save the file from Excel as \"CSV UTF-8\"");
	assert_int_equal(c.calls, 0);
	assert_int_equal(read_text("\xA3" "5\n", &c, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "t.csv: line 1 is not UTF-8 text");
	collect_free(&c);
}

/* Regression (was a bug): text_valid_utf8 reads past len: for a buffer that is not NUL-terminated and ends inside a
 * multi-byte character (here "a,b\n1,\xE2\x82", 8 bytes, heap-allocated to exactly 8) AddressSanitizer
 * reports a heap-buffer-overflow in utf8_decode (core/text.c) called from csvio_read_mem. The answer
 * (PB_BAD_INPUT) is right; the read is not. */
static void test_read_truncated_utf8_at_end_stays_in_bounds(void **state)
{
	static const char src[] = "a,b\n1,\xE2\x82";
	struct collect c = { 0 };
	struct pb_error e;

	(void)state;

	char *data = malloc(sizeof src - 1);
	assert_non_null(data);
	memcpy(data, src, sizeof src - 1);
	pb_error_clear(&e);
	int rc = csvio_read_mem("t.csv", data, sizeof src - 1, collect_row, &c, &e);
	free(data);
	assert_int_equal(rc, PB_BAD_INPUT);
	assert_msg_has(&e, "UTF-8");
	collect_free(&c);
}

/* A callback that returns an error stops the read: its status and message come back, no later row is read. */
static void test_read_callback_error_stops(void **state)
{
	struct collect c = { .stop_at_row = 2 };
	struct pb_error e;

	(void)state;
	assert_int_equal(read_text("a\n1\n2\n3\n", &c, &e), PB_BAD_INPUT);
	assert_int_equal(c.calls, 2);
	assert_int_equal(c.nrecs, 1);
	assert_string_equal(e.msg, "t.csv: row 2: stopped by the callback");
	collect_free(&c);
}

/* More than CSVIO_MAX_FIELDS columns is an error naming the row. */
static void test_read_too_many_columns(void **state)
{
	struct collect c = { 0 };
	struct pb_error e;
	char text[512] = "a\n";

	(void)state;
	for (int i = 0; i < CSVIO_MAX_FIELDS; i++)
		strcat(text, "x,");
	strcat(text, "x\n");
	assert_int_equal(read_text(text, &c, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "row 2");
	assert_msg_has(&e, "columns");
	collect_free(&c);
	/* exactly the limit reads */
	strcpy(text, "a\n");
	for (int i = 0; i < CSVIO_MAX_FIELDS - 1; i++)
		strcat(text, "x,");
	strcat(text, "x\n");
	assert_int_equal(read_text(text, &c, &e), PB_OK);
	assert_int_equal(c.recs[1].n, CSVIO_MAX_FIELDS);
	collect_free(&c);
}

/* A file that cannot be opened is PB_BAD_INPUT naming it; a real file reads like memory. */
static void test_read_file(void **state)
{
	struct collect c = { 0 };
	struct pb_error e = { 0 };
	char path[] = "/tmp/pb_unit_csv_XXXXXX";

	(void)state;
	assert_int_equal(csvio_read_file("/nonexistent/dir/actions.csv", collect_row, &c, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "/nonexistent/dir/actions.csv");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	FILE *f = fdopen(fd, "w");
	assert_non_null(f);
	fputs("ref,title\r\nSQ5,\"a\r\nb\"\r\n", f);
	fclose(f);
	assert_int_equal(csvio_read_file(path, collect_row, &c, &e), PB_OK);
	remove(path);
	assert_int_equal(c.nrecs, 2);
	assert_string_equal(c.recs[1].f[1], "a\nb");
	assert_string_equal(c.recs[1].file, path);
	collect_free(&c);
}

/* ---- writing ---- */

/* The text csvio_write_row writes for fields. */
static char *write_row(const char *const *fields, int n)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	assert_non_null(f);
	csvio_write_row(f, fields, n);
	fclose(f);
	return text;
}

/* Fields are quoted only when they hold a comma, quote, CR or LF; quotes inside are doubled; LF ends the row. */
static void test_write_quotes_only_when_needed(void **state)
{
	const char *fields[] = { "plain", "with space", "a,b", "say \"hi\"", "two\nlines", "cr\rhere", "", "caf\xC3\xA9", "'single'" };
	char *text;

	(void)state;
	text = write_row(fields, 9);
	assert_string_equal(text, "plain,with space,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\rhere\",,caf\xC3\xA9,'single'\n");
	free(text);
}

/* A NULL field is written empty; one field is a row with no comma; zero fields is an empty line. */
static void test_write_null_single_and_none(void **state)
{
	const char *fields[] = { "a", NULL, "c" };
	char *text;

	(void)state;
	text = write_row(fields, 3);
	assert_string_equal(text, "a,,c\n");
	free(text);
	text = write_row(fields, 1);
	assert_string_equal(text, "a\n");
	free(text);
	text = write_row(fields, 0);
	assert_string_equal(text, "\n");
	free(text);
}

/* Awkward cells written by csvio_write_row and read back by csvio_read_mem come back identical. */
static void test_write_read_round_trip(void **state)
{
	const char *cells[] = {
		"plain",
		"comma, inside",
		"\"quoted\" at start",
		"ends with a quote\"",
		"\"",
		"\"\"",
		",",
		"Q4 Update:\n- meeting held\n- scope issued, \"draft\"",
		"blank line\n\ninside",
		"",
		"caf\xC3\xA9 \xE6\xBC\xA2\xE5\xAD\x97 \xF0\x9F\x98\x80 \xC2\xA3" "5",
		"tab\tinside",
		"a;b; c",
		"=SUM(A1)",
	};
	int n = (int)(sizeof cells / sizeof cells[0]);
	struct collect c = { 0 };
	struct pb_error e;
	char *text;

	(void)state;
	text = write_row(cells, n);
	assert_int_equal(read_text(text, &c, &e), PB_OK);
	free(text);
	assert_int_equal(c.nrecs, 1);
	assert_fields(&c.recs[0], n, cells);
	collect_free(&c);
}

/* What does not survive: leading and trailing spaces of a cell (written unquoted, trimmed on reading)
 * and a lone CR (read back as LF). The importer trims every cell anyway. */
static void test_write_read_whitespace_and_cr(void **state)
{
	const char *cells[] = { " lead", "trail ", "  both  ", "cr\rx", "crlf\r\nx" };
	struct collect c = { 0 };
	struct pb_error e;
	char *text;

	(void)state;
	text = write_row(cells, 5);
	assert_int_equal(read_text(text, &c, &e), PB_OK);
	free(text);
	assert_fields(&c.recs[0], 5, (const char *[]){ "lead", "trail", "both", "cr\nx", "crlf\nx" });
	collect_free(&c);
}

/* ---- kinds and header mapping ---- */

/* Kinds by name (any case), their column counts and the first columns. */
static void test_kinds(void **state)
{
	(void)state;
	assert_int_equal(csvio_kind_from_name("actions"), CSVIO_ACTIONS);
	assert_int_equal(csvio_kind_from_name("Officers"), CSVIO_OFFICERS);
	assert_int_equal(csvio_kind_from_name("ENGAGEMENTS"), CSVIO_ENGAGEMENTS);
	assert_int_equal(csvio_kind_from_name("revisions"), CSVIO_REVISIONS);
	assert_int_equal(csvio_kind_from_name("action"), -1);
	assert_int_equal(csvio_kind_from_name(""), -1);
	assert_int_equal(csvio_ncolumns(CSVIO_PLANS), 5);
	assert_int_equal(csvio_ncolumns(CSVIO_SECTIONS), 4);
	assert_int_equal(csvio_ncolumns(CSVIO_OFFICERS), 5);
	assert_int_equal(csvio_ncolumns(CSVIO_METHODS), 3);
	assert_int_equal(csvio_ncolumns(CSVIO_ACTIONS), 14);
	assert_int_equal(csvio_ncolumns(CSVIO_REVISIONS), 9);
	assert_int_equal(csvio_ncolumns(CSVIO_UPDATES), 6);
	assert_int_equal(csvio_ncolumns(CSVIO_ENGAGEMENTS), 18);
	assert_string_equal(csvio_kind(CSVIO_ACTIONS)->name, "actions");
	assert_string_equal(csvio_kind(CSVIO_ACTIONS)->columns[ACT_COMPLETED_ON], "completed_on");
	assert_string_equal(csvio_kind(CSVIO_ENGAGEMENTS)->columns[ENG_ACTIONS], "actions");
	assert_string_equal(csvio_kind(CSVIO_UPDATES)->columns[UPD_TEXT], "text");
}

/* Maps a header given as one comma-separated string (no quoting) for kind. */
static int map_header(enum csvio_kind kind, const char *header, const char *given, int *map, struct pb_error *e)
{
	char copy[512], *fields[CSVIO_MAX_FIELDS];
	int n = 0;
	struct csvio_pos pos = { .file = "h.csv", .row = 1, .line = 1 };

	snprintf(copy, sizeof copy, "%s", header);
	for (char *p = copy;;) {
		fields[n++] = p;
		char *comma = strchr(p, ',');
		if (!comma)
			break;
		*comma = '\0';
		p = comma + 1;
	}
	pb_error_clear(e);
	return csvio_map_header(kind, fields, n, given, &pos, map, e);
}

/* The canonical header maps every column to its own position. */
static void test_map_header_canonical(void **state)
{
	int map[CSVIO_MAX_FIELDS];
	struct pb_error e;

	(void)state;
	assert_int_equal(map_header(CSVIO_ACTIONS, "plan,ref,section,title,description,measure,target,outcome,leads,due,status,rag,rag_reason,completed_on",
				    NULL, map, &e), PB_OK);
	for (int i = 0; i < 14; i++)
		assert_int_equal(map[i], i);
}

/* Columns in any order and any case, with spaces for underscores; absent optional columns are -1. */
static void test_map_header_any_order_any_case(void **state)
{
	int map[CSVIO_MAX_FIELDS];
	struct pb_error e;

	(void)state;
	assert_int_equal(map_header(CSVIO_ACTIONS, "Completed On,TITLE,Ref, plan ,Rag Reason,DUE", NULL, map, &e), PB_OK);
	assert_int_equal(map[ACT_COMPLETED_ON], 0);
	assert_int_equal(map[ACT_TITLE], 1);
	assert_int_equal(map[ACT_REF], 2);
	assert_int_equal(map[ACT_PLAN], 3);
	assert_int_equal(map[ACT_RAG_REASON], 4);
	assert_int_equal(map[ACT_DUE], 5);
	assert_int_equal(map[ACT_SECTION], -1);
	assert_int_equal(map[ACT_LEADS], -1);
	assert_int_equal(map[ACT_RAG], -1);
	assert_int_equal(map[ACT_STATUS], -1);
}

/* Empty header cells (the trailing columns Excel leaves) are ignored. */
static void test_map_header_trailing_empty_cells(void **state)
{
	int map[CSVIO_MAX_FIELDS];
	struct pb_error e;

	(void)state;
	assert_int_equal(map_header(CSVIO_PLANS, "code,title,,  ,", NULL, map, &e), PB_OK);
	assert_int_equal(map[PLAN_CODE], 0);
	assert_int_equal(map[PLAN_TITLE], 1);
	assert_int_equal(map[PLAN_KIND], -1);
}

/* A missing required column is PB_BAD_INPUT naming the column, the file and the row. */
static void test_map_header_missing_required(void **state)
{
	int map[CSVIO_MAX_FIELDS];
	struct pb_error e;

	(void)state;
	assert_int_equal(map_header(CSVIO_ACTIONS, "plan,ref,due", NULL, map, &e), PB_BAD_INPUT);
	assert_int_equal(e.status, PB_BAD_INPUT);
	assert_msg_has(&e, "\"title\"");
	assert_msg_has(&e, "h.csv");
	assert_msg_has(&e, "row 1");
	assert_int_equal(map_header(CSVIO_UPDATES, "plan,ref,text", NULL, map, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"noted_on\"");
}

/* An unknown column is PB_BAD_INPUT naming it as written. */
static void test_map_header_unknown_column(void **state)
{
	int map[CSVIO_MAX_FIELDS];
	struct pb_error e;

	(void)state;
	assert_int_equal(map_header(CSVIO_ACTIONS, "plan,ref,title,Lead Officer", NULL, map, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"Lead Officer\"");
	assert_msg_has(&e, "h.csv");
	/* and names the columns there are: a spreadsheet user has the message, not sample-data/FORMAT.md */
	assert_int_equal(map_header(CSVIO_PLANS, "plan,title", NULL, map, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "h.csv: row 1: unknown column \"plan\" for plans; rename or remove it: the columns of plans are code, title,");
}

/* A column given twice (in any spelling) is PB_BAD_INPUT. */
static void test_map_header_duplicate_column(void **state)
{
	int map[CSVIO_MAX_FIELDS];
	struct pb_error e;

	(void)state;
	assert_int_equal(map_header(CSVIO_ACTIONS, "plan,ref,title,Ref", NULL, map, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "twice");
	assert_int_equal(map_header(CSVIO_ACTIONS, "plan,ref,title,completed_on,Completed On", NULL, map, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "twice");
}

/* given = "plan" (from --plan) lets the plan column be absent; without it the plan column is required. */
static void test_map_header_given_plan(void **state)
{
	int map[CSVIO_MAX_FIELDS];
	struct pb_error e;

	(void)state;
	assert_int_equal(map_header(CSVIO_ACTIONS, "ref,title", "plan", map, &e), PB_OK);
	assert_int_equal(map[ACT_PLAN], -1);
	assert_int_equal(map[ACT_REF], 0);
	assert_int_equal(map_header(CSVIO_ACTIONS, "ref,title", NULL, map, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"plan\"");
	/* given names only the plan: another missing column is still an error */
	assert_int_equal(map_header(CSVIO_ACTIONS, "title", "plan", map, &e), PB_BAD_INPUT);
	assert_msg_has(&e, "\"ref\"");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read_simple),
		cmocka_unit_test(test_read_no_final_newline_and_empty_cells),
		cmocka_unit_test(test_read_empty_input),
		cmocka_unit_test(test_read_bom_skipped),
		cmocka_unit_test(test_read_crlf),
		cmocka_unit_test(test_read_multiline_rows_and_lines),
		cmocka_unit_test(test_read_blank_lines_skipped),
		cmocka_unit_test(test_read_whitespace_unquoted_trimmed_quoted_kept),
		cmocka_unit_test(test_read_unbalanced_quote),
		cmocka_unit_test(test_read_unbalanced_quote_row_after_blank_lines),
		cmocka_unit_test(test_read_unbalanced_quote_line_after_blank_lines),
		cmocka_unit_test(test_read_stray_quote_in_unquoted_cell),
		cmocka_unit_test(test_read_text_after_closing_quote),
		cmocka_unit_test(test_read_rejects_windows_1252),
		cmocka_unit_test(test_read_windows_1252_names_its_line),
		cmocka_unit_test(test_read_truncated_utf8_at_end_stays_in_bounds),
		cmocka_unit_test(test_read_callback_error_stops),
		cmocka_unit_test(test_read_too_many_columns),
		cmocka_unit_test(test_read_file),
		cmocka_unit_test(test_write_quotes_only_when_needed),
		cmocka_unit_test(test_write_null_single_and_none),
		cmocka_unit_test(test_write_read_round_trip),
		cmocka_unit_test(test_write_read_whitespace_and_cr),
		cmocka_unit_test(test_kinds),
		cmocka_unit_test(test_map_header_canonical),
		cmocka_unit_test(test_map_header_any_order_any_case),
		cmocka_unit_test(test_map_header_trailing_empty_cells),
		cmocka_unit_test(test_map_header_missing_required),
		cmocka_unit_test(test_map_header_unknown_column),
		cmocka_unit_test(test_map_header_duplicate_column),
		cmocka_unit_test(test_map_header_given_plan),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
