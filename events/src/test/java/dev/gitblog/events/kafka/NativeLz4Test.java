package dev.gitblog.events.kafka;

import net.jpountz.lz4.LZ4Factory;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NativeLz4Test {

    /**
     * lz4-java and this class in a class loader of their own, as a Quarkus service loads them: lz4-java's fastest
     * codec is its Java one until {@link NativeLz4#load()} has run, and its native one after.
     */
    @Test
    void underAClassLoaderOtherThanTheSystemOneTheNativeCodecIsLoadedFirst() throws Exception {
        URL lz4 = LZ4Factory.class.getProtectionDomain().getCodeSource().getLocation();
        URL events = NativeLz4.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader service = new URLClassLoader(new URL[] {lz4, events}, ClassLoader.getPlatformClassLoader())) {
            Class<?> factory = service.loadClass(LZ4Factory.class.getName());
            Class<?> nativeLz4 = service.loadClass(NativeLz4.class.getName());
            assertNotEquals("LZ4Factory:JNI", factory.getMethod("fastestInstance").invoke(null).toString(),
                    "lz4-java loads its native library by itself only from the system class loader");

            String loaded = (String) nativeLz4.getMethod("load").invoke(null);

            assertTrue(loaded.startsWith("lz4-java's native library"), loaded);
            assertEquals("LZ4Factory:JNI", factory.getMethod("fastestInstance").invoke(null).toString());
        }
    }
}
