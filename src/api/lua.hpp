// lunar: C++ wrapper for the Lua/LuaJIT headers.
extern "C" {
#include "lua.h"
#include "lauxlib.h"
#include "lualib.h"
#include "luajit.h"
}
