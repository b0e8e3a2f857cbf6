print("ok")
-- last line comment, no newline