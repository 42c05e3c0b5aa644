package dev.gitblog.gateway.site;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.FeedDocument;
import dev.gitblog.events.Fragment;
import dev.gitblog.events.RevisionMarker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Small factories for the event records, as the other services would send them. */
final class Events {

    private Events() {
    }

    static Entry article(String path, String revision, String hash, String title, String author, List<String> tags,
                         String abstractText, Instant created, Instant updated) {
        return new Entry(Entry.SCHEMA_VERSION, path, EntryKind.ARTICLE, revision, hash, created, updated,
                new Entry.Article(title, author, null, abstractText, tags, Map.of(), "body of " + path, "commonmark"),
                null, null, null, null, List.of());
    }

    static Entry articleWithUrl(String path, String revision, String hash, String title, String author,
                                String authorUrl, Instant created) {
        return new Entry(Entry.SCHEMA_VERSION, path, EntryKind.ARTICLE, revision, hash, created, created,
                new Entry.Article(title, author, authorUrl, null, List.of(), Map.of(), "x", "commonmark"),
                null, null, null, null, List.of());
    }

    static Entry config(String name, String value, String revision) {
        return new Entry(Entry.SCHEMA_VERSION, ".config/" + name, EntryKind.CONFIG, revision, "h-" + name + value,
                Instant.EPOCH, Instant.EPOCH, null, null, new Entry.Config(value), null, null, List.of());
    }

    static Entry redirect(String path, String target, String revision) {
        return new Entry(Entry.SCHEMA_VERSION, path, EntryKind.REDIRECT, revision, "h-" + path, Instant.EPOCH,
                Instant.EPOCH, null, new Entry.Redirect(target), null, null, null, List.of());
    }

    static Entry staticFile(String path, String hash, String mediaType, long size, String revision, Instant updated) {
        return new Entry(Entry.SCHEMA_VERSION, path, EntryKind.STATIC, revision, hash, updated, updated, null, null,
                null, new Entry.StaticAsset(mediaType, size), null, List.of());
    }

    static Entry invalid(String path, String reason, String revision) {
        return new Entry(Entry.SCHEMA_VERSION, path, EntryKind.INVALID, revision, "h-" + path, Instant.EPOCH,
                Instant.EPOCH, null, null, null, null, new Entry.Invalid(reason, 2), List.of());
    }

    static Fragment fragment(String path, String revision, String hash, String bodyHtml, String abstractHtml) {
        return new Fragment(Fragment.SCHEMA_VERSION, path, revision, hash, "test-1", bodyHtml, abstractHtml, "",
                List.of(), List.of(), List.of(), null);
    }

    static Fragment errorFragment(String path, String revision, String hash, String error) {
        return new Fragment(Fragment.SCHEMA_VERSION, path, revision, hash, "test-1", "<p>(not rendered)</p>\n", null,
                "", List.of(), List.of(), List.of(), error);
    }

    static FeedDocument atom(String revision, String body) {
        return new FeedDocument(FeedDocument.SCHEMA_VERSION, "atom", revision, "application/atom+xml", body, 1,
                List.of());
    }

    static FeedDocument feed(String path, String revision, String mediaType, String body) {
        return new FeedDocument(FeedDocument.SCHEMA_VERSION, path, revision, mediaType, body, 1, List.of());
    }

    static RevisionMarker marker(String revision, String previous, Instant commitTime, List<String> changed,
                                 List<String> removed, int entryCount) {
        return new RevisionMarker(RevisionMarker.SCHEMA_VERSION, "blog", revision, previous, commitTime, changed,
                removed, entryCount, commitTime);
    }
}
