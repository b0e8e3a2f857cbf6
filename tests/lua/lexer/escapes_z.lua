-- \z skips following whitespace including newlines
print("a\z     b")
print("abc\z
       def\z

       ghi")
