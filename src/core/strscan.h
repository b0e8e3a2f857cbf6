/*
** lunar: string to number conversion with LuaJIT 2.1's rules (tonumber,
** arithmetic coercion, the lexer's numbers): optional leading/trailing
** whitespace, an optional sign, decimal numbers with fraction and exponent,
** 0x hex integers and hex floats with a binary 'p' exponent. "inf", "nan"
** and embedded NULs are rejected.
*/
#ifndef LU_STRSCAN_H
#define LU_STRSCAN_H

#include "obj.h"

/* Parse s[0..len-1]; on success store the number in *o and return 1;
** return 0 (o untouched) if it is not a complete number. */
LU_FUNC int lu_strscan_num(const char *s, size_t len, TValue *o);
/* *n = o as a number if o is a number or a coercible string; 1 on
** success, 0 otherwise. */
LU_FUNC int lu_strscan_tonum(const TValue *o, double *n);
/* tonumber(s, base) for 2 <= base <= 36 (integer digits only, with
** optional sign and surrounding whitespace, as Lua 5.1). */
LU_FUNC int lu_strscan_base(const char *s, size_t len, int base, double *n);

#endif
