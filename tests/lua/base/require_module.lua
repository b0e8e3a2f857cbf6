-- require of a preloaded module and of a missing one
package.preload.mymod = function(name) return {name = name} end
local m = require("mymod")
print(m.name, require("mymod") == m, package.loaded.mymod == m)
local ok, e = pcall(require, "no_such_module_xyz")
print(ok, (e:match("^[^\n]*")))
