-- calling every non-callable type
for _, v in ipairs({1, "s", true, {}, newproxy()}) do
  print(pcall(v))
end
print(pcall(function() local n = 5; n() end))
print(pcall(function() local s = "x"; s() end))
