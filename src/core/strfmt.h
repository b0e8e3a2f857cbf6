/*
** lunar: formatting numbers and values as strings, lua_pushfstring.
*/
#ifndef LU_STRFMT_H
#define LU_STRFMT_H

#include <stdarg.h>
#include "obj.h"

/* Buffer size for lu_strfmt_num2buf ("%.14g" and inf/nan spellings). */
#ifndef LUAI_MAXNUMBER2STR
#define LUAI_MAXNUMBER2STR  32
#endif

/* Format a number like Lua ("%.14g"; "inf", "-inf", "nan", "-nan" as
** LuaJIT spells them). Writes without a NUL; returns the length. */
LU_FUNC size_t lu_strfmt_num2buf(char *buf, double n);
LU_FUNC GCstr *lu_strfmt_num(lua_State *L, double n);
/* Fast path of printf's %g/%G/%e/%E (conv) without flags for a = |v|,
** precision prec (-1: default 6): writes the unsigned body ("1.5e+20",
** "0.001") to buf (at least 32 bytes) and returns its length, or returns
** 0 when it cannot decide (a not finite and positive, more than 14
** significant digits, a value too close to a rounding midpoint, where
** printf and LuaJIT may differ): use the C library path then. */
LU_FUNC size_t lu_strfmt_fp(char *buf, double a, int conv, int prec);
/* tostring without metamethods: "nil", "true", numbers, strings as
** themselves, "table: 0x...", "function: builtin#N", "userdata: 0x...". */
LU_FUNC GCstr *lu_strfmt_obj(lua_State *L, const TValue *o);

/* lua_pushfstring semantics: %s %d %f %p %c %% (%f formats like a Lua
** number). Pushes the resulting string on L->top and returns its bytes.
** The caller ensures one free stack slot (the C API guarantees it). */
LU_FUNC const char *lu_str_pushvf(lua_State *L, const char *fmt, va_list argp);
LU_FUNC const char *lu_str_pushf(lua_State *L, const char *fmt, ...);
/* Same, but only returns the interned string (nothing pushed). */
LU_FUNC GCstr *lu_strfmt_vf(lua_State *L, const char *fmt, va_list argp);

#endif
