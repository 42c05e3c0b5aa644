package dev.gitblog.content.events;

import dev.gitblog.events.Entry;
import dev.gitblog.events.RevisionMarker;

import java.util.concurrent.CompletableFuture;

/**
 * Where content-service's publish goes: entries and tombstones on content.entries, markers on content.revisions
 * (docs/EVENTS.md). Each future completes when the broker acknowledged the record and fails when it did not, so
 * that the caller can send a marker only after every entry of its revision is on the broker.
 */
public interface EntrySink {

    CompletableFuture<Void> entry(Entry entry);

    CompletableFuture<Void> tombstone(String path);

    CompletableFuture<Void> marker(RevisionMarker marker);
}
