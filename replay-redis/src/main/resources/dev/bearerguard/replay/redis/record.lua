-- Bearerguard: record one jti, atomically with the generation marker and the fair share.
-- All keys share one hash tag (one slot), so this runs on one node of a cluster too.
-- KEYS[1] generation marker  (string: the instant in ms the group was found empty; 0 = declared new)
-- KEYS[2] the record         (string: fingerprint || nonce, expiring at ARGV[2])
-- KEYS[3] the key's records  (sorted set: record digest scored by its expiry)
-- KEYS[4] the group's count  (integer: members of all the keys' sets, an upper bound)
-- KEYS[5] the group's keys   (set: the key digests that have a sorted set)
-- ARGV[1] value  ARGV[2] expires at (ms)  ARGV[3] now (ms, the verifier's clock)
-- ARGV[4] valid from (ms)  ARGV[5] single use (1 or 0)  ARGV[6] clock tolerance (ms)
-- ARGV[7] most records of one key  ARGV[8] most records  ARGV[9] record digest
-- ARGV[10] key digest  ARGV[11] the prefix of the keys' sorted sets
-- Answers {code, born, created[, earlier value]}: 0 recorded, 1 live (earlier value), 2 lost,
-- 3 the key holds its share, 4 full.
local born = redis.call('GET', KEYS[1])
local created = 0
if not born then
  born = ARGV[3]
  redis.call('SET', KEYS[1], born)
  created = 1
end
local earlier = redis.call('GET', KEYS[2])
if earlier then
  return {1, born, created, earlier}
end
local lost = tonumber(born)
if ARGV[5] == '1' and lost > 0 and tonumber(ARGV[4]) < lost + tonumber(ARGV[6]) then
  return {2, born, created}
end
local now = ARGV[3]
-- Reads before writes: the record's SET is then the script's first write that needs memory, so a
-- Redis out of memory (maxmemory, noeviction) refuses it (OOM: 503) instead of letting it through.
if redis.call('ZCOUNT', KEYS[3], '(' .. now, '+inf') >= tonumber(ARGV[7]) then
  return {3, born, created}
end
local total = tonumber(redis.call('GET', KEYS[4]) or '0')
if total >= tonumber(ARGV[8]) then
  -- The count only ever over-counts (expired members are taken off lazily, and a key's set that
  -- expired whole took its members along): count again exactly before refusing.
  total = 0
  for _, k in ipairs(redis.call('SMEMBERS', KEYS[5])) do
    local z = ARGV[11] .. k
    redis.call('ZREMRANGEBYSCORE', z, '-inf', now)
    local c = redis.call('ZCARD', z)
    if c == 0 then
      redis.call('SREM', KEYS[5], k)
    end
    total = total + c
  end
  redis.call('SET', KEYS[4], total)
  if total >= tonumber(ARGV[8]) then
    return {4, born, created}
  end
end
redis.call('SET', KEYS[2], ARGV[1], 'NX', 'PXAT', ARGV[2])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[9])
if redis.call('PEXPIRETIME', KEYS[3]) < tonumber(ARGV[2]) then
  redis.call('PEXPIREAT', KEYS[3], ARGV[2])
end
redis.call('SADD', KEYS[5], ARGV[10])
redis.call('INCR', KEYS[4])
local gone = redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if gone > 0 then
  redis.call('DECRBY', KEYS[4], gone)
end
return {0, born, created}
