/*
** lunar: function prototypes, closures and upvalues.
**
** A prototype (GCproto) is one allocation laid out by the parser or the
** bytecode loader: the struct, then the bytecode (proto_bc), then the
** constants, upvalue descriptors and debug info, all inside pt->sizept
** bytes (see obj.h). A closure pairs a prototype with upvalues (Lua) or a
** C function pointer with upvalue values (C).
**
** Upvalues are open while the frame owning their slot is alive: v points
** into the stack and the upvalue sits on L->openupval, a doubly linked
** list sorted by slot address, highest first. lu_func_closeuv copies the
** value into the upvalue itself when the frame dies.
*/
#ifndef LU_FUNC_H
#define LU_FUNC_H

#include "obj.h"

/* The pseudo header instructions that a C closure's pc points to:
** lu_func_cins[0] is FUNCC (plain call), lu_func_cins[1] is FUNCCW
** (wrapped call). A = LUA_MINSTACK. Owned here so that closures can be made
** before the VM is initialised. */
LU_DATA const BCIns lu_func_cins[2];

/* -- Prototypes ---------------------------------------------------------- */

/* Allocate a zeroed block of sizept bytes (>= sizeof(GCproto)), link it as
** a GC object of type proto, set pt->sizept. Throws on out of memory. */
LU_FUNC GCproto *lu_func_newproto(lua_State *L, MSize sizept);
LU_FUNC void lu_func_freeproto(global_State *g, GCproto *pt);

/* -- Upvalues ------------------------------------------------------------ */

/* The open upvalue for stack slot `slot` of L, found on L->openupval or
** created and inserted (the list stays sorted, highest slot first). */
LU_FUNC GCupval *lu_func_finduv(lua_State *L, TValue *slot);
/* Close every open upvalue of L whose slot is at or above `level`: copy
** the value in, point v at the upvalue's own tv, unlink it. */
LU_FUNC void lu_func_closeuv(lua_State *L, TValue *level);
LU_FUNC void lu_func_freeuv(global_State *g, GCupval *uv);

/* -- Closures ------------------------------------------------------------ */

/* A C closure with nupvalues nil upvalues; ffid = FF_C, pc = FUNCC. */
LU_FUNC GCfunc *lu_func_newC(lua_State *L, MSize nupvalues, GCtab *env);
/* A Lua closure with fresh, closed, nil upvalues (main chunk, load). */
LU_FUNC GCfunc *lu_func_newL_empty(lua_State *L, GCproto *pt, GCtab *env);
/* A Lua closure for BC_FNEW inside `parent` running with frame `base`: each
** descriptor pt->uv[i] is either PROTO_UV_LOCAL|slot (the open upvalue for
** base[slot]) or an index into parent->uvptr. env = parent's env. */
LU_FUNC GCfunc *lu_func_newL_gc(lua_State *L, GCproto *pt, GCfuncL *parent,
                                TValue *base);
LU_FUNC void lu_func_free(global_State *g, GCfunc *fn);

/* Allocation size of a closure. */
#define lu_func_size(fn) \
  (isluafunc(fn) ? sizeLfunc((fn)->l.nupvalues) : sizeCfunc((fn)->c.nupvalues))

#endif
