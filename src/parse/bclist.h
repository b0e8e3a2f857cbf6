/*
** lunar: bytecode listings in the layout of `luajit -bl`.
*/
#ifndef LU_BCLIST_H
#define LU_BCLIST_H

#include <stdio.h>
#include "../core/obj.h"

/* Print the listing of pt and, before it, of all its nested prototypes
** (children first, in luajit's order) to fp. */
LU_FUNC void lu_bclist(lua_State *L, GCproto *pt, FILE *fp);

/* Print one instruction line ("NNNN    OPNAME   A   B   C ; comment")
** of pt at position pc; used by debug tooling. */
LU_FUNC void lu_bclist_ins(lua_State *L, GCproto *pt, BCPos pc, FILE *fp);
/* Same with a prefix column ("=>" for jump targets, NULL for blanks). */
LU_FUNC void lu_bclist_line(lua_State *L, GCproto *pt, BCPos pc,
                            const char *prefix, FILE *fp);

/* Location of pt at source line `line`, as -bl headers and
** jit.util.funcinfo's "loc" show it: the base name of a file
** ("@dir/file.lua" -> "file.lua:12"), "=name" -> "name:12", source text of
** at most 40 bytes quoted, longer names as the prototype's address. */
LU_FUNC void lu_bclist_loc(char *out, size_t outsz, GCproto *pt,
                           BCLine line);

#endif
