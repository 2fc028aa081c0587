-- GETs one path with a bearer token, one request after another per connection.
-- Environment: TOKEN, URL_PATH; with IDS_FILE (one id a line) each request appends a random id from it.
dofile(os.getenv("BENCH_LUA") .. "/summary.lua")

local headers = { ["Authorization"] = "Bearer " .. os.getenv("TOKEN") }
local path = os.getenv("URL_PATH")
local ids = {}

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16))
  local file = os.getenv("IDS_FILE")
  if file and file ~= "" then
    for line in io.lines(file) do ids[#ids + 1] = line end
  end
end

function request()
  local target = #ids > 0 and path .. ids[math.random(#ids)] or path
  return wrk.format("GET", target, headers)
end
