-- GETs of BENCH_PATH for a random room of the loaded data: {building} and {room} in the path are
-- replaced by building first_building + k / per_building and room 1 + k % per_building, for a
-- random k below BENCH_ROOMS.
local common = dofile(os.getenv("BENCH_LUA") .. "/common.lua")

local template = common.env("BENCH_PATH")
local rooms = tonumber(common.env("BENCH_ROOMS"))
local first_building = tonumber(os.getenv("BENCH_FIRST_BUILDING") or "1")
local per_building = tonumber(common.env("BENCH_PER_BUILDING"))

function request()
  local building, room = common.room(math.random(0, rooms - 1), first_building, per_building)
  local path = template:gsub("{building}", building):gsub("{room}", room)
  return wrk.format("GET", path)
end
