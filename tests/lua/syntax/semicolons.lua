-- optional ';' after statements; an empty statement is an error in 5.1
local a = 1; print(a);
do local b = 2; print(b); end
print(loadstring(";;", "=semi"))
print(loadstring("x = 1;;", "=semi2"))
