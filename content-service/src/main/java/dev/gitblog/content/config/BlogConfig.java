package dev.gitblog.content.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

import java.time.Duration;
import java.util.Optional;

/** Typed configuration of content-service ({@code blog.*}; env BLOG_REPO, BLOG_DATA, BLOG_HOOK_SECRET). */
@ConfigMapping(prefix = "blog")
public interface BlogConfig {

    /** The blog source: a local path or a file://, https:// or ssh:// URL, with an optional {@code #branch}. */
    Optional<String> repo();

    /** Folder for the bare clone ({@code <data>/content/clone.git}). */
    @WithDefault(".blog-data")
    String data();

    /** Webhook secret; without it every hook is refused. */
    @WithName("hook-secret")
    Optional<String> hookSecret();

    /** The Kafka key of the revision markers. */
    @WithName("source-id")
    @WithDefault("blog")
    String sourceId();

    /**
     * Preview mode (env BLOG_PREVIEW, set by {@code run.sh --preview PATH}): BLOG_REPO's work tree is served as
     * it is on disk, uncommitted and untracked files included, drafts shown with a mark, unparsable posts with
     * their reason; every change of the work tree is read again. Never for a published site.
     */
    @WithDefault("false")
    boolean preview();

    Hook hook();

    Git git();

    Publish publish();

    interface Hook {
        /** Largest accepted webhook body, in bytes. */
        @WithName("max-body")
        @WithDefault("1048576")
        int maxBody();

        /**
         * Hooks arriving while a fetch runs are folded into one more fetch, which starts once the running one
         * ends and no hook came for this long. 0 (the default): right after the running fetch; a hook that
         * finds nothing running always starts a fetch at once.
         */
        @WithName("quiet-period")
        @WithDefault("0ms")
        Duration quietPeriod();
    }

    interface Git {
        /** Poll the remote this often; {@code off} (the default) disables polling. */
        @WithName("poll-interval")
        @WithDefault("off")
        String pollInterval();

        /** Private key file for ssh:// remotes. */
        @WithName("ssh-key")
        Optional<String> sshKey();

        /** known_hosts file for ssh:// remotes (default: ~/.ssh/known_hosts). */
        @WithName("ssh-known-hosts")
        Optional<String> sshKnownHosts();

        /**
         * How a local BLOG_REPO (a path or file://) is read: {@code in-place} (the default: the author's
         * repository is opened where it is, read-only, no clone) or {@code clone} (a bare clone in the data
         * folder, fetched through JGit's transport like a remote). Remote URLs are always cloned.
         */
        @WithName("local-mode")
        @WithDefault("in-place")
        String localMode();

        /**
         * For a local BLOG_REPO: watch the branch's ref (and {@code packed-refs}) and publish every new commit
         * without a webhook (env BLOG_GIT_WATCH; {@code false} turns it off). Remote URLs are never watched.
         */
        @WithDefault("true")
        boolean watch();

        /**
         * The longest time between two checks of a watched ref, for file systems where watching is slow or
         * unreliable (macOS polls, network mounts miss events).
         */
        @WithName("watch-fallback")
        @WithDefault("2s")
        Duration watchFallback();

        /** First retry delay after a failed fetch or publish; doubles up to {@link #retryMax()}. */
        @WithName("retry-min")
        @WithDefault("1s")
        Duration retryMin();

        @WithName("retry-max")
        @WithDefault("60s")
        Duration retryMax();
    }

    interface Publish {
        /** Read back what is already on the compacted topics at start (off in tests: in-memory channels). */
        @WithName("read-back")
        @WithDefault("true")
        boolean readBack();

        /** How long to wait for the read-back before treating the broker as unavailable (and retrying). */
        @WithName("read-back-timeout")
        @WithDefault("30s")
        Duration readBackTimeout();

        /** How long to wait for the acknowledgements of one revision before retrying it. */
        @WithName("ack-timeout")
        @WithDefault("120s")
        Duration ackTimeout();
    }
}
