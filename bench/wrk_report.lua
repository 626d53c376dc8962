-- Prints wrk's summary as one JSON line that bench/common.py reads (latencies in ms).
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'WRK_JSON {"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, ' ..
    '"non2xx": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
