/*
** userdata: a C type exposed to Lua as full userdata. A metatable in
** the registry (luaL_newmetatable) gives it methods through __index,
** __tostring, __len and a __gc finalizer that releases the C buffer;
** luaL_checkudata rejects objects of other types with a clean error.
** The host counts finalizer runs to show that lua_close and the
** collector really call __gc.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lua.h>
#include <lauxlib.h>
#include <lualib.h>

#define BUF_MT "example.Buffer"

typedef struct Buffer { size_t len, cap; char *data; } Buffer;

static int finalized = 0;

static Buffer *checkbuf(lua_State *L, int idx)
{
  Buffer *b = (Buffer *)luaL_checkudata(L, idx, BUF_MT);
  if (b->data == NULL) luaL_error(L, "buffer already freed");
  return b;
}

static int buf_new(lua_State *L)
{
  size_t cap = (size_t)luaL_optinteger(L, 1, 16);
  Buffer *b = (Buffer *)lua_newuserdata(L, sizeof(Buffer));
  b->len = 0;
  b->cap = cap ? cap : 1;
  b->data = malloc(b->cap);
  if (b->data == NULL) return luaL_error(L, "out of memory");
  luaL_getmetatable(L, BUF_MT);
  lua_setmetatable(L, -2);
  return 1;
}

static int buf_append(lua_State *L)
{
  Buffer *b = checkbuf(L, 1);
  size_t n;
  const char *s = luaL_checklstring(L, 2, &n);
  if (b->len + n > b->cap) {
    size_t cap = b->cap;
    while (cap < b->len + n) cap *= 2;
    char *p = realloc(b->data, cap);
    if (p == NULL) return luaL_error(L, "out of memory");
    b->data = p;
    b->cap = cap;
  }
  memcpy(b->data + b->len, s, n);
  b->len += n;
  lua_settop(L, 1);
  return 1;                              /* chainable */
}

static int buf_tostring(lua_State *L)
{
  Buffer *b = checkbuf(L, 1);
  lua_pushlstring(L, b->data, b->len);
  return 1;
}

static int buf_len(lua_State *L)
{
  lua_pushinteger(L, (lua_Integer)checkbuf(L, 1)->len);
  return 1;
}

static int buf_gc(lua_State *L)
{
  Buffer *b = (Buffer *)luaL_checkudata(L, 1, BUF_MT);
  free(b->data);
  b->data = NULL;
  finalized++;
  return 0;
}

static const luaL_Reg buf_methods[] = {
  {"append", buf_append},
  {"tostring", buf_tostring},
  {"__tostring", buf_tostring},
  {"__len", buf_len},
  {"__gc", buf_gc},
  {NULL, NULL}
};

static const char *script =
  "local b = Buffer(2)\n"
  "b:append('hello'):append(', '):append('world')\n"
  "assert(tostring(b) == 'hello, world')\n"
  "assert(b:tostring() == 'hello, world')\n"
  "local ok, err = pcall(b.append, {}, 'x')\n"
  "assert(not ok and err:find('example.Buffer expected, got table'), err)\n"
  "ok, err = pcall(b.append, b, {})\n"
  "assert(not ok and err:find('string expected, got table'), err)\n"
  "for i = 1, 100 do Buffer():append(('x'):rep(i)) end\n"
  "collectgarbage(); collectgarbage()\n"
  "keep = b\n";

int main(void)
{
  lua_State *L = luaL_newstate();
  luaL_openlibs(L);
  luaL_newmetatable(L, BUF_MT);
  lua_pushvalue(L, -1);
  lua_setfield(L, -2, "__index");
  luaL_register(L, NULL, buf_methods);
  lua_pop(L, 1);
  lua_register(L, "Buffer", buf_new);
  if (luaL_dostring(L, script) != 0) {
    fprintf(stderr, "userdata: %s\n", lua_tostring(L, -1));
    return 1;
  }
  int after_collect = finalized;
  lua_close(L);                          /* finalizes the one still alive */
  printf("userdata: %d finalized by the collector, %d in total\n",
         after_collect, finalized);
  if (after_collect < 100 || finalized != 101) {
    fprintf(stderr, "userdata: __gc did not run as expected\n");
    return 1;
  }
  return 0;
}
