#!/usr/bin/env bash
# deploy/local/export.sh REPO OUTDIR [--branch NAME]
#
# Writes the site that the running gateway serves as static files, in the layout of the seed's `pages`
# branch (index.html, About, Posts/index.html, Posts/ARP, atom, tags/<tag>, static/...), from
# GET /api/export (a gzip'd tar of exactly the revision being served).
#
#   export.sh REPO OUTDIR                 unpack into OUTDIR (created if missing; files of the site are
#                                         overwritten, other files in OUTDIR are left alone)
#   export.sh REPO OUTDIR --branch pages  commit the files to branch `pages` of the git repository REPO
#                                         instead (an orphan branch the first time, then one commit per
#                                         export on top, message "updated from main (commit <revision>)").
#                                         The checked-out branch and working tree of REPO are not touched;
#                                         nothing is committed when the site did not change. OUTDIR is
#                                         not used in this mode (pass anything, e.g. -).
#
# REPO is the blog's git repository (a local path). In folder mode it is only used to warn when the
# served revision is not REPO's HEAD.
#
# Environment: GATEWAY_PORT (default 8080), GATEWAY_URL (default http://localhost:$GATEWAY_PORT).
set -euo pipefail

usage() {
    printf 'usage: %s REPO OUTDIR [--branch NAME]\n' "$(basename -- "$0")" >&2
    exit 2
}
die() {
    printf 'export.sh: %s\n' "$*" >&2
    exit 1
}

[ $# -ge 2 ] || usage
REPO=$1
OUTDIR=$2
shift 2
BRANCH=
while [ $# -gt 0 ]; do
    case $1 in
        --branch) [ $# -ge 2 ] || usage; BRANCH=$2; shift 2 ;;
        --branch=*) BRANCH=${1#--branch=}; shift ;;
        *) usage ;;
    esac
done

GATEWAY_URL=${GATEWAY_URL:-http://localhost:${GATEWAY_PORT:-8080}}
command -v curl >/dev/null || die "curl not found"
command -v tar >/dev/null || die "tar not found"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/gitblog-export.XXXXXX")
trap 'rm -rf -- "$WORK"' EXIT

# 1. download the archive of the served revision
rc=0
status=$(curl -sS -o "$WORK/site.tar.gz" -D "$WORK/headers" -w '%{http_code}' "$GATEWAY_URL/api/export") || rc=$?
case $rc in
    0) ;;
    7) die "cannot reach the gateway at $GATEWAY_URL (is the system running? GATEWAY_PORT=${GATEWAY_PORT:-8080})" ;;
    *) die "the download of $GATEWAY_URL/api/export broke off (curl exit $rc; see the gateway's log: a static file may be unavailable from content-service)" ;;
esac
[ "$status" = 200 ] || die "GET $GATEWAY_URL/api/export answered $status: $(head -c 300 "$WORK/site.tar.gz")"
REVISION=$(tr -d '\r' <"$WORK/headers" | sed -n 's/^[Xx]-[Bb]log-[Rr]evision: *//p' | tail -1)
[ -n "$REVISION" ] || die "the gateway did not say which revision it exported"

# 2. unpack into a fresh folder; refuse anything that would leave it (the gateway never sends such names)
mkdir -p "$WORK/site"
tar -tzf "$WORK/site.tar.gz" > "$WORK/names" 2>"$WORK/tar-errors" \
    || die "the archive from $GATEWAY_URL/api/export is incomplete or damaged; nothing written ($(head -c 200 "$WORK/tar-errors"))"
if grep -Eq '(^/|(^|/)\.\.(/|$))' "$WORK/names"; then
    die "the archive contains unsafe names; nothing written"
fi
tar -xzf "$WORK/site.tar.gz" -C "$WORK/site" --no-same-owner 2>"$WORK/tar-errors" \
    || die "cannot unpack the archive; nothing written ($(head -c 200 "$WORK/tar-errors"))"
FILES=$(find "$WORK/site" -type f | wc -l | tr -d ' ')

if [ -z "$BRANCH" ]; then
    mkdir -p "$OUTDIR"
    cp -R "$WORK/site/." "$OUTDIR/"
    if git -C "$REPO" rev-parse --verify -q HEAD >/dev/null 2>&1; then
        head=$(git -C "$REPO" rev-parse HEAD)
        [ "$head" = "$REVISION" ] || printf 'export.sh: note: the gateway serves %s, %s is at %s\n' \
            "$REVISION" "$REPO" "$head" >&2
    fi
    printf 'exported revision %s: %s files into %s\n' "$REVISION" "$FILES" "$OUTDIR"
    exit 0
fi

# 3. --branch: build a commit from the unpacked files with a private index, then move the branch
command -v git >/dev/null || die "git not found"
git -C "$REPO" rev-parse --git-dir >/dev/null 2>&1 || die "$REPO is not a git repository"
git check-ref-format --branch "$BRANCH" >/dev/null 2>&1 || die "invalid branch name: $BRANCH"
REF=refs/heads/$BRANCH
current=$(git -C "$REPO" symbolic-ref -q HEAD 2>/dev/null || true)
if [ "$current" = "$REF" ] && [ "$(git -C "$REPO" rev-parse --is-bare-repository)" = false ]; then
    die "$BRANCH is checked out in $REPO; export to another branch or check out something else first"
fi

export GIT_INDEX_FILE=$WORK/index
git -C "$REPO" --work-tree="$WORK/site" add --all --force -- . >/dev/null
TREE=$(git -C "$REPO" write-tree)
PARENT=$(git -C "$REPO" rev-parse -q --verify "$REF^{commit}" 2>/dev/null || true)
if [ -n "$PARENT" ] && [ "$(git -C "$REPO" rev-parse "$PARENT^{tree}")" = "$TREE" ]; then
    printf 'branch %s already holds revision %s (%s files): nothing to commit\n' "$BRANCH" "$REVISION" "$FILES"
    exit 0
fi
# an identity for the commit when the repository has none configured (the seed's commits are by a bot)
if [ -z "$(git -C "$REPO" config user.name || true)" ]; then
    export GIT_AUTHOR_NAME=${GIT_AUTHOR_NAME:-gitblog export} GIT_COMMITTER_NAME=${GIT_COMMITTER_NAME:-gitblog export}
fi
if [ -z "$(git -C "$REPO" config user.email || true)" ]; then
    export GIT_AUTHOR_EMAIL=${GIT_AUTHOR_EMAIL:-export@gitblog.invalid}
    export GIT_COMMITTER_EMAIL=${GIT_COMMITTER_EMAIL:-export@gitblog.invalid}
fi
MESSAGE="updated from main (commit $REVISION)"
if [ -n "$PARENT" ]; then
    COMMIT=$(git -C "$REPO" commit-tree "$TREE" -p "$PARENT" -m "$MESSAGE")
    git -C "$REPO" update-ref -m "export.sh: $MESSAGE" "$REF" "$COMMIT" "$PARENT"
else
    COMMIT=$(git -C "$REPO" commit-tree "$TREE" -m "$MESSAGE")
    git -C "$REPO" update-ref -m "export.sh: $MESSAGE" "$REF" "$COMMIT" ""
fi
printf 'committed revision %s to branch %s of %s: %s files, commit %s\n' "$REVISION" "$BRANCH" "$REPO" \
    "$FILES" "$(git -C "$REPO" rev-parse --short "$COMMIT")"
