/*
** lunar: full userdata (see udata.h).
**
** Userdata are not linked at the head of gc.root like other objects: they
** go right after the main thread, which sits at the tail end of the list
** (it is the first object ever linked). All userdata thus form the tail
** of gc.root, and the GC finds the candidates for finalization by walking
** only that tail (see gc.c).
*/
#include "udata.h"
#include "mem.h"
#include "err.h"
#include "state.h"

GCudata *lu_udata_new(lua_State *L, MSize sz, GCtab *env)
{
  global_State *g = G(L);
  lua_State *mainth = g->mainthread;
  GCudata *ud;
  if (LU_UNLIKELY(sz > LU_MAX_STR)) lu_err_msg(L, LU_ERR_UDATAOV);
  ud = (GCudata *)lu_mem_new(L, sizeof(GCudata) + sz);
  ud->marked = lu_mem_curwhite(g);
  ud->gct = LU_GCT_UDATA;
  ud->udtype = 0;
  ud->unused2 = 0;
  ud->env = obj2gco(env);
  ud->gclist = NULL;
  ud->metatable = NULL;
  ud->len = sz;
  ud->unused3 = 0;
  ud->nextgc = mainth->nextgc;
  mainth->nextgc = obj2gco(ud);
  return ud;
}

void lu_udata_free(global_State *g, GCudata *ud)
{
  lu_mem_free(g, ud, lu_udata_size(ud));
}
