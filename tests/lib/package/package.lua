-- package library: require (preload, Lua modules, not-found message, loop
-- detection), package.loaded, module()/package.seeall, loadlib failures,
-- searchpath, LUA_PATH with ';;' (child process) and a C module built with
-- cc when one is available.  Expected values from luajit -joff.
local H = dofile("../_harness.lua")
local eq, errmsg = H.eq, H.errmsg
local LUNAR = H.lunar()  -- The interpreter under test.

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir " .. dir) == 0)
local created = {}
local function put(name, src)
  local p = dir .. "/" .. name
  local f = assert(io.open(p, "w")); f:write(src); f:close()
  created[#created + 1] = p
  return p
end

-- library table
local names = {}
for k in pairs(package) do names[#names + 1] = k end
table.sort(names)
eq(table.concat(names, " "), "config cpath loaded loaders loadlib path preload searchpath seeall")
eq(#package.loaders, 4)
eq(package.config, "/\n;\n?\n!\n-\n")
eq(package.loaded.string, string)
eq(package.loaded._G, _G)
eq(require("string"), string)

-- preload
package.preload.pre = function(...)
  local n = select("#", ...)
  return {name = (...), n = n}
end
local m = require("pre")
eq(m.name, "pre"); eq(m.n, 1)
eq(package.loaded.pre, m)
eq(require("pre"), m)
package.preload.nothing = function() end
eq(require("nothing"), true)
eq(package.loaded.nothing, true)
package.preload.setsloaded = function(n) package.loaded[n] = "mine" end
eq(require("setsloaded"), "mine")
package.preload.falsy = function() return false end
eq(require("falsy"), false)

-- Lua modules from package.path
package.path = dir .. "/?.lua;" .. dir .. "/?/init.lua"
package.cpath = dir .. "/?.so"
put("lmod.lua", "local name, extra = ... ; return {name = name, extra = extra, x = 42}")
m = require("lmod")
eq(m.name, "lmod"); eq(m.extra, nil); eq(m.x, 42)
assert(os.execute("mkdir " .. dir .. "/pkg") == 0)
put("pkg/init.lua", "return 'init of ' .. ...")
put("pkg/sub.lua", "return 'sub ' .. ...")
eq(require("pkg"), "init of pkg")
eq(require("pkg.sub"), "sub pkg.sub")

-- not found: every path tried
local function nf(name)
  local d = dir
  local file = name:gsub("%.", "/")
  return "module '" .. name .. "' not found:\n\tno field package.preload['" .. name .. "']" ..
    "\n\tno file '" .. d .. "/" .. file .. ".lua'\n\tno file '" .. d .. "/" .. file .. "/init.lua'" ..
    "\n\tno file '" .. d .. "/" .. file .. ".so'"
end
eq(errmsg(require, "missing"), nf("missing"))
eq(errmsg(require, "a.b.c"), nf("a.b.c") .. "\n\tno file '" .. dir .. "/a.so'")
eq(errmsg(require), "bad argument #1 to '?' (string expected, got no value)")

-- errors inside a module, syntax errors
put("bad.lua", "error('boom in module')")
eq(errmsg(require, "bad"), "boom in module")
eq(errmsg(require, "bad"), "loop or previous error loading module 'bad'")
put("syn.lua", "x = = 1")
local e = errmsg(require, "syn")
eq(e:gsub("^[^\n]*'syn' from file '", ""):gsub(dir, "DIR"), "DIR/syn.lua':\n\t" .. "DIR/syn.lua:1: unexpected symbol near '='")

-- loop detection
put("loop.lua", "return require('loop')")
eq(errmsg(require, "loop"), "loop or previous error loading module 'loop'")
put("loopa.lua", "require('loopb') return 1")
put("loopb.lua", "require('loopa') return 2")
eq(errmsg(require, "loopa"), "loop or previous error loading module 'loopa'")
-- a module that sets package.loaded itself is fine
put("selfset.lua", "package.loaded[...] = 'early'; return nil")
eq(require("selfset"), "early")

-- package.loaded controls require
package.loaded.fake = {fake = true}
eq(require("fake").fake, true)
package.loaded.lmod = nil
local m2 = require("lmod")
assert(m2 ~= m and m2.x == 42)

-- searchpath
eq(package.searchpath("lmod", package.path), dir .. "/lmod.lua")
eq(package.searchpath("pkg.sub", package.path), dir .. "/pkg/sub.lua")
eq(package.searchpath("pkg_sub", dir .. "/?.lua", "_", "/"), dir .. "/pkg/sub.lua")
local p, msg = package.searchpath("nope", dir .. "/?.x;" .. dir .. "/?.y")
eq(p, nil)
eq(msg, "\n\tno file '" .. dir .. "/nope.x'\n\tno file '" .. dir .. "/nope.y'")
eq(package.searchpath("pkg-sub", dir .. "/?.lua", "-", "/"), dir .. "/pkg/sub.lua")
eq(package.searchpath("a.b", "?", "", ""), nil)

-- module(), _M/_NAME/_PACKAGE, package.seeall
put("oldmod.lua", "module(..., package.seeall)\nfunction hello() return 'hi from ' .. _NAME end\nseen_print = print")
local om = require("oldmod")
eq(om._NAME, "oldmod"); eq(om._M, om); eq(om._PACKAGE, "")
eq(om.hello(), "hi from oldmod")
eq(om.seen_print, print)
eq(oldmod, om)
eq(package.loaded.oldmod, om)
put("nested_a.lua", "module('deep.inner.mod')\nvalue = 7")
require("nested_a")
eq(deep.inner.mod.value, 7)
eq(deep.inner.mod._NAME, "deep.inner.mod")
eq(deep.inner.mod._PACKAGE, "deep.inner.")
eq(package.loaded["deep.inner.mod"], deep.inner.mod)
local env = setmetatable({}, {__index = _G})
local fn = loadstring("module('envmod') return _M")
setfenv(fn, env)
local em = fn()
eq(em._NAME, "envmod"); eq(getfenv(fn), em)
eq(getmetatable(em), nil)
local t = {}
package.seeall(t)
eq(getmetatable(t).__index, _G)
eq(errmsg(package.seeall, 1), "bad argument #1 to '?' (table expected, got number)")
_G.clash = 5
eq(errmsg(module, "clash"), "name conflict for module 'clash'")

-- loadlib failures
local lf, lmsg, where = package.loadlib(dir .. "/nope.so", "luaopen_x")
eq(lf, nil); eq(where, "open")
eq(lmsg, dir .. "/nope.so: cannot open shared object file: No such file or directory")
lf, lmsg, where = package.loadlib(dir .. "/lmod.lua", "*")
eq(lf, nil); eq(where, "open")
eq(lmsg, dir .. "/lmod.lua: invalid ELF header")

-- odd package.path / preload / loaders values
do
  local opath, ocpath, oloaders = package.path, package.cpath, package.loaders
  package.path = "./?.lua"; package.cpath = "./?.so"
  eq(errmsg(require, 5), "module '5' not found:\n\tno field package.preload['5']\n\tno file './5.lua'\n\tno file './5.so'")
  package.path = 5
  eq(errmsg(require, "zz"), "module 'zz' not found:\n\tno field package.preload['zz']\n\tno file '5'\n\tno file './zz.so'")
  package.path = "./?.lua"
  package.preload.badpre = 5
  eq(errmsg(require, "badpre"), "module 'badpre' not found:5\n\tno file './badpre.lua'\n\tno file './badpre.so'")
  package.loaders = nil
  eq(errmsg(require, "zz2"), "'package.loaders' must be a table")
  package.loaders = {}
  eq(errmsg(require, "zz3"), "module 'zz3' not found:")
  package.loaders = {
    function(n) return "custom msg for " .. n end,
    function(n) return nil end,
    function(n) return function(...) return {n = select("#", ...), ...} end, "extra" end,
  }
  local got = require("zz4")
  eq(got.n, 1); eq(got[1], "zz4")
  package.loaders = {5}
  eq(errmsg(require, "zz5"), "attempt to call a number value")
  package.path, package.cpath, package.loaders = opath, ocpath, oloaders
end
eq(errmsg(module), "bad argument #1 to '?' (string expected, got no value)")
eq(errmsg(module, 5), "'module' not called from a Lua function")
eq(errmsg(package.searchpath, "x"), "bad argument #2 to '?' (string expected, got no value)")
local sp, spmsg = package.searchpath("x", "?", 1, 2)
eq(sp, nil); eq(spmsg, "\n\tno file 'x'")
eq(errmsg(package.loadlib), "bad argument #1 to '?' (string expected, got no value)")
eq(errmsg(package.loadlib, "x"), "bad argument #2 to '?' (string expected, got no value)")
local l1, l2, l3 = package.loadlib("x", "y")
eq(l1, nil); eq(l2, "x: cannot open shared object file: No such file or directory"); eq(l3, "open")
eq(package.loadlib("", "*"), true)

-- LUA_PATH with ';;' in a child
local function child(envs, code)
  local pp = assert(io.popen(envs .. " '" .. LUNAR .. "' -e \"" .. code .. "\" 2>&1"))
  local out = pp:read("*a"); pp:close()
  return out
end
local def = child("unset LUA_PATH LUA_PATH_5_1 LUA_CPATH LUA_CPATH_5_1;", "print(package.path)")
local got = child("unset LUA_PATH_5_1; LUA_PATH='/x/?.lua;;/y/?.lua'", "print(package.path)")
eq(got, "/x/?.lua;" .. def:gsub("\n$", "") .. ";/y/?.lua\n")
got = child("unset LUA_PATH_5_1; LUA_PATH='" .. dir .. "/?.lua'", "print(require('lmod').x)")
eq(got, "42\n")
local cdef = child("unset LUA_PATH LUA_PATH_5_1 LUA_CPATH LUA_CPATH_5_1;", "print(package.cpath)")
got = child("unset LUA_CPATH_5_1; LUA_CPATH=';;/c/?.so'", "print(package.cpath)")
eq(got, ";" .. cdef:gsub("\n$", "") .. ";/c/?.so\n")

-- a C module through the C searcher (skipped without a compiler)
local have_cc = os.execute("command -v cc >/dev/null 2>&1") == 0
if have_cc then
  put("cmod.c", [[
typedef struct lua_State lua_State;
extern void lua_pushstring(lua_State *L, const char *s);
extern void lua_pushinteger(lua_State *L, long n);
extern void lua_createtable(lua_State *L, int a, int b);
extern void lua_setfield(lua_State *L, int idx, const char *k);
int luaopen_cmod(lua_State *L) {
  lua_createtable(L, 0, 2);
  lua_pushstring(L, "from C");
  lua_setfield(L, -2, "msg");
  lua_pushinteger(L, 99);
  lua_setfield(L, -2, "n");
  return 1;
}
int luaopen_cmod_sub(lua_State *L) { lua_pushstring(L, "sub from C"); return 1; }
]])
  local so = dir .. "/cmod.so"
  created[#created + 1] = so
  if os.execute("cc -shared -fPIC -o " .. so .. " " .. dir .. "/cmod.c 2>/dev/null") == 0 then
    local cm = require("cmod")
    eq(cm.msg, "from C"); eq(cm.n, 99)
    eq(package.loaded.cmod, cm)
    -- all-in-one loader: cmod.sub is found in cmod.so
    eq(require("cmod.sub"), "sub from C")
    local lfn = package.loadlib(so, "luaopen_cmod")
    eq(type(lfn), "function")
    eq(lfn().msg, "from C")
    eq(package.loadlib(so, "*"), true)
    local z, zmsg, zwhere = package.loadlib(so, "no_such_sym")
    eq(z, nil); eq(zwhere, "init")
    eq(zmsg, so .. ": undefined symbol: no_such_sym")
    eq(errmsg(require, "cmod.nosym"), nf("cmod.nosym") .. "\n\tno module 'cmod.nosym' in file '" .. so .. "'")
  end
end

-- cleanup
for i = #created, 1, -1 do os.remove(created[i]) end
os.remove(dir .. "/pkg")
assert(os.remove(dir))
print "OK"
