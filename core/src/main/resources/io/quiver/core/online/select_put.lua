-- Quiver online store: write the latest value of a select view for one entity (Redis >= 6.2).
-- KEYS[1]  q:<project>:<view>:<version>:{<entity>}
-- ARGV[1]  the record (SelectRecordCodec): bytes 6..21 (1-based) are (event_time, created) as
--          unsigned big-endian, so a byte-wise comparison orders them.
-- ARGV[2]  expire after write, in milliseconds; "0" means never.
-- Replaces the stored record only when the new one has a greater (event_time, created); an equal
-- one changes nothing, so re-running a window is idempotent.
-- Returns 1 when written, 0 when the stored record was kept.
local function compare(a, b, from, to)
  for i = from, to do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then
      return x - y
    end
  end
  return 0
end

local new = ARGV[1]
if #new < 21 then
  return redis.error_reply('select record too short: ' .. #new .. ' bytes')
end
local old = redis.call('GET', KEYS[1])
if old and #old >= 21 and compare(new, old, 6, 21) <= 0 then
  return 0
end
local ttl = tonumber(ARGV[2])
if ttl > 0 then
  redis.call('SET', KEYS[1], new, 'PX', ttl)
else
  redis.call('SET', KEYS[1], new)
end
return 1
