-- get: GET /fhir/<line>, the line drawn at random from the file given after `--`: `Patient/<id>`
-- for reads, or a search (the driver checks beforehand that every query returns the expected page:
--   token:  Observation?code=http://loinc.org|<code>&_count=20
--   date:   Observation?date=ge<month start>&date=lt<next month>&_count=20
--   chain:  Observation?subject:Patient.name=<family>&_count=20).
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local common = dofile(here .. "common.lua")

local requests = {}

function init(args)
  common.seed()
  for _, q in ipairs(common.read_lines(args[1])) do
    requests[#requests + 1] = wrk.format("GET", "/fhir/" .. q, common.json_headers)
  end
end

function request()
  return common.pick(requests)
end
