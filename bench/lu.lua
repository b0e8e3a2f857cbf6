-- SciMark-style LU factorisation with partial pivoting.
local abs = math.abs
local N = 100
local cycles = tonumber(arg and arg[1]) or 120
local function matgen(seed)
  local A = {}
  for i = 1, N do
    local row = {}
    for j = 1, N do
      seed = (seed * 16807) % 2147483647
      row[j] = seed / 2147483647
    end
    A[i] = row
  end
  return A
end
local function lu(A, pivot)
  for j = 1, N do
    local jp, t = j, abs(A[j][j])
    for i = j + 1, N do
      local ab = abs(A[i][j])
      if ab > t then jp = i; t = ab end
    end
    pivot[j] = jp
    if jp ~= j then A[j], A[jp] = A[jp], A[j] end
    if j < N then
      local Aj = A[j]
      local recp = 1.0 / Aj[j]
      for k = j + 1, N do A[k][j] = A[k][j] * recp end
      for ii = j + 1, N do
        local Aii = A[ii]
        local AiiJ = Aii[j]
        for jj = j + 1, N do Aii[jj] = Aii[jj] - AiiJ * Aj[jj] end
      end
    end
  end
end
local sum = 0
for c = 1, cycles do
  local A, pivot = matgen(c), {}
  lu(A, pivot)
  for i = 1, N do sum = sum + A[i][i] + pivot[i] end
end
print(string.format("%.6f", sum))
