#!/usr/bin/env python3
"""Opens N idle subscribers on a gateway's GET /api/events and reports the gateway's resident memory.

    bench/sse-subscribers.py [--url http://localhost:8080] [--count 1000] [--hold 40] [--pid PID]

The gateway must be running (deploy/local/run.sh). Each subscriber is one TCP connection that sends the
request, reads the answer's head and the stream's opening, and then only reads (heartbeats). The script prints the
gateway's RSS (VmRSS of /proc/PID/status) before, with all subscribers connected, and after holding them for
--hold seconds (two heartbeats at the default 15 s), then closes them and prints it once more. It fails when a
subscriber was refused or got nothing. Without --pid the gateway is found as the process listening on the
URL's port (ss -ltnp). One line of results at the end, for BENCHMARKS.md.
"""
import argparse
import asyncio
import re
import resource
import subprocess
import sys
import time
from urllib.parse import urlparse


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError(f"no VmRSS for pid {pid}")


def listening_pid(port):
    out = subprocess.run(["ss", "-ltnpH", f"sport = :{port}"], capture_output=True, text=True).stdout
    m = re.search(r"pid=(\d+)", out)
    if not m:
        sys.exit(f"no process listens on port {port} (or ss cannot tell): pass --pid")
    return int(m.group(1))


class Subscriber:
    def __init__(self):
        self.first_event = asyncio.Event()
        self.heartbeats = 0
        self.error = None
        self.writer = None


async def subscribe(host, port, path, sub):
    try:
        reader, writer = await asyncio.open_connection(host, port)
        sub.writer = writer
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/event-stream\r\n\r\n".encode())
        await writer.drain()
        status = await reader.readline()
        if b" 200 " not in status:
            raise RuntimeError(status.decode(errors="replace").strip())
        while (await reader.readline()) not in (b"\r\n", b""):
            pass
        while True:  # chunked body: a size line, the chunk, CRLF
            size = await reader.readline()
            if not size:
                return
            n = int(size.strip() or b"0", 16)
            if n == 0:
                return
            chunk = await reader.readexactly(n + 2)
            sub.first_event.set()  # the stream's opening (an event, or a comment before the first revision)
            if b": heartbeat" in chunk:
                sub.heartbeats += 1
    except (OSError, RuntimeError, asyncio.IncompleteReadError) as e:
        sub.error = str(e) or type(e).__name__
        sub.first_event.set()


async def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://localhost:8080")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--hold", type=float, default=40.0)
    ap.add_argument("--pid", type=int)
    a = ap.parse_args()
    u = urlparse(a.url)
    host, port = u.hostname, u.port or 80
    pid = a.pid or listening_pid(port)
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < a.count + 64:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, a.count + 1024), hard))

    before = rss_kib(pid)
    print(f"gateway pid {pid}: RSS {before / 1024:.1f} MiB with no subscriber")
    subs = [Subscriber() for _ in range(a.count)]
    tasks = []
    for i, s in enumerate(subs):
        tasks.append(asyncio.create_task(subscribe(host, port, "/api/events", s)))
        if i % 100 == 99:
            await asyncio.sleep(0.05)  # let the gateway accept in batches
    await asyncio.wait_for(asyncio.gather(*(s.first_event.wait() for s in subs)), timeout=120)
    failed = [s.error for s in subs if s.error]
    connected = rss_kib(pid)
    print(f"{a.count - len(failed)} subscribers connected: RSS {connected / 1024:.1f} MiB")
    start = time.monotonic()
    await asyncio.sleep(a.hold)
    held = rss_kib(pid)
    beats = sorted(s.heartbeats for s in subs if not s.error)
    print(f"after {time.monotonic() - start:.0f} s idle: RSS {held / 1024:.1f} MiB; heartbeats per subscriber "
          f"min {beats[0] if beats else 0} median {beats[len(beats) // 2] if beats else 0}")
    for s in subs:
        if s.writer:
            s.writer.close()
    for t in tasks:
        t.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    await asyncio.sleep(2)
    closed = rss_kib(pid)
    print(f"subscribers closed: RSS {closed / 1024:.1f} MiB")
    print(f"sse-subscribers: {a.count} subscribers, {len(failed)} failed; gateway RSS MiB "
          f"idle {before / 1024:.0f}, connected {connected / 1024:.0f}, held {held / 1024:.0f}, closed {closed / 1024:.0f}; "
          f"+{(held - before) / a.count:.1f} KiB per subscriber")
    if failed:
        print("first failures:", failed[:5], file=sys.stderr)
        sys.exit(1)


asyncio.run(main())
