package dev.gitblog.gateway.notify;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Reads the revision markers in the consumer group that every gateway replica shares and hands them to the
 * notifier one at a time, on one thread: poll, handle, commit, poll again.
 *
 * <p>Why a plain consumer and this loop: Kafka moves a partition from one member to another only inside
 * {@code poll()}. The group coordinator waits for every member to come back to {@code poll()} (up to
 * {@code max.poll.interval.ms}) before it hands a partition to another member. Because the marker is handled
 * between two polls on this thread, and its offset is committed before the next poll, a hand-over always falls
 * between two markers, after the commit: the replica that takes over starts at the next marker. (A consumer that
 * polls on one thread and handles on another, as a reactive messaging channel does, can lose the partition while a
 * delivery is in flight, and the next owner delivers it again.)
 *
 * <p>A marker whose revision this gateway does not serve yet is not held: the handler answers "not yet", the
 * position goes back to it, and it comes again after the next poll, which also lets a waiting hand-over happen.
 */
public final class MarkerConsumer implements Runnable {

    /** What to do with one marker. */
    public interface Handler {
        /**
         * Handles the marker's JSON (null for a tombstone). Returns true when it is done with (delivered, or
         * nothing to deliver), false when its revision is not served yet and it should come again later.
         */
        boolean handle(String value) throws InterruptedException;
    }

    private static final Logger LOG = Logger.getLogger(MarkerConsumer.class);

    private final Consumer<String, String> consumer;
    private final String topic;
    private final Handler handler;
    private final Duration pollTimeout;
    private final Duration retryWait;
    private final Set<TopicPartition> owned = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    public MarkerConsumer(Consumer<String, String> consumer, String topic, Handler handler, Duration pollTimeout) {
        this(consumer, topic, handler, pollTimeout, Duration.ofSeconds(5));
    }

    /** @param retryWait how long to wait before polling again after reading the markers failed */
    MarkerConsumer(Consumer<String, String> consumer, String topic, Handler handler, Duration pollTimeout,
                   Duration retryWait) {
        this.consumer = consumer;
        this.topic = topic;
        this.handler = handler;
        this.pollTimeout = pollTimeout;
        this.retryWait = retryWait;
    }

    /** True while this replica holds a partition of the markers, that is, while it is the one that delivers. */
    public boolean owner() {
        return !owned.isEmpty();
    }

    /** Ends {@link #run} at its next poll or wait (safe from any thread). */
    public void stop() {
        stopping = true;
        stopped.countDown();
        consumer.wakeup();
    }

    @Override
    public void run() {
        try {
            subscribe();
            while (!stopping) {
                try {
                    pollOnce();
                } catch (WakeupException | InterruptException e) {
                    throw e;
                } catch (KafkaException e) {
                    // the broker refused or is away: the consumer reconnects by itself; ask again in a while
                    LOG.warnf("change notifications: reading the markers failed (%s); trying again in %d s",
                            e.toString(), retryWait.toSeconds());
                    stopped.await(retryWait.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (WakeupException | InterruptException e) {
            if (!stopping) {
                LOG.warnf("change notifications stopped: %s", e.toString());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.errorf(e, "change notifications stopped: the marker consumer failed");
        } finally {
            owned.clear();
            boolean interrupted = Thread.interrupted();
            try {
                // leaves the group at once, so another replica takes the markers over without a session timeout
                consumer.close(Duration.ofSeconds(5));
            } catch (KafkaException e) {
                LOG.debugf("closing the marker consumer: %s", e.toString());
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Joins the group; {@link #owner()} follows the partitions Kafka assigns. Visible for tests. */
    void subscribe() {
        consumer.subscribe(List.of(topic), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                owned.removeAll(partitions);
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                owned.addAll(partitions);
                if (!partitions.isEmpty()) {
                    LOG.infof("this gateway delivers change notifications now (%s)", partitions);
                }
            }

            @Override
            public void onPartitionsLost(Collection<TopicPartition> partitions) {
                owned.removeAll(partitions);
            }
        });
    }

    /** One poll and the markers it brought. Visible for tests. */
    void pollOnce() throws InterruptedException {
        Set<TopicPartition> rewound = new HashSet<>();
        for (ConsumerRecord<String, String> r : consumer.poll(pollTimeout)) {
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            if (rewound.contains(tp)) {
                continue; // comes again after the next poll, with the marker before it
            }
            boolean done;
            try {
                done = handler.handle(r.value());
            } catch (RuntimeException e) {
                // a fault of this replica, not of the marker's revision: give up on this one, keep the next
                LOG.errorf(e, "change notifications: the marker at %s offset %d failed; it is skipped", tp, r.offset());
                done = true;
            }
            if (!done) {
                consumer.seek(tp, r.offset());
                rewound.add(tp);
                continue;
            }
            commit(tp, r.offset());
        }
    }

    private void commit(TopicPartition tp, long offset) {
        try {
            consumer.commitSync(Map.of(tp, new OffsetAndMetadata(offset + 1)));
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // only when handling outlasted max.poll.interval.ms and the group moved on without this member
            LOG.warnf("the marker at %s offset %d was handled but its commit failed (%s): the replica that holds the"
                    + " markers now may deliver that revision again", tp, offset, e.getMessage());
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // the broker is away (a timeout): this replica goes on after the marker; one that takes the markers
            // over before a later commit succeeds starts before it and delivers it again
            LOG.warnf("the marker at %s offset %d was handled but could not be committed (%s)", tp, offset,
                    e.toString());
        }
    }
}
