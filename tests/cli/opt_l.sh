# -l NAME requires a module before running the script
. ./_lib.sh
cd "$T"
cat > mymod.lua <<'L'
mymod_loaded = true
print("loading", ...)
return {}
L
same -l mymod -e 'print(mymod_loaded, type(mymod))'
same -lmymod -e 'print(package.loaded.mymod ~= nil)'
same -l mymod -l mymod -e 'print("twice ok")'
expect_status 1 -l no_such_module_xyz -e 'print(1)'
same -l
finish
