/*
** lunar: library registration with fast-function marking (see lib.h).
*/
#include "../core/obj.h"
#include "../vm/ff.h"
#include "../api/lua.h"
#include "../api/lauxlib.h"
#include "lib.h"

void lu_lib_markff(lua_State *L, const char *libname, const char *name)
{
  TValue *o = L->top - 1;
  int id;
  if (!tvisfunc(o) || !iscfunc(funcV(o))) return;
  id = lu_ff_id(libname ? libname : "_G", name, &G(L)->ffhint);
  if (id > FF_C) lu_ff_mark(funcV(o), id);
}

void lu_lib_register(lua_State *L, const char *libname, const luaL_Reg *l)
{
  const luaL_Reg *r;
  int n = 0;
  for (r = l; r->name != NULL; r++) n++;
  if (libname != NULL)
    luaL_pushmodule(L, libname, n);
  for (r = l; r->name != NULL; r++) {
    if (r->func == NULL) continue;  /* Placeholder entries are skipped. */
    lua_pushcfunction(L, r->func);
    lu_lib_markff(L, libname, r->name);
    lua_setfield(L, -2, r->name);
  }
}
