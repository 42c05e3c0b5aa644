#!/usr/bin/env python3
"""bench/generate.py: a deterministic blog corpus for the benchmarks.

    generate.py OUT [--posts N] [--seed S] [--hugo DIR]

OUT becomes a git repository in the Canopy layout (docs/FORMAT.md §1) on branch `main`:
  .config/{blog_name,index_page,root,uuid}, About, static/css/style.css, static/css/highlight.css,
  static/js/highlight.pack.js (a stub), static/img/figure-N.png, and N articles (8-15 KB of markdown
  each: headings, tight and loose lists, code fences with languages, links, images, emphasis, quotes;
  1-4 tags from a pool), about 9 in 10 under Posts/ and the rest under Notes/.
History: one commit for the configuration, About and static files, then one commit per new article,
with a third of the articles edited in later commits (an "Update" section appended); author dates
spread over about nine years, in a few time zones. Written with `git fast-import`, so thousands of
commits take seconds, then repacked with `git repack -a -d -f` (half a minute at 5,000 posts):
fast-import stores each blob as a delta of the one written before it, so the head's files would sit at
the end of long chains of unrelated posts, which no repository that git packed itself looks like. After
the repack the newest version of each file is whole and older ones are deltas of it, as in a pushed or
gc'd repository. The repository then holds the file `.git/bench-corpus-packed`; bench/ regenerates a
corpus without it.

--hugo DIR writes the same corpus (same articles, same edits, same dates) as a Hugo site, also a git
repository, so that `hugo --enableGitInfo` works: content/<Section>/<name>.md with YAML front
matter (title, author, tags, abstract, date = the created date), hugo's config, and a minimal theme in
the site's layouts/ that produces the Canopy page skeleton: single, list (sections and tag pages),
terms (the tag index), home, plus Hugo's built-in RSS for the home page, sections and tags.

Same --posts and --seed, same bytes, same commit ids (for the same git version). Python 3 stdlib only.
"""
import argparse
import os
import random
import subprocess
import sys
import zlib
import struct

WORDS = """
actor adapter allocation append archive array backoff balance batch binary blob broker buffer bundle
cache callback canary channel checksum chunk client clock cluster codec commit compaction component
config consumer container context cursor daemon deadline delta deploy digest dispatch document domain
driver entry event executor export fabric feature fetch field filter fragment frame function gateway
graph handler hash header heap history hook index inode instance interval journal kernel key latency
layer lease ledger library listener lock log manifest marker memory merge message metric module monitor
mutex namespace network node offset operator packet page parser partition patch payload pipeline pointer
policy pool port process producer profile protocol proxy queue quorum range reader record redirect
region registry release render replica request resolver resource response revision ring route runtime
sample scheduler schema scope segment selector sequence server service session shard signal snapshot
socket source span stack state storage stream subscriber switch symbol table tenant thread timer token
topic trace transaction tree tuple type unit update value vector version view volume watcher window
worker writer quiet careful simple small large stable fast slow eager lazy strict loose honest clear
plain steady warm cold fresh stale remote local shared private public open closed early late
""".split()
VERBS = """
reads writes sends receives builds breaks checks caches copies counts drops fetches flushes folds
hashes joins keeps loads maps merges moves parses polls pushes renders replays retries returns runs
scans serves sorts splits starts stops swaps tracks trims waits walks watches
""".split()
TAGS = """
mirageos ocaml java kafka git security networking tls dns performance testing deployment monitoring
protocol background overview release-notes unikernels reproducible-builds packaging databases
distributed-systems compilers functional-programming web http caching observability rust go linux
bsd hardware storage scheduling benchmarks tutorials opinion meetings talks book-reviews
""".split()
LANGS = ["ocaml", "java", "bash", "python", "json", "yaml", "c", "rust", "sql", "xml"]
SECTIONS = [("Posts", 9), ("Notes", 1)]
AUTHORS = ["Ada Brennan", "Lin Okafor", "Mira Santos", "Jon Tellefsen", "hannes"]
ZONES = [("+0000", 0), ("+0100", 3600), ("+0200", 7200), ("-0500", -18000), ("+0530", 19800)]
START = 1451606400  # 2016-01-01T00:00:00Z
SPAN = 9 * 365 * 86400
N_FIGURES = 8


class Text:
    """Deterministic prose from one random stream."""

    def __init__(self, rng):
        self.r = rng

    def words(self, lo, hi):
        return [self.r.choice(WORDS) for _ in range(self.r.randint(lo, hi))]

    def title(self):
        w = self.words(2, 6)
        return " ".join(w).capitalize()

    def inline(self, word, links):
        x = self.r.random()
        if x < 0.04:
            return "*" + word + "*"
        if x < 0.06:
            return "**" + word + "**"
        if x < 0.09:
            return "`" + word + "." + self.r.choice(VERBS) + "()`"
        if x < 0.105:
            return "[" + word + "](https://example.org/" + word + "/" + str(self.r.randint(1, 999)) + ")"
        if x < 0.115 and links:
            target = self.r.choice(links)
            return "[" + word + " " + self.r.choice(WORDS) + "](/" + target + ")"
        return word

    def sentence(self, links):
        w = self.words(3, 9) + [self.r.choice(VERBS)] + self.words(3, 10)
        w = [self.inline(x, links) for x in w]
        s = " ".join(w)
        return s[0].upper() + s[1:] + self.r.choice([".", ".", ".", "?", "!", ";", ":"])[0]

    def paragraph(self, links):
        return " ".join(self.sentence(links) for _ in range(self.r.randint(3, 7)))

    def tight_list(self, links, ordered=False):
        items = []
        for i in range(self.r.randint(3, 7)):
            mark = (str(i + 1) + ".") if ordered else self.r.choice(["-", "*"])
            items.append(mark + " " + self.sentence(links))
        return "\n".join(items)

    def loose_list(self, links):
        return "\n\n".join("- " + self.paragraph(links) for _ in range(self.r.randint(2, 4)))

    def code(self):
        lang = self.r.choice(LANGS)
        lines = []
        for _ in range(self.r.randint(5, 22)):
            indent = "  " * self.r.randint(0, 3)
            a, b, c = self.r.choice(WORDS), self.r.choice(VERBS), self.r.choice(WORDS)
            n = self.r.randint(0, 4096)
            form = self.r.randint(0, 5)
            if form == 0:
                lines.append(f'{indent}let {a}_{c} = {b} "{a} <{c}>" {n} in')
            elif form == 1:
                lines.append(f"{indent}{a}.{b}({c}, {n}); // {a} & {c}")
            elif form == 2:
                lines.append(f'{indent}if {a} > {n} {{ return "{c}" }}')
            elif form == 3:
                lines.append(f"{indent}# {a} {b} {c}")
            elif form == 4:
                lines.append(f'{indent}"{a}": {{"{c}": {n}, "ok": true}},')
            else:
                lines.append(f"{indent}{a} | {b} --{c}={n} > /tmp/{a}.out")
        return "```" + lang + "\n" + "\n".join(lines) + "\n```"

    def image(self):
        n = self.r.randrange(N_FIGURES)
        alt = " ".join(self.words(2, 4))
        if self.r.random() < 0.5:
            return f'![{alt}](/static/img/figure-{n}.png "{alt.capitalize()}")'
        return f"[![{alt}](/static/img/figure-{n}.png)](/static/img/figure-{n}.png)"

    def quote(self, links):
        return "> " + self.sentence(links) + "\n> " + self.sentence(links)

    def body(self, target, links):
        blocks = [self.paragraph(links)]
        size = len(blocks[0])
        while size < target:
            x = self.r.random()
            if x < 0.12:
                b = "## " + self.title()
            elif x < 0.18:
                b = "### " + self.title()
            elif x < 0.48:
                b = self.paragraph(links)
            elif x < 0.58:
                b = self.tight_list(links, ordered=self.r.random() < 0.3)
            elif x < 0.63:
                b = self.loose_list(links)
            elif x < 0.80:
                b = self.code()
            elif x < 0.88:
                b = self.image()
            elif x < 0.94:
                b = self.quote(links)
            else:
                b = self.paragraph(links)
            blocks.append(b)
            size += len(b.encode("utf-8")) + 2
        return "\n\n".join(blocks) + "\n"


def png(seed):
    """A tiny valid 4x4 greyscale PNG, different per seed."""
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)
    raw = b"".join(b"\x00" + bytes((seed * 37 + i * 11 + j * 5) % 256 for j in range(4)) for i in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


STYLE = b"""body { font-family: sans-serif; margin: 0 auto; max-width: 48em; }
.navbar { background: #234; color: #fff; }
.list-group-item { display: block; padding: .5em 0; }
pre { background: #f4f4f4; overflow-x: auto; }
"""
HIGHLIGHT_CSS = b".hljs { display: block; }\n"
HIGHLIGHT_JS = b"/* highlight.pack.js stub for the benchmark corpus */\nvar hljs = { initHighlightingOnLoad: function () {} };\n"


class Corpus:
    """The articles, their versions and the commit timeline, computed once from the seed."""

    def __init__(self, posts, seed):
        r = random.Random(seed)
        t = Text(r)
        self.seed = seed
        self.uuid = "%08x-%04x-4%03x-a%03x-%012x" % (r.getrandbits(32), r.getrandbits(16), r.getrandbits(12),
                                                      r.getrandbits(12), r.getrandbits(48))
        self.articles = []  # dicts: section, name, title, author, tags, abstract, body, update
        used = set()
        weights = [w for _, w in SECTIONS]
        for i in range(posts):
            section = r.choices([s for s, _ in SECTIONS], weights)[0]
            name = "-".join(t.words(2, 3))
            while name in used:
                name += "-" + str(r.randint(2, 99))
            used.add(name)
            links = [a["section"] + "/" + a["name"] for a in r.sample(self.articles, min(5, len(self.articles)))]
            tags = r.sample(TAGS, r.randint(1, 4))
            target = r.randint(8 * 1024, 15 * 1024 - 600)
            self.articles.append(dict(
                section=section, name=name, title=t.title(), author=r.choice(AUTHORS), tags=tags,
                abstract=t.sentence([]), body=t.body(target, links), update=None))
        # a third of the articles get one later edit; the edit comes after the article's addition
        events = [(float(i), "add", i) for i in range(posts)]
        for i in sorted(r.sample(range(posts), posts // 3)):
            a = self.articles[i]
            a["update"] = "## Update " + str(i) + "\n\n" + t.paragraph([]) + "\n\n" + t.tight_list([]) + "\n"
            events.append((i + 1 + r.random() * (posts - i), "edit", i))
        events.sort()
        self.events = [(kind, i) for _, kind, i in events]
        # author dates: one per commit (the first is the configuration commit), increasing with
        # exponential gaps over about nine years, in a few time zones
        n = len(self.events) + 1
        mean = SPAN / n
        when = START
        self.dates = []
        for _ in range(n):
            zone, offset = r.choice(ZONES)
            self.dates.append((int(when), zone))
            when += max(60.0, r.expovariate(1.0 / mean))
        self.about = ("## About this blog\n\n" + t.paragraph([]) + "\n\n" + t.tight_list([]) + "\n\n"
                      + t.paragraph([]) + "\n")

    def path(self, a):
        return a["section"] + "/" + a["name"]

    def markdown(self, a, edited):
        body = a["body"] + ("\n" + a["update"] if edited and a["update"] else "")
        return body


def canopy_file(a, body):
    head = ["---", "title: " + a["title"], "author: " + a["author"], "tags: " + ", ".join(a["tags"]),
            "abstract: " + a["abstract"], "---"]
    return ("\n".join(head) + "\n" + body).encode("utf-8")


def yaml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def iso(ts, zone):
    sign = 1 if zone[0] == "+" else -1
    off = sign * (int(zone[1:3]) * 3600 + int(zone[3:5]) * 60)
    import datetime
    tz = datetime.timezone(datetime.timedelta(seconds=off))
    return datetime.datetime.fromtimestamp(ts, tz).isoformat()


def hugo_file(a, body, created):
    head = ["---", "title: " + yaml_str(a["title"]), "author: " + yaml_str(a["author"]),
            "tags: [" + ", ".join(yaml_str(x) for x in a["tags"]) + "]",
            "abstract: " + yaml_str(a["abstract"]), "date: " + created, "---"]
    return ("\n".join(head) + "\n" + body).encode("utf-8")


HUGO_CONFIG = """baseURL: "http://localhost/"
title: "Bench Blog"
languageCode: "en"
disablePathToLower: true
disableKinds: ["sitemap", "robotsTXT", "404"]
taxonomies:
  tag: tags
outputs:
  home: ["HTML", "RSS"]
  section: ["HTML", "RSS"]
  taxonomy: ["HTML"]
  term: ["HTML", "RSS"]
services:
  rss:
    limit: 10
markup:
  goldmark:
    renderer:
      unsafe: true
  highlight:
    codeFences: false
params:
  indexPage: "Posts"
"""

HUGO_LAYOUTS = {
    "layouts/_default/baseof.html": """<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml"><head><title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title><meta charset="UTF-8"/><link rel="stylesheet" href="/static/css/style.css"/><link rel="stylesheet" href="/static/css/highlight.css"/><script src="/static/js/highlight.pack.js"></script><script>hljs.initHighlightingOnLoad();</script><link rel="alternate" href="/index.xml" title="{{ .Site.Title }}" type="application/rss+xml"/><meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/></head><body><nav class="navbar navbar-default navbar-fixed-top"><div class="container"><div class="navbar-header"><a class="navbar-brand" href="/{{ .Site.Params.indexPage }}">{{ .Site.Title }}</a></div><div class="collapse navbar-collapse collapse"><ul class="nav navbar-nav navbar-right"><li><a href="/About"><span>About</span></a></li>{{ range .Site.Sections }}<li><a href="{{ .RelPermalink }}"><span>{{ .Title }}</span></a></li>{{ end }}</ul></div></div></nav><main><div class="flex-container">{{ block "main" . }}{{ end }}</div></main></body></html>""",
    "layouts/_default/single.html": """{{ define "title" }}{{ .Title }}{{ end }}{{ define "main" }}<div class="post"><h2>{{ .Title }}</h2><span class="author">Written by {{ .Params.author }}</span><br/><div class="tags">Classified under: {{ range .Params.tags }}<a href="/tags/{{ . | urlize }}" class="tag">{{ . }}</a>{{ end }}</div><span class="date">Published: {{ .Date.UTC.Format "2006-01-02" }} (last updated: {{ .Lastmod.UTC.Format "2006-01-02" }})</span><article>{{ .Content }}</article></div>{{ end }}""",
    "layouts/partials/entry.html": """<a href="{{ .RelPermalink }}" class="list-group-item"><h2 class="list-group-item-heading">{{ .Title }}</h2><span class="author">Written by {{ .Params.author }}</span> <time datetime="{{ .Date.UTC.Format "2006-01-02T15:04:05Z" }}">{{ .Date.UTC.Format "2006-01-02" }}</time><br/><p class="list-group-item-text abstract">{{ .Params.abstract | markdownify }}</p></a>""",
    "layouts/_default/list.html": """{{ define "main" }}<div class="flex-container"><div class="list-group listing">{{ range .Pages.ByDate.Reverse }}{{ partial "entry.html" . }}{{ end }}</div></div>{{ end }}""",
    "layouts/_default/terms.html": """{{ define "main" }}<div class="flex-container"><div class="list-group listing">{{ range .Data.Terms.Alphabetical }}<a href="{{ .Page.RelPermalink }}" class="list-group-item">{{ .Page.Title }} ({{ .Count }})</a>{{ end }}</div></div>{{ end }}""",
    "layouts/index.html": """{{ define "main" }}<div class="flex-container"><div class="list-group listing">{{ range (where .Site.RegularPages "Section" .Site.Params.indexPage).ByDate.Reverse }}{{ partial "entry.html" . }}{{ end }}</div></div>{{ end }}""",
}


class FastImport:
    """Writes a `git fast-import` stream into a new repository."""

    def __init__(self, repo):
        if os.path.exists(repo) and os.listdir(repo):
            sys.exit(f"generate.py: {repo} exists and is not empty")
        os.makedirs(repo, exist_ok=True)
        self.repo = repo
        git(repo, "init", "-q")
        git(repo, "symbolic-ref", "HEAD", "refs/heads/main")
        git(repo, "config", "core.autocrlf", "false")
        git(repo, "config", "commit.gpgsign", "false")
        self.p = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=repo, stdin=subprocess.PIPE)
        self.out = self.p.stdin
        self.first = True
        self.commits = 0

    def commit(self, date, message, files, author):
        ts, zone = date
        w = self.out.write
        w(b"commit refs/heads/main\n")
        ident = f"{author} <{author.split()[0].lower()}@example.invalid> {ts} {zone}\n".encode("utf-8")
        w(b"author " + ident)
        w(b"committer " + ident)
        m = message.encode("utf-8")
        w(b"data %d\n" % len(m) + m + b"\n")
        self.first = False
        for path, data in files:
            w(b"M 100644 inline " + path.encode("utf-8") + b"\n")
            w(b"data %d\n" % len(data) + data + b"\n")
        w(b"\n")
        self.commits += 1

    def close(self):
        self.out.write(b"done\n")
        self.out.close()
        if self.p.wait() != 0:
            sys.exit("generate.py: git fast-import failed")
        # pack as git itself would (module docstring): -f computes every delta again, newest versions whole
        git(self.repo, "repack", "-a", "-d", "-f", "-q")
        with open(os.path.join(self.repo, ".git", PACKED_MARK), "w") as mark:
            mark.write("repacked with git repack -a -d -f after fast-import\n")
        # a working tree too: the benchmark edits and commits in it, hugo reads it
        git(self.repo, "checkout", "-q", "-f", "main")


PACKED_MARK = "bench-corpus-packed"


def git(repo, *args):
    subprocess.run(["git", *args], cwd=repo, check=True)


def write_canopy(c, out):
    fi = FastImport(out)
    base = [(".config/blog_name", b"Bench Blog\n"), (".config/index_page", b"Posts\n"),
            (".config/root", b"http://localhost:8080\n"), (".config/uuid", (c.uuid + "\n").encode()),
            ("About", canopy_file(dict(title="About", author=AUTHORS[0], tags=["background", "overview"],
                                       abstract="Who writes here, and why."), c.about)),
            ("static/css/style.css", STYLE), ("static/css/highlight.css", HIGHLIGHT_CSS),
            ("static/js/highlight.pack.js", HIGHLIGHT_JS)]
    base += [(f"static/img/figure-{n}.png", png(n + c.seed)) for n in range(N_FIGURES)]
    fi.commit(c.dates[0], "blog configuration, About page and static files", base, AUTHORS[0])
    for k, (kind, i) in enumerate(c.events, start=1):
        a = c.articles[i]
        edited = kind == "edit"
        msg = ("update " if edited else "new post: ") + c.path(a)
        fi.commit(c.dates[k], msg, [(c.path(a), canopy_file(a, c.markdown(a, edited)))], a["author"])
    fi.close()
    return fi.commits


def write_hugo(c, out):
    fi = FastImport(out)
    created = {}
    base = [("config.yaml", HUGO_CONFIG.encode()),
            ("content/About.md", hugo_file(dict(title="About", author=AUTHORS[0], tags=["background", "overview"],
                                                abstract="Who writes here, and why."), c.about,
                                           iso(*c.dates[0])))]
    for s, _ in SECTIONS:
        base.append((f"content/{s}/_index.md", f'---\ntitle: "{s}"\n---\n'.encode()))
    base += [(p, v.encode()) for p, v in HUGO_LAYOUTS.items()]
    base += [("static/static/css/style.css", STYLE), ("static/static/css/highlight.css", HIGHLIGHT_CSS),
             ("static/static/js/highlight.pack.js", HIGHLIGHT_JS)]
    base += [(f"static/static/img/figure-{n}.png", png(n + c.seed)) for n in range(N_FIGURES)]
    fi.commit(c.dates[0], "site configuration, theme, About page and static files", base, AUTHORS[0])
    for k, (kind, i) in enumerate(c.events, start=1):
        a = c.articles[i]
        edited = kind == "edit"
        if not edited:
            created[i] = iso(*c.dates[k])
        msg = ("update " if edited else "new post: ") + c.path(a)
        fi.commit(c.dates[k], msg, [("content/" + c.path(a) + ".md", hugo_file(a, c.markdown(a, edited), created[i]))],
                  a["author"])
    fi.close()
    return fi.commits


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out", help="the Canopy-layout repository to create")
    ap.add_argument("--posts", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--hugo", metavar="DIR", help="also write the corpus as a Hugo site (a git repository) here")
    args = ap.parse_args()
    c = Corpus(args.posts, args.seed)
    n = write_canopy(c, args.out)
    size = sum(len(canopy_file(a, c.markdown(a, True))) for a in c.articles)
    print(f"generate.py: {args.out}: {args.posts} articles ({size / 1e6:.1f} MB of markdown at head), "
          f"{n} commits on main, seed {args.seed}")
    if args.hugo:
        n = write_hugo(c, args.hugo)
        print(f"generate.py: {args.hugo}: the same corpus as a Hugo site, {n} commits")


if __name__ == "__main__":
    main()
