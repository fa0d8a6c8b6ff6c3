-- update: PUT /fhir/Patient/<id> of Patients the driver created beforehand (file after `--`,
-- one id a line; many ids, so that concurrent updates rarely wait on the same row lock).
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local common = dofile(here .. "common.lua")

local ids = {}
local n = 0

function init(args)
  common.seed()
  ids = common.read_lines(args[1])
end

function request()
  n = n + 1
  local id = common.pick(ids)
  local body = string.format(
    '{"resourceType":"Patient","id":"%s","identifier":[{"system":"urn:kerne:bench","value":"u-%s"}],' ..
    '"name":[{"family":"Benchupdate","given":["U%d"]}],"gender":"female","birthDate":"1980-01-%02d"}',
    id, id, n, math.random(1, 28))
  return wrk.format("PUT", "/fhir/Patient/" .. id, common.body_headers, body)
end
