-- the few string functions the core tests rely on
print(string.format("%d %5.2f %s %q %x %5s|%-5s|", 42, 3.14159, "s", "a\nb\"", 255, "r", "l"))
print(string.rep("ab", 3), string.rep("x", 0), string.rep("ab", 3, "-"))
print(string.sub("hello", 2, -2), ("hello"):byte(1, 2), string.char(72, 105))
print(string.len("\0a"), ("abc"):upper(), ("ABC"):lower(), ("abc"):reverse())
print(string.format("%g %g %g", 1e20, 0.1, 100), string.format("%5.1s|", "abc"))
