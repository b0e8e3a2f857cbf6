# exit statuses of the CLI
. ./_lib.sh
cd "$T"
echo 'print("ok")' > ok.lua
echo 'error("x")' > err.lua
echo 'x =' > syn.lua
expect_status 0 ok.lua
expect_status 1 err.lua
expect_status 1 syn.lua
expect_status 1 does_not_exist.lua
expect_status 3 -e 'os.exit(3)'
expect_status 0 -e 'os.exit(true)'
expect_status 1 -e 'os.exit(false)'
expect_status 0 -e 'os.exit()'
expect_status 1 -e 'error()'
expect_status 1 --bogus-option
expect_status 1 -e
same err.lua
same syn.lua
same does_not_exist.lua
same -e 'io.write("no newline") os.exit(0)'
finish
