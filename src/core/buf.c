/*
** lunar: growable byte buffers (see buf.h).
*/
#include "buf.h"
#include "mem.h"
#include "str.h"
#include "strfmt.h"
#include "err.h"

#define LU_MIN_SBUF  32   /* Smallest buffer allocated. */

void lu_buf_init(lua_State *L, SBuf *sb)
{
  sb->b = sb->w = sb->e = NULL;
  sb->L = L;
}

/* Reallocate so that the total size is at least sz (sz <= LU_MAX_STR
** checked by the callers). Keeps the written bytes. */
static LU_NOINLINE void buf_grow(SBuf *sb, size_t sz)
{
  lua_State *L = sb->L;
  size_t osz = (size_t)(sb->e - sb->b);
  size_t len = (size_t)(sb->w - sb->b);
  size_t nsz = osz < LU_MIN_SBUF ? LU_MIN_SBUF : osz;
  char *b;
  while (nsz < sz) nsz <<= 1;
  if (nsz > (size_t)LU_MAX_STR + 1) nsz = (size_t)LU_MAX_STR + 1;
  b = (char *)lu_mem_realloc(L, sb->b, osz, nsz);
  sb->b = b;
  sb->w = b + len;
  sb->e = b + nsz;
  {
    global_State *g = G(L);
    if (sb == &g->tmpsb) {
      g->tmpbuf = b;
      g->tmpsize = (MSize)nsz;
    }
  }
}

char *lu_buf_need(SBuf *sb, size_t sz)
{
  if (LU_UNLIKELY(sz > (size_t)(sb->e - sb->b))) {
    if (LU_UNLIKELY(sz > (size_t)LU_MAX_STR + 1)) lu_err_msg(sb->L, LU_ERR_STROV);
    buf_grow(sb, sz);
  }
  return sb->b;
}

char *lu_buf_more(SBuf *sb, size_t sz)
{
  if (LU_UNLIKELY(sz > (size_t)(sb->e - sb->w))) {
    size_t len = (size_t)(sb->w - sb->b);
    if (LU_UNLIKELY(sz > (size_t)LU_MAX_STR + 1 - len))
      lu_err_msg(sb->L, LU_ERR_STROV);
    buf_grow(sb, len + sz);
  }
  return sb->w;
}

void lu_buf_putmem_grow(SBuf *sb, const void *p, size_t len)
{
  char *w = lu_buf_more(sb, len);
  if (len) memcpy(w, p, len);
  sb->w = w + len;
}

void lu_buf_putz(SBuf *sb, const char *s)
{
  lu_buf_putmem(sb, s, strlen(s));
}

void lu_buf_putchar(SBuf *sb, int c)
{
  char *w = lu_buf_more(sb, 1);
  *w++ = (char)c;
  sb->w = w;
}

void lu_buf_putnum(SBuf *sb, double n)
{
  char *w = lu_buf_more(sb, LUAI_MAXNUMBER2STR);
  sb->w = w + lu_strfmt_num2buf(w, n);
}

GCstr *lu_buf_tostr(SBuf *sb)
{
  return lu_str_new(sb->L, sb->b, (size_t)(sb->w - sb->b));
}

void lu_buf_free(global_State *g, SBuf *sb)
{
  lu_mem_free(g, sb->b, (size_t)(sb->e - sb->b));
  sb->b = sb->w = sb->e = NULL;
}

SBuf *lu_buf_tmp(lua_State *L, size_t need)
{
  SBuf *sb = &G(L)->tmpsb;
  sb->L = L;
  sb->w = sb->b;
  lu_buf_need(sb, need);
  return sb;
}

void lu_buf_freetmp(global_State *g)
{
  lu_buf_free(g, &g->tmpsb);
  g->tmpbuf = NULL;
  g->tmpsize = 0;
}
