/* buf.h — a growable NUL-terminated string. */
#ifndef PB_BUF_H
#define PB_BUF_H

#include <stddef.h>

struct buf {
	char *data; /* always NUL-terminated once anything is added; owned */
	size_t len, cap;
};

void buf_add(struct buf *b, const char *s);
void buf_addn(struct buf *b, const char *s, size_t n);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_reset(struct buf *b);
/* The text so far; "" for an empty buf. Valid until the next add. */
const char *buf_str(const struct buf *b);
void buf_free(struct buf *b);

#endif
