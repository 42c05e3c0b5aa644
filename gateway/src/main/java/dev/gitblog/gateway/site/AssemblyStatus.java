package dev.gitblog.gateway.site;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the assembly stands, for readiness and {@code /api/site}.
 *
 * @param newestRevision    revision of the newest marker seen, null before the first marker
 * @param newestPublishedAt when content-service sent that marker (republish latency), or null
 * @param servedRevision    revision of the last snapshot {@link SiteAssembler#completeSnapshot()} returned, or null
 * @param entries           live entries held now
 * @param expectedEntries   the newest marker's entry count, or -1 before the first marker
 * @param missing           what the newest marker still waits for, in the reader's words (at most
 *                          {@link SiteAssembler#STATUS_MISSING_LIMIT} items); empty when complete
 * @param pagesRecomposed   pages composed anew for the last snapshot
 * @param pagesReused       pages taken unchanged from the previous snapshot
 * @param composeMillis     time the last snapshot took to build
 * @param storeProblem      why the page store cannot take the newest records or pages now (the gateway keeps
 *                          serving what it serves and tries again), or null
 */
public record AssemblyStatus(
        String newestRevision,
        Instant newestPublishedAt,
        String servedRevision,
        int entries,
        int expectedEntries,
        List<String> missing,
        int pagesRecomposed,
        int pagesReused,
        long composeMillis,
        String storeProblem) {

    public AssemblyStatus {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }

    /** This status with {@code problem} as its {@link #storeProblem()} (null: none). */
    public AssemblyStatus withStoreProblem(String problem) {
        return new AssemblyStatus(newestRevision, newestPublishedAt, servedRevision, entries, expectedEntries, missing,
                pagesRecomposed, pagesReused, composeMillis, problem);
    }

    /**
     * What the newest revision waits for, for readers of {@code /api/site} and readiness: the page store's
     * problem first, then what is missing while the newest revision is not served.
     */
    public List<String> waitingFor() {
        List<String> waiting = new ArrayList<>();
        if (storeProblem != null) {
            waiting.add(storeProblem);
        }
        if (!caughtUp()) {
            waiting.addAll(missing);
        }
        return List.copyOf(waiting);
    }

    /** True when the newest marker seen has been turned into the snapshot last returned. */
    public boolean caughtUp() {
        return newestRevision != null && newestRevision.equals(servedRevision);
    }

    /** True when the newest marker has everything it needs (a snapshot can be or has been built). */
    public boolean complete() {
        return newestRevision != null && missing.isEmpty();
    }
}
