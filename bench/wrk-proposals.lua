-- wrk script: each request is a proposal to one popular job from the next
-- freelancer in a token file (each token used once: one proposal per freelancer),
-- and a JSON summary line for scripts/bench.sh. Threads take alternate tokens.
local tokens, path, body = {}, nil, nil
local threads, counter = {}, 0

function setup(thread)
  thread:set("index", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    tokens[#tokens + 1] = line
  end
  local job = io.open(args[2]):read("*l")
  path = "/api/v1/jobs/" .. job .. "/proposals"
  body = '{"cover_letter": "I have launched eleven products with copy that sold out the first batch; here is how I would approach yours.", '
    .. '"bid_amount": "850.00", "milestones": [{"title": "Launch page", "amount": "500.00"}, {"title": "Emails and press note", "amount": "350.00"}], '
    .. '"estimated_duration": "less_than_1_month", "answers": ["A bicycle light that sold out in a week."]}'
  step = tonumber(args[3])
  next_token = index + 1
end

function request()
  local token = tokens[next_token]
  next_token = next_token + step
  if token == nil then
    token = "exhausted"
  end
  return wrk.format("POST", path, {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token}, body)
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, "max_ms": %.2f, "errors": %d, "non_2xx": %d}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
