-- A provider's system raising incidents: 90% live, severities skewed to 3 and 4, a new title each time.
-- Environment: TOKEN (the provider's bearer token), DEPLOYMENT (its deployment id), OCCURRED_AT (an instant in
-- the past), and optionally THREAD_RATE: requests per second for each wrk thread, spread evenly with wrk's
-- delay() hook (an open schedule, never bursting to catch up); without it, each connection sends as fast as
-- it is answered.
dofile(os.getenv("BENCH_LUA") .. "/summary.lua")

local ffi = require("ffi")
ffi.cdef [[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]]
local timespec = ffi.new("bench_timespec")
local CLOCK_MONOTONIC = 1

local function now_ms()
  ffi.C.clock_gettime(CLOCK_MONOTONIC, timespec)
  return tonumber(timespec.tv_sec) * 1000 + tonumber(timespec.tv_nsec) / 1e6
end

local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN"), ["Content-Type"] = "application/json" }
local template = '{"deploymentId":' .. os.getenv("DEPLOYMENT") .. ',"phase":"%s","severity":%d,'
  .. '"title":"Bench incident %d","description":"Raised by bench/raise.sh",'
  .. '"occurredAt":"' .. os.getenv("OCCURRED_AT") .. '"}'
local severities = { 1, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4, 5, 5, 5, 5, 5 }
local rate = tonumber(os.getenv("THREAD_RATE") or "")
local sent = 0
local next_slot = 0

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
end

function request()
  sent = sent + 1
  local phase = math.random() < 0.9 and "LIVE" or "TEST"
  local body = string.format(template, phase, severities[math.random(#severities)], sent)
  return wrk.format("POST", "/api/v1/incidents", headers, body)
end

if rate then
  -- Each request takes the thread's next slot, 1/rate apart; a connection answered early waits for it.
  function delay()
    local now = now_ms()
    next_slot = math.max(next_slot + 1000 / rate, now)
    return next_slot - now
  end
end
