-- jumping past a local into the end of its block is allowed
do
  goto e
  local x = 1
  ::e::
end
print("ok")
