#!/usr/bin/env python3
"""N stream listeners at once against one HTTP stream, for bench/fanout.sh (stdlib only).

Usage: listeners.py HOST PORT PATH N SECONDS BYTES_PER_SECOND [CONNECT_TIMEOUT]

Opens N TCP connections at once, sends a plain GET (HTTP/1.0, no Icy-MetaData header) on each,
records the time from the start of the run to the first body byte after a 200 status, then reads
for SECONDS from that first byte and closes. Prints one JSON object:
  connected    connections that got a 200 and a first body byte
  failed       the rest, with reasons
  first_byte_ms p50/p99/max over connected ones (measured from the common start)
  bytes        body bytes per connected listener: min/median/max
  dropped      connected listeners whose connection closed before SECONDS had passed
  starved      connected listeners with fewer body bytes than 95 % of BYTES_PER_SECOND * SECONDS
               (real time would give at least that much; dropped ones included)
  client_cpu_s CPU seconds this program used (user + system)
"""
import asyncio
import json
import os
import sys
import time


class Listener(asyncio.Protocol):
    def __init__(self, request, start, seconds, done):
        self.request = request
        self.start = start
        self.seconds = seconds
        self.done = done
        self.transport = None
        self.head = b""
        self.in_body = False
        self.status = None
        self.first_byte = None   # seconds after the common start
        self.bytes = 0
        self.closed_early = False
        self.error = None
        self.timer = None

    def connection_made(self, transport):
        self.transport = transport
        transport.write(self.request)

    def data_received(self, data):
        if not self.in_body:
            self.head += data
            end = self.head.find(b"\r\n\r\n")
            if end < 0:
                if len(self.head) > 65536:
                    self.fail("header too long")
                return
            line = self.head.split(b"\r\n", 1)[0].split()
            self.status = int(line[1]) if len(line) > 1 and line[1].isdigit() else None
            if self.status != 200:
                self.fail(f"status {self.status}")
                return
            self.in_body = True
            data = self.head[end + 4:]
            self.head = b""
        if data:
            if self.first_byte is None:
                self.first_byte = time.monotonic() - self.start
                self.timer = asyncio.get_running_loop().call_later(self.seconds, self.finish)
            self.bytes += len(data)

    def finish(self):
        if self.transport is not None:
            self.transport.abort()
        self._done()

    def fail(self, why):
        self.error = why
        if self.transport is not None:
            self.transport.abort()
        self._done()

    def connection_lost(self, exc):
        if not self.done.done():
            if self.first_byte is not None:
                self.closed_early = True
            elif self.error is None:
                self.error = "closed before first byte"
            self._done()

    def _done(self):
        if self.timer is not None:
            self.timer.cancel()
        if not self.done.done():
            self.done.set_result(None)


def pct(values, p):
    if not values:
        return None
    values = sorted(values)
    k = max(0, min(len(values) - 1, int(round(p / 100 * len(values) + 0.5)) - 1))
    return values[k]


async def one(loop, host, port, request, start, seconds, connect_timeout):
    done = loop.create_future()
    listener = Listener(request, start, seconds, done)
    try:
        await asyncio.wait_for(loop.create_connection(lambda: listener, host, port), connect_timeout)
    except Exception as e:  # refused, reset, timed out
        listener.error = f"connect: {type(e).__name__}"
        return listener
    try:
        # Whole budget: connect timeout for the first byte, then SECONDS of reading.
        await asyncio.wait_for(done, connect_timeout + seconds + 5)
    except asyncio.TimeoutError:
        if listener.first_byte is None:
            listener.error = "no first byte"
        listener.transport.abort()
    return listener


async def main():
    host, port, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    n, seconds, rate = int(sys.argv[4]), float(sys.argv[5]), float(sys.argv[6])
    connect_timeout = float(sys.argv[7]) if len(sys.argv) > 7 else 30.0
    request = (f"GET {path} HTTP/1.0\r\nHost: {host}:{port}\r\n"
               f"User-Agent: fanout-bench\r\nAccept: */*\r\n\r\n").encode()
    loop = asyncio.get_running_loop()
    start = time.monotonic()
    listeners = await asyncio.gather(
        *(one(loop, host, port, request, start, seconds, connect_timeout) for _ in range(n)))
    wall = time.monotonic() - start
    ok = [x for x in listeners if x.first_byte is not None]
    failed = [x for x in listeners if x.first_byte is None]
    reasons = {}
    for x in failed:
        reasons[x.error or "unknown"] = reasons.get(x.error or "unknown", 0) + 1
    threshold = 0.95 * rate * seconds
    fb = [x.first_byte * 1000 for x in ok]
    by = [x.bytes for x in ok]
    t = os.times()
    r = lambda v: None if v is None else round(v, 1)
    print(json.dumps({
        "listeners": n,
        "connected": len(ok),
        "failed": len(failed),
        "failed_reasons": reasons,
        "first_byte_ms": {"p50": r(pct(fb, 50)), "p99": r(pct(fb, 99)), "max": r(max(fb) if fb else None)},
        "bytes": {"min": min(by) if by else None, "median": pct(by, 50), "max": max(by) if by else None},
        "expected_bytes": round(rate * seconds),
        "dropped": sum(1 for x in ok if x.closed_early),
        "starved": sum(1 for x in ok if x.bytes < threshold),
        "seconds": seconds,
        "wall_s": round(wall, 2),
        "client_cpu_s": round(t.user + t.system, 2),
    }))


if __name__ == "__main__":
    asyncio.run(main())
