package dev.gitblog.gateway.site;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The static export (docs/FORMAT.md §3.9) as a gzip'd tar: the snapshot's export files plus the static
 * files, in the seed's {@code pages} layout. Entries are sorted by name and dated from the snapshot
 * (page Last-Modified, static {@code updated}), so two replicas write the same archive for the same
 * revision. Static bytes come from the caller ({@code Function<StaticRef, InputStream>}, e.g. the blob
 * cache); the stream is closed after copying.
 */
public final class ExportArchive {

    private ExportArchive() {
    }

    /** Writes the archive to {@code out} (not closed: the caller owns it; the gzip trailer is written). */
    public static void write(SiteSnapshot snapshot, Function<SiteSnapshot.StaticRef, InputStream> staticBytes,
                             OutputStream out) throws IOException {
        Map<String, Object> files = new TreeMap<>();
        for (Map.Entry<String, Page> e : snapshot.exportFiles().entrySet()) {
            if (ExportNames.exportable(e.getKey())) {
                files.put(e.getKey(), e.getValue());
            }
        }
        for (SiteSnapshot.StaticRef ref : snapshot.statics().values()) {
            if (ExportNames.exportable(ref.path()) && !files.containsKey(ref.path())) {
                files.put(ref.path(), ref);
            }
        }
        TreeSet<String> directories = new TreeSet<>();
        for (String name : files.keySet()) {
            for (int i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
                directories.add(name.substring(0, i + 1));
            }
        }
        Date dirTime = Date.from(snapshot.commitTime() == null ? Instant.EPOCH : snapshot.commitTime());

        GzipCompressorOutputStream gz = new GzipCompressorOutputStream(new NonClosing(out));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(gz, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (String dir : directories) {
                TarArchiveEntry entry = new TarArchiveEntry(dir);
                entry.setModTime(dirTime);
                tar.putArchiveEntry(entry);
                tar.closeArchiveEntry();
            }
            for (Map.Entry<String, Object> f : files.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(f.getKey());
                entry.setMode(TarArchiveEntry.DEFAULT_FILE_MODE);
                if (f.getValue() instanceof Page page) {
                    entry.setSize(page.body().length);
                    entry.setModTime(Date.from(page.lastModified() == null ? dirTime.toInstant() : page.lastModified()));
                    tar.putArchiveEntry(entry);
                    tar.write(page.body());
                } else {
                    SiteSnapshot.StaticRef ref = (SiteSnapshot.StaticRef) f.getValue();
                    entry.setSize(ref.size());
                    entry.setModTime(Date.from(ref.updated() == null ? dirTime.toInstant() : ref.updated()));
                    tar.putArchiveEntry(entry);
                    long copied;
                    try (InputStream in = staticBytes.apply(ref)) {
                        if (in == null) {
                            throw new IOException("no bytes for " + ref.path());
                        }
                        copied = in.transferTo(tar);
                    }
                    if (copied != ref.size()) {
                        throw new IOException(ref.path() + ": got " + copied + " bytes, expected " + ref.size());
                    }
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    /** Lets the tar/gzip streams finish without closing the caller's stream. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
