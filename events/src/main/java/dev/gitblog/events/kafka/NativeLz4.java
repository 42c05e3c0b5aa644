package dev.gitblog.events.kafka;

import net.jpountz.lz4.LZ4Factory;
import net.jpountz.util.Native;

/**
 * Kafka's LZ4 codec on lz4-java's native library. Kafka's LZ4 streams ask lz4-java for its fastest codec
 * ({@link LZ4Factory#fastestInstance()}), and lz4-java loads the native library it bundles by itself only when
 * its own classes come from the system class loader. A Quarkus service loads them with its own class loader, so
 * every batch its Kafka clients wrote or read went through lz4-java's pure-Java safe code: a third of
 * feed-service's Kafka consumer thread in a profile of a 5,000-post push. Loaded here first, the fastest codec
 * is the native one (docs/PIPELINE.md, "LZ4 in native code").
 *
 * <p>Call once at start, before any Kafka client reads a batch: Kafka's LZ4 input stream keeps the decompressor
 * it got first for the life of the JVM. Where the library cannot load (a platform lz4-java has no build for, no
 * writable temporary folder), everything works as before, in Java.
 */
public final class NativeLz4 {

    private NativeLz4() {
    }

    /** Loads the native library if it can; answers which codec Kafka's LZ4 streams get, for the start-up log. */
    public static String load() {
        try {
            Native.load();
        } catch (LinkageError | RuntimeException e) {
            return "lz4-java's pure-Java code (its native library did not load: " + e + ")";
        }
        return "lz4-java's native library (" + LZ4Factory.fastestInstance() + ")";
    }
}
