/* unit_core.c — unit tests for core/: officer name keys, list splitting, UTF-8 width and fitting,
 * natural sort keys, safe FTS queries, computed RAG, status words and JSON escaping. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/date.h"
#include "core/json.h"
#include "core/names.h"
#include "core/rag.h"
#include "core/status.h"
#include "core/text.h"

/* ---- helpers ---- */

static struct date ymd(int y, int m, int d)
{
	struct date x = { y, m, d };

	return x;
}

/* The key of a name, in a static buffer (one at a time). */
static const char *key_of(const char *name)
{
	static char out[256];

	names_key(name, out, sizeof out);
	return out;
}

/* Asserts that two spellings give one key. */
static void assert_same_key(const char *a, const char *b)
{
	char ka[256], kb[256];

	names_key(a, ka, sizeof ka);
	names_key(b, kb, sizeof kb);
	if (strcmp(ka, kb) != 0)
		fail_msg("\"%s\" → \"%s\" but \"%s\" → \"%s\"; expected one key", a, ka, b, kb);
}

/* Asserts that two names give different keys. */
static void assert_different_key(const char *a, const char *b)
{
	char ka[256], kb[256];

	names_key(a, ka, sizeof ka);
	names_key(b, kb, sizeof kb);
	if (strcmp(ka, kb) == 0)
		fail_msg("\"%s\" and \"%s\" both → \"%s\"; expected different keys", a, b, ka);
}


/* Number of double-quote characters in s. */
static int count_quotes(const char *s)
{
	int n = 0;

	for (; *s; s++)
		n += *s == '"';
	return n;
}

/* ---- names_key ---- */

/* Case, runs of spaces, tabs, leading/trailing spaces and a no-break space do not make a new officer. */
static void test_names_key_case_and_spacing(void **state)
{
	(void)state;
	assert_string_equal(key_of("Simon Parry"), "simon parry");
	assert_same_key("Simon Parry", "SIMON PARRY");
	assert_same_key("Simon Parry", "simon parry");
	assert_same_key("Simon Parry", "  Simon   Parry  ");
	assert_same_key("Simon Parry", "Simon\tParry");
	assert_same_key("Simon Parry", "Simon\xC2\xA0Parry"); /* U+00A0 no-break space, as pasted from Word */
}

/* A Cyrillic і (U+0456) or Cyrillic о/а/е/р/с pasted into a name folds to the Latin letter. */
static void test_names_key_cyrillic_lookalikes(void **state)
{
	(void)state;
	assert_same_key("Simon Parry", "S\xD1\x96mon Parry");		/* Sіmon: U+0456 */
	assert_string_equal(key_of("S\xD1\x96mon Parry"), "simon parry");
	assert_same_key("Simon Parry", "Sim\xD0\xBEn P\xD0\xB0rry");	/* Cyrillic о and а */
	assert_same_key("Joe Cooper", "J\xD0\xBE\xD0\xB5 C\xD0\xBE\xD0\xBE\xD1\x80\xD0\xB5r"); /* о е о о р е */
	assert_same_key("Simon Parry", "Sim\xCE\xBFn Parry");		/* Greek ο U+03BF */
}

/* A curly apostrophe (as Word types it) and a straight one give the same key. */
static void test_names_key_curly_apostrophe(void **state)
{
	(void)state;
	assert_string_equal(key_of("Sean O'Brien"), "sean o'brien");
	assert_same_key("Sean O'Brien", "Sean O\xE2\x80\x99" "Brien"); /* U+2019 */
	assert_same_key("Sean O'Brien", "Sean O\xE2\x80\x98" "Brien"); /* U+2018 */
	assert_same_key("Sean O'Brien", "Sean O\xCA\xBC" "Brien");     /* U+02BC */
}

/* Precomposed accented letters fold to plain ASCII, in either case. */
static void test_names_key_accents(void **state)
{
	(void)state;
	assert_string_equal(key_of("Jos\xC3\xA9 N\xC3\xBA\xC3\xB1" "ez"), "jose nunez"); /* José Núñez */
	assert_same_key("Jose Nunez", "JOS\xC3\x89 N\xC3\x9A\xC3\x91" "EZ");		     /* JOSÉ NÚÑEZ */
	assert_same_key("Zoe Bronte", "Zo\xC3\xAB Bront\xC3\xAB");			     /* Zoë Brontë */
	assert_same_key("Francois", "Fran\xC3\xA7ois");
}

/* Regression (was a bug): a decomposed accent (NFD: "e" + U+0301 COMBINING ACUTE, as macOS and some web forms produce)
 * is not folded, so "José" typed in NFD gets the key "josé" while NFC "José" gets "jose":
 * one officer, two keys. */
static void test_names_key_combining_accent(void **state)
{
	(void)state;

	assert_same_key("Jos\xC3\xA9", "Jose\xCC\x81");
}

/* "&" and "and" are the same word, with or without spaces round the "&". */
static void test_names_key_ampersand_and(void **state)
{
	(void)state;
	assert_string_equal(key_of("N&T Manager"), "n and t manager");
	assert_same_key("N&T Manager", "N & T Manager");
	assert_same_key("N&T Manager", "N and T Manager");
	assert_same_key("N&T Manager", "n AND t manager");
	assert_same_key("N&T Manager", "N &T Manager");
	assert_same_key("Head of Housing & Homelessness", "Head of Housing and Homelessness");
}

/* Spaces around "/" are dropped: "Housing / Estates" is "Housing/Estates". */
static void test_names_key_slash_spacing(void **state)
{
	(void)state;
	assert_string_equal(key_of("Housing / Estates Manager"), "housing/estates manager");
	assert_same_key("Housing/Estates Manager", "Housing / Estates Manager");
	assert_same_key("Housing/Estates Manager", "Housing /Estates Manager");
	assert_same_key("Housing/Estates Manager", "Housing/ Estates Manager");
	assert_same_key("Housing/Estates Manager", "Housing  /  Estates  Manager");
}

/* Trailing full stops, commas, semicolons, colons and spaces are removed. */
static void test_names_key_trailing_punctuation(void **state)
{
	(void)state;
	assert_same_key("Simon Parry", "Simon Parry.");
	assert_same_key("Simon Parry", "Simon Parry,");
	assert_same_key("Simon Parry", "Simon Parry;");
	assert_same_key("Simon Parry", "Simon Parry: ");
	assert_same_key("Simon Parry", "Simon Parry ..");
	assert_string_equal(key_of("HoHH."), "hohh");
	/* a full stop inside a name stays */
	assert_string_equal(key_of("J. Willis"), "j. willis");
}

/* Different officers (and different roles) never share a key. */
static void test_names_key_different_officers(void **state)
{
	(void)state;
	assert_different_key("Simon Parry", "Simon Perry");
	assert_different_key("Simon Parry", "Sam Parry");
	assert_different_key("Simon Parry", "Simon Parry (AD)");
	assert_different_key("Jane Willis", "J. Willis");
	assert_different_key("N&T Manager", "N&T Officer");
	assert_different_key("Housing/Estates", "Housing Estates");
	assert_different_key("Sean O'Brien", "Sean OBrien");
	assert_different_key("Ann Lee", "Anne Lee");
	assert_different_key("", "Simon Parry");
	assert_string_equal(key_of(""), "");
	assert_string_equal(key_of("   "), "");
}

/* A short output buffer is never overrun and the key is cut, NUL-terminated. */
static void test_names_key_short_buffer(void **state)
{
	char out[16];

	(void)state;
	memset(out, 'X', sizeof out);
	names_key("Simon Parry, Assistant Director of Housing", out, 8);
	assert_true(memchr(out, '\0', 8) != NULL);
	assert_int_equal(out[8], 'X');
	assert_true(strncmp("simon parry", out, strlen(out)) == 0);
}

/* ---- names_split_list ---- */

/* "; "-separated items are trimmed; empty items are dropped. */
static void test_names_split_list_trims_and_drops_empty(void **state)
{
	char list[] = "  SP; Simon Parry (AD) ;; ;N&T Manager;  ";
	char *items[8];

	(void)state;
	int n = names_split_list(list, items, 8);
	assert_int_equal(n, 3);
	assert_string_equal(items[0], "SP");
	assert_string_equal(items[1], "Simon Parry (AD)");
	assert_string_equal(items[2], "N&T Manager");
}

/* At most max items are returned. */
static void test_names_split_list_max(void **state)
{
	char list[] = "a; b; c; d";
	char *items[2];

	(void)state;
	assert_int_equal(names_split_list(list, items, 2), 2);
	assert_string_equal(items[0], "a");
	assert_string_equal(items[1], "b");
}

/* An empty or blank list has no items; one item without ";" is one item. */
static void test_names_split_list_empty_and_single(void **state)
{
	char empty[] = "", blank[] = " ; ;  ", one[] = "  Jane Willis ";
	char *items[4];

	(void)state;
	assert_int_equal(names_split_list(empty, items, 4), 0);
	assert_int_equal(names_split_list(blank, items, 4), 0);
	assert_int_equal(names_split_list(one, items, 4), 1);
	assert_string_equal(items[0], "Jane Willis");
}

/* ---- text_width ---- */

/* ASCII 1 column, precomposed é 1, CJK 2 each, emoji 2; empty 0. */
static void test_text_width(void **state)
{
	(void)state;
	assert_int_equal(text_width(""), 0);
	assert_int_equal(text_width("SQ9 fire"), 8);
	assert_int_equal(text_width("caf\xC3\xA9"), 4);			/* café */
	assert_int_equal(text_width("\xE6\xBC\xA2\xE5\xAD\x97"), 4);	/* 漢字 */
	assert_int_equal(text_width("\xF0\x9F\x98\x80"), 2);		/* 😀 */
	assert_int_equal(text_width("a\xE6\xBC\xA2" "b\xF0\x9F\x98\x80"), 6);
	assert_int_equal(text_width("\xE2\x80\xA6"), 1);			/* … */
}

/* ---- text_fit ---- */

/* Text that fits is copied unchanged; with pad it is padded with spaces to exactly width. */
static void test_text_fit_fits_and_pads(void **state)
{
	char out[64];

	(void)state;
	text_fit("SQ9", 10, false, out, sizeof out);
	assert_string_equal(out, "SQ9");
	text_fit("SQ9", 6, true, out, sizeof out);
	assert_string_equal(out, "SQ9   ");
	text_fit("exactly", 7, false, out, sizeof out);
	assert_string_equal(out, "exactly"); /* exactly the width: not cut */
	text_fit("", 3, true, out, sizeof out);
	assert_string_equal(out, "   ");
}

/* Cut text ends with "…" in the last column and takes exactly width columns. */
static void test_text_fit_cuts_ascii_with_ellipsis(void **state)
{
	char out[64];

	(void)state;
	text_fit("Implement Total Mobile", 10, false, out, sizeof out);
	assert_string_equal(out, "Implement\xE2\x80\xA6");
	assert_int_equal(text_width(out), 10);
	text_fit("abcdef", 1, false, out, sizeof out);
	assert_string_equal(out, "\xE2\x80\xA6");
	text_fit("abcdef", 0, true, out, sizeof out);
	assert_string_equal(out, "");
}

/* An accented letter is one column and is never split between its bytes. */
static void test_text_fit_accented(void **state)
{
	char out[64];

	(void)state;
	text_fit("caf\xC3\xA9 au lait", 5, false, out, sizeof out);
	assert_string_equal(out, "caf\xC3\xA9\xE2\x80\xA6"); /* café… */
	text_fit("caf\xC3\xA9", 4, true, out, sizeof out);
	assert_string_equal(out, "caf\xC3\xA9");
	text_fit("\xC3\xA9\xC3\xA9\xC3\xA9", 2, false, out, sizeof out);
	assert_string_equal(out, "\xC3\xA9\xE2\x80\xA6"); /* é… */
}

/* A wide CJK character never has its first column shown alone: it goes whole, and padding fills the gap. */
static void test_text_fit_wide_cjk(void **state)
{
	const char *kanji = "\xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97"; /* 漢字漢字, 8 columns */
	char out[64];

	(void)state;
	text_fit(kanji, 5, false, out, sizeof out);
	assert_string_equal(out, "\xE6\xBC\xA2\xE5\xAD\x97\xE2\x80\xA6"); /* 漢字… */
	text_fit(kanji, 4, false, out, sizeof out);
	assert_string_equal(out, "\xE6\xBC\xA2\xE2\x80\xA6"); /* 漢… (3 columns: the next 漢 needs 2) */
	text_fit(kanji, 4, true, out, sizeof out);
	assert_string_equal(out, "\xE6\xBC\xA2\xE2\x80\xA6 "); /* padded to 4 */
	text_fit(kanji, 8, false, out, sizeof out);
	assert_string_equal(out, kanji);
}

/* Emoji are two columns and cut whole. */
static void test_text_fit_emoji(void **state)
{
	char out[64];

	(void)state;
	text_fit("ab\xF0\x9F\x98\x80" "cd", 4, true, out, sizeof out);
	assert_string_equal(out, "ab\xE2\x80\xA6 "); /* ab… and a pad: the emoji does not fit in 1 column */
	text_fit("ab\xF0\x9F\x98\x80" "cd", 5, false, out, sizeof out);
	assert_string_equal(out, "ab\xF0\x9F\x98\x80\xE2\x80\xA6"); /* ab😀… */
	text_fit("\xF0\x9F\x98\x80", 2, false, out, sizeof out);
	assert_string_equal(out, "\xF0\x9F\x98\x80");
}

/* For every width, on mixed text: the result is valid UTF-8, never wider than width (exactly width
 * with pad), starts with a prefix of the input, and ends in "…" exactly when it was cut. */
static void test_text_fit_every_width_mixed(void **state)
{
	const char *s = "SQ9 caf\xC3\xA9 \xE6\xBC\xA2\xE5\xAD\x97 \xF0\x9F\x98\x80 end"; /* SQ9 café 漢字 😀 end */
	int full = text_width(s);

	(void)state;
	for (int w = 0; w <= full + 2; w++) {
		for (int pad = 0; pad <= 1; pad++) {
			char out[128];
			text_fit(s, w, pad, out, sizeof out);
			assert_true(text_valid_utf8(out, strlen(out)));
			int got = text_width(out);
			assert_true(got <= w);
			if (pad)
				assert_int_equal(got, w);
			size_t len = strlen(out);
			while (len > 0 && out[len - 1] == ' ' && pad)
				len--;
			bool cut = w < full;
			bool ends_ellipsis = len >= 3 && memcmp(out + len - 3, "\xE2\x80\xA6", 3) == 0;
			if (w > 0)
				assert_int_equal(cut, ends_ellipsis);
			size_t body = ends_ellipsis ? len - 3 : len;
			assert_memory_equal(out, s, body);
		}
	}
}

/* A small output buffer is never overrun and never ends mid-character. */
static void test_text_fit_small_buffer(void **state)
{
	char out[12];

	(void)state;
	memset(out, 'X', sizeof out);
	text_fit("\xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97\xE6\xBC\xA2\xE5\xAD\x97", 40, true, out, 8);
	assert_true(memchr(out, '\0', 8) != NULL);
	assert_int_equal(out[8], 'X');
	assert_true(text_valid_utf8(out, strlen(out)));
}

/* ---- other text helpers ---- */

/* text_first_line keeps the first line, folding runs of white space. */
static void test_text_first_line(void **state)
{
	char out[64];

	(void)state;
	text_first_line("  Meeting   held\tand\r\nsecond line", out, sizeof out);
	assert_string_equal(out, "Meeting held and");
	text_first_line("", out, sizeof out);
	assert_string_equal(out, "");
}

/* text_trim strips both ends in place; text_ieq compares ASCII ignoring case. */
static void test_text_trim_and_ieq(void **state)
{
	char a[] = " \t SQ9 fire \n", b[] = "   ";

	(void)state;
	assert_string_equal(text_trim(a), "SQ9 fire");
	assert_string_equal(text_trim(b), "");
	assert_true(text_ieq("Actions", "actions"));
	assert_false(text_ieq("action", "actions"));
	assert_true(text_ieq("", ""));
}

/* text_write_markdown folds white space and escapes what Markdown would read as formatting, so a table cell or a
 * heading stays one. */
static void test_text_write_markdown(void **state)
{
	char out[256] = "";
	FILE *f = fmemopen(out, sizeof out - 1, "w");

	(void)state;
	assert_non_null(f);
	text_write_markdown(f, "  Fire doors | *all* blocks\n\n#1 priority_[Q3] <b>~`x`\\  ");
	text_write_markdown(f, NULL);
	fclose(f);
	assert_string_equal(out, "Fire doors \\| \\*all\\* blocks \\#1 priority\\_\\[Q3\\] \\<b\\>\\~\\`x\\`\\\\");
}

/* text_valid_utf8 accepts UTF-8 and rejects Windows-1252 bytes and truncated sequences. */
static void test_text_valid_utf8(void **state)
{
	(void)state;
	assert_true(text_valid_utf8("", 0));
	const char *good = "caf\xC3\xA9 \xC2\xA3" "5 \xE6\xBC\xA2 \xF0\x9F\x98\x80";
	assert_true(text_valid_utf8(good, strlen(good)));
	assert_false(text_valid_utf8("\xA3" "5", 2));		  /* Windows-1252 £ */
	assert_false(text_valid_utf8("Caf\xE9, ok", 8));	  /* Windows-1252 é */
	assert_false(text_valid_utf8("x\xE2\x82", 3));		  /* € cut short at the end */
	assert_false(text_valid_utf8("\xE2\x82\xAC", 2));	  /* length cuts the character */
	assert_false(text_valid_utf8("\xFF", 1));
}

/* Regression (was a bug): overlong encodings ("\xC0\xAF" is '/' in two bytes) and UTF-16 surrogates ("\xED\xA0\x80")
 * are not valid UTF-8 but text_valid_utf8 accepts them, so csvio_read_mem lets them into the database. */
static void test_text_valid_utf8_overlong_and_surrogate(void **state)
{
	(void)state;

	assert_false(text_valid_utf8("\xC0\xAF", 2));
	assert_false(text_valid_utf8("\xED\xA0\x80", 3));
}

/* ---- text_natural_key ---- */

static int natural_cmp(const void *a, const void *b)
{
	char ka[128], kb[128];

	text_natural_key(*(const char *const *)a, ka, sizeof ka);
	text_natural_key(*(const char *const *)b, kb, sizeof kb);
	return strcmp(ka, kb);
}

/* Asserts key(a) < key(b). */
static void assert_natural_before(const char *a, const char *b)
{
	char ka[128], kb[128];

	text_natural_key(a, ka, sizeof ka);
	text_natural_key(b, kb, sizeof kb);
	if (strcmp(ka, kb) >= 0)
		fail_msg("expected \"%s\" before \"%s\" (keys \"%s\", \"%s\")", a, b, ka, kb);
}

/* Digit runs order by value: 2.9 < 2.10 < 2.14, SQ9 < SQ10, TIA1 < TIA13; letters ignore case. */
static void test_text_natural_key_pairs(void **state)
{
	char k1[64], k2[64];

	(void)state;
	assert_natural_before("2.9", "2.10");
	assert_natural_before("2.10", "2.14");
	assert_natural_before("2.14", "3.1");
	assert_natural_before("SQ9", "SQ10");
	assert_natural_before("SQ2", "SQ13");
	assert_natural_before("TIA1", "TIA13");
	assert_natural_before("TIA9", "TIA13");
	assert_natural_before("NC1", "SQ1");
	assert_natural_before("SQ5", "sq10");
	assert_natural_before("10.2", "SQ1");
	/* leading zeros do not change the value; case does not matter */
	text_natural_key("SQ05", k1, sizeof k1);
	text_natural_key("sq5", k2, sizeof k2);
	assert_string_equal(k1, k2);
}

/* Sorting a shuffled list of refs by key gives the plan order. */
static void test_text_natural_key_sorts_refs(void **state)
{
	const char *refs[] = { "TIA13", "2.10", "SQ10", "1.1", "2.9", "TIA1", "SQ9", "2.14", "SQ1", "TIA2" };
	const char *want[] = { "1.1", "2.9", "2.10", "2.14", "SQ1", "SQ9", "SQ10", "TIA1", "TIA2", "TIA13" };

	(void)state;
	qsort(refs, 10, sizeof refs[0], natural_cmp);
	for (int i = 0; i < 10; i++)
		assert_string_equal(refs[i], want[i]);
}

/* ---- text_fts_query ---- */

/* Every word is quoted and the last one is a prefix. */
static void test_text_fts_query_words(void **state)
{
	char out[256];

	(void)state;
	text_fts_query("fire safety", out, sizeof out);
	assert_string_equal(out, "\"fire\" \"safety\"*");
	text_fts_query("damp", out, sizeof out);
	assert_string_equal(out, "\"damp\"*");
	text_fts_query("caf\xC3\xA9", out, sizeof out);
	assert_string_equal(out, "\"caf\xC3\xA9\"*");
}

/* Quotes, FTS operators, column filters, NEAR(), "-", "^" and "*" in what a user typed become plain words. */
static void test_text_fts_query_neutralises_syntax(void **state)
{
	char out[256];

	(void)state;
	text_fts_query("fire \"safety", out, sizeof out);
	assert_string_equal(out, "\"fire\" \"safety\"*");
	text_fts_query("repairs OR NOT damp", out, sizeof out);
	assert_string_equal(out, "\"repairs\" \"OR\" \"NOT\" \"damp\"*");
	text_fts_query("NEAR(fire mould)", out, sizeof out);
	assert_string_equal(out, "\"NEAR\" \"fire\" \"mould\"");
	text_fts_query("title:SQ9 -x ^y z*", out, sizeof out);
	assert_string_equal(out, "\"title\" \"SQ9\" \"x\" \"y\" \"z\"");
	text_fts_query("O'Brien \"\"\" {a b} + :", out, sizeof out);
	assert_int_equal(count_quotes(out) % 2, 0);
	assert_null(strchr(out, '\''));
	assert_null(strchr(out, '{'));
	assert_null(strchr(out, ':'));
}

/* Typing nothing but punctuation gives an empty query, not a broken one. */
static void test_text_fts_query_only_punctuation(void **state)
{
	char out[64];

	(void)state;
	text_fts_query("\"*():-", out, sizeof out);
	assert_string_equal(out, "");
	text_fts_query("", out, sizeof out);
	assert_string_equal(out, "");
}

/* Regression (was a bug): when what was typed is longer than the output buffer, the query is cut inside a quoted word and
 * the closing quote is lost, e.g. text_fts_query("abcdefghijklmnopqrstuvwxyz", out, 16) gives
 * "\"abcdefghi" — an FTS5 syntax error. store_list_actions uses a 512-byte buffer, so a long pasted
 * search fails with "fts5: syntax error" instead of searching. */
static void test_text_fts_query_cut_stays_balanced(void **state)
{
	char out[16];

	(void)state;

	text_fts_query("abcdefghijklmnopqrstuvwxyz", out, sizeof out);
	assert_int_equal(count_quotes(out) % 2, 0);
}

/* ---- rag_compute ---- */

static enum rag compute(bool complete, bool has_due, struct date due, bool pushed, struct date today)
{
	struct rag_facts f = { .complete = complete, .has_due = has_due, .due = due, .pushed_back_this_quarter = pushed };
	struct rag_rules r = { .amber_days = 30 };

	return rag_compute(&f, today, &r);
}

/* The default rules give Amber within 30 days. */
static void test_rag_default_rules(void **state)
{
	(void)state;
	assert_int_equal(rag_default_rules().amber_days, 30);
}

/* A complete action is C even when completed late, and whatever its date. */
static void test_rag_complete_even_if_late(void **state)
{
	struct date today = ymd(2026, 6, 9);

	(void)state;
	assert_int_equal(compute(true, true, ymd(2025, 9, 30), false, today), RAG_COMPLETE);
	assert_int_equal(compute(true, true, ymd(2026, 6, 8), true, today), RAG_COMPLETE);
	assert_int_equal(compute(true, false, ymd(0, 0, 0), false, today), RAG_COMPLETE);
}

/* Due yesterday is Red; due today is Amber (0 days left is within the threshold). */
static void test_rag_yesterday_red_today_amber(void **state)
{
	struct date today = ymd(2026, 6, 9);

	(void)state;
	assert_int_equal(compute(false, true, ymd(2026, 6, 8), false, today), RAG_RED);
	assert_int_equal(compute(false, true, ymd(2025, 9, 30), false, today), RAG_RED);
	assert_int_equal(compute(false, true, ymd(2026, 6, 9), false, today), RAG_AMBER);
}

/* Due in exactly 30 days is Amber, in 31 days Green; across a month and year end too. */
static void test_rag_thirty_day_boundary(void **state)
{
	struct date today = ymd(2026, 6, 9);

	(void)state;
	assert_int_equal(compute(false, true, ymd(2026, 7, 9), false, today), RAG_AMBER);  /* +30 */
	assert_int_equal(compute(false, true, ymd(2026, 7, 10), false, today), RAG_GREEN); /* +31 */
	assert_int_equal(compute(false, true, ymd(2027, 1, 1), false, ymd(2026, 12, 2)), RAG_AMBER);  /* +30 */
	assert_int_equal(compute(false, true, ymd(2027, 1, 2), false, ymd(2026, 12, 2)), RAG_GREEN);  /* +31 */
	assert_int_equal(compute(false, true, ymd(2027, 1, 1), false, ymd(2027, 1, 2)), RAG_RED);     /* -1 */
}

/* Other thresholds are honoured. */
static void test_rag_custom_threshold(void **state)
{
	struct rag_facts f = { .has_due = true, .due = ymd(2026, 6, 16) };
	struct rag_rules seven = { .amber_days = 7 }, six = { .amber_days = 6 };

	(void)state;
	assert_int_equal(rag_compute(&f, ymd(2026, 6, 9), &seven), RAG_AMBER);
	assert_int_equal(rag_compute(&f, ymd(2026, 6, 9), &six), RAG_GREEN);
}

/* No due date ("Ongoing", "TBC") is Green unless pushed back. */
static void test_rag_no_due_date_green(void **state)
{
	(void)state;
	assert_int_equal(compute(false, false, ymd(0, 0, 0), false, ymd(2026, 6, 9)), RAG_GREEN);
}

/* A date pushed back this quarter is Amber however far away; an overdue one stays Red. */
static void test_rag_pushed_back_this_quarter(void **state)
{
	struct date today = ymd(2026, 6, 9);

	(void)state;
	assert_int_equal(compute(false, true, ymd(2027, 3, 31), true, today), RAG_AMBER);
	assert_int_equal(compute(false, false, ymd(0, 0, 0), true, today), RAG_AMBER);
	assert_int_equal(compute(false, true, ymd(2026, 6, 1), true, today), RAG_RED);
	assert_int_equal(compute(false, true, ymd(2027, 3, 31), false, today), RAG_GREEN);
}

/* ---- rag_mismatch, rag_from_text, names and letters ---- */

/* Green set on a complete action is not a mismatch; A set against R computed is. */
static void test_rag_mismatch(void **state)
{
	(void)state;
	assert_false(rag_mismatch(RAG_GREEN, RAG_COMPLETE));
	assert_false(rag_mismatch(RAG_COMPLETE, RAG_COMPLETE));
	assert_true(rag_mismatch(RAG_AMBER, RAG_RED));
	assert_true(rag_mismatch(RAG_GREEN, RAG_RED));
	assert_true(rag_mismatch(RAG_RED, RAG_COMPLETE));
	assert_true(rag_mismatch(RAG_AMBER, RAG_COMPLETE));
	assert_true(rag_mismatch(RAG_COMPLETE, RAG_GREEN));
	assert_true(rag_mismatch(RAG_AMBER, RAG_GREEN));
	assert_false(rag_mismatch(RAG_RED, RAG_RED));
	assert_false(rag_mismatch(RAG_AMBER, RAG_AMBER));
	assert_false(rag_mismatch(RAG_GREEN, RAG_GREEN));
	/* nothing set is never a disagreement */
	assert_false(rag_mismatch(RAG_NONE, RAG_RED));
	assert_false(rag_mismatch(RAG_RED, RAG_NONE));
}

/* Letters and words in any case; Blue is Complete; empty and unknown are none. */
static void test_rag_from_text(void **state)
{
	(void)state;
	assert_int_equal(rag_from_text("GREEN"), RAG_GREEN);
	assert_int_equal(rag_from_text("amber"), RAG_AMBER);
	assert_int_equal(rag_from_text("R"), RAG_RED);
	assert_int_equal(rag_from_text("red"), RAG_RED);
	assert_int_equal(rag_from_text("Blue"), RAG_COMPLETE);
	assert_int_equal(rag_from_text("Complete"), RAG_COMPLETE);
	assert_int_equal(rag_from_text("  g"), RAG_GREEN);
	assert_int_equal(rag_from_text(""), RAG_NONE);
	assert_int_equal(rag_from_text("   "), RAG_NONE);
	assert_int_equal(rag_from_text(NULL), RAG_NONE);
	assert_int_equal(rag_from_text("Purple"), RAG_NONE);
}

/* rag_name and rag_letter for every rating and none. */
static void test_rag_name_and_letter(void **state)
{
	(void)state;
	assert_string_equal(rag_name(RAG_RED), "RED");
	assert_string_equal(rag_name(RAG_AMBER), "AMBER");
	assert_string_equal(rag_name(RAG_GREEN), "GREEN");
	assert_string_equal(rag_name(RAG_COMPLETE), "COMPLETE");
	assert_string_equal(rag_name(RAG_NONE), "");
	assert_int_equal(rag_letter(RAG_RED), 'R');
	assert_int_equal(rag_letter(RAG_COMPLETE), 'C');
	assert_int_equal(rag_letter(RAG_NONE), '-');
}

/* ---- status ---- */

/* Tracker spellings map to canonical names; nonsense is NULL. */
static void test_status_canonical(void **state)
{
	(void)state;
	assert_string_equal(status_canonical("In Progress"), "in_progress");
	assert_string_equal(status_canonical("in_progress"), "in_progress");
	assert_string_equal(status_canonical("COMPLETE"), "complete");
	assert_string_equal(status_canonical("Completed"), "complete");
	assert_string_equal(status_canonical("Not started"), "to_be_started");
	assert_string_equal(status_canonical("To be started"), "to_be_started");
	assert_string_equal(status_canonical("on hold"), "on_hold");
	assert_string_equal(status_canonical("On-Hold"), "on_hold");
	assert_string_equal(status_canonical("Deferred"), "deferred");
	assert_null(status_canonical("nonsense"));
	assert_null(status_canonical(""));
	assert_null(status_canonical(NULL));
	assert_null(status_canonical("in progress maybe"));
}

/* Every canonical name maps to itself and has a label. */
static void test_status_names_and_labels(void **state)
{
	int n = 0;

	(void)state;
	for (; status_names[n]; n++) {
		assert_string_equal(status_canonical(status_names[n]), status_names[n]);
		assert_true(strlen(status_label(status_names[n])) > 0);
	}
	assert_int_equal(n, 5);
	assert_string_equal(status_label("in_progress"), "In progress");
	assert_string_equal(status_label("on_hold"), "On hold");
	assert_string_equal(status_label("bogus"), "");
	assert_string_equal(status_label(NULL), "");
}

/* ---- json ---- */

/* Quotes, backslash, newline, CR, tab and other control characters are escaped; UTF-8 passes. */
static void test_json_string_escaping(void **state)
{
	struct buf b = { 0 };

	(void)state;
	json_string(&b, "say \"hi\"");
	assert_string_equal(buf_str(&b), "\"say \\\"hi\\\"\"");
	buf_reset(&b);
	json_string(&b, "C:\\path");
	assert_string_equal(buf_str(&b), "\"C:\\\\path\"");
	buf_reset(&b);
	json_string(&b, "line1\nline2\r\tend");
	assert_string_equal(buf_str(&b), "\"line1\\nline2\\r\\tend\"");
	buf_reset(&b);
	json_string(&b, "a\x01" "b\x1f" "c\x7f");
	assert_string_equal(buf_str(&b), "\"a\\u0001b\\u001fc\x7f\"");
	buf_reset(&b);
	json_string(&b, "caf\xC3\xA9 \xE6\xBC\xA2");
	assert_string_equal(buf_str(&b), "\"caf\xC3\xA9 \xE6\xBC\xA2\"");
	buf_reset(&b);
	json_string(&b, "");
	assert_string_equal(buf_str(&b), "\"\"");
	buf_free(&b);
}

/* NULL is null; json_key puts a comma before every key but the first. */
static void test_json_null_and_keys(void **state)
{
	struct buf b = { 0 };

	(void)state;
	buf_addc(&b, '{');
	json_key(&b, "ref", 1);
	json_string(&b, "SQ9");
	json_key(&b, "due", 0);
	json_string(&b, NULL);
	buf_addc(&b, '}');
	assert_string_equal(buf_str(&b), "{\"ref\":\"SQ9\",\"due\":null}");
	buf_free(&b);
}

/* ---- buf ---- */

/* A buf grows across many adds and printf; reset empties it; an empty buf reads "". */
static void test_buf_grows_and_resets(void **state)
{
	struct buf b = { 0 };

	(void)state;
	assert_string_equal(buf_str(&b), "");
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	assert_int_equal(b.len, 2000);
	assert_int_equal(strlen(buf_str(&b)), 2000);
	assert_memory_equal(buf_str(&b), "0,1,2,", 6);
	buf_reset(&b);
	assert_string_equal(buf_str(&b), "");
	buf_addn(&b, "abcdef", 3);
	buf_add(&b, "!");
	assert_string_equal(buf_str(&b), "abc!");
	buf_free(&b);
	assert_null(b.data);
}

int main(void)
{
	/* text_width relies on wcwidth, which needs a UTF-8 locale, as the program sets with setlocale(LC_ALL, ""). */
	if (!setlocale(LC_ALL, "C.UTF-8"))
		setlocale(LC_ALL, "C.utf8");

	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names_key_case_and_spacing),
		cmocka_unit_test(test_names_key_cyrillic_lookalikes),
		cmocka_unit_test(test_names_key_curly_apostrophe),
		cmocka_unit_test(test_names_key_accents),
		cmocka_unit_test(test_names_key_combining_accent),
		cmocka_unit_test(test_names_key_ampersand_and),
		cmocka_unit_test(test_names_key_slash_spacing),
		cmocka_unit_test(test_names_key_trailing_punctuation),
		cmocka_unit_test(test_names_key_different_officers),
		cmocka_unit_test(test_names_key_short_buffer),
		cmocka_unit_test(test_names_split_list_trims_and_drops_empty),
		cmocka_unit_test(test_names_split_list_max),
		cmocka_unit_test(test_names_split_list_empty_and_single),
		cmocka_unit_test(test_text_width),
		cmocka_unit_test(test_text_fit_fits_and_pads),
		cmocka_unit_test(test_text_fit_cuts_ascii_with_ellipsis),
		cmocka_unit_test(test_text_fit_accented),
		cmocka_unit_test(test_text_fit_wide_cjk),
		cmocka_unit_test(test_text_fit_emoji),
		cmocka_unit_test(test_text_fit_every_width_mixed),
		cmocka_unit_test(test_text_fit_small_buffer),
		cmocka_unit_test(test_text_first_line),
		cmocka_unit_test(test_text_trim_and_ieq),
		cmocka_unit_test(test_text_write_markdown),
		cmocka_unit_test(test_text_valid_utf8),
		cmocka_unit_test(test_text_valid_utf8_overlong_and_surrogate),
		cmocka_unit_test(test_text_natural_key_pairs),
		cmocka_unit_test(test_text_natural_key_sorts_refs),
		cmocka_unit_test(test_text_fts_query_words),
		cmocka_unit_test(test_text_fts_query_neutralises_syntax),
		cmocka_unit_test(test_text_fts_query_only_punctuation),
		cmocka_unit_test(test_text_fts_query_cut_stays_balanced),
		cmocka_unit_test(test_rag_default_rules),
		cmocka_unit_test(test_rag_complete_even_if_late),
		cmocka_unit_test(test_rag_yesterday_red_today_amber),
		cmocka_unit_test(test_rag_thirty_day_boundary),
		cmocka_unit_test(test_rag_custom_threshold),
		cmocka_unit_test(test_rag_no_due_date_green),
		cmocka_unit_test(test_rag_pushed_back_this_quarter),
		cmocka_unit_test(test_rag_mismatch),
		cmocka_unit_test(test_rag_from_text),
		cmocka_unit_test(test_rag_name_and_letter),
		cmocka_unit_test(test_status_canonical),
		cmocka_unit_test(test_status_names_and_labels),
		cmocka_unit_test(test_json_string_escaping),
		cmocka_unit_test(test_json_null_and_keys),
		cmocka_unit_test(test_buf_grows_and_resets),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
