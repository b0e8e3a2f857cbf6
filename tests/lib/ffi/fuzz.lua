-- ffi robustness: random declarations and random operations on cdata of
-- many types must give Lua errors or results, never crashes (most useful
-- under `make asan`). Raw pointers are left out of the operations: C
-- pointers do not keep memory alive, as in LuaJIT. Fixed seeds.
local ffi = require "ffi"

-- Random token soups for ffi.cdef and ffi.typeof (":" makes bit-fields).
local toks = { "int", "char", "struct", "union", "enum", "typedef", "{", "}",
  "(", ")", "[", "]", "*", "&", ";", ",", "=", "?", "...", "x", "y", "S", "T",
  "const", "volatile", "unsigned", "long", "short", "double", "float", "void",
  "1", "0x10", "-", "+", "<<", "sizeof", "__attribute__((packed))", "static",
  "extern", "bool", "$", ":", "2", "int8_t", "size_t", "/*", "*/", "//\n",
  "#pragma pack(1)\n", "'a'", "\"s\"" }
math.randomseed(42)
for iter = 1, 20000 do
  local parts = {}
  for i = 1, math.random(1, 14) do parts[i] = toks[math.random(#toks)] end
  local src = table.concat(parts, " ")
  pcall(ffi.cdef, src)
  local ok, ct = pcall(ffi.typeof, src)
  if ok then
    pcall(ffi.new, ct) pcall(ffi.new, ct, 2) pcall(ffi.sizeof, ct) pcall(tostring, ct)
    local okn, obj = pcall(ffi.new, ct, 3)
    if okn then pcall(function() return obj[0], obj.x, obj == nil, tostring(obj), #obj end) end
  end
end

-- Random operations on a pool of cdata.
ffi.cdef[[
typedef struct { int a; double b; char s[4]; struct { short x; } in; int q; } fz_t;
enum fz_e { FZ_A, FZ_B = 3 };
]]
local types = { "int", "uint8_t", "int64_t", "uint64_t", "double", "float",
  "bool", "char[4]", "int[3]", "int[?]", "fz_t", "fz_t[2]", "enum fz_e",
  "struct { int n; int v[?]; }", "int16_t" }
local vals = { 0, 1, -1, 2^40, 0.5, "x", "FZ_B", true, false, nil, {}, {1, 2},
  { a = 1, b = 2 }, 1LL, -1LL, 5ULL }
local keys = { 0, 1, 2, 3, -1, "a", "b", "s", "in", "x", "zz", "v", "n", 1LL, true }
local pool = {}
local function rv()
  if math.random(3) == 1 and #pool > 0 then return pool[math.random(#pool)] end
  return vals[math.random(#vals)]
end
for iter = 1, 30000 do
  local op = math.random(11)
  pcall(function()
    if op == 1 or #pool < 5 then
      pool[#pool + 1] = ffi.new(types[math.random(#types)], math.random(0, 3), rv())
      if #pool > 200 then table.remove(pool, 1) end
    elseif op == 2 then return pool[math.random(#pool)][keys[math.random(#keys)]]
    elseif op == 3 then pool[math.random(#pool)][keys[math.random(#keys)]] = rv()
    elseif op == 4 then return rv() + rv(), rv() - rv(), rv() * rv()
    elseif op == 5 then return rv() / rv(), rv() % rv(), rv() ^ rv()
    elseif op == 6 then return rv() == rv(), rv() < rv(), rv() <= rv()
    elseif op == 7 then return tostring(rv()), tonumber(rv())
    elseif op == 8 then return ffi.istype(types[math.random(#types)], rv()), ffi.sizeof(rv())
    elseif op == 9 then return -rv(), #rv()
    elseif op == 10 then
      local v = pool[math.random(#pool)][keys[math.random(#keys)]]
      if type(v) == "cdata" and not tostring(v):find("%*") then pool[#pool + 1] = v end
    else collectgarbage("step") end
  end)
end

-- Random structs and unions of bit-fields and plain members (packed or
-- not): stores and loads of every member stay inside the object.
local tys = { "char", "unsigned char", "short", "unsigned short", "int",
  "unsigned", "long long", "unsigned long long", "bool" }
for iter = 1, 2000 do
  local parts, names = {}, {}
  for i = 1, math.random(1, 8) do
    local t = tys[math.random(#tys)]
    if math.random(4) == 1 then
      parts[#parts + 1] = t .. " n" .. i .. ";"
      names[#names + 1] = "n" .. i
    else
      parts[#parts + 1] = t .. " b" .. i .. ":" .. math.random(0, 70) .. ";"
      names[#names + 1] = "b" .. i
    end
  end
  local attr = math.random(3) == 1 and "__attribute__((packed)) " or ""
  local kind = math.random(4) == 1 and "union" or "struct"
  local ok, ct = pcall(ffi.typeof, kind .. " " .. attr .. "{ " .. table.concat(parts, " ") .. " }")
  if ok then
    local obj = ffi.new(ct)
    for k = 1, 20 do
      local n = names[math.random(#names)]
      pcall(function() obj[n] = math.random(-1000, 1000) end)
      pcall(function() return obj[n] end)
    end
    pcall(ffi.new, ct, {1, 2, 3, 4, 5, 6, 7, 8})
  end
end
collectgarbage()
print "OK"
