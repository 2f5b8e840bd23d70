-- wrk script: submits each ready draft once. The draft ids are read from the file named by
-- SUBMIT_IDS (one per line); SUBMIT_CSRF is the session's form token. Thread n takes ids
-- n, n + threads, ...; a thread whose ids run out stops.
local threads = {}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  ids = {}
  for line in io.lines(os.getenv("SUBMIT_IDS")) do
    ids[#ids + 1] = line
  end
  stride = tonumber(os.getenv("SUBMIT_THREADS"))
  position = index + 1
  body = "csrf_token=" .. os.getenv("SUBMIT_CSRF")
  -- A table of our own replaces wrk's headers (with the -H cookie): copy them in.
  headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }
  for name, value in pairs(wrk.headers) do
    headers[name] = value
  end
end

function request()
  local id = ids[position]
  if id == nil then
    wrk.thread:stop()
    id = ids[#ids]
  end
  position = position + stride
  return wrk.format("POST", "/associations/" .. id .. "/submit", headers, body)
end
