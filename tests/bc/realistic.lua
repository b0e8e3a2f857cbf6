-- Idiomatic code: a small class system, a JSON-ish encoder, a queue.
local setmetatable, type, pairs, ipairs = setmetatable, type, pairs, ipairs
local concat, insert, remove = table.concat, table.insert, table.remove
local format, rep = string.format, string.rep

local Class = {}
Class.__index = Class
function Class:extend(name)
  local cls = setmetatable({name = name, super = self}, self)
  cls.__index = cls
  return cls
end
function Class:new(...)
  local o = setmetatable({}, self)
  if o.init then o:init(...) end
  return o
end

local Point = Class:extend("Point")
function Point:init(x, y) self.x, self.y = x or 0, y or 0 end
function Point:len() return (self.x ^ 2 + self.y ^ 2) ^ 0.5 end
function Point.__add(a, b) return Point:new(a.x + b.x, a.y + b.y) end
function Point:__tostring() return format("(%g, %g)", self.x, self.y) end

local escapes = {['"'] = '\\"', ["\\"] = "\\\\", ["\n"] = "\\n", ["\t"] = "\\t"}
local function encode(v, indent, depth)
  depth = depth or 0
  local t = type(v)
  if t == "nil" then return "null"
  elseif t == "boolean" then return v and "true" or "false"
  elseif t == "number" then
    if v ~= v or v == 1/0 or v == -1/0 then return "null" end
    return format("%.14g", v)
  elseif t == "string" then
    return '"' .. v:gsub('[%c"\\]', function(c) return escapes[c] or format("\\u%04x", c:byte()) end) .. '"'
  elseif t == "table" then
    local out, n = {}, #v
    local pad = indent and ("\n" .. rep(indent, depth + 1)) or ""
    if n > 0 then
      for i = 1, n do out[i] = pad .. encode(v[i], indent, depth + 1) end
      return "[" .. concat(out, ",") .. "]"
    end
    local keys = {}
    for k in pairs(v) do keys[#keys + 1] = tostring(k) end
    table.sort(keys)
    for i, k in ipairs(keys) do
      out[i] = pad .. encode(k) .. ":" .. encode(v[k], indent, depth + 1)
    end
    return "{" .. concat(out, ",") .. "}"
  end
  error("cannot encode " .. t, 2)
end

local Queue = Class:extend("Queue")
function Queue:init() self.first, self.last, self.items = 1, 0, {} end
function Queue:push(v) local last = self.last + 1; self.last = last; self.items[last] = v end
function Queue:pop()
  local first = self.first
  if first > self.last then return nil end
  local v = self.items[first]
  self.items[first] = nil
  self.first = first + 1
  return v
end
function Queue:__len() return self.last - self.first + 1 end

local q = Queue:new()
for i = 1, 10 do q:push(Point:new(i, -i)) end
local total = 0
while true do
  local p = q:pop()
  if not p then break end
  total = total + p:len()
end
print(encode({a = 1, b = {1, 2, 3}, c = "x\ny", d = true}, "  "), total)
return Class, Point, Queue, encode
