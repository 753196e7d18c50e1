/* names.c — officer name keys, so "Simon  PARRY", "Simon Parry" and "Sіmon Parry" (Cyrillic і) are one person. */
#include <ctype.h>
#include <stdint.h>
#include <string.h>

#include "core/names.h"
#include "core/text.h"

struct fold {
	uint32_t from;
	char to;
};

/* Accented Latin letters, Cyrillic and Greek look-alikes, and punctuation variants. */
static const struct fold folds[] = {
	{0x00A0, ' '}, {0x2007, ' '}, {0x202F, ' '}, {0x2009, ' '},
	{0x2018, '\''}, {0x2019, '\''}, {0x02BC, '\''}, {0x0060, '\''}, {0x00B4, '\''},
	{0x201C, '"'}, {0x201D, '"'},
	{0x2010, '-'}, {0x2011, '-'}, {0x2012, '-'}, {0x2013, '-'}, {0x2014, '-'}, {0x2212, '-'},
	{0x00E0, 'a'}, {0x00E1, 'a'}, {0x00E2, 'a'}, {0x00E3, 'a'}, {0x00E4, 'a'}, {0x00E5, 'a'},
	{0x00C0, 'a'}, {0x00C1, 'a'}, {0x00C2, 'a'}, {0x00C3, 'a'}, {0x00C4, 'a'}, {0x00C5, 'a'},
	{0x00E7, 'c'}, {0x00C7, 'c'},
	{0x00E8, 'e'}, {0x00E9, 'e'}, {0x00EA, 'e'}, {0x00EB, 'e'},
	{0x00C8, 'e'}, {0x00C9, 'e'}, {0x00CA, 'e'}, {0x00CB, 'e'},
	{0x00EC, 'i'}, {0x00ED, 'i'}, {0x00EE, 'i'}, {0x00EF, 'i'},
	{0x00CC, 'i'}, {0x00CD, 'i'}, {0x00CE, 'i'}, {0x00CF, 'i'},
	{0x00F1, 'n'}, {0x00D1, 'n'},
	{0x00F2, 'o'}, {0x00F3, 'o'}, {0x00F4, 'o'}, {0x00F5, 'o'}, {0x00F6, 'o'}, {0x00F8, 'o'},
	{0x00D2, 'o'}, {0x00D3, 'o'}, {0x00D4, 'o'}, {0x00D5, 'o'}, {0x00D6, 'o'}, {0x00D8, 'o'},
	{0x00F9, 'u'}, {0x00FA, 'u'}, {0x00FB, 'u'}, {0x00FC, 'u'},
	{0x00D9, 'u'}, {0x00DA, 'u'}, {0x00DB, 'u'}, {0x00DC, 'u'},
	{0x00FD, 'y'}, {0x00FF, 'y'}, {0x00DD, 'y'},
	/* Cyrillic */
	{0x0430, 'a'}, {0x0410, 'a'}, {0x0435, 'e'}, {0x0415, 'e'}, {0x043E, 'o'}, {0x041E, 'o'},
	{0x0440, 'p'}, {0x0420, 'p'}, {0x0441, 'c'}, {0x0421, 'c'}, {0x0445, 'x'}, {0x0425, 'x'},
	{0x0443, 'y'}, {0x0456, 'i'}, {0x0406, 'i'}, {0x0458, 'j'}, {0x0408, 'j'}, {0x0455, 's'},
	{0x0405, 's'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x0422, 't'}, {0x0412, 'b'}, {0x041A, 'k'},
	/* Greek */
	{0x03BF, 'o'}, {0x039F, 'o'}, {0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0397, 'h'},
	{0x0399, 'i'}, {0x039A, 'k'}, {0x039C, 'm'}, {0x039D, 'n'}, {0x03A1, 'p'}, {0x03A4, 't'},
	{0x03A7, 'x'}, {0x03A5, 'y'}, {0x0396, 'z'},
};

/* Decodes one UTF-8 character; returns its byte length (1 for a stray byte). */
static int decode(const unsigned char *u, uint32_t *cp)
{
	if (u[0] < 0x80)
		return *cp = u[0], 1;
	int len = (u[0] & 0xE0) == 0xC0 ? 2 : (u[0] & 0xF0) == 0xE0 ? 3 : (u[0] & 0xF8) == 0xF0 ? 4 : 1;
	uint32_t c = len == 2 ? u[0] & 0x1Fu : len == 3 ? u[0] & 0x0Fu : u[0] & 0x07u;
	for (int i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80)
			return *cp = u[0], 1;
		c = (c << 6) | (u[i] & 0x3Fu);
	}
	*cp = c;
	return len;
}

static char fold_char(uint32_t cp)
{
	for (size_t i = 0; i < sizeof folds / sizeof folds[0]; i++)
		if (folds[i].from == cp)
			return folds[i].to;
	return 0;
}

/* Lower-cases and folds name into ASCII-ish text, keeping other characters as they are. */
static size_t fold_name(const char *name, char *out, size_t outlen)
{
	size_t o = 0;
	const unsigned char *u = (const unsigned char *)name;
	while (*u && o + 5 < outlen) {
		uint32_t cp;
		int n = decode(u, &cp);
		char f = cp < 0x80 ? (char)tolower((int)cp) : fold_char(cp);
		if (cp >= 0x0300 && cp <= 0x036F)
			; /* combining accents ("e" + U+0301) are dropped, as é is folded to e */
		else if (f)
			out[o++] = isspace((unsigned char)f) ? ' ' : f;
		else
			memcpy(out + o, u, (size_t)n), o += (size_t)n;
		u += n;
	}
	out[o] = '\0';
	return o;
}

void names_key(const char *name, char *out, size_t outlen)
{
	char folded[512];
	fold_name(name, folded, sizeof folded);
	size_t o = 0;
	bool space = false;
	for (const char *p = folded; *p && o + 5 < outlen; p++) {
		if (*p == ' ') {
			space = o > 0;
			continue;
		}
		if (*p == '&') {
			if (o > 0 && out[o - 1] != ' ')
				out[o++] = ' ';
			memcpy(out + o, "and", 3), o += 3;
			space = true;
			continue;
		}
		if (*p == '/') {
			out[o++] = '/';
			space = false;
			continue;
		}
		if (space && out[o - 1] != '/')
			out[o++] = ' ';
		space = false;
		out[o++] = *p;
	}
	while (o > 0 && strchr(" .,;:", out[o - 1]))
		o--;
	out[o] = '\0';
}

int names_split_list(char *list, char **items, int max)
{
	int n = 0;
	char *save = NULL;
	for (char *tok = strtok_r(list, ";", &save); tok && n < max; tok = strtok_r(NULL, ";", &save)) {
		text_trim(tok);
		if (*tok)
			items[n++] = tok;
	}
	return n;
}
