-- String hashing: k-nucleotide style frequency counts over generated DNA.
local n = tonumber(arg and arg[1]) or 2000000
local acgt = { "a", "c", "g", "t" }
local seed = 42
local parts = {}
for i = 1, n do
  seed = (seed * 3877 + 29573) % 139968
  parts[i] = acgt[seed % 4 + 1]
end
local seq = table.concat(parts)
local function kfreq(seq, k)
  local freq = {}
  local sub = string.sub
  for i = 1, #seq - k + 1 do
    local s = sub(seq, i, i + k - 1)
    freq[s] = (freq[s] or 0) + 1
  end
  return freq
end
local total = 0
for k = 1, 6 do
  local freq = kfreq(seq, k)
  local keys = {}
  for key in pairs(freq) do keys[#keys + 1] = key end
  table.sort(keys)
  for i, key in ipairs(keys) do total = total + freq[key] * i end
end
print(total, kfreq(seq, 12)["ggtattttaatt"] or 0)
