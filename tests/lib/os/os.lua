-- os library: clock, date ("!" formats and *t at fixed times, local time
-- only under TZ=UTC via a child), time with tables, difftime, getenv,
-- remove/rename failures, tmpname, execute, setlocale, exit (in a child).
-- Expected values from luajit -joff.
local H = dofile("../_harness.lua")
local eq, errmsg = H.eq, H.errmsg
local LUNAR = H.lunar()  -- The interpreter under test.

-- clock
local c = os.clock()
assert(type(c) == "number" and c >= 0)
local s = 0
for i = 1, 1e5 do s = s + i end
assert(os.clock() >= c)

-- date with "!" formats at a fixed time
local T = 1234567890   -- 2009-02-13 23:31:30 UTC, a Friday
local cases = {
  {"!%Y-%m-%d %H:%M:%S", "2009-02-13 23:31:30"},
  {"!%a %A %b %B", "Fri Friday Feb February"},
  {"!%c", "Fri Feb 13 23:31:30 2009"},
  {"!%d/%m/%y", "13/02/09"},
  {"!%j %U %W %w", "044 06 06 5"},
  {"!%I %p", "11 PM"},
  {"!%x %X", "02/13/09 23:31:30"},
  {"!%%", "%"},
  {"!plain text", "plain text"},
  {"!", ""},
  {"!%H%M", "2331"},
  {"!%D %e %F %R %T", "02/13/09 13 2009-02-13 23:31 23:31:30"},
  {"!%y%%%Y", "09%2009"},
}
for _, cs in ipairs(cases) do eq(os.date(cs[1], T), cs[2], cs[1]) end
eq(os.date("!%Y-%m-%d %H:%M:%S", 0), "1970-01-01 00:00:00")
eq(os.date("!%Y-%m-%d", 86399), "1970-01-01")
eq(os.date("!%Y-%m-%d", 86400), "1970-01-02")
eq(os.date("!%Y-%m-%d %H:%M:%S", 951782400), "2000-02-29 00:00:00")
eq(os.date("!%Y", T + 0.9), "2009")
local t = os.date("!*t", T)
eq(t.year, 2009); eq(t.month, 2); eq(t.day, 13); eq(t.hour, 23); eq(t.min, 31)
eq(t.sec, 30); eq(t.wday, 6); eq(t.yday, 44); eq(t.isdst, false)
local keys = {}
for k in pairs(t) do keys[#keys + 1] = k end
table.sort(keys)
eq(table.concat(keys, " "), "day hour isdst min month sec wday yday year")
assert(type(os.date()) == "string")
assert(type(os.date("*t").year) == "number")
eq(errmsg(os.date, "!%Y", "x"), "bad argument #2 to '?' (number expected, got string)")

-- time
assert(type(os.time()) == "number")
local now = os.time()
assert(math.abs(os.time(os.date("*t", now)) - now) == 0)
eq(errmsg(os.time, {}), "field 'day' missing in date table")
eq(errmsg(os.time, {day = 1}), "field 'month' missing in date table")
eq(errmsg(os.time, {day = 1, month = 1}), "field 'year' missing in date table")
eq(errmsg(os.time, 5), "bad argument #1 to '?' (table expected, got number)")
local a = os.time{year = 2009, month = 2, day = 13, hour = 12}
local b = os.time{year = 2009, month = 2, day = 14, hour = 12}
eq(b - a, 86400)
-- normalisation of out-of-range fields
eq(os.time{year = 2009, month = 14, day = 1, hour = 12}, os.time{year = 2010, month = 2, day = 1, hour = 12})
eq(os.time{year = 2009, month = 3, day = 0, hour = 12}, os.time{year = 2009, month = 2, day = 28, hour = 12})
-- hour defaults to 12
eq(os.time{year = 2009, month = 2, day = 13}, a)

-- difftime
eq(os.difftime(10, 4), 6)
eq(os.difftime(4, 10), -6)
eq(os.difftime(b, a), 86400)
eq(errmsg(os.difftime), "bad argument #1 to '?' (number expected, got no value)")

-- getenv
eq(os.getenv("LUNAR_SURELY_UNSET_VAR_42"), nil)
assert(type(os.getenv("PATH")) == "string")
eq(errmsg(os.getenv), "bad argument #1 to '?' (string expected, got no value)")

-- tmpname, remove, rename
local n = os.tmpname()
assert(type(n) == "string" and #n > 0)
local f = assert(io.open(n, "w")); f:write("x"); f:close()
eq(os.rename(n, n .. ".2"), true)
local r, msg, code = os.rename(n, n .. ".3")
eq(r, nil); eq(msg, n .. ": No such file or directory"); eq(code, 2)
eq(os.remove(n .. ".2"), true)
r, msg, code = os.remove(n .. ".2")
eq(r, nil); eq(msg, n .. ".2: No such file or directory"); eq(code, 2)
eq(os.remove(n), nil)
eq(errmsg(os.remove), "bad argument #1 to '?' (string expected, got no value)")

-- execute
eq(os.execute(), 1)
eq(os.execute("true"), 0)
eq(os.execute("exit 3"), 768)
eq(os.execute("false"), 256)

-- setlocale
eq(os.setlocale(), "C")
eq(os.setlocale("C"), "C")
eq(os.setlocale(nil, "numeric"), "C")
eq(os.setlocale("no_such_locale_xx"), nil)
eq(errmsg(os.setlocale, "C", "bogus"), "bad argument #2 to '?' (invalid option 'bogus')")

-- exit and local time, in children
local function run(code, env)
  local p = assert(io.popen((env or "") .. " '" .. LUNAR .. "' -e '" .. code .. "' 2>&1; echo \"rc=$?\""))
  local out = p:read("*a"); p:close()
  return out
end
eq(run("os.exit(3)"), "rc=3\n")
eq(run("os.exit(true)"), "rc=0\n")
eq(run("os.exit(false)"), "rc=1\n")
eq(run("io.write(\"x\") os.exit()"), "xrc=0\n")
eq(run("print(os.date(\"%Y-%m-%d %H:%M:%S\", 1234567890))", "TZ=UTC"), "2009-02-13 23:31:30\nrc=0\n")
eq(run("print(os.time{year=2009,month=2,day=13,hour=23,min=31,sec=30})", "TZ=UTC"), "1234567890\nrc=0\n")
eq(run("print(os.date(\"%H:%M\", 0))", "TZ=JST-9"), "09:00\nrc=0\n")
-- local time under TZ=UTC (cases in _utc.lua, run in a child)
local utc = io.popen("TZ=UTC LC_ALL=C '" .. LUNAR .. "' _utc.lua 2>&1")
local utcout = utc:read("*a"); utc:close()
eq(utcout, "true 1234526400\ntrue 1234486800\ntrue 1234524600\ntrue 1234634400\n" ..
  "false field 'month' missing in date table\ntrue nil\ntrue 1234522800\ntrue 1234567890\n" ..
  "true 0\n2009 2 13 23 31 30 6 44 false\n2009-02-13 23:31:30 UTC +0000\n" ..
  "Thu Jan  1 00:00:00 1970|01/01/70|00:00:00|AM\ntrue 1969\ntrue 5\ntrue %\ntrue %Q\n" ..
  "true 1970\ntrue true\n")
eq(os.execute("exit 300"), 11264)
eq(os.execute("kill -9 $$"), 9)
eq(errmsg(os.rename, "a"), "bad argument #2 to '?' (string expected, got no value)")
eq(errmsg(os.exit, "x"), "bad argument #1 to '?' (number expected, got string)")
for _, c in ipairs{"all", "collate", "ctype", "monetary", "numeric", "time"} do
  eq(os.setlocale(nil, c), "C", c)
end
eq(os.setlocale("C", "all"), "C")
print "OK"
