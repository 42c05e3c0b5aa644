package dev.gitblog.gateway.export;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.http.FakeContentService;
import dev.gitblog.gateway.http.TestSnapshots;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.DecoderConfig;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@WithTestResource(FakeContentService.class)
class ExportResourceTest {

    @Inject
    SnapshotHolder holder;

    SiteSnapshot snapshot;

    @BeforeEach
    void serve() {
        FakeContentService.comeUp();
        // without the static file content-service does not have
        SiteSnapshot s = TestSnapshots.seedLike("rev-export", "exported text");
        Map<String, SiteSnapshot.StaticRef> statics = new TreeMap<>(s.statics());
        statics.remove("static/missing.css");
        snapshot = new SiteSnapshot(s.revision(), s.commitTime(), s.site(), s.pages(), s.redirects(), statics,
                s.notFound(), s.articles(), s.tags(), s.exportFiles());
        holder.swap(snapshot);
    }

    @AfterEach
    void up() {
        FakeContentService.comeUp();
    }

    static Map<String, byte[]> untar(byte[] tgz) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new GzipCompressorInputStream(new ByteArrayInputStream(tgz)))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    files.put(e.getName(), tar.readAllBytes());
                }
            }
        }
        return files;
    }

    @Test
    void exportsPagesAndStaticBytes() throws IOException {
        Response r = given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get("/api/export");
        r.then().statusCode(200).contentType("application/gzip").header("X-Blog-Revision", "rev-export");
        Map<String, byte[]> files = untar(r.asByteArray());
        for (Map.Entry<String, dev.gitblog.gateway.site.Page> e : snapshot.exportFiles().entrySet()) {
            assertTrue(files.containsKey(e.getKey()), e.getKey() + " missing from " + files.keySet());
            assertArrayEquals(e.getValue().body(), files.get(e.getKey()), e.getKey());
        }
        assertArrayEquals(TestSnapshots.CSS.getBytes(StandardCharsets.UTF_8), files.get("static/css/style.css"));
        assertArrayEquals(TestSnapshots.FakeBlobs.PNG, files.get("static/img/x.png"));
        assertArrayEquals(TestSnapshots.FakeBlobs.BIG, files.get("static/big.bin"));
        assertFalse(files.keySet().stream().anyMatch(n -> n.startsWith(".config") || n.equals("Posts/About")));
        assertEquals(snapshot.exportFiles().size() + 3, files.size(), files.keySet().toString());
    }

    @Test
    void twoExportsOfOneRevisionAreIdentical() {
        byte[] a = given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get("/api/export").asByteArray();
        byte[] b = given().config(RestAssured.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders()))
                .get("/api/export").asByteArray();
        assertArrayEquals(a, b);
    }

    @Test
    void nothingToExportYet() {
        holder.swap(null);
        given().get("/api/export").then().statusCode(503).contentType("application/problem+json");
        holder.swap(snapshot);
    }
}
