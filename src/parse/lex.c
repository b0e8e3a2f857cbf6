/*
** lunar: the lexer.
**
** Characters come from the reader one chunk at a time (p .. pe); ls->c is
** the current character or LEX_EOF. The text of the current token is
** collected in ls->sb (names, numbers, strings: what error messages show
** after "near"). Line endings "\n", "\r", "\r\n" and "\n\r" each count as
** one line. Identifiers may contain bytes >= 0x80 (UTF-8), as in LuaJIT.
**
** All temporary memory (token text, the parser's variable, instruction and
** constant stacks) hangs off the LexState, which lives in the frame of
** lu_parse_load, so lu_lex_cleanup can free it after an error unwound the
** parser's own C frames.
*/
#include <stdio.h>

#include "../core/obj.h"
#include "../core/err.h"
#include "../core/mem.h"
#include "../core/str.h"
#include "../core/tab.h"
#include "../core/gc.h"
#include "../core/strscan.h"
#include "../ffi/cdata.h"
#include "lex.h"

#define LU_MAX_LINE  0x7fffff00

/* -- Character classes --------------------------------------------------- */

static int lex_isdigit(LexChar c) { return c >= '0' && c <= '9'; }
static int lex_isxdigit(LexChar c)
{
  return lex_isdigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
}
static int lex_isident(LexChar c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         lex_isdigit(c) || c == '_' || c >= 0x80;
}
static int lex_isspace(LexChar c)
{
  return c == ' ' || (c >= '\t' && c <= '\r');
}
static int lex_iscntrl(LexChar c) { return (c >= 0 && c < 32) || c == 127; }

/* -- Input and token buffer ---------------------------------------------- */

/* Fetch the next chunk from the reader; LEX_EOF when there is none. */
static LU_NOINLINE LexChar lex_more(LexState *ls)
{
  size_t sz;
  const char *p;
  if (ls->endmark) return LEX_EOF;
  p = ls->rfunc(ls->L, ls->rdata, &sz);
  if (p == NULL || sz == 0) {
    ls->endmark = 1;
    return LEX_EOF;
  }
  ls->pe = p + sz;
  ls->p = p + 1;
  return (LexChar)(uint8_t)p[0];
}

static LU_AINLINE LexChar lex_next(LexState *ls)
{
  return (ls->c = ls->p < ls->pe ? (LexChar)(uint8_t)*ls->p++ : lex_more(ls));
}

static void lex_save(LexState *ls, LexChar c)
{
  if (LU_UNLIKELY(ls->sblen >= ls->sbsize)) {
    MSize nsz = ls->sbsize ? ls->sbsize * 2 : 64;
    if (ls->sbsize >= LU_MAX_STR / 2) lu_lex_error(ls, 0, LU_ERR_XSTR);
    ls->sb = (char *)lu_mem_realloc(ls->L, ls->sb, ls->sbsize, nsz);
    ls->sbsize = nsz;
  }
  ls->sb[ls->sblen++] = (char)c;
}

static LU_AINLINE LexChar lex_savenext(LexState *ls)
{
  lex_save(ls, ls->c);
  return lex_next(ls);
}

#define lex_iseol(ls)  ((ls)->c == '\n' || (ls)->c == '\r')

/* Skip a line ending (any of the four forms) and count the line. */
static void lex_newline(LexState *ls)
{
  LexChar old = ls->c;
  lex_next(ls);
  if (lex_iseol(ls) && ls->c != old) lex_next(ls);
  if (++ls->linenumber >= LU_MAX_LINE)
    lu_lex_error(ls, ls->tok, LU_ERR_XLINES);
}

/* -- Anchoring ----------------------------------------------------------- */

GCstr *lu_lex_keepstr(LexState *ls, const char *s, size_t len)
{
  lua_State *L = ls->L;
  GCstr *str = lu_str_new(L, s, len);
  TValue *tv = lu_tab_setstr(L, ls->anchor, str);
  if (tvisnil(tv)) {
    setgcVraw(tv, str, LU_TSTR);  /* The value is what keeps it alive. */
    lu_tab_barrier(L, ls->anchor, tv);
  }
  return str;
}

void lu_lex_keepobj(LexState *ls, GCobj *o, uint32_t itype)
{
  TValue *tv = lu_tab_setint(ls->L, ls->anchor, (int32_t)++ls->nanchor);
  setgcVraw(tv, o, itype);
  lu_tab_barrier(ls->L, ls->anchor, tv);
}

/* -- Literals ------------------------------------------------------------ */

/* LuaJIT's FFI number literals: an integer (decimal or 0x hex) with the
** suffix LL (int64_t) or ULL (uint64_t), any case; becomes a cdata
** constant (anchored like strings). The imaginary suffix 'i' needs complex
** numbers, which are not implemented. Returns 0 if the text is no such
** literal. */
static int lex_cdatanum(LexState *ls, TValue *tv)
{
  const char *s = ls->sb, *e = ls->sb + ls->sblen;
  uint64_t v = 0;
  int base = 10, isunsigned = 0, any = 0;
  GCcdata *cd;
  if (e - s >= 1 && (e[-1] | 0x20) == 'i' &&
      lu_strscan_num(s, (size_t)(e - s - 1), tv)) {
    lex_save(ls, '\0');
    lu_lex_error(ls, TK_number, LU_ERR_XNUMBER);  /* Complex: not supported. */
  }
  if (e - s < 3 || (e[-1] | 0x20) != 'l' || (e[-2] | 0x20) != 'l') return 0;
  e -= 2;
  if ((e[-1] | 0x20) == 'u') {
    isunsigned = 1;
    e--;
  }
  if (e - s > 2 && s[0] == '0' && (s[1] | 0x20) == 'x') {
    base = 16;
    s += 2;
  }
  for (; s < e; s++) {
    int c = *s, d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
      d = (c | 0x20) - 'a' + 10;
    else return 0;
    if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) return 0;
    v = v * (uint64_t)base + (uint64_t)d;
    any = 1;
  }
  if (!any) return 0;
  (void)lu_ctype_state(ls->L);  /* Loads the FFI's cdata metatable. */
  cd = lu_cdata_new(ls->L, isunsigned ? CTID_UINT64 : CTID_INT64, 8);
  *(uint64_t *)cdataptr(cd) = v;
  setcdataV(ls->L, tv, cd);
  lu_lex_keepobj(ls, obj2gco(cd), LU_TCDATA);
  return 1;
}

/* Number: digits, letters, '.', and a sign right after an exponent mark
** ('e', or 'p' for hex). The whole text goes to the number scanner. */
static void lex_number(LexState *ls, TValue *tv)
{
  LexChar c, xp = 'e';
  if ((c = ls->c) == '0' && (lex_savenext(ls) | 0x20) == 'x')
    xp = 'p';
  while (lex_isident(ls->c) || ls->c == '.' ||
         ((ls->c == '-' || ls->c == '+') && (c | 0x20) == xp)) {
    c = ls->c;
    lex_savenext(ls);
  }
  if (!lu_strscan_num(ls->sb, ls->sblen, tv) && !lex_cdatanum(ls, tv)) {
    lex_save(ls, '\0');
    lu_lex_error(ls, TK_number, LU_ERR_XNUMBER);
  }
}

/* At '[' or ']': count the '=' that follow. Returns the count if the
** bracket repeats ("[==["), else -count-1. */
static int lex_skipeq(LexState *ls)
{
  int count = 0;
  LexChar s = ls->c;
  while (lex_savenext(ls) == '=' && count < 0x20000000)
    count++;
  return (ls->c == s) ? count : (-count) - 1;
}

/* Long string or long comment (tv == NULL) of level sep. */
static void lex_longstring(LexState *ls, TValue *tv, int sep)
{
  lex_savenext(ls);  /* Skip the second '['. */
  if (lex_iseol(ls)) lex_newline(ls);  /* Skip the first newline. */
  for (;;) {
    switch (ls->c) {
    case LEX_EOF:
      lu_lex_error(ls, TK_eof, tv ? LU_ERR_XLSTR : LU_ERR_XLCOM);
      break;
    case ']':
      if (lex_skipeq(ls) == sep) {
        lex_savenext(ls);  /* Skip the second ']'. */
        goto done;
      }
      break;
    case '\n':
    case '\r':
      lex_save(ls, '\n');
      lex_newline(ls);
      if (!tv) ls->sblen = 0;  /* Comments need no text. */
      break;
    default:
      lex_savenext(ls);
      break;
    }
  }
done:
  if (tv) {
    MSize skip = 2 + (MSize)sep;
    GCstr *s = lu_lex_keepstr(ls, ls->sb + skip, ls->sblen - 2 * skip);
    setstrV(ls->L, tv, s);
  }
}

/* Hex digit value of c (known to be a hex digit). */
static LexChar lex_hexval(LexChar c)
{
  return lex_isdigit(c) ? c - '0' : (c | 0x20) - 'a' + 10;
}

/* Quoted string with escapes. The buffer keeps the opening quote and the
** decoded characters (that is what errors show). */
static void lex_string(LexState *ls, TValue *tv)
{
  LexChar delim = ls->c;
  lex_savenext(ls);
  while (ls->c != delim) {
    switch (ls->c) {
    case LEX_EOF:
      lu_lex_error(ls, TK_eof, LU_ERR_XSTR);
      continue;
    case '\n':
    case '\r':
      lu_lex_error(ls, TK_string, LU_ERR_XSTR);
      continue;
    case '\\': {
      LexChar c = lex_next(ls);  /* Skip the backslash. */
      switch (c) {
      case 'a': c = '\a'; break;
      case 'b': c = '\b'; break;
      case 'f': c = '\f'; break;
      case 'n': c = '\n'; break;
      case 'r': c = '\r'; break;
      case 't': c = '\t'; break;
      case 'v': c = '\v'; break;
      case 'x':  /* \xXX */
        if (!lex_isxdigit(lex_next(ls))) goto err_esc;
        c = lex_hexval(ls->c) << 4;
        if (!lex_isxdigit(lex_next(ls))) goto err_esc;
        c += lex_hexval(ls->c);
        break;
      case 'u':  /* \u{XXX}: UTF-8 encoding of the code point. */
        if (lex_next(ls) != '{') goto err_esc;
        lex_next(ls);
        c = 0;
        do {
          if (!lex_isxdigit(ls->c)) goto err_esc;
          c = (c << 4) | lex_hexval(ls->c);
          if (c >= 0x110000) goto err_esc;
        } while (lex_next(ls) != '}');
        if (c < 0x800) {
          if (c < 0x80) break;
          lex_save(ls, 0xc0 | (c >> 6));
        } else {
          if (c >= 0x10000) {
            lex_save(ls, 0xf0 | (c >> 18));
            lex_save(ls, 0x80 | ((c >> 12) & 0x3f));
          } else {
            if (c >= 0xd800 && c < 0xe000) goto err_esc;  /* Surrogate. */
            lex_save(ls, 0xe0 | (c >> 12));
          }
          lex_save(ls, 0x80 | ((c >> 6) & 0x3f));
        }
        c = 0x80 | (c & 0x3f);
        break;
      case 'z':  /* \z: skip the following white space. */
        lex_next(ls);
        while (lex_isspace(ls->c)) {
          if (lex_iseol(ls)) lex_newline(ls); else lex_next(ls);
        }
        continue;
      case '\n':
      case '\r':
        lex_save(ls, '\n');
        lex_newline(ls);
        continue;
      case '\\': case '"': case '\'':
        break;
      case LEX_EOF:
        continue;  /* Reported as unfinished string. */
      default:
        if (!lex_isdigit(c)) goto err_esc;
        c -= '0';  /* \ddd, up to three digits. */
        if (lex_isdigit(lex_next(ls))) {
          c = c * 10 + (ls->c - '0');
          if (lex_isdigit(lex_next(ls))) {
            c = c * 10 + (ls->c - '0');
            if (c > 255) goto err_esc;
            lex_next(ls);
          }
        }
        lex_save(ls, c);
        continue;
      }
      lex_save(ls, c);
      lex_next(ls);
      continue;
    }
    default:
      lex_savenext(ls);
      break;
    }
  }
  lex_savenext(ls);  /* Skip the closing delimiter. */
  setstrV(ls->L, tv, lu_lex_keepstr(ls, ls->sb + 1, ls->sblen - 2));
  return;
err_esc:
  lu_lex_error(ls, TK_string, LU_ERR_XESC);
}

/* -- Reserved words ------------------------------------------------------ */

static const char *const lex_toknames[] = {
#define TKSTR1(name)        #name,
#define TKSTR2(name, sym)   #sym,
  TOKDEF(TKSTR1, TKSTR2)
#undef TKSTR1
#undef TKSTR2
  NULL
};

/* Reserved word token for the identifier in sb, or TK_name. */
static LexToken lex_reserved(const char *s, MSize len)
{
  int i;
  if (len < 2 || len > 8 || s[0] < 'a' || s[0] > 'w') return TK_name;
  for (i = 0; i < TK_RESERVED; i++) {
    const char *w = lex_toknames[i];
    if (w[0] == s[0] && strlen(w) == len && memcmp(w, s, len) == 0)
      return TK_OFS + 1 + i;
  }
  return TK_name;
}

/* -- Scanner ------------------------------------------------------------- */

static LexToken lex_scan(LexState *ls, TValue *tv)
{
  ls->sblen = 0;
  for (;;) {
    if (lex_isident(ls->c)) {
      GCstr *s;
      LexToken tok;
      if (lex_isdigit(ls->c)) {
        lex_number(ls, tv);
        return TK_number;
      }
      do {
        lex_savenext(ls);
      } while (lex_isident(ls->c));
      s = lu_lex_keepstr(ls, ls->sb, ls->sblen);
      setstrV(ls->L, tv, s);
      tok = lex_reserved(ls->sb, ls->sblen);
      return tok;
    }
    switch (ls->c) {
    case '\n':
    case '\r':
      lex_newline(ls);
      continue;
    case ' ': case '\t': case '\v': case '\f':
      lex_next(ls);
      continue;
    case '-':
      lex_next(ls);
      if (ls->c != '-') return '-';
      lex_next(ls);
      if (ls->c == '[') {  /* Long comment? */
        int sep = lex_skipeq(ls);
        ls->sblen = 0;
        if (sep >= 0) {
          lex_longstring(ls, NULL, sep);
          ls->sblen = 0;
          continue;
        }
      }
      while (!lex_iseol(ls) && ls->c != LEX_EOF)
        lex_next(ls);
      continue;
    case '[': {
      int sep = lex_skipeq(ls);
      if (sep >= 0) {
        lex_longstring(ls, tv, sep);
        return TK_string;
      } else if (sep == -1) {
        return '[';
      }
      lu_lex_error(ls, TK_string, LU_ERR_XLDELIM);
      continue;
    }
    case '=':
      lex_next(ls);
      if (ls->c != '=') return '=';
      lex_next(ls);
      return TK_eq;
    case '<':
      lex_next(ls);
      if (ls->c != '=') return '<';
      lex_next(ls);
      return TK_le;
    case '>':
      lex_next(ls);
      if (ls->c != '=') return '>';
      lex_next(ls);
      return TK_ge;
    case '~':
      lex_next(ls);
      if (ls->c != '=') return '~';
      lex_next(ls);
      return TK_ne;
    case ':':
      lex_next(ls);
      if (ls->c != ':') return ':';
      lex_next(ls);
      return TK_label;
    case '"':
    case '\'':
      lex_string(ls, tv);
      return TK_string;
    case '.':
      if (lex_savenext(ls) == '.') {
        lex_next(ls);
        if (ls->c == '.') {
          lex_next(ls);
          return TK_dots;
        }
        return TK_concat;
      } else if (!lex_isdigit(ls->c)) {
        return '.';
      }
      lex_number(ls, tv);
      return TK_number;
    case LEX_EOF:
      return TK_eof;
    default: {
      LexChar c = ls->c;
      lex_next(ls);
      return c;
    }
    }
  }
}

/* -- Public interface ---------------------------------------------------- */

int lu_lex_setup(lua_State *L, LexState *ls)
{
  int header = 0;
  ls->L = L;
  ls->fs = NULL;
  ls->p = ls->pe = NULL;
  ls->lookahead = TK_eof;
  ls->tok = 0;
  ls->linenumber = 1;
  ls->lastline = 1;
  ls->endmark = 0;
  ls->level = 0;
  lex_next(ls);
  if (ls->c == 0xef && ls->p + 2 <= ls->pe && (uint8_t)ls->p[0] == 0xbb &&
      (uint8_t)ls->p[1] == 0xbf) {  /* UTF-8 byte order mark. */
    ls->p += 2;
    lex_next(ls);
    header = 1;
  }
  if (ls->c == '#') {  /* Skip a "#!" line. */
    do {
      lex_next(ls);
      if (ls->c == LEX_EOF) return 0;
    } while (!lex_iseol(ls));
    lex_newline(ls);
    header = 1;
  }
  if (ls->c == 0x1b) {  /* Precompiled bytecode. */
    if (header) {  /* Never behind a header: the mode check relies on it. */
      setstrV(L, L->top, lu_str_newz(L, err2msg(LU_ERR_BCBAD)));
      L->top++;
      lu_err_throw(L, LUA_ERRSYNTAX);
    }
    return 1;
  }
  return 0;
}

void lu_lex_cleanup(lua_State *L, LexState *ls)
{
  global_State *g = G(L);
  lu_mem_free(g, ls->sb, ls->sbsize);
  lu_mem_freevec(g, ls->vstack, ls->sizevstack, VarSlot);
  lu_mem_freevec(g, ls->bcstack, ls->sizebcstack, BCInsLine);
  lu_mem_freevec(g, ls->kent, ls->sizekent, KEntry);
  if (ls->khash) lu_mem_freevec(g, ls->khash, ls->khmask + 1, int32_t);
  ls->sb = NULL; ls->sbsize = 0;
  ls->vstack = NULL; ls->sizevstack = 0;
  ls->bcstack = NULL; ls->sizebcstack = 0;
  ls->kent = NULL; ls->sizekent = 0;
  ls->khash = NULL; ls->khmask = 0;
}

void lu_lex_next(LexState *ls)
{
  ls->lastline = ls->linenumber;
  if (LU_LIKELY(ls->lookahead == TK_eof)) {
    ls->tok = lex_scan(ls, &ls->tokval);
  } else {
    ls->tok = ls->lookahead;
    ls->lookahead = TK_eof;
    ls->tokval = ls->lookaheadval;
  }
}

LexToken lu_lex_lookahead(LexState *ls)
{
  ls->lookahead = lex_scan(ls, &ls->lookaheadval);
  return ls->lookahead;
}

const char *lu_lex_token2str(LexState *ls, LexToken tok)
{
  if (tok > TK_OFS)
    return lex_toknames[tok - TK_OFS - 1];
  if (!lex_iscntrl(tok))
    snprintf(ls->tokbuf, sizeof(ls->tokbuf), "%c", tok);
  else
    snprintf(ls->tokbuf, sizeof(ls->tokbuf), "char(%d)", tok);
  return ls->tokbuf;
}

void lu_lex_error(LexState *ls, LexToken tok, ErrMsg em, ...)
{
  const char *tokstr;
  va_list argp;
  if (tok == 0) {
    tokstr = NULL;
  } else if (tok == TK_name || tok == TK_string || tok == TK_number) {
    lex_save(ls, '\0');
    tokstr = ls->sb;
  } else {
    tokstr = lu_lex_token2str(ls, tok);
  }
  va_start(argp, em);
  lu_err_lex(ls->L, ls->chunkname, tokstr, ls->linenumber, em, argp);
  va_end(argp);
}
