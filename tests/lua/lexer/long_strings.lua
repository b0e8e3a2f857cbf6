-- long brackets of various levels
print([[simple]])
print([==[with ]] and ]=] inside]==])
print([[
first newline skipped]])
print([=[
a
b]=])
print(#[[

x]])
print([====[]====] == "")
