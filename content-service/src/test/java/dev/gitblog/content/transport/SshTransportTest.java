package dev.gitblog.content.transport;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

import java.util.List;

/** ssh:// through JGit's Apache MINA transport with the key of blog.git.ssh-key, against a real ssh server. */
@QuarkusTest
@WithTestResource(SshRemoteResource.class)
class SshTransportTest extends RemoteTransportTestBase {

    @Override
    List<String> authErrorWords() {
        return List.of("authentication refused", "blog.git.ssh-key");
    }
}
