/*
** lunar: the lexer. Turns the characters delivered by a lua_Reader into
** tokens for the parser, one token of lookahead (two with lu_lex_lookahead).
**
** Tokens are ints: a single-character token is its character code, every
** other token is a TK_* value above 256 (order: reserved words, then the
** multi-character symbols, then the literal classes). TOKDEF is the one list;
** lu_lex_token2str prints tokens the way LuaJIT's messages do.
*/
#ifndef LU_LEX_H
#define LU_LEX_H

#include <stdarg.h>
#include "../core/obj.h"
#include "../core/err.h"

#define TOKDEF(_, __) \
  _(and) _(break) _(do) _(else) _(elseif) _(end) _(false) \
  _(for) _(function) _(goto) _(if) _(in) _(local) _(nil) _(not) _(or) \
  _(repeat) _(return) _(then) _(true) _(until) _(while) \
  __(concat, ..) __(dots, ...) __(eq, ==) __(ge, >=) __(le, <=) __(ne, ~=) \
  __(label, ::) __(number, <number>) __(name, <name>) __(string, <string>) \
  __(eof, <eof>)

enum {
  TK_OFS = 256,
#define TKENUM1(name)        TK_##name,
#define TKENUM2(name, sym)   TK_##name,
  TOKDEF(TKENUM1, TKENUM2)
#undef TKENUM1
#undef TKENUM2
  TK_RESERVED = TK_while - TK_OFS
};

typedef int LexToken;
typedef int LexChar;    /* A character or LEX_EOF. */
#define LEX_EOF  (-1)

/* Variable-stack entry: locals, pending gotos and labels of the functions
** being parsed (see parse.c). name is a GCstr, or a small integer for the
** internal names (VARNAME_*), or NULL for a resolved goto/label. */
typedef struct VarSlot {
  GCstr *name;
  BCPos startpc;     /* First pc where the variable is live / goto pc. */
  BCPos endpc;       /* First pc where it is dead. */
  uint8_t slot;      /* Frame slot (locals) or nactvar at the goto/label. */
  uint8_t info;      /* VSTACK_* flags. */
} VarSlot;

/* One instruction plus its source line, while a function is built. */
typedef struct BCInsLine {
  BCIns ins;
  BCLine line;
} BCInsLine;

/* Constant-lookup entry (parse.c): a stack of entries with hash chains. */
typedef struct KEntry {
  uint64_t key;      /* Number bits (-0 as +0) or object pointer. */
  uint32_t kind;     /* 0 number, 1 GC object. */
  uint32_t idx;      /* Constant index. */
  int32_t next;      /* Next entry in the bucket, -1 at the end. */
} KEntry;

typedef struct LexState {
  struct FuncState *fs;  /* Innermost function being parsed. */
  lua_State *L;
  TValue tokval;         /* Value of the current token. */
  TValue lookaheadval;   /* Value of the lookahead token. */
  const char *p;         /* Current position in the input chunk. */
  const char *pe;        /* End of the input chunk. */
  LexChar c;             /* Current character. */
  LexToken tok;          /* Current token. */
  LexToken lookahead;    /* Lookahead token (TK_eof if none). */
  char *sb;              /* Token text buffer. */
  MSize sblen, sbsize;
  lua_Reader rfunc;
  void *rdata;
  GCstr *chunkname;
  const char *chunkarg;  /* Chunk name as given. */
  const char *mode;      /* Allowed kinds: "t", "b", "bt". */
  BCLine linenumber;     /* Current line. */
  BCLine lastline;       /* Line of the last consumed token. */
  VarSlot *vstack;       /* Variable stack. */
  MSize sizevstack, vtop;
  BCInsLine *bcstack;    /* Instructions of all functions being built. */
  MSize sizebcstack;
  KEntry *kent;          /* Constant lookup entries (stack). */
  MSize sizekent, nkent;
  int32_t *khash;        /* Bucket heads into kent, -1 = empty. */
  MSize khmask;          /* Buckets - 1 (0 with no table). */
  GCtab *anchor;         /* Keeps parser-made GC objects alive. */
  uint32_t nanchor;      /* Next integer anchor key. */
  uint32_t level;        /* Syntactic nesting level. */
  int endmark;           /* Reader returned no more data. */
  char tokbuf[24];       /* For lu_lex_token2str of single chars. */
} LexState;

/* Set up ls for reading with reader/data (fields L, rfunc, rdata,
** chunkarg and mode must be filled in). Returns 1 if the chunk is
** precompiled bytecode (starts with ESC), 0 for source text. */
LU_FUNC int lu_lex_setup(lua_State *L, LexState *ls);
/* Free the lexer's and parser's buffers (safe after an error). */
LU_FUNC void lu_lex_cleanup(lua_State *L, LexState *ls);
/* Advance to the next token. */
LU_FUNC void lu_lex_next(LexState *ls);
/* Peek at the token after the current one. */
LU_FUNC LexToken lu_lex_lookahead(LexState *ls);
/* Printable form of a token ("end", "<eof>", "=", "char(1)"). */
LU_FUNC const char *lu_lex_token2str(LexState *ls, LexToken tok);
/* Throw a syntax error at the current line; tok 0: no "near" part, else
** near the token's text. */
LU_FUNC LU_NORET void lu_lex_error(LexState *ls, LexToken tok, ErrMsg em, ...);
/* Intern a string and anchor it against the GC for the parse. */
LU_FUNC GCstr *lu_lex_keepstr(LexState *ls, const char *s, size_t len);
/* Anchor any GC object (prototype, template table) for the parse. */
LU_FUNC void lu_lex_keepobj(LexState *ls, GCobj *o, uint32_t itype);

#endif
