-- wrk script: DynamoDB requests for the HTTP benchmark (bench/http/run.sh).
--   wrk -s dynamo.lua URL -- OP KEYS MAX_REQUESTS
-- OP: get (GetItem on table "bench"), put (PutItem, ~200-byte items), query (Query on
-- "bench_q" returning 10 items). KEYS: key range (as prepare.py filled it). MAX_REQUESTS: each
-- wrk thread stops after this many responses (the run is also bounded by wrk's -d).
-- Prints one line "RESULT requests=.. duration_us=.. p50_us=.. p99_us=.. errors=.. non200=..".

local threads = {}

function setup(thread)
  thread:set("thread_id", #threads + 1)
  table.insert(threads, thread)
end

local op, keys, max_requests
local responses, non200 = 0, 0
local pad = string.rep("x", 150)

function init(args)
  op = args[1] or "get"
  keys = tonumber(args[2] or "1000")
  max_requests = tonumber(args[3] or "0")
  math.randomseed(thread_id * 7919 + os.time())
  local target = ({ get = "GetItem", put = "PutItem", query = "Query" })[op]
  assert(target, "unknown op " .. op)
  wrk.method = "POST"
  wrk.path = "/"
  wrk.headers["Content-Type"] = "application/x-amz-json-1.0"
  wrk.headers["X-Amz-Target"] = "DynamoDB_20120810." .. target
  wrk.headers["X-Amz-Date"] = "20260101T000000Z"
  wrk.headers["Authorization"] =
    "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, " ..
    "SignedHeaders=host;x-amz-date, Signature=" .. string.rep("0", 64)
end

function request()
  local k = math.random(0, keys - 1)
  local body
  if op == "get" then
    body = string.format('{"TableName":"bench","Key":{"pk":{"S":"k%06d"}}}', k)
  elseif op == "put" then
    body = string.format(
      '{"TableName":"bench","Item":{"pk":{"S":"k%06d"},"v":{"S":"%s"},"n":{"N":"%d"}}}',
      k, pad, responses)
  else
    body = string.format('{"TableName":"bench_q","KeyConditionExpression":"pk = :p",' ..
      '"ExpressionAttributeValues":{":p":{"S":"p%04d"}}}', k % math.max(1, math.floor(keys / 10)))
  end
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  responses = responses + 1
  if status ~= 200 then non200 = non200 + 1 end
  if max_requests > 0 and responses >= max_requests then wrk.thread:stop() end
end

function done(summary, latency, requests)
  local non200_total = 0
  for _, t in ipairs(threads) do non200_total = non200_total + (t:get("non200") or 0) end
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d errors=%d non200=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, non200_total))
end
