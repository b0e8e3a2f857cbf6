/*
** lunar FFI: the C declaration parser (see cparse.h).
**
** A small C lexer (identifiers, numbers, strings, character literals,
** punctuators; comments and '#' lines skipped) feeds a recursive-descent
** parser. Declarators are parsed into a list of type constructors that is
** applied to the base type afterwards: for "int (*p)[3]" the outer level
** contributes "array of 3" and the inner one "pointer to", applied in that
** order (the C rule "inside out"). See cp_declarator.
*/
#include <string.h>
#include <stdlib.h>

#include "cparse.h"
#include "cdata.h"
#include "../api/lauxlib.h"
#include "../core/str.h"
#include "../core/state.h"
#include "../core/tab.h"
#include "../core/gc.h"
#include "../core/err.h"

/* -- Lexer ----------------------------------------------------------------- */

enum {
  CTOK_EOF = 256, CTOK_NAME, CTOK_INTEGER, CTOK_STRING,
  CTOK_SHL, CTOK_SHR, CTOK_LE, CTOK_GE, CTOK_EQ, CTOK_NE, CTOK_ANDAND,
  CTOK_OROR, CTOK_DOTS, CTOK_ARROW
};

#define CP_MAXOPS   32    /* Declarator constructors per declaration. */
#define CP_MAXDEPTH 40    /* Nesting of declarators/expressions/structs. */
#define CP_MAXPACK  8     /* #pragma pack(push) depth. */

typedef struct CPState {
  lua_State *L;
  CTState *cts;
  const char *p, *e;     /* Input [p, e). */
  int tok;               /* Current token. */
  const char *tokstart;  /* Its text (for messages). */
  size_t toklen;
  GCstr *name;           /* CTOK_NAME: the name. */
  int64_t val;           /* CTOK_INTEGER: the value. */
  int valunsigned;       /* CTOK_INTEGER: has a 'u' suffix or is large. */
  int cdef;              /* Parsing ffi.cdef (implicit tags allowed). */
  int depth;             /* Recursion depth. */
  int paramidx, nparams; /* '$' parameters on the Lua stack. */
  int packed;            /* __attribute__((packed)) seen. */
  unsigned pack;         /* #pragma pack: max. member alignment or 0. */
  unsigned packstack[CP_MAXPACK];
  int packtop;
  int defined;           /* A struct/union/enum body or a new tag was
                            seen: the parse made a new type, so a type
                            string must not be cached (see below). */
} CPState;

static LU_NORET void cp_err(CPState *cp, const char *fmt, const char *arg)
{
  lua_State *L = cp->L;
  char tok[64];
  size_t n;
  if (cp->tok == CTOK_EOF) {
    strcpy(tok, "<eof>");
  } else {
    n = cp->toklen < sizeof(tok) - 1 ? cp->toklen : sizeof(tok) - 1;
    memcpy(tok, cp->tokstart, n);
    tok[n] = '\0';
  }
  if (arg != NULL) lua_pushfstring(L, fmt, arg);
  else lua_pushstring(L, fmt);
  if (strchr(fmt, '\'') == fmt || strstr(fmt, " expected") != NULL ||
      strncmp(fmt, "unexpected", 10) == 0 || strncmp(fmt, "malformed", 9) == 0 ||
      strncmp(fmt, "unfinished", 10) == 0 || strncmp(fmt, "chunk", 5) == 0)
    lua_pushfstring(L, "%s near '%s'", lua_tostring(L, -1), tok);
  lu_err_callermsg(L, lua_tostring(L, -1));
}

static int cp_isident(int c)
{
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_' || c == '$' || (c & 0x80);
}

/* #pragma pack(N), pack(push, N), pack(pop), pack(): the maximum
** alignment of struct members (0: natural), with a small stack. */
static void cp_pragma(CPState *cp, const char *s, const char *e)
{
  char line[128];
  size_t n = (size_t)(e - s) < sizeof(line) - 1 ? (size_t)(e - s) : sizeof(line) - 1;
  const char *q;
  unsigned v = 0;
  int any = 0;
  memcpy(line, s, n);
  line[n] = '\0';
  if (strstr(line, "pragma") == NULL || (q = strstr(line, "pack")) == NULL ||
      (q = strchr(q, '(')) == NULL)
    return;
  if (strstr(q, "pop") != NULL) {
    if (cp->packtop > 0) cp->pack = cp->packstack[--cp->packtop];
    return;
  }
  if (strstr(q, "push") != NULL && cp->packtop < CP_MAXPACK)
    cp->packstack[cp->packtop++] = cp->pack;
  for (; *q && *q != ')'; q++) {
    if (*q >= '0' && *q <= '9') { v = v * 10 + (unsigned)(*q - '0'); any = 1; }
    else if (any) break;
  }
  cp->pack = (any && v > 0 && v <= 16) ? v : 0;
}

static void cp_skipspace(CPState *cp)
{
  for (;;) {
    const char *p = cp->p;
    if (p >= cp->e) return;
    if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' || *p == '\f' ||
        *p == '\v') {
      cp->p++;
    } else if (p[0] == '/' && p + 1 < cp->e && p[1] == '/') {
      while (cp->p < cp->e && *cp->p != '\n') cp->p++;
    } else if (p[0] == '/' && p + 1 < cp->e && p[1] == '*') {
      cp->p += 2;
      while (cp->p + 1 < cp->e && !(cp->p[0] == '*' && cp->p[1] == '/'))
        cp->p++;
      cp->p = cp->p + 1 < cp->e ? cp->p + 2 : cp->e;
    } else if (*p == '#') {  /* Preprocessor line: only #pragma pack counts. */
      const char *s = p;
      while (cp->p < cp->e && *cp->p != '\n') cp->p++;
      cp_pragma(cp, s, cp->p);
    } else {
      return;
    }
  }
}

static void cp_number(CPState *cp)
{
  const char *p = cp->p;
  uint64_t v = 0;
  int base = 10;
  int overflow = 0;
  if (p[0] == '0' && p + 1 < cp->e && (p[1] | 0x20) == 'x') {
    base = 16;
    p += 2;
  } else if (p[0] == '0') {
    base = 8;
  }
  for (; p < cp->e; p++) {
    int c = *p, d;
    if (c >= '0' && c <= '9') d = c - '0';
    else if (base == 16 && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
      d = (c | 0x20) - 'a' + 10;
    else break;
    if (d >= base) cp_err(cp, "malformed number", NULL);
    if (v > (UINT64_MAX - (uint64_t)d) / (uint64_t)base) overflow = 1;
    v = v * (uint64_t)base + (uint64_t)d;
  }
  cp->valunsigned = 0;
  while (p < cp->e && ((*p | 0x20) == 'u' || (*p | 0x20) == 'l')) {
    if ((*p | 0x20) == 'u') cp->valunsigned = 1;
    p++;
  }
  if (p < cp->e && cp_isident(*p)) {
    cp->toklen = (size_t)(p + 1 - cp->tokstart);
    cp_err(cp, "malformed number", NULL);
  }
  if (overflow) cp_err(cp, "malformed number", NULL);
  if (v > 0x7fffffffu) cp->valunsigned |= v > 0xffffffffu ? 0 : 1;
  cp->val = (int64_t)v;
  cp->p = p;
}

/* Read the next token into cp->tok. */
static void cp_next(CPState *cp)
{
  const char *p;
  cp_skipspace(cp);
  p = cp->p;
  cp->tokstart = p;
  if (p >= cp->e) {
    cp->tok = CTOK_EOF;
    cp->toklen = 0;
    return;
  }
  if (cp_isident(*p) && !(*p >= '0' && *p <= '9') && *p != '$') {
    while (p < cp->e && cp_isident(*p)) p++;
    cp->name = lu_str_new(cp->L, cp->p, (size_t)(p - cp->p));
    cp->tok = CTOK_NAME;
  } else if (*p >= '0' && *p <= '9') {
    cp_number(cp);
    p = cp->p;
    cp->tok = CTOK_INTEGER;
  } else if (*p == '\'' || *p == '"') {
    int q = *p++;
    int64_t c = 0;
    while (p < cp->e && *p != q) {
      if (*p == '\\' && p + 1 < cp->e) {
        p++;
        switch (*p) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case 'r': c = '\r'; break;
        case '0': c = 0; break;
        default: c = (unsigned char)*p; break;
        }
      } else {
        c = (unsigned char)*p;
      }
      p++;
    }
    if (p >= cp->e) {
      cp->toklen = (size_t)(p - cp->tokstart);
      cp_err(cp, "unfinished string", NULL);
    }
    p++;
    cp->tok = q == '"' ? CTOK_STRING : CTOK_INTEGER;
    cp->val = (int8_t)c;
    cp->valunsigned = 0;
  } else {
    static const struct { const char *s; int tok; } ops[] = {
      {"...", CTOK_DOTS}, {"<<", CTOK_SHL}, {">>", CTOK_SHR},
      {"<=", CTOK_LE}, {">=", CTOK_GE}, {"==", CTOK_EQ}, {"!=", CTOK_NE},
      {"&&", CTOK_ANDAND}, {"||", CTOK_OROR}, {"->", CTOK_ARROW}
    };
    size_t i;
    cp->tok = (unsigned char)*p++;
    for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
      size_t n = strlen(ops[i].s);
      if ((size_t)(cp->e - cp->p) >= n && memcmp(cp->p, ops[i].s, n) == 0) {
        cp->tok = ops[i].tok;
        p = cp->p + n;
        break;
      }
    }
  }
  cp->p = p;
  cp->toklen = (size_t)(p - cp->tokstart);
}

static int cp_isname(CPState *cp, const char *s)
{
  return cp->tok == CTOK_NAME && strcmp(strdata(cp->name), s) == 0;
}

static int cp_opt(CPState *cp, int tok)
{
  if (cp->tok != tok) return 0;
  cp_next(cp);
  return 1;
}

static void cp_check(CPState *cp, int tok)
{
  if (cp->tok != tok) {
    char what[8];
    what[0] = (char)tok;
    what[1] = '\0';
    cp_err(cp, "'%s' expected", what);
  }
  cp_next(cp);
}

/* -- Attributes and other ignored syntax ------------------------------------ */

/* Skip a balanced (...) group, noting "packed". At '('. */
static void cp_skipparens(CPState *cp)
{
  int level = 0;
  do {
    if (cp->tok == '(') level++;
    else if (cp->tok == ')') level--;
    else if (cp->tok == CTOK_EOF) cp_err(cp, "')' expected", NULL);
    else if (cp_isname(cp, "packed") || cp_isname(cp, "__packed__"))
      cp->packed = 1;
    cp_next(cp);
  } while (level > 0);
}

/* Attributes, calling conventions, asm labels: skipped. Returns 1 if
** something was skipped. */
static int cp_attributes(CPState *cp)
{
  int any = 0;
  while (cp->tok == CTOK_NAME) {
    const char *s = strdata(cp->name);
    if (strcmp(s, "__attribute__") == 0 || strcmp(s, "__attribute") == 0 ||
        strcmp(s, "__declspec") == 0 || strcmp(s, "__asm__") == 0 ||
        strcmp(s, "__asm") == 0 || strcmp(s, "asm") == 0) {
      cp_next(cp);
      if (cp->tok == '(') cp_skipparens(cp);
    } else if (strcmp(s, "__cdecl") == 0 || strcmp(s, "__stdcall") == 0 ||
               strcmp(s, "__fastcall") == 0 || strcmp(s, "__thiscall") == 0 ||
               strcmp(s, "__extension__") == 0 || strcmp(s, "__ptr32") == 0 ||
               strcmp(s, "__ptr64") == 0) {
      cp_next(cp);
    } else {
      break;
    }
    any = 1;
  }
  return any;
}

/* Qualifiers (and attributes): the CTF_QUAL bits seen. */
static uint32_t cp_qualifiers(CPState *cp)
{
  uint32_t q = 0;
  for (;;) {
    if (cp_attributes(cp)) continue;
    if (cp->tok != CTOK_NAME) break;
    if (cp_isname(cp, "const") || cp_isname(cp, "__const") ||
        cp_isname(cp, "__const__")) q |= CTF_CONST;
    else if (cp_isname(cp, "volatile") || cp_isname(cp, "__volatile") ||
             cp_isname(cp, "__volatile__")) q |= CTF_VOLATILE;
    else if (cp_isname(cp, "restrict") || cp_isname(cp, "__restrict") ||
             cp_isname(cp, "__restrict__")) ;
    else break;
    cp_next(cp);
  }
  return q;
}

/* -- Constant expressions ---------------------------------------------------- */

static int64_t cp_expr(CPState *cp, int prec);
static CTypeID cp_typename(CPState *cp, int *isvla);
static int cp_startdecl_(CPState *cp, int keywordonly);
#define cp_startdecl(cp)  cp_startdecl_((cp), 0)
#define cp_iskeyword(cp)  cp_startdecl_((cp), 1)

static CTSize cp_sizeof(CPState *cp, CTypeID id, int align)
{
  CType *ct = lu_ctype_raw(cp->cts, id);
  if (align) return ct->align;
  if (ct->size == CTSIZE_INVALID) cp_err(cp, "size of C type is unknown or too large", NULL);
  return ct->size;
}

/* Unary expressions and primaries. */
static int64_t cp_unary(CPState *cp)
{
  int64_t v;
  if (++cp->depth > CP_MAXDEPTH) cp_err(cp, "chunk has too many syntax levels", NULL);
  switch (cp->tok) {
  case '-': cp_next(cp); v = -cp_unary(cp); break;
  case '+': cp_next(cp); v = cp_unary(cp); break;
  case '~': cp_next(cp); v = ~cp_unary(cp); break;
  case '!': cp_next(cp); v = !cp_unary(cp); break;
  case '(':
    cp_next(cp);
    if (cp_startdecl(cp)) {  /* Cast: (type)expr. */
      int vla;
      (void)cp_typename(cp, &vla);
      cp_check(cp, ')');
      v = cp_unary(cp);
    } else {
      v = cp_expr(cp, 0);
      cp_check(cp, ')');
    }
    break;
  case CTOK_INTEGER:
    v = cp->val;
    cp_next(cp);
    break;
  case '$': {
    int idx = cp->paramidx;
    if (cp->nparams <= 0) cp_err(cp, "wrong number of type parameters", NULL);
    if (!lua_isnumber(cp->L, idx)) cp_err(cp, "number expected", NULL);
    v = (int64_t)lua_tonumber(cp->L, idx);
    cp->paramidx++;
    cp->nparams--;
    cp_next(cp);
    break;
  }
  case CTOK_NAME: {
    if (cp_isname(cp, "sizeof") || cp_isname(cp, "alignof") ||
        cp_isname(cp, "__alignof__") || cp_isname(cp, "__alignof") ||
        cp_isname(cp, "_Alignof")) {
      int align = !cp_isname(cp, "sizeof");
      cp_next(cp);
      if (cp->tok == '(') {
        cp_next(cp);
        if (cp_startdecl(cp)) {
          int vla;
          CTypeID id = cp_typename(cp, &vla);
          v = cp_sizeof(cp, id, align);
        } else {
          v = cp_expr(cp, 0);
          v = 4;  /* sizeof of an integer expression. */
        }
        cp_check(cp, ')');
      } else {
        (void)cp_unary(cp);
        v = 4;
      }
    } else {
      CTypeID id = lu_ctype_lookup(cp->cts, cp->name, 0);
      CType *ct = id ? ctype_get(cp->cts, id) : NULL;
      if (ct == NULL || ct->kind != CT_CONSTVAL)
        cp_err(cp, "undeclared identifier '%s'", strdata(cp->name));
      v = ct->value;
      cp_next(cp);
    }
    break;
  }
  default:
    cp_err(cp, "unexpected symbol", NULL);
  }
  cp->depth--;
  return v;
}

/* Binary operators by precedence (higher binds tighter). */
static int cp_binprec(int tok)
{
  switch (tok) {
  case CTOK_OROR: return 1;
  case CTOK_ANDAND: return 2;
  case '|': return 3;
  case '^': return 4;
  case '&': return 5;
  case CTOK_EQ: case CTOK_NE: return 6;
  case '<': case '>': case CTOK_LE: case CTOK_GE: return 7;
  case CTOK_SHL: case CTOK_SHR: return 8;
  case '+': case '-': return 9;
  case '*': case '/': case '%': return 10;
  default: return 0;
  }
}

/* expr ::= unary {binop expr} ['?' expr ':' expr] with precedence > prec. */
static int64_t cp_expr(CPState *cp, int prec)
{
  int64_t a = cp_unary(cp);
  for (;;) {
    int op = cp->tok, p = cp_binprec(op);
    int64_t b;
    if (p == 0 || p <= prec) break;
    cp_next(cp);
    b = cp_expr(cp, p);
    switch (op) {
    case CTOK_OROR: a = a || b; break;
    case CTOK_ANDAND: a = a && b; break;
    case '|': a |= b; break;
    case '^': a ^= b; break;
    case '&': a &= b; break;
    case CTOK_EQ: a = a == b; break;
    case CTOK_NE: a = a != b; break;
    case '<': a = a < b; break;
    case '>': a = a > b; break;
    case CTOK_LE: a = a <= b; break;
    case CTOK_GE: a = a >= b; break;
    case CTOK_SHL: a = (int64_t)((uint64_t)a << (b & 63)); break;
    case CTOK_SHR: a >>= (b & 63); break;
    case '+': a = (int64_t)((uint64_t)a + (uint64_t)b); break;
    case '-': a = (int64_t)((uint64_t)a - (uint64_t)b); break;
    case '*': a = (int64_t)((uint64_t)a * (uint64_t)b); break;
    case '/': case '%':
      if (b == 0 || (b == -1 && a == INT64_MIN))
        cp_err(cp, "invalid value", NULL);
      a = op == '/' ? a / b : a % b;
      break;
    }
  }
  if (prec == 0 && cp->tok == '?') {
    int64_t b, c;
    cp_next(cp);
    b = cp_expr(cp, 0);
    cp_check(cp, ':');
    c = cp_expr(cp, 0);
    a = a ? b : c;
  }
  return a;
}

/* -- Declaration specifiers ----------------------------------------------------- */

typedef struct CPDeclSpec {
  CTypeID base;          /* The base type (0: none yet). */
  uint32_t qual;         /* Qualifiers of the base type. */
  int istypedef;
  int isextern;
  int isstatic;
} CPDeclSpec;

/* Declarator type constructors (applied in order to the base type). */
typedef struct CPDeclOp {
  uint8_t kind;          /* CT_PTR, CT_REF, CT_ARRAY, CT_FUNC. */
  uint32_t flags;        /* Qualifiers (PTR), CTF_VLA (ARRAY), CTF_VARARG. */
  int64_t n;             /* ARRAY: count (-1: [] unknown). */
  CTypeID params;        /* FUNC: first parameter (chain via sib). */
  int64_t nparams;
} CPDeclOp;

typedef struct CPDecl {
  CPDeclOp ops[CP_MAXOPS];
  int nops;
  GCstr *name;
} CPDecl;

static void cp_declspec(CPState *cp, CPDeclSpec *ds);
static CTypeID cp_struct(CPState *cp, int isunion);
static CTypeID cp_enum(CPState *cp);
static void cp_declarator(CPState *cp, CPDecl *d, int abstract);
static CTypeID cp_apply(CPState *cp, CTypeID base, CPDecl *d);

/* Is the current token the start of a type (for casts, sizeof, params)?
** keywordonly: only C keywords count (not typedef names, which may be
** redeclared). */
static int cp_startdecl_(CPState *cp, int keywordonly)
{
  static const char *const kw[] = {
    "void", "char", "short", "int", "long", "float", "double", "signed",
    "unsigned", "bool", "_Bool", "struct", "union", "enum", "const",
    "volatile", "__const", "restrict", "__restrict", "__extension__",
    "__attribute__", "typedef", "extern", "static", "inline", "__inline",
    "__inline__", "auto", "register", "__signed__", "__signed", "_Complex",
    "complex", "__complex__", NULL
  };
  int i;
  if (cp->tok == '$') return 1;
  if (cp->tok != CTOK_NAME) return 0;
  for (i = 0; kw[i]; i++)
    if (strcmp(strdata(cp->name), kw[i]) == 0) return 1;
  if (keywordonly) return 0;
  {
    CTypeID id = lu_ctype_lookup(cp->cts, cp->name, 0);
    return id != 0 && ctype_get(cp->cts, id)->kind == CT_TYPEDEF;
  }
}

/* The ctype id of a '$' parameter that must be a type. */
static CTypeID cp_paramtype(CPState *cp)
{
  lua_State *L = cp->L;
  int idx = cp->paramidx;
  TValue *o;
  if (cp->nparams <= 0) cp_err(cp, "wrong number of type parameters", NULL);
  o = L->base + idx - 1;
  cp->paramidx++;
  cp->nparams--;
  if (tviscdata(o)) return lu_cdata_typeof(cp->cts, cdataV(o));
  cp_err(cp, "bad type parameter", NULL);
  return 0;
}

/* decl_spec ::= {storage | qualifier | attribute | type_specifier} */
static void cp_declspec(CPState *cp, CPDeclSpec *ds)
{
  int nlong = 0, nshort = 0, issigned = 0, isunsigned = 0, basekw = 0;
  int seen = 0;
  memset(ds, 0, sizeof(*ds));
  for (;;) {
    ds->qual |= cp_qualifiers(cp);
    if (cp->tok == '$' && ds->base == 0 && !basekw) {
      ds->base = cp_paramtype(cp);
      cp_next(cp);
      seen = 1;
      continue;
    }
    if (cp->tok != CTOK_NAME) break;
    {
      const char *s = strdata(cp->name);
      if (strcmp(s, "typedef") == 0) ds->istypedef = 1;
      else if (strcmp(s, "extern") == 0) ds->isextern = 1;
      else if (strcmp(s, "static") == 0) ds->isstatic = 1;
      else if (strcmp(s, "inline") == 0 || strcmp(s, "__inline") == 0 ||
               strcmp(s, "__inline__") == 0 || strcmp(s, "auto") == 0 ||
               strcmp(s, "register") == 0) ;
      else if (strcmp(s, "signed") == 0 || strcmp(s, "__signed__") == 0 ||
               strcmp(s, "__signed") == 0) issigned = 1;
      else if (strcmp(s, "unsigned") == 0) isunsigned = 1;
      else if (strcmp(s, "long") == 0) nlong++;
      else if (strcmp(s, "short") == 0) nshort++;
      else if (strcmp(s, "_Complex") == 0 || strcmp(s, "complex") == 0 ||
               strcmp(s, "__complex__") == 0)
        cp_err(cp, "complex numbers are not implemented", NULL);
      else if (ds->base == 0 && basekw == 0) {
        if (strcmp(s, "void") == 0) basekw = 'v';
        else if (strcmp(s, "char") == 0) basekw = 'c';
        else if (strcmp(s, "int") == 0) basekw = 'i';
        else if (strcmp(s, "float") == 0) basekw = 'f';
        else if (strcmp(s, "double") == 0) basekw = 'd';
        else if (strcmp(s, "bool") == 0 || strcmp(s, "_Bool") == 0) basekw = 'b';
        else if (strcmp(s, "struct") == 0 || strcmp(s, "union") == 0) {
          cp_next(cp);
          ds->base = cp_struct(cp, s[0] == 'u');
          seen = 1;
          continue;
        } else if (strcmp(s, "enum") == 0) {
          cp_next(cp);
          ds->base = cp_enum(cp);
          seen = 1;
          continue;
        } else if (!nlong && !nshort && !issigned && !isunsigned) {
          CTypeID id = lu_ctype_lookup(cp->cts, cp->name, 0);
          if (id == 0 || ctype_get(cp->cts, id)->kind != CT_TYPEDEF) break;
          ds->base = id;
        } else {
          break;
        }
      } else {
        break;
      }
    }
    seen = 1;
    cp_next(cp);
  }
  if (ds->base == 0) {
    CTypeID id;
    if (!seen && !basekw && !nlong && !nshort && !issigned && !isunsigned &&
        ds->qual == 0)
      cp_err(cp, "declaration specifier expected", NULL);
    switch (basekw) {
    case 'v': id = CTID_VOID; break;
    case 'b': id = CTID_BOOL; break;
    case 'f': id = CTID_FLOAT; break;
    case 'd': id = nlong ? CTID_LDOUBLE : CTID_DOUBLE; break;
    case 'c': id = isunsigned ? CTID_UINT8 : CTID_CHAR; break;
    default:
      if (nshort) id = isunsigned ? CTID_UINT16 : CTID_INT16;
      else if (nlong) id = isunsigned ? CTID_UINT64 : CTID_INT64;
      else id = isunsigned ? CTID_UINT32 : CTID_INT32;
      break;
    }
    if (basekw == 0 && !nlong && !nshort && !issigned && !isunsigned)
      cp_err(cp, "declaration specifier expected", NULL);
    ds->base = id;
  }
}

/* -- Declarators -------------------------------------------------------------- */

/* Parameter list, after '('. Creates FIELD entries (name may be NULL). */
static void cp_params(CPState *cp, CPDeclOp *op)
{
  CTypeID first = 0, last = 0;
  int64_t n = 0;
  op->kind = CT_FUNC;
  op->flags = 0;
  if (cp_isname(cp, "void")) {
    /* "(void)" is no parameters; "(void *p)" is one. */
    const char *save = cp->p;
    int c;
    cp_skipspace(cp);
    c = cp->p < cp->e ? *cp->p : 0;
    cp->p = save;
    if (c == ')') {
      cp_next(cp);
      cp_next(cp);
      op->params = 0;
      op->nparams = 0;
      return;
    }
  }
  while (cp->tok != ')') {
    CPDeclSpec ds;
    CPDecl d;
    CTypeID t, f;
    CType *ct;
    if (cp->tok == CTOK_DOTS) {
      cp_next(cp);
      op->flags |= CTF_VARARG;
      break;
    }
    cp_declspec(cp, &ds);
    d.nops = -1;
    cp_declarator(cp, &d, 2);
    t = cp_apply(cp, lu_ctype_qualify(cp->cts, ds.base, ds.qual), &d);
    ct = lu_ctype_raw(cp->cts, t);
    /* Arrays and functions as parameters are pointers. */
    if (ct->kind == CT_ARRAY) t = lu_ctype_ptrto(cp->cts, ct->cid, 0);
    else if (ct->kind == CT_FUNC) t = lu_ctype_ptrto(cp->cts, t, 0);
    else if (ct->kind == CT_VOID) cp_err(cp, "')' expected", NULL);
    f = lu_ctype_new(cp->cts, CT_FIELD);
    ct = ctype_get(cp->cts, f);
    ct->cid = t;
    ct->value = n;
    if (last) ctype_get(cp->cts, last)->sib = f;
    else first = f;
    last = f;
    n++;
    if (!cp_opt(cp, ',')) break;
  }
  cp_check(cp, ')');
  op->params = first;
  op->nparams = n;
}

/* declarator ::= {'*' quals | '&'} [NAME | '(' declarator ')'] {suffix}
** abstract: 0 a name is required, 1 no name allowed, 2 optional.
** This level's constructors are inserted before those of a nested
** declarator: pointers first, then the suffixes from right to left. */
static void cp_declarator(CPState *cp, CPDecl *d, int abstract)
{
  CPDeclOp mine[CP_MAXOPS];
  CPDeclOp suffix[CP_MAXOPS];
  int nmine = 0, nsuffix = 0, mark, i;
  if (++cp->depth > CP_MAXDEPTH) cp_err(cp, "chunk has too many syntax levels", NULL);
  if (d->nops < 0) { d->nops = 0; d->name = NULL; }
  cp_attributes(cp);
  while (cp->tok == '*' || cp->tok == '&' || cp->tok == '^') {
    CPDeclOp *op = &mine[nmine];
    if (nmine >= CP_MAXOPS - 1) cp_err(cp, "chunk has too many syntax levels", NULL);
    op->kind = cp->tok == '&' ? CT_REF : CT_PTR;
    cp_next(cp);
    op->flags = cp_qualifiers(cp);
    nmine++;
  }
  mark = d->nops;
  if (cp->tok == '(' ) {
    /* Nested declarator or a parameter list of an abstract function? */
    const char *save = cp->p;
    int nested;
    cp_next(cp);
    cp_attributes(cp);
    nested = cp->tok == '*' || cp->tok == '&' || cp->tok == '^' ||
             cp->tok == '(' || cp->tok == '[' ||
             (cp->tok == CTOK_NAME && !cp_startdecl(cp));
    if (nested) {
      cp_declarator(cp, d, abstract);
      cp_check(cp, ')');
    } else {
      /* Parameters: handled below as a suffix; rewind to the '('. */
      cp->p = save;
      cp->tok = '(';
    }
    (void)save;
  } else if (cp->tok == CTOK_NAME && abstract != 1 && !cp_iskeyword(cp)) {
    d->name = cp->name;
    cp_next(cp);
  } else if (abstract == 0) {
    cp_err(cp, "'<identifier>' expected", NULL);
  }
  /* Suffixes. */
  for (;;) {
    CPDeclOp *op;
    cp_attributes(cp);
    if (cp->tok != '[' && cp->tok != '(') break;
    if (nsuffix >= CP_MAXOPS - 1) cp_err(cp, "chunk has too many syntax levels", NULL);
    op = &suffix[nsuffix++];
    if (cp->tok == '[') {
      cp_next(cp);
      op->kind = CT_ARRAY;
      op->flags = 0;
      op->n = -1;
      cp_qualifiers(cp);
      if (cp->tok == '?') {
        op->flags = CTF_VLA;
        cp_next(cp);
      } else if (cp->tok != ']') {
        op->n = cp_expr(cp, 0);
        if (op->n < 0 || op->n > 0x7fffffff)
          cp_err(cp, "size of C type is unknown or too large", NULL);
      }
      cp_check(cp, ']');
    } else {
      cp_next(cp);
      cp_params(cp, op);
    }
  }
  /* Insert mine (pointers, then suffixes right to left) at mark. */
  for (i = nsuffix - 1; i >= 0; i--) mine[nmine++] = suffix[i];
  if (d->nops + nmine > CP_MAXOPS) cp_err(cp, "chunk has too many syntax levels", NULL);
  memmove(&d->ops[mark + nmine], &d->ops[mark],
          (size_t)(d->nops - mark) * sizeof(CPDeclOp));
  memcpy(&d->ops[mark], mine, (size_t)nmine * sizeof(CPDeclOp));
  d->nops += nmine;
  cp->depth--;
}

/* Apply the constructors of d to base. */
static CTypeID cp_apply(CPState *cp, CTypeID base, CPDecl *d)
{
  CTState *cts = cp->cts;
  CTypeID t = base;
  int i;
  for (i = 0; i < d->nops; i++) {
    CPDeclOp *op = &d->ops[i];
    CType *ct = lu_ctype_raw(cts, t);
    switch (op->kind) {
    case CT_PTR: case CT_REF:
      t = lu_ctype_intern(cts, (CTKind)op->kind, op->flags, t, 8, 0);
      ctype_get(cts, t)->align = 8;
      break;
    case CT_ARRAY: {
      CTSize esz = ct->size, sz;
      uint8_t align = ct->align;
      if (ct->kind == CT_FUNC) cp_err(cp, "array of functions", NULL);
      if (ct->kind == CT_VOID) cp_err(cp, "array of void", NULL);
      if (op->flags & CTF_VLA) sz = CTSIZE_INVALID;
      else if (op->n < 0 || esz == CTSIZE_INVALID) sz = CTSIZE_INVALID;
      else if ((uint64_t)op->n * esz >= 0x7fffff00u)
        cp_err(cp, "size of C type is unknown or too large", NULL);
      else sz = (CTSize)(op->n * esz);
      t = lu_ctype_intern(cts, CT_ARRAY, op->flags, t, sz,
                          op->n < 0 ? 0 : op->n);
      ctype_get(cts, t)->align = align;
      break;
    }
    case CT_FUNC: {
      CTypeID f;
      if (ct->kind == CT_ARRAY || ct->kind == CT_FUNC)
        cp_err(cp, "function returning array or function", NULL);
      f = lu_ctype_new(cts, CT_FUNC);
      ct = ctype_get(cts, f);
      ct->cid = t;
      ct->sib = op->params;
      ct->value = op->nparams;
      ct->flags = op->flags;
      ct->size = CTSIZE_INVALID;
      t = f;
      break;
    }
    }
  }
  return t;
}

/* type_name ::= decl_spec abstract_declarator. *isvla: the outermost
** constructor is a VLA ("int[?]"). */
static CTypeID cp_typename(CPState *cp, int *isvla)
{
  CPDeclSpec ds;
  CPDecl d;
  cp_declspec(cp, &ds);
  d.nops = -1;
  cp_declarator(cp, &d, 1);
  *isvla = d.nops > 0 && d.ops[d.nops - 1].kind == CT_ARRAY &&
           (d.ops[d.nops - 1].flags & CTF_VLA);
  return cp_apply(cp, lu_ctype_qualify(cp->cts, ds.base, ds.qual), &d);
}

/* -- struct/union/enum --------------------------------------------------------- */

/* Find the tag NAME or create it (incomplete). At the tag name, if any. */
static CTypeID cp_tag(CPState *cp, CTKind kind, uint32_t flags, int hasbody,
                      GCstr *name)
{
  CTState *cts = cp->cts;
  CTypeID id;
  CType *ct;
  if (hasbody) cp->defined = 1;
  if (name != NULL) {
    id = lu_ctype_lookup(cts, name, 1);
    if (id != 0) {
      ct = ctype_get(cts, id);
      if (ct->kind != kind || (ct->flags & CTF_UNION) != (flags & CTF_UNION))
        cp_err(cp, "attempt to redefine '%s'", strdata(name));
      if (hasbody && !(ct->flags & CTF_INCOMPLETE))
        cp_err(cp, "attempt to redefine '%s'", strdata(name));
      return id;
    }
    if (!hasbody && !cp->cdef)
      cp_err(cp, "undeclared or implicit tag '%s'", strdata(name));
  }
  cp->defined = 1;
  id = lu_ctype_new(cts, kind);
  ct = ctype_get(cts, id);
  ct->flags = flags | CTF_INCOMPLETE;
  ct->size = CTSIZE_INVALID;
  ct->align = 1;
  if (kind == CT_ENUM) {
    ct->size = 4;
    ct->align = 4;
    ct->cid = CTID_UINT32;
  }
  if (name != NULL) lu_ctype_setname(cts, id, name, 1);
  return id;
}

/* bit_field ::= declarator ':' expr, at the ':'. Lays out a bit-field of
** type t the System V way: it starts at the bit cursor unless it would
** cross a boundary of its type's size (then at the next one; packed
** structs never move it); width 0 moves the cursor to the next boundary.
** Named bit-fields are entered as FIELDs with CType.bits set. */
static void cp_bitfield(CPState *cp, CTypeID sid, CTypeID t, GCstr *name,
                        int isunion, uint64_t *bitoff, uint64_t *size,
                        unsigned *align, CTypeID *last)
{
  CTState *cts = cp->cts;
  CType *tt = lu_ctype_raw(cts, t);
  unsigned ubits, ualign;
  uint64_t start, firstbyte;
  int64_t w;
  CTypeID f;
  CType *ft;
  if (tt->kind == CT_ENUM) tt = lu_ctype_raw(cts, tt->cid);
  if (tt->kind != CT_NUM || (tt->flags & (CTF_FP | CTF_LONGDBL)))
    cp_err(cp, "invalid value near ':'", NULL);
  cp_next(cp);
  w = cp_expr(cp, 0);
  ubits = tt->size * 8;
  if (w < 0 || w > (int64_t)ubits || (w == 0 && name != NULL))
    cp_err(cp, "invalid value near ':'", NULL);  /* As LuaJIT words it. */
  ualign = cp->packed ? 1 : tt->align;
  if (cp->pack != 0 && ualign > cp->pack) ualign = cp->pack;
  if (w == 0) {  /* Unnamed ":0": next unit boundary. */
    if (!isunion) *bitoff = (*bitoff + ubits - 1) / ubits * ubits;
    return;
  }
  if (isunion) {
    start = 0;
  } else {
    start = *bitoff;
    if (!cp->packed && cp->pack == 0 && (start % ubits) + (uint64_t)w > ubits)
      start = (start + ubits - 1) / ubits * ubits;
    *bitoff = start + (uint64_t)w;
  }
  firstbyte = start / 8;
  if ((start % 8) + (uint64_t)w > 64)
    cp_err(cp, "invalid value near ':'", NULL);  /* Packed, over 8 bytes. */
  if (isunion && (uint64_t)tt->size > *size) *size = tt->size;
  if (ualign > *align) *align = ualign;
  if (name == NULL) return;  /* Unnamed padding. */
  f = lu_ctype_new(cts, CT_FIELD);
  ft = ctype_get(cts, f);
  ft->cid = t;
  ft->value = (int64_t)firstbyte;
  ft->bits = (uint16_t)((start % 8) | ((uint64_t)w << 8));
  {
    TValue key;
    setstrV(cp->L, &key, name);
    setboolV(lu_tab_set(cp->L, cts->anchor, &key), 1);
    ft->name = name;
  }
  if (*last) ctype_get(cts, *last)->sib = f;
  else ctype_get(cts, sid)->sib = f;
  *last = f;
}

/* The optional tag of a struct, union or enum, with attributes around
** it: [attrs] [NAME] [attrs]. A missing name must be followed by a body. */
static GCstr *cp_tagname(CPState *cp)
{
  GCstr *name = NULL;
  cp_attributes(cp);
  if (cp->tok == CTOK_NAME) {
    name = cp->name;
    cp_next(cp);
  }
  cp_attributes(cp);
  if (cp->tok != '{' && name == NULL)
    cp_err(cp, "'<identifier>' expected", NULL);
  return name;
}

/* struct_spec ::= attrs [NAME] ['{' {field_decl} '}'] (after the keyword) */
static CTypeID cp_struct(CPState *cp, int isunion)
{
  CTState *cts = cp->cts;
  GCstr *name = NULL;
  CTypeID id, last = 0;
  uint64_t offset = 0, size = 0;
  uint64_t bitoff = 0;  /* Layout cursor in bits (bit-fields); normal
                           members start at the next byte boundary. */
  unsigned align = 1;
  int oldpacked = cp->packed;
  int vls = 0;
  cp->packed = 0;
  name = cp_tagname(cp);
  if (cp->tok != '{') {
    cp->packed = oldpacked;
    return cp_tag(cp, CT_STRUCT, isunion ? CTF_UNION : 0, 0, name);
  }
  id = cp_tag(cp, CT_STRUCT, isunion ? CTF_UNION : 0, 1, name);
  if (++cp->depth > CP_MAXDEPTH) cp_err(cp, "chunk has too many syntax levels", NULL);
  cp_next(cp);
  while (cp->tok != '}') {
    CPDeclSpec ds;
    if (cp_opt(cp, ';')) continue;
    cp_declspec(cp, &ds);
    if (cp->tok == ';') {
      /* Anonymous struct/union member (or a useless declaration). */
      CType *bt = lu_ctype_raw(cts, ds.base);
      if (bt->kind == CT_STRUCT) {
        CTypeID f = lu_ctype_new(cts, CT_FIELD);
        CType *ft;
        bt = lu_ctype_raw(cts, ds.base);
        if (bt->size == CTSIZE_INVALID)
          cp_err(cp, "size of C type is unknown or too large", NULL);
        offset = (bitoff + 7) / 8;
        if (!isunion) offset = (offset + bt->align - 1) & ~(uint64_t)(bt->align - 1);
        ft = ctype_get(cts, f);
        ft->cid = ds.base;
        ft->value = isunion ? 0 : (int64_t)offset;
        if (bt->align > align) align = bt->align;
        if (isunion) { if (bt->size > size) size = bt->size; }
        else offset += bt->size;
        if (!isunion) bitoff = offset * 8;
        if (last) ctype_get(cts, last)->sib = f;
        else ctype_get(cts, id)->sib = f;
        last = f;
      }
      cp_next(cp);
      continue;
    }
    for (;;) {
      CPDecl d;
      CTypeID t, f;
      CType *ft, *tt;
      unsigned falign;
      d.nops = -1;
      cp_declarator(cp, &d, 2);
      if (vls) cp_err(cp, "variable length array must be the last member", NULL);
      t = cp_apply(cp, lu_ctype_qualify(cts, ds.base, ds.qual), &d);
      if (cp->tok == ':') {
        cp_bitfield(cp, id, t, d.name, isunion, &bitoff, &size, &align, &last);
        if (!cp_opt(cp, ',')) break;
        continue;
      }
      tt = lu_ctype_raw(cts, t);
      if (tt->kind == CT_ARRAY && tt->size == CTSIZE_INVALID) {
        vls = 1;  /* [?] or [] as the last member: a VLS. */
        if (!(tt->flags & CTF_VLA)) {
          t = lu_ctype_intern(cts, CT_ARRAY, CTF_VLA, tt->cid, CTSIZE_INVALID, 0);
          ctype_get(cts, t)->align = lu_ctype_raw(cts, ctype_get(cts, t)->cid)->align;
          tt = lu_ctype_raw(cts, t);
        }
      } else if (tt->size == CTSIZE_INVALID || tt->kind == CT_FUNC) {
        cp_err(cp, "size of C type is unknown or too large", NULL);
      }
      falign = cp->packed ? 1 : tt->align;
      if (cp->pack != 0 && falign > cp->pack) falign = cp->pack;
      offset = (bitoff + 7) / 8;
      if (!isunion) offset = (offset + falign - 1) & ~(uint64_t)(falign - 1);
      f = lu_ctype_new(cts, CT_FIELD);
      tt = lu_ctype_raw(cts, t);  /* The table may have moved. */
      ft = ctype_get(cts, f);
      ft->cid = t;
      ft->value = isunion ? 0 : (int64_t)offset;
      if (d.name != NULL) {
        /* Fields are named but not entered in the lookup hash. */
        TValue key;
        setstrV(cp->L, &key, d.name);
        setboolV(lu_tab_set(cp->L, cts->anchor, &key), 1);
        ctype_get(cts, f)->name = d.name;
      }
      if (falign > align) align = falign;
      if (!vls) {
        if (isunion) { if (tt->size > size) size = tt->size; }
        else offset += tt->size;
      }
      if (!isunion) bitoff = offset * 8;
      if (last) ctype_get(cts, last)->sib = f;
      else ctype_get(cts, id)->sib = f;
      last = f;
      if (offset > 0x7fffff00u) cp_err(cp, "size of C type is unknown or too large", NULL);
      if (!cp_opt(cp, ',')) break;
    }
    cp_check(cp, ';');
  }
  cp_next(cp);
  cp->depth--;
  cp_attributes(cp);
  {
    CType *ct = ctype_get(cts, id);
    if (!isunion) size = (bitoff + 7) / 8;
    size = (size + align - 1) & ~(uint64_t)(align - 1);
    ct->size = (CTSize)size;
    ct->align = (uint8_t)align;
    ct->flags &= ~CTF_INCOMPLETE;
    if (vls) ct->flags |= CTF_VLA;
  }
  cp->packed = oldpacked;
  return id;
}

/* enum_spec ::= [NAME] ['{' NAME ['=' expr] {',' NAME ['=' expr]} [','] '}'] */
static CTypeID cp_enum(CPState *cp)
{
  CTState *cts = cp->cts;
  GCstr *name;
  CTypeID id, last = 0;
  int64_t v = 0;
  int neg = 0;
  name = cp_tagname(cp);
  if (cp->tok != '{')
    return cp_tag(cp, CT_ENUM, 0, 0, name);
  id = cp_tag(cp, CT_ENUM, 0, 1, name);
  cp_next(cp);
  while (cp->tok != '}') {
    GCstr *cname;
    CTypeID c;
    CType *ct;
    if (cp->tok != CTOK_NAME) cp_err(cp, "<name> expected", NULL);
    cname = cp->name;
    cp_next(cp);
    if (cp_opt(cp, '=')) v = cp_expr(cp, 0);
    if (v < 0) neg = 1;
    c = lu_ctype_new(cts, CT_CONSTVAL);
    ct = ctype_get(cts, c);
    ct->cid = CTID_INT32;
    ct->value = (int32_t)v;
    lu_ctype_setname(cts, c, cname, 0);
    if (last) ctype_get(cts, last)->sib = c;
    else ctype_get(cts, id)->sib = c;
    last = c;
    v++;
    if (!cp_opt(cp, ',')) break;
  }
  cp_check(cp, '}');
  {
    CType *ct = ctype_get(cts, id);
    ct->flags &= ~CTF_INCOMPLETE;
    ct->cid = neg ? CTID_INT32 : CTID_UINT32;
  }
  cp_attributes(cp);
  return id;
}

/* -- Declarations ---------------------------------------------------------------- */

/* declaration ::= decl_spec [declarator ['=' expr] {',' ...}] ';' */
static void cp_declaration(CPState *cp)
{
  CTState *cts = cp->cts;
  CPDeclSpec ds;
  cp_declspec(cp, &ds);
  if (cp->tok == ';') {
    cp_next(cp);
    return;
  }
  for (;;) {
    CPDecl d;
    CTypeID t, id;
    CType *ct;
    d.nops = -1;
    cp_declarator(cp, &d, 0);
    if (d.name == NULL) cp_err(cp, "'<identifier>' expected", NULL);
    t = cp_apply(cp, lu_ctype_qualify(cts, ds.base, ds.qual), &d);
    cp_attributes(cp);
    if (ds.istypedef) {
      id = lu_ctype_new(cts, CT_TYPEDEF);
      ctype_get(cts, id)->cid = t;
      lu_ctype_setname(cts, id, d.name, 0);
    } else if (cp->tok == '=') {
      /* static const int X = expr; */
      int64_t v;
      ct = lu_ctype_raw(cts, t);
      if ((!ctype_isint(ct) && !ctype_isbool(ct) && ct->kind != CT_ENUM) ||
          !(ds.qual & CTF_CONST))
        cp_err(cp, "';' expected", NULL);
      cp_next(cp);
      v = cp_expr(cp, 0);
      id = lu_ctype_new(cts, CT_CONSTVAL);
      ct = ctype_get(cts, id);
      ct->cid = t;
      ct->value = v;
      lu_ctype_setname(cts, id, d.name, 0);
    } else {
      /* An extern function or variable (first declaration wins). */
      CTypeID old = lu_ctype_lookup(cts, d.name, 0);
      if (old == 0 || ctype_get(cts, old)->kind != CT_EXTERN) {
        id = lu_ctype_new(cts, CT_EXTERN);
        ctype_get(cts, id)->cid = t;
        lu_ctype_setname(cts, id, d.name, 0);
      }
    }
    if (!cp_opt(cp, ',')) break;
  }
  if (cp->tok != ';') cp_err(cp, "';' expected", NULL);
  cp_next(cp);
}

static void cp_init(CPState *cp, lua_State *L, CTState *cts, GCstr *src)
{
  memset(cp, 0, sizeof(*cp));
  cp->L = L;
  cp->cts = cts;
  cp->p = strdata(src);
  cp->e = cp->p + src->len;
  lu_ctype_setL(cts, L);
  cp_next(cp);
}

/* -- The type-string cache --------------------------------------------------
**
** LuaJIT code passes the same type strings again and again in loops
** (ffi.cast("uint8_t *", p), ffi.new("int[?]", n)), so the meaning of a
** type string is kept per state in CTState.typecache: the interned GCstr
** maps to its CTypeID, and a hit costs one pointer-hashed table lookup.
**
** What may be cached: only parses that succeeded, used no '$' parameter
** (the result would depend on them) and made no new struct/union/enum
** (each "struct { int x; }" is a new type, as in LuaJIT; an "enum { A }"
** would redefine A). A name can only gain a meaning (ffi.cdef adds
** declarations, redefinition is an error), so a string that parsed once
** means the same afterwards, and a string that failed (say before the
** ffi.cdef that declares its names) is not in the cache. The cache is
** still cleared on every ffi.cdef, so that no reasoning about what a
** declaration can change is needed. Function types ("int (*)(int)") are
** not interned by the parser: through the cache, one string gives one
** function type where LuaJIT makes a new one per parse (and eventually
** runs out of type ids in such a loop).
**
** Memory: the table anchors its strings (weak tables do not drop
** strings), so it is bounded: it is cleared when CTCACHE_MAX entries
** have been added, after which it refills with the strings in use.
*/

static CTypeID cparse_cacheget(CTState *cts, GCstr *src)
{
  const TValue *o = lu_tab_getstr(cts->typecache, src);
  return (o != NULL && tvisnumber(o)) ? (CTypeID)numV(o) : 0;
}

static void cparse_cacheput(lua_State *L, CTState *cts, GCstr *src,
                            CTypeID id)
{
  if (cts->ntypecache >= CTCACHE_MAX) {
    lu_tab_clear(cts->typecache);
    cts->ntypecache = 0;
  }
  setnumV(lu_tab_setstr(L, cts->typecache, src), (double)id);
  lu_gc_anybarriert(L, cts->typecache);
  cts->ntypecache++;
}

/* Forget all cached type strings (every ffi.cdef). */
static void cparse_cacheclear(CTState *cts)
{
  if (cts->ntypecache != 0) {
    lu_tab_clear(cts->typecache);
    cts->ntypecache = 0;
  }
}

/* -- Entry points ----------------------------------------------------------- */

void lu_cparse_cdef(lua_State *L, CTState *cts, GCstr *src)
{
  CPState cp;
  cparse_cacheclear(cts);
  cp_init(&cp, L, cts, src);
  cp.cdef = 1;
  while (cp.tok != CTOK_EOF) {
    if (cp_opt(&cp, ';')) continue;
    cp.depth = 0;
    cp_declaration(&cp);
  }
}

CTypeID lu_cparse_type(lua_State *L, CTState *cts, GCstr *src,
                       int paramidx, int nparams)
{
  CPState cp;
  CTypeID id;
  int vla;
  if (nparams == 0) {
    id = cparse_cacheget(cts, src);
    if (id != 0) return id;
  }
  cp_init(&cp, L, cts, src);
  cp.paramidx = paramidx;
  cp.nparams = nparams;
  /* Re-lex the first token: '$' needs the parameters set up. */
  id = cp_typename(&cp, &vla);
  if (cp.tok != CTOK_EOF) cp_err(&cp, "'<eof>' expected", NULL);
  if (cp.nparams != 0) cp_err(&cp, "wrong number of type parameters", NULL);
  if (nparams == 0 && !cp.defined) cparse_cacheput(L, cts, src, id);
  return id;
}
