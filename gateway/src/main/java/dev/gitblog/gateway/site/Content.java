package dev.gitblog.gateway.site;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Function;

/**
 * Bytes the gateway serves or composes from, named by their hash: kept in the heap (tests, or the page
 * store turned off), as a file of the page store (the default for pages and their gzip variants) or read by
 * name from a store (the fragments' body HTML, in the page store's log of bodies), so that 5,000 composed
 * pages, their gzip variants and the bodies need not live in the heap.
 */
public sealed interface Content permits Content.InHeap, Content.OnDisk, Content.ReadByName {

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

    /**
     * Bytes in the page store: the whole file {@code file} ({@code offset} 0) or a region of one of its pack
     * files. Neither ever changes while it exists (a file's name is its hash; a pack is only appended to by
     * the build that writes it).
     */
    record OnDisk(String name, Path file, long offset, long length) implements Content {
        @Override
        public byte[] bytes() {
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
                ByteBuffer buf = ByteBuffer.allocate(Math.toIntExact(length));
                while (buf.hasRemaining()) {
                    if (ch.read(buf, offset + buf.position()) < 0) {
                        throw new IOException("ends before " + (offset + length) + " bytes");
                    }
                }
                return buf.array();
            } catch (IOException e) {
                throw new UncheckedIOException("page store file " + file + " is gone", e);
            }
        }
    }

    /**
     * Bytes a store reads by their name wherever it keeps them at the moment (never sent as a file: a
     * fragment's body, which pages and the JSON API read whole).
     */
    record ReadByName(String name, long length, Function<String, byte[]> reader) implements Content {
        @Override
        public byte[] bytes() {
            return reader.apply(name);
        }
    }
}
