-- The raw InfluxDB read of a long window from the rollups the service keeps in BENCH_ROLLUP_DB
-- (InfluxRollups): daily rollups for the whole UTC days and hourly ones around them, up to the hour
-- they are sealed until (three hours before the hour now), and readings for the edges and for what
-- is not sealed yet, all in one request, for a random room of the loaded data (see get.lua).
-- BENCH_INTERVAL_MS set: the hourly series of the window instead, rows per hour.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local rooms = tonumber(common.env("BENCH_ROOMS"))
local first_building = tonumber(os.getenv("BENCH_FIRST_BUILDING") or "1")
local per_building = tonumber(common.env("BENCH_PER_BUILDING"))
local window_ms = tonumber(common.env("BENCH_WINDOW_MS"))
local series = os.getenv("BENCH_INTERVAL_MS") ~= nil
local database = common.urlencode(common.env("INFLUX_BUCKET"))
local rollups = '"' .. common.env("BENCH_ROLLUP_DB") .. '"."autogen"'
local headers = {
  ["Authorization"] = "Token " .. common.env("INFLUX_TOKEN"),
  ["Accept"] = "application/json",
}
local HOUR, DAY = 3600000, 86400000

local function floor(ms, unit) return ms - ms % unit end
local function ceil(ms, unit) return floor(ms + unit - 1, unit) end

local function where(building, room, from, to)
  return " WHERE \"building_id\" = '" .. building .. "' AND \"room_id\" = '" .. room .. "'"
    .. " AND time >= " .. from .. "ms AND time < " .. to .. "ms"
end

local RAW = 'SELECT count("temperature") AS n, sum("temperature") AS total,'
  .. ' min("temperature") AS lowest, max("temperature") AS highest FROM "temperature"'
local ROLLUP = 'SELECT sum("n") AS n, sum("total") AS total, min("lowest") AS lowest,'
  .. ' max("highest") AS highest FROM '

function request()
  local building, room = common.room(math.random(0, rooms - 1), first_building, per_building)
  local to = os.time() * 1000 + 1
  local from = to - 1 - window_ms
  local sealed = floor(to - 3 * HOUR, HOUR)
  local h1 = math.min(ceil(from, HOUR), sealed)
  local statements = {}
  if series then
    table.insert(statements, 'SELECT "n", "total", "lowest", "highest" FROM ' .. rollups
      .. '."temperature_hourly"' .. where(building, room, h1, sealed))
    table.insert(statements, RAW .. where(building, room, from, h1) .. " GROUP BY time(1h)")
    table.insert(statements, RAW .. where(building, room, sealed, to) .. " GROUP BY time(1h)")
  else
    local d1 = math.min(ceil(h1, DAY), sealed)
    local d2 = math.max(d1, floor(sealed, DAY))
    table.insert(statements, RAW .. where(building, room, from, h1))
    table.insert(statements, ROLLUP .. rollups .. '."temperature_hourly"' .. where(building, room, h1, d1))
    table.insert(statements, ROLLUP .. rollups .. '."temperature_daily"' .. where(building, room, d1, d2))
    table.insert(statements, ROLLUP .. rollups .. '."temperature_hourly"' .. where(building, room, d2, sealed))
    table.insert(statements, RAW .. where(building, room, sealed, to))
  end
  local path = "/query?db=" .. database .. "&q=" .. common.urlencode(table.concat(statements, ";"))
    .. "&epoch=ms"
  return wrk.format("GET", path, headers)
end
