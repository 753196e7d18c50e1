/* text.c — UTF-8 aware width, truncation and sort keys (wide and accented characters never split), Markdown inline text. */
#include <ctype.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "core/text.h"

/* Decodes one UTF-8 character at s; returns its length in bytes (1 for an invalid byte). */
static int utf8_decode(const char *s, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	int len;
	uint32_t c;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	} else if ((u[0] & 0xE0) == 0xC0) {
		len = 2, c = u[0] & 0x1F;
	} else if ((u[0] & 0xF0) == 0xE0) {
		len = 3, c = u[0] & 0x0F;
	} else if ((u[0] & 0xF8) == 0xF0) {
		len = 4, c = u[0] & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	for (int i = 1; i < len; i++) {
		if ((u[i] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		c = (c << 6) | (u[i] & 0x3F);
	}
	*cp = c;
	return len;
}

static bool is_control(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7F;
}

static int char_width(uint32_t cp)
{
	if (is_control(cp))
		return 1; /* shown as a space */
	int w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int text_width(const char *s)
{
	int w = 0;
	uint32_t cp;
	while (*s) {
		s += utf8_decode(s, &cp);
		w += char_width(cp);
	}
	return w;
}

void text_fit(const char *s, int width, bool pad, char *out, size_t outlen)
{
	size_t o = 0;
	int used = 0;
	bool cut = text_width(s) > width;
	int room = cut ? width - 1 : width;
	uint32_t cp;
	if (outlen == 0)
		return;
	while (*s && outlen > 4) {
		int n = utf8_decode(s, &cp);
		int w = char_width(cp);
		if (used + w > room || o + (size_t)n + 4 >= outlen)
			break;
		if (is_control(cp))
			out[o++] = ' ';
		else
			memcpy(out + o, s, (size_t)n), o += (size_t)n;
		used += w;
		s += n;
	}
	if (cut && width > 0 && o + 4 < outlen) {
		if (MB_CUR_MAX > 1) {
			memcpy(out + o, "\xE2\x80\xA6", 3); /* … */
			o += 3;
		} else {
			out[o++] = '~';
		}
		used++;
	}
	while (pad && used < width && o + 1 < outlen)
		out[o++] = ' ', used++;
	out[o] = '\0';
}

void text_first_line(const char *s, char *out, size_t outlen)
{
	size_t o = 0;
	bool space = false;
	while (*s == ' ' || *s == '\t')
		s++;
	for (; *s && *s != '\n' && o + 1 < outlen; s++) {
		if (*s == ' ' || *s == '\t' || *s == '\r') {
			space = true;
			continue;
		}
		if (space && o > 0 && o + 2 < outlen)
			out[o++] = ' ';
		space = false;
		out[o++] = *s;
	}
	out[o] = '\0';
}

size_t text_utf8_prefix(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < len) {
		unsigned char c = u[i];
		size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
		if (n == 0 || i + n > len)
			return i;
		uint32_t cp = n == 1 ? c : n == 2 ? c & 0x1Fu : n == 3 ? c & 0x0Fu : c & 0x07u;
		for (size_t k = 1; k < n; k++) {
			if ((u[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (u[i + k] & 0x3Fu);
		}
		static const uint32_t least[] = {0, 0, 0x80, 0x800, 0x10000};
		if (cp < least[n] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i; /* overlong, out of range, or a surrogate */
		i += n;
	}
	return len;
}

bool text_valid_utf8(const char *s, size_t len)
{
	return text_utf8_prefix(s, len) == len;
}

void text_natural_key(const char *s, char *out, size_t outlen)
{
	size_t o = 0;
	while (*s && o + 1 < outlen) {
		if (isdigit((unsigned char)*s)) {
			const char *start = s;
			while (*s == '0' && isdigit((unsigned char)s[1]))
				s++, start++;
			while (isdigit((unsigned char)*s))
				s++;
			/* left-pad the digit run to 10 places so numeric order is text order */
			size_t digits = (size_t)(s - start);
			size_t pad = digits < 10 ? 10 - digits : 0;
			if (o + pad + digits + 1 >= outlen)
				break;
			memset(out + o, '0', pad);
			memcpy(out + o + pad, start, digits);
			o += pad + digits;
		} else {
			out[o++] = (char)tolower((unsigned char)*s++);
		}
	}
	out[o] = '\0';
}

bool text_ieq(const char *a, const char *b)
{
	while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b))
		a++, b++;
	return tolower((unsigned char)*a) == tolower((unsigned char)*b);
}

char *text_trim(char *s)
{
	char *start = s;
	while (isspace((unsigned char)*start))
		start++;
	size_t n = strlen(start);
	while (n > 0 && isspace((unsigned char)start[n - 1]))
		n--;
	memmove(s, start, n);
	s[n] = '\0';
	return s;
}

void text_fts_query(const char *typed, char *out, size_t outlen)
{
	size_t o = 0;
	bool in_word = false;
	if (outlen < 8) {
		if (outlen)
			out[0] = '\0';
		return;
	}
	/* Room is kept for the closing quote, "*" and NUL, so a cut query stays balanced. */
	for (const unsigned char *p = (const unsigned char *)typed; *p; p++) {
		bool word_char = isalnum(*p) || *p >= 0x80;
		if (word_char && !in_word) {
			if (o + 8 >= outlen)
				break;
			if (o > 0)
				out[o++] = ' ';
			out[o++] = '"';
		} else if (!word_char && in_word) {
			out[o++] = '"';
		}
		in_word = word_char;
		if (word_char) {
			if (o + 3 >= outlen)
				break;
			out[o++] = (char)*p;
		}
	}
	if (in_word)
		out[o++] = '"', out[o++] = '*';
	out[o] = '\0';
}

struct ascii_map {
	uint32_t cp;
	char ascii;
};

static const struct ascii_map ascii_maps[] = {
	{0x2026, '~'}, {0x00B7, '-'}, {0x2022, '*'}, {0x2192, '>'}, {0x2190, '<'}, {0x2191, '^'}, {0x2193, 'v'},
	{0x21B3, '>'}, {0x25B8, '>'}, {0x25BE, 'v'}, {0x25B6, '>'}, {0x2260, '!'}, {0x2013, '-'}, {0x2014, '-'},
	{0x2018, '\''}, {0x2019, '\''}, {0x201C, '"'}, {0x201D, '"'}, {0x00A0, ' '}, {0x00A3, '#'},
	{0x2500, '-'}, {0x2502, '|'}, {0x250C, '+'}, {0x2510, '+'}, {0x2514, '+'}, {0x2518, '+'}, {0x251C, '+'},
	{0x2524, '+'}, {0x2588, '#'}, {0x258C, '#'}, {0x2591, ':'}, {0x2592, ':'}, {0x23CE, '<'},
};

void text_ascii(const char *s, char *out, size_t outlen)
{
	size_t o = 0;
	if (outlen == 0)
		return;
	while (*s && o + 3 < outlen) {
		uint32_t cp;
		int n = utf8_decode(s, &cp);
		char a = cp < 0x80 ? (char)cp : '?';
		for (size_t i = 0; cp >= 0x80 && i < sizeof ascii_maps / sizeof ascii_maps[0]; i++)
			if (ascii_maps[i].cp == cp)
				a = ascii_maps[i].ascii;
		out[o++] = a;
		if (cp >= 0x80 && a == '?' && wcwidth((wchar_t)cp) == 2)
			out[o++] = '?';
		s += n;
	}
	out[o] = '\0';
}

void text_write_markdown(FILE *f, const char *s)
{
	bool space = false, any = false;
	for (; s && *s; s++) {
		char ch = *s;
		if (ch == '\n' || ch == '\r' || ch == '\t' || ch == ' ') {
			space = any;
			continue;
		}
		if (space)
			fputc(' ', f);
		space = false;
		any = true;
		if (strchr("\\`*_[]<>|~#", ch))
			fputc('\\', f);
		fputc(ch, f);
	}
}
