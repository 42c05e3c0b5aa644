package dev.gitblog.content.ingest;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepoSpecTest {

    @Test
    void branchSuffix() {
        RepoSpec s = RepoSpec.parse("https://git.robur.coop/hannes/blog.git#main");
        assertEquals("https://git.robur.coop/hannes/blog.git", s.location());
        assertEquals("main", s.branch());
        assertNull(RepoSpec.parse("https://example.org/x.git").branch());
        assertNull(RepoSpec.parse("https://example.org/x.git#").branch());
    }

    @Test
    void localPathsBecomeAbsolute() {
        RepoSpec s = RepoSpec.parse("build/blog-repo#main");
        assertEquals(Path.of("build/blog-repo").toAbsolutePath().normalize().toString(), s.location());
        assertEquals("file:///srv/blog", RepoSpec.parse("file:///srv/blog").location());
        assertFalse(RepoSpec.parse("/srv/blog").isSsh());
    }

    @Test
    void sshForms() {
        assertTrue(RepoSpec.parse("ssh://git@example.org/blog.git#pages").isSsh());
        RepoSpec scp = RepoSpec.parse("git@github.com:hannesm/blog.git#main");
        assertTrue(scp.isSsh());
        assertEquals("git@github.com:hannesm/blog.git", scp.location());
    }

    @Test
    void credentialsAreMaskedForDisplay() {
        RepoSpec s = RepoSpec.parse("https://bot:t0ken@example.org/blog.git#main");
        assertEquals("https://***@example.org/blog.git#main", s.toString());
        assertFalse(s.toString().contains("t0ken"));
    }

    @Test
    void missingRepoIsAClearError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RepoSpec.parse(" "))
                .getMessage().contains("BLOG_REPO"));
        assertThrows(IllegalArgumentException.class, () -> RepoSpec.parse("#main"));
    }
}
