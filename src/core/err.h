/*
** lunar: error handling. One throw path (longjmp through the chain of C
** frames, see src/core/err.c), messages from errmsg.h only.
*/
#ifndef LU_ERR_H
#define LU_ERR_H

#include <stdarg.h>
#include "obj.h"

typedef enum {
#define ERRDEF(name, msg)  LU_ERR_##name,
#include "errmsg.h"
#undef ERRDEF
  LU_ERR__MAX
} ErrMsg;

LU_DATA const char *const lu_err_allmsg[];
#define err2msg(em)   (lu_err_allmsg[(int)(em)])

/* Throw: the error object is at L->top - 1. Unwinds to the innermost catch
** point (protected call, resume, the VM's pcall frames). */
LU_FUNC LU_NORET void lu_err_throw(lua_State *L, int errcode);
/* "not enough memory" (preallocated string; never allocates). */
LU_FUNC LU_NORET void lu_err_mem(lua_State *L);
/* Error object already at L->top - 1: throw LUA_ERRRUN. */
LU_FUNC LU_NORET void lu_err_run(lua_State *L);
/* Runtime error with message em, prefixed with "chunk:line:" of the
** current Lua function (if any). */
LU_FUNC LU_NORET void lu_err_msg(lua_State *L, ErrMsg em);
LU_FUNC LU_NORET void lu_err_msgv(lua_State *L, ErrMsg em, ...);
/* Same with a preformatted string. */
LU_FUNC LU_NORET void lu_err_str(lua_State *L, const char *msg);
/* Lexer/parser error: "chunk:line: msg near 'tok'" (tok may be NULL). */
LU_FUNC LU_NORET void lu_err_lex(lua_State *L, GCstr *src, const char *tok,
                                 BCLine line, ErrMsg em, va_list argp);
/* "attempt to <op> <kind> '<name>' (a <type> value)" naming the slot o of
** the current Lua frame from the bytecode and debug info. */
LU_FUNC LU_NORET void lu_err_optype(lua_State *L, const TValue *o, ErrMsg opm);
LU_FUNC LU_NORET void lu_err_optype_call(lua_State *L, TValue *o);
LU_FUNC LU_NORET void lu_err_comp(lua_State *L, const TValue *o1,
                                  const TValue *o2);
/* "bad argument #n to 'fname' (msg)" for the current C function. */
LU_FUNC LU_NORET void lu_err_arg(lua_State *L, int narg, ErrMsg em);
LU_FUNC LU_NORET void lu_err_argv(lua_State *L, int narg, ErrMsg em, ...);
LU_FUNC LU_NORET void lu_err_argtype(lua_State *L, int narg, const char *xname);
LU_FUNC LU_NORET void lu_err_callermsg(lua_State *L, const char *msg);
/* "bad argument #narg to 'fname' (msg)" (backs luaL_argerror): fname is
** found from the caller's call instruction ('?' if unknown); for a method
** call the self argument is not counted, and a bad self gives "calling
** 'fname' on bad self (msg)". Adds the caller's position if it is Lua. */
LU_FUNC LU_NORET void lu_err_argmsg(lua_State *L, int narg, const char *msg);
/* "bad argument ... (<tname> expected, got <type>)" by public type tag
** (LUA_TNIL ..., backs luaL_checktype/luaL_typerror by tag). */
LU_FUNC LU_NORET void lu_err_argt(lua_State *L, int narg, int tt);
/* "attempt to call a <type> value" with no position: for calls of a
** non-callable value from C (lua_call, pcall, metamethod calls). Use
** lu_err_optype_call for the CALL instructions of a Lua frame, where o is
** the called slot of the frame at L->base (L->savedpc set). */
LU_FUNC LU_NORET void lu_err_badcall(lua_State *L, const TValue *o);

#endif
