/*
** lunar: what the string library shares with string.buffer (buffer.c).
*/
#ifndef LU_LIB_STRING_H
#define LU_LIB_STRING_H

#include "../core/def.h"
#include "../api/lua.h"

/* string.format as a lua_CFunction: format string at index 1, arguments
** from index 2; returns 1 (the result string). */
LU_FUNC int lu_strlib_format(lua_State *L);

/* The same with the format string at stack index fmtarg and its
** arguments after it (argument errors then carry the caller's numbering);
** pushes the result string. */
LU_FUNC void lu_strlib_format_from(lua_State *L, int fmtarg);

/* Push the plain conversion of the value at idx (no __tostring): numbers
** and strings as strings, "nil", "true"/"false", "type: 0x...". */
LU_FUNC void lu_strlib_tostring(lua_State *L, int idx);

#endif
