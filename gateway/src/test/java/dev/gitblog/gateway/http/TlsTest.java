package dev.gitblog.gateway.http;

import dev.gitblog.gateway.events.SnapshotHolder;
import dev.gitblog.gateway.pages.SitePages;
import dev.gitblog.gateway.site.SiteAssembler;
import dev.gitblog.gateway.site.SiteSnapshot;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.gitblog.gateway.ManagementInterface.management;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.hamcrest.Matchers.startsWith;

/** With Quarkus HTTPS on and blog.tls.redirect: HSTS over TLS only, plain HTTP site requests redirected. */
@QuarkusTest
@TestProfile(TlsTest.Tls.class)
class TlsTest {

    public static class Tls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Path keystore = selfSigned();
            return Map.of(
                    "quarkus.http.ssl.certificate.key-store-file", keystore.toString(),
                    "quarkus.http.ssl.certificate.key-store-password", "changeit",
                    "quarkus.http.test-ssl-port", "0",
                    "blog.tls.redirect", "true",
                    "blog.tls.https-port", "8443",
                    // every page would go out with sendfile over plain HTTP; TLS cannot carry it
                    "blog.page-store.sendfile-min-bytes", "1");
        }

        static Path selfSigned() {
            try {
                Path dir = Files.createTempDirectory("gateway-tls");
                Path keystore = dir.resolve("keystore.p12");
                Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                        "-genkeypair", "-alias", "gateway", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                        "-dname", "CN=localhost", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    throw new IllegalStateException("keytool failed");
                }
                return keystore;
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Inject
    SnapshotHolder holder;

    @Inject
    SitePages pages;

    @BeforeEach
    void serve() {
        holder.swap(TestSnapshots.seedLike("rev-tls", "x"));
    }

    @Test
    void httpsPagesCarryHsts() {
        given().relaxedHTTPSValidation().baseUri("https://localhost").port(https.getPort())
                .get("/Posts/ARP").then().statusCode(200)
                .header("Strict-Transport-Security", "max-age=31536000");
    }

    @Test
    void pageStoreFilesAreWrittenOverTlsToo() {
        SiteSnapshot stored = ComposedSiteTest.assemble(new SiteAssembler(pages.contentStore()),
                ComposedSiteTest.events());
        SiteSnapshot inHeap = ComposedSiteTest.assemble(ComposedSiteTest.events());
        holder.swap(stored);
        for (String path : List.of("Posts/ARP", "atom")) {
            byte[] body = given().relaxedHTTPSValidation().baseUri("https://localhost").port(https.getPort())
                    .get("/" + path).then().statusCode(200).extract().asByteArray();
            assertArrayEquals(inHeap.page(path).orElseThrow().body(), body, path);
        }
    }

    @Test
    void plainHttpIsRedirectedAndHasNoHsts() {
        given().redirects().follow(false).get("/Posts/ARP?x=1").then().statusCode(301)
                .header("Location", startsWith("https://localhost:8443/Posts/ARP?x=1"))
                .header("Strict-Transport-Security", nullValue());
        // probes keep working over plain HTTP
        management().get("/q/health/live").then().statusCode(200);
    }
}
