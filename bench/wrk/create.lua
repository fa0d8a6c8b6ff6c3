-- create: POST /fhir/Patient with a small Patient (random name, gender, birth date and an
-- identifier), Prefer: return=representation (the default). No input file.
local here = debug.getinfo(1, "S").source:sub(2):match("(.*/)") or "./"
local common = dofile(here .. "common.lua")

local n = 0
local run = 0
local genders = { "male", "female", "other", "unknown" }

function init(args)
  common.seed()
  run = math.random(1, 1e9)
end

function request()
  n = n + 1
  local body = string.format(
    '{"resourceType":"Patient","identifier":[{"system":"urn:kerne:bench","value":"c-%d-%d"}],' ..
    '"name":[{"family":"Benchcreate","given":["G%d"]}],"gender":"%s","birthDate":"%04d-%02d-%02d"}',
    run, n, math.random(1, 1e6), common.pick(genders), math.random(1930, 2020), math.random(1, 12), math.random(1, 28))
  return wrk.format("POST", "/fhir/Patient", common.body_headers, body)
end
