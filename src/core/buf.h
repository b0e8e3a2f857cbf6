/*
** lunar: growable byte buffers (string building, concatenation, formats).
**
** An SBuf is [b, w) written bytes, [w, e) free room. Memory comes from the
** state allocator; sizes beyond LU_MAX_STR throw "string length overflow".
** lu_buf_tmp hands out the per-state temporary buffer g->tmpbuf (reset,
** not freed, between uses; only one user at a time, and never across a
** call that may run Lua code).
*/
#ifndef LU_BUF_H
#define LU_BUF_H

#include "obj.h"

/* typedef struct SBuf { char *b, *w, *e; lua_State *L; } SBuf; is in
** obj.h, since the global state embeds the temporary buffer. */

#define sbuflen(sb)    ((MSize)((sb)->w - (sb)->b))
#define sbufsz(sb)     ((MSize)((sb)->e - (sb)->b))
#define sbufleft(sb)   ((MSize)((sb)->e - (sb)->w))

/* Empty buffer, no memory yet. */
LU_FUNC void lu_buf_init(lua_State *L, SBuf *sb);
/* Make room for sz more bytes after w; returns w. */
LU_FUNC char *lu_buf_more(SBuf *sb, size_t sz);
/* Make the total size at least sz (contents kept); returns b. */
LU_FUNC char *lu_buf_need(SBuf *sb, size_t sz);
/* lu_buf_putmem when [w, e) has less than len bytes: grow, then copy. */
LU_FUNC void lu_buf_putmem_grow(SBuf *sb, const void *p, size_t len);

/* Copy len bytes from p to w. Up to 16 bytes (table.concat's and the CAT
** instruction's usual pieces) take at most four possibly overlapping
** loads and stores that stay inside both ranges, instead of a call. */
static LU_AINLINE void lu_buf_copy(char *w, const char *p, size_t len)
{
  if (len > 16) {
    memcpy(w, p, len);
  } else if (len >= 8) {
    uint64_t a, b;
    memcpy(&a, p, 8);
    memcpy(&b, p + len - 8, 8);
    memcpy(w, &a, 8);
    memcpy(w + len - 8, &b, 8);
  } else if (len >= 4) {
    uint32_t a, b;
    memcpy(&a, p, 4);
    memcpy(&b, p + len - 4, 4);
    memcpy(w, &a, 4);
    memcpy(w + len - 4, &b, 4);
  } else if (len > 0) {
    char a = p[0], m = p[len >> 1], z = p[len - 1];
    w[0] = a;
    w[len >> 1] = m;
    w[len - 1] = z;
  }
}

/* Append len bytes from p. */
static LU_AINLINE void lu_buf_putmem(SBuf *sb, const void *p, size_t len)
{
  char *w = sb->w;
  if (LU_LIKELY(len <= (size_t)(sb->e - w))) {
    lu_buf_copy(w, (const char *)p, len);
    sb->w = w + len;
  } else {
    lu_buf_putmem_grow(sb, p, len);
  }
}

static LU_AINLINE void lu_buf_putstr(SBuf *sb, GCstr *s)
{
  lu_buf_putmem(sb, strdata(s), s->len);
}

LU_FUNC void lu_buf_putchar(SBuf *sb, int c);
LU_FUNC void lu_buf_putnum(SBuf *sb, double n);
LU_FUNC void lu_buf_putz(SBuf *sb, const char *s);
/* Intern the contents [b, w). The buffer is unchanged. */
LU_FUNC GCstr *lu_buf_tostr(SBuf *sb);
/* Release the memory of a buffer made with lu_buf_init. */
LU_FUNC void lu_buf_free(global_State *g, SBuf *sb);
#define lu_buf_reset(sb)   ((sb)->w = (sb)->b)

/* The per-state temporary buffer, reset and with room for need bytes. The
** SBuf lives in the thread-independent global state; do not free it. */
LU_FUNC SBuf *lu_buf_tmp(lua_State *L, size_t need);
/* Free g->tmpbuf (state close). */
LU_FUNC void lu_buf_freetmp(global_State *g);

#endif
