package dev.gitblog.gateway.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes the gateway serves or composes from, named by their hash: kept in the heap (tests, or the page
 * store turned off) or as a file of the page store (the default), so that 5,000 composed pages, their gzip
 * variants and the fragments' body HTML need not live in the heap.
 */
public sealed interface Content permits Content.InHeap, Content.OnDisk {

    /** The content-addressed name: the first 128 bits of SHA-256 in hex, plus {@code .gz} for a gzip variant. */
    String name();

    long length();

    /** The bytes; read from disk for an {@link OnDisk} content (a worker thread's job, not an event loop's). */
    byte[] bytes();

    /** Bytes held in the heap. */
    record InHeap(String name, byte[] bytes) implements Content {
        @Override
        public long length() {
            return bytes.length;
        }
    }

    /** Bytes in a file of the page store; the file is never changed while it exists (its name is its hash). */
    record OnDisk(String name, Path file, long length) implements Content {
        @Override
        public byte[] bytes() {
            try {
                return Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("page store file " + file + " is gone", e);
            }
        }
    }
}
