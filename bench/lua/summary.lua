-- Shared by the wrk scripts (loaded with dofile): prints one machine-readable line the bench scripts parse.
-- Latencies in microseconds; errors are non-2xx/3xx answers plus socket errors and timeouts.
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d seconds=%.3f errors=%d p50_us=%d p99_us=%d max_us=%d\n",
    summary.requests, summary.duration / 1e6, e.status + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50), latency:percentile(99), latency.max))
end
