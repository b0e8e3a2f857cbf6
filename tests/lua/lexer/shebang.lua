#!/usr/bin/env lunar this line is ignored
print("after shebang")
error("on line 3")
