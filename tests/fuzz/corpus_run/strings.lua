local s = [[long
string]] .. [==[with ]] level]==] .. "esc\n\t\065\x41\z
   \u{48}" .. 'q\''
return s:upper():sub(2, -2), ("%d"):format(3)
