-- read: GET /fhir/Patient/<id>, the id drawn at random from the file given after `--`
-- (the Patients' ids, fetched by the driver beforehand).
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local common = dofile(here .. "common.lua")

local requests = {}

function init(args)
  common.seed()
  for _, id in ipairs(common.read_lines(args[1])) do
    requests[#requests + 1] = wrk.format("GET", "/fhir/Patient/" .. id, common.json_headers)
  end
end

function request()
  return common.pick(requests)
end
