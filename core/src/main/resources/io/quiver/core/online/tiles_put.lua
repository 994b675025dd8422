-- Quiver online store: write whole tiles of an aggregation view for one entity (Redis >= 6.2).
-- KEYS[1]  q:<project>:<view>:<version>:{<entity>}, a hash: tile start (decimal micros) -> tile
-- ARGV[1]  expire after write, in milliseconds; "0" means never.
-- ARGV[2]  retention in micros (largest window + hop); "0" keeps every tile (lifetime windows).
-- ARGV[3], ARGV[4], ...  pairs of tile start and tile bytes (TileCodec: bytes 6..13, 1-based,
--          are the created time as unsigned big-endian).
-- A tile replaces the stored one whole unless the stored one has a greater created time (a stale
-- recompute must not undo a newer one); equal created times overwrite, so re-runs are idempotent.
-- Then tiles starting before (newest start - retention) are deleted: no window can reach them.
-- Returns the number of tiles written.
local function compare(a, b, from, to)
  for i = from, to do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x - y
    end
  end
  return 0
end

local key = KEYS[1]
local written = 0
for i = 3, #ARGV, 2 do
  local tile = ARGV[i + 1]
  if #tile < 13 then
    return redis.error_reply('tile too short: ' .. #tile .. ' bytes')
  end
  local old = redis.call('HGET', key, ARGV[i])
  if not old or #old < 13 or compare(tile, old, 6, 13) >= 0 then
    redis.call('HSET', key, ARGV[i], tile)
    written = written + 1
  end
end
local retention = tonumber(ARGV[2])
if retention > 0 then
  local starts = redis.call('HKEYS', key)
  local newest = nil
  for _, s in ipairs(starts) do
    local n = tonumber(s)
    if newest == nil or n > newest then
      newest = n
    end
  end
  for _, s in ipairs(starts) do
    if tonumber(s) < newest - retention then
      redis.call('HDEL', key, s)
    end
  end
end
local ttl = tonumber(ARGV[1])
if written > 0 and ttl > 0 then
  redis.call('PEXPIRE', key, ttl)
end
return written
