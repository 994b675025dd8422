-- Quiver online store: write whole tiles of an aggregation view for one entity (Redis >= 6.2).
-- KEYS[1]  q:<project>:<view>:<version>:{<entity>}, a hash: tile start (decimal micros) -> tile
-- ARGV[1]  expire after write, in milliseconds; "0" means never.
-- ARGV[2]  retention in micros (largest window + hop); "0" keeps every tile (lifetime windows).
-- ARGV[3], ARGV[4], ...  pairs of tile start and tile bytes (TileCodec: bytes 6..13, 1-based,
--          are the created time as unsigned big-endian).
-- A tile replaces the stored one whole unless the stored one has a greater created time (a stale
-- recompute must not undo a newer one); equal created times overwrite, so re-runs are idempotent.
-- Then tiles starting before (newest start - retention) are deleted: no window can reach them.
-- Returns the number of tiles written. A call with a malformed tile writes nothing.
local function compare(a, b, from, to)
  for i = from, to do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x - y
    end
  end
  return 0
end

-- Tiles are read and written CHUNK at a time (one HMGET, one HSET), not one HGET and HSET each:
-- a call per tile was most of the server's time, and Lua's unpack takes a few thousand values.
local CHUNK = 512
local key = KEYS[1]
if #ARGV % 2 ~= 0 then
  return redis.error_reply('a tile start without its tile')
end
for i = 4, #ARGV, 2 do
  if #ARGV[i] < 13 then
    return redis.error_reply('tile too short: ' .. #ARGV[i] .. ' bytes')
  end
end
local written = 0
local latest = {} -- start -> the tile this call wrote last, so a repeated start sees it
for first = 3, #ARGV, 2 * CHUNK do
  local last = math.min(first + 2 * CHUNK - 1, #ARGV)
  local starts = {}
  for i = first, last, 2 do
    starts[#starts + 1] = ARGV[i]
  end
  local stored = redis.call('HMGET', key, unpack(starts))
  local updates = {}
  for j, start in ipairs(starts) do
    local tile = ARGV[first + 2 * j - 1]
    local old = latest[start] or stored[j]
    if not old or #old < 13 or compare(tile, old, 6, 13) >= 0 then
      latest[start] = tile
      updates[#updates + 1] = start
      updates[#updates + 1] = tile
      written = written + 1
    end
  end
  if #updates > 0 then
    redis.call('HSET', key, unpack(updates))
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
  local stale = {}
  for _, s in ipairs(starts) do
    if tonumber(s) < newest - retention then
      stale[#stale + 1] = s
    end
  end
  for first = 1, #stale, CHUNK do
    redis.call('HDEL', key, unpack(stale, first, math.min(first + CHUNK - 1, #stale)))
  end
end
local ttl = tonumber(ARGV[1])
if written > 0 and ttl > 0 then
  redis.call('PEXPIRE', key, ttl)
end
return written
