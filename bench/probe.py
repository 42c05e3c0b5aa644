#!/usr/bin/env python3
"""bench/probe.py: the HTTP side of the benchmark scenarios (Python 3 stdlib only).

    probe.py wait-full  --base URL --repo DIR --since-ms T [--sample 20] [--timeout 1800] --out FILE
        Polls /api/site until its revision is the repository's head, then a sample of article
        pages (200, title present, X-Blog-Revision = head), the section listings and /atom.
        Writes JSON: ms from T (epoch ms, the system start) to the first answer of /api/site, to the
        head revision, to all sampled pages served.

    probe.py republish  --base URL --repo DIR --secret S [--pushes 20] [--new 20] --out DIR
        Edits one article, commits, POSTs the signed webhook (X-Hub-Signature-256) to /hooks/git on
        the gateway and measures from the POST to the new text being served (conditional GETs with
        the ETag, so polling costs the gateway a 304). Then adds new articles one per push and
        measures until each shows in its listing, in /atom and as its own page.
        Writes edits.csv, new-posts.csv and prints a summary line.

    probe.py rss --pids DIR [--label L]
        Prints `label name pid rss_kb cpu_s` for every *.pid in DIR (VmRSS and utime+stime from /proc).

    probe.py timed --out FILE -- CMD...
        Runs CMD; appends `wall_ms,cpu_ms` (CPU = user+sys of CMD and its children) to FILE.
"""
import argparse
import hashlib
import hmac
import http.client
import json
import math
import os
import random
import subprocess
import sys
import time
import urllib.parse


class Http:
    """One keep-alive connection, reopened when the server closes it."""

    def __init__(self, base):
        u = urllib.parse.urlsplit(base)
        self.host, self.port = u.hostname, u.port or 80
        self.c = None

    def request(self, method, path, body=None, headers=None):
        for attempt in range(3):
            try:
                if self.c is None:
                    self.c = http.client.HTTPConnection(self.host, self.port, timeout=30)
                self.c.request(method, urllib.parse.quote(path, safe="/%?=&"), body=body, headers=headers or {})
                r = self.c.getresponse()
                data = r.read()
                return r.status, {k.lower(): v for k, v in r.getheaders()}, data
            except (ConnectionError, http.client.HTTPException, OSError):
                if self.c is not None:
                    self.c.close()
                self.c = None
                if attempt == 2:
                    return 0, {}, b""
                time.sleep(0.05)


def now_ms():
    return time.time() * 1000.0


def git(repo, *args, env=None):
    e = dict(os.environ)
    if env:
        e.update(env)
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, env=e).stdout.strip()


def articles(repo):
    """(path, title) of every article at head: files outside .config/ and static/ with a --- header."""
    out = []
    for path in git(repo, "ls-tree", "-r", "--name-only", "HEAD").splitlines():
        if path.startswith((".config/", "static/")):
            continue
        with open(os.path.join(repo, path), encoding="utf-8", errors="replace") as f:
            head = f.read(2000)
        if not head.startswith("---\n"):
            continue
        title = next((l[7:] for l in head.split("\n") if l.startswith("title: ")), None)
        out.append((path, title))
    return out


def html_text(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def wait_full(a):
    h = Http(a.base)
    head = git(a.repo, "rev-parse", "HEAD")
    arts = articles(a.repo)
    rng = random.Random(7)
    sample = rng.sample(arts, min(a.sample, len(arts)))
    sections = sorted({p.split("/")[0] for p, _ in arts if "/" in p})
    deadline = time.time() + a.timeout
    res = {"head": head, "articles": len(arts), "sample": len(sample)}
    while time.time() < deadline:
        st, _, body = h.request("GET", "/api/site")
        if st == 200:
            res.setdefault("first_api_site_ms", now_ms() - a.since_ms)
            site = json.loads(body)
            if site.get("revision") == head:
                res["head_revision_ms"] = now_ms() - a.since_ms
                break
        time.sleep(0.1)
    else:
        res["error"] = "head revision not served before the timeout"
        return finish(a, res)
    pending = [("/" + p, t) for p, t in sample] + [("/" + s, None) for s in sections] + [("/atom", None)]
    while pending and time.time() < deadline:
        left = []
        for path, title in pending:
            st, hd, body = h.request("GET", path)
            ok = st == 200 and (title is None or html_text(title).encode() in body)
            if ok and title is not None and hd.get("x-blog-revision") not in (None, head):
                ok = False
            if not ok:
                left.append((path, title))
        pending = left
        if pending:
            time.sleep(0.1)
    if pending:
        res["error"] = "not served before the timeout: " + ", ".join(p for p, _ in pending[:5])
    res["all_sampled_ms"] = now_ms() - a.since_ms
    return finish(a, res)


def finish(a, res):
    with open(a.out, "w") as f:
        json.dump(res, f, indent=1)
    print(json.dumps(res))
    return 0 if "error" not in res else 1


def sign(secret, body):
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def push(h, repo, secret):
    """POSTs the signed webhook for the repository's head; returns the POST time (epoch ms)."""
    head = git(repo, "rev-parse", "HEAD")
    body = json.dumps({"ref": "refs/heads/main", "after": head,
                       "repository": {"full_name": "bench/blog"}}).encode()
    t0 = now_ms()
    st, _, text = h.request("POST", "/hooks/git", body=body, headers={
        "Content-Type": "application/json", "X-Hub-Signature-256": sign(secret, body),
        "X-GitHub-Event": "push"})
    if st not in (200, 202, 204):
        raise SystemExit(f"probe.py: webhook answered {st}: {text[:200]!r}")
    return t0, head


class Watch:
    """Polls a page with If-None-Match until its body contains a needle; returns ms since t0."""

    def __init__(self, h, path):
        self.h, self.path, self.etag = h, path, None

    def check(self, needle):
        headers = {"If-None-Match": self.etag} if self.etag else {}
        st, hd, body = self.h.request("GET", self.path, headers=headers)
        if st == 200:
            self.etag = hd.get("etag")
            return needle in body
        return False


def poll(watches, t0, timeout):
    """watches: {name: (Watch, needle)} -> {name: ms from t0 to seen, or None}."""
    seen = {k: None for k in watches}
    deadline = time.time() + timeout
    while time.time() < deadline and any(v is None for v in seen.values()):
        for k, (w, needle) in watches.items():
            if seen[k] is None and w.check(needle):
                seen[k] = now_ms() - t0
        time.sleep(0.005)
    return seen


def push_once(a):
    """One signed webhook for the repository's head; prints the POST time (epoch ms)."""
    t0, _ = push(Http(a.base), a.repo, a.secret)
    print(t0)
    return 0


def pct(values, p):
    """Nearest-rank percentile."""
    v = sorted(values)
    return v[max(0, math.ceil(p / 100.0 * len(v)) - 1)]


def stats(values):
    if not values:
        return "n=0"
    return (f"n={len(values)} p50={pct(values, 50):.0f}ms p99={pct(values, 99):.0f}ms "
            f"max={max(values):.0f}ms")


def republish(a):
    os.makedirs(a.out, exist_ok=True)
    h = Http(a.base)
    watch_http = Http(a.base)
    env = {"GIT_AUTHOR_NAME": "Bench Bot", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "Bench Bot", "GIT_COMMITTER_EMAIL": "bench@example.invalid"}
    arts = sorted(p for p, _ in articles(a.repo) if p.startswith("Posts/"))
    target = arts[len(arts) // 3]
    nonce = "%08x" % random.SystemRandom().getrandbits(32)
    rows, edits = [], []
    page = Watch(watch_http, "/" + target)
    for i in range(a.pushes):
        marker = f"bench-edit-{nonce}-{i}"
        with open(os.path.join(a.repo, target), "a", encoding="utf-8") as f:
            f.write(f"\nEdited by the benchmark: {marker}.\n")
        git(a.repo, "commit", "-q", "-a", "-m", f"bench: edit {target} ({i})", env=env)
        t0, head = push(h, a.repo, a.secret)
        seen = poll({"page": (page, marker.encode())}, t0, a.timeout)
        ms = seen["page"]
        rows.append(f"{i},{target},{head},{'' if ms is None else f'{ms:.1f}'}")
        if ms is not None:
            edits.append(ms)
        print(f"  edit {i}: {'timeout' if ms is None else f'{ms:.0f} ms'}", file=sys.stderr)
    with open(os.path.join(a.out, "edits.csv"), "w") as f:
        f.write("push,path,revision,ms_to_served\n" + "\n".join(rows) + "\n")

    rows, listing, atom, article, both = [], [], [], [], []
    section = "Posts"
    lw, aw = Watch(watch_http, "/" + section), Watch(watch_http, "/atom")
    # a new post is as long as the corpus' own (its body is an existing article's): the feeds measured after
    # this scenario then hold ten articles of the usual size, not ten one-line posts
    bodies = sorted(p for p, _ in articles(a.repo) if p.startswith(section + "/"))
    for j in range(a.new):
        name = f"bench-new-{nonce}-{j}"
        path = f"{section}/{name}"
        title = f"Benchmark post {nonce} {j}"
        with open(os.path.join(a.repo, bodies[(j * 7919) % len(bodies)]), encoding="utf-8", errors="replace") as f:
            body = f.read().split("\n---\n", 1)[-1]
        with open(os.path.join(a.repo, path), "w", encoding="utf-8") as f:
            f.write(f"---\ntitle: {title}\nauthor: Bench Bot\ntags: benchmarks\n"
                    f"abstract: Added by bench/probe.py republish.\n---\nA new post, number {j}.\n\n{body}")
        git(a.repo, "add", path)
        git(a.repo, "commit", "-q", "-m", f"bench: new post {path}", env=env)
        t0, head = push(h, a.repo, a.secret)
        seen = poll({"listing": (lw, f'href="/{path}"'.encode()), "atom": (aw, path.encode()),
                     "page": (Watch(watch_http, "/" + path), title.encode())}, t0, a.timeout)
        vals = [seen["listing"], seen["atom"], seen["page"]]
        rows.append(f"{j},{path},{head}," + ",".join("" if v is None else f"{v:.1f}" for v in vals))
        for lst, v in ((listing, seen["listing"]), (atom, seen["atom"]), (article, seen["page"])):
            if v is not None:
                lst.append(v)
        if None not in vals:
            both.append(max(vals))
        print(f"  new {j}: " + ", ".join(f"{k} {'timeout' if v is None else f'{v:.0f} ms'}" for k, v in seen.items()),
              file=sys.stderr)
    with open(os.path.join(a.out, "new-posts.csv"), "w") as f:
        f.write("push,path,revision,ms_to_listing,ms_to_atom,ms_to_page\n" + "\n".join(rows) + "\n")
    summary = {
        "edit": stats(edits), "edit_timeouts": a.pushes - len(edits),
        "new_listing": stats(listing), "new_atom": stats(atom), "new_page": stats(article),
        "new_all_three": stats(both), "new_timeouts": a.new - len(both)}
    with open(os.path.join(a.out, "republish.json"), "w") as f:
        json.dump(summary, f, indent=1)
    print(f"republish: edit {summary['edit']} | new post in listing {summary['new_listing']}, "
          f"atom {summary['new_atom']}, all three {summary['new_all_three']} | timeouts "
          f"{summary['edit_timeouts']}+{summary['new_timeouts']}")
    return 0 if summary["edit_timeouts"] + summary["new_timeouts"] == 0 else 1


def cpu_seconds(pid):
    """utime + stime of a process (not of its reaped children), in seconds."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss(a):
    for f in sorted(os.listdir(a.pids)):
        if not f.endswith(".pid"):
            continue
        try:
            pid = open(os.path.join(a.pids, f)).read().strip()
            kb = next(l.split()[1] for l in open(f"/proc/{pid}/status") if l.startswith("VmRSS:"))
            cpu = cpu_seconds(pid)
        except (OSError, StopIteration, ValueError):
            continue
        print(a.label, f[:-4], pid, kb, f"{cpu:.1f}")
    return 0


def timed(a):
    import resource
    cmd = a.cmd[1:] if a.cmd and a.cmd[0] == "--" else a.cmd
    t0 = time.time()
    rc = subprocess.call(cmd)
    wall = (time.time() - t0) * 1000
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(a.out, "a") as f:
        f.write(f"{wall:.0f},{(ru.ru_utime + ru.ru_stime) * 1000:.0f}\n")
    return rc


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="sub", required=True)
    w = sub.add_parser("wait-full")
    w.add_argument("--base", required=True)
    w.add_argument("--repo", required=True)
    w.add_argument("--since-ms", type=float, required=True)
    w.add_argument("--sample", type=int, default=20)
    w.add_argument("--timeout", type=float, default=1800)
    w.add_argument("--out", required=True)
    r = sub.add_parser("republish")
    r.add_argument("--base", required=True)
    r.add_argument("--repo", required=True)
    r.add_argument("--secret", required=True)
    r.add_argument("--pushes", type=int, default=20)
    r.add_argument("--new", type=int, default=20)
    r.add_argument("--timeout", type=float, default=120)
    r.add_argument("--out", required=True)
    q = sub.add_parser("push")
    q.add_argument("--base", required=True)
    q.add_argument("--repo", required=True)
    q.add_argument("--secret", required=True)
    m = sub.add_parser("rss")
    m.add_argument("--pids", required=True)
    m.add_argument("--label", default="now")
    t = sub.add_parser("timed")
    t.add_argument("--out", required=True)
    t.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    return {"wait-full": wait_full, "republish": republish, "push": push_once, "rss": rss,
            "timed": timed}[a.sub](a)


if __name__ == "__main__":
    sys.exit(main())
