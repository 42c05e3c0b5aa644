#!/usr/bin/env bash
# example-repo.sh SRC DEST
#
# Turns the bundled example blog (examples/blog, plain files) into a git repository at DEST with a
# short, fixed history, so that created/updated dates, listings and the feed have something to show.
# Deterministic: fixed names, e-mails and dates. Needs git.
set -euo pipefail
SRC=$(cd "$1" && pwd)
DEST=$2
[ ! -e "$DEST" ] || { echo "example-repo.sh: $DEST exists" >&2; exit 1; }
mkdir -p "$DEST"
cd "$DEST"
git init -q
git symbolic-ref HEAD refs/heads/main
git config core.autocrlf false
git config commit.gpgsign false
export GIT_AUTHOR_NAME="Ada Brennan" GIT_AUTHOR_EMAIL="ada@example.invalid"
export GIT_COMMITTER_NAME="Ada Brennan" GIT_COMMITTER_EMAIL="ada@example.invalid"

commit() { # date message paths...
    local date=$1 msg=$2; shift 2
    local p
    for p in "$@"; do
        mkdir -p "$(dirname "$p")"
        cp -R "$SRC/$p" "$p"
        git add -- "$p"
    done
    GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git commit -q -m "$msg"
}
draft() { # date message path: the file without its last 4 lines (an earlier version)
    local date=$1 msg=$2 p=$3
    mkdir -p "$(dirname "$p")"
    head -n "$(( $(wc -l < "$SRC/$p") - 4 ))" "$SRC/$p" > "$p"
    git add -- "$p"
    GIT_AUTHOR_DATE="$date" GIT_COMMITTER_DATE="$date" git commit -q -m "$msg"
}

commit "2024-01-10T09:30:00+01:00" "blog configuration, About page and stylesheets" \
    .config/blog_name .config/index_page .config/root .config/uuid About static
draft  "2024-02-03T18:12:00+01:00" "new post: git as a CMS (draft)" Posts/git-as-cms
commit "2024-03-15T07:45:00+01:00" "new post: compacted topics; redirect the old About location" \
    Posts/compacted-topics Posts/About
commit "2024-05-20T21:05:00+02:00" "guides: first post, webhooks" Guides/first-post Guides/webhooks
commit "2024-08-02T12:00:00+02:00" "new post: stable feed ids" Posts/atom-ids
commit "2024-11-11T16:20:00+01:00" "new post on list rendering, static files guide, dated listings" \
    Posts/render-quirks Guides/static-files .config/timestamp-listings
commit "2025-01-05T10:00:00+01:00" "finish the git-as-CMS post" Posts/git-as-cms

# anything in SRC not committed above (added to the example later) goes in one last commit
cp -R "$SRC/." .
git add -A
if ! git diff --cached --quiet; then
    GIT_AUTHOR_DATE="2025-02-01T10:00:00+01:00" GIT_COMMITTER_DATE="2025-02-01T10:00:00+01:00" \
        git commit -q -m "the rest of the example blog"
fi
echo "example-repo.sh: $(git rev-list --count HEAD) commits on main at $DEST"
