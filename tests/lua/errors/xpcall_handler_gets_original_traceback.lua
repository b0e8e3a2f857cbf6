-- the message handler runs before unwinding: it can see the failing frame
local function handler(m)
  local info = debug.getinfo(2, "Sl")
  return m .. " | handler sees line " .. tostring(info and info.currentline)
end
local function fails()
  local x = nil
  return x.field      -- line 8
end
print(xpcall(fails, handler))
