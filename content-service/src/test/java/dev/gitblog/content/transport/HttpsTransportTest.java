package dev.gitblog.content.transport;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** https:// with a token in BLOG_REPO, against a real HTTPS git server (smart protocol, TLS). */
@QuarkusTest
@WithTestResource(HttpsRemoteResource.class)
class HttpsTransportTest extends RemoteTransportTestBase {

    @Override
    List<String> authErrorWords() {
        return List.of("authentication refused", "token in blog_repo");
    }
}
