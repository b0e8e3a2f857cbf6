-- invalid escape sequence is a syntax error
print(loadstring([[return "\q"]]))
print(loadstring([[return "\x4"]]))
print(loadstring([[return "\256"]]))
print(loadstring([[return "\u{110000}"]]))
print(loadstring([[return "\u{12"]]))
