package dev.gitblog.render.bench;

import dev.gitblog.events.Entry;
import dev.gitblog.events.EntryKind;
import dev.gitblog.events.EventCodec;
import dev.gitblog.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;

/**
 * Benchmark, not a test: against a running broker and render-service, sends N generated ARTICLE
 * entries to content.entries and reports the time from the last entry written to the last fragment
 * written (record timestamps), and from the first entry to the last fragment.
 * {@code java -cp <test classpath> dev.gitblog.render.bench.PipelineTiming localhost:9092 5000}
 */
public final class PipelineTiming {

    public static void main(String[] args) throws Exception {
        String bootstrap = args[0];
        int count = Integer.parseInt(args[1]);
        String run = Long.toString(System.currentTimeMillis(), 36);
        Properties p = new Properties();
        p.put("bootstrap.servers", bootstrap);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        p.put("key.deserializer", StringDeserializer.class.getName());
        p.put("value.deserializer", StringDeserializer.class.getName());
        p.put("max.request.size", "2000000");
        List<String> posts = PostGenerator.posts(count, 7);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p);
             KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<TopicPartition> tps = new ArrayList<>();
            consumer.partitionsFor(Topics.RENDER_FRAGMENTS).forEach(i -> tps.add(new TopicPartition(i.topic(), i.partition())));
            consumer.assign(tps);
            Map<TopicPartition, Long> start = consumer.endOffsets(tps);
            start.forEach(consumer::seek);

            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String path = "Bench/" + run + "-" + i;
                Entry e = new Entry(Entry.SCHEMA_VERSION, path, EntryKind.ARTICLE, "rev-" + run, run + "-" + i,
                        Instant.EPOCH, Instant.EPOCH, new Entry.Article("Post " + i, "bench", null, "abstract *" + i + "*",
                        List.of("bench"), Map.of(), posts.get(i), null), null, null, null, null, List.of());
                sent.add(producer.send(new ProducerRecord<>(Topics.CONTENT_ENTRIES, path, EventCodec.encode(e))));
            }
            long firstEntry = Long.MAX_VALUE;
            long lastEntry = 0;
            for (Future<RecordMetadata> f : sent) {
                long ts = f.get().timestamp();
                firstEntry = Math.min(firstEntry, ts);
                lastEntry = Math.max(lastEntry, ts);
            }
            int seen = 0;
            long lastFragment = 0;
            long deadline = System.currentTimeMillis() + 30 * 60_000;
            while (seen < count && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.key() != null && r.key().startsWith("Bench/" + run + "-")) {
                        seen++;
                        lastFragment = Math.max(lastFragment, r.timestamp());
                    }
                }
            }
            System.out.printf("%d entries written in %d ms; %d fragments; last entry -> last fragment %d ms; "
                    + "first entry -> last fragment %d ms%n", count, lastEntry - firstEntry, seen,
                    lastFragment - lastEntry, lastFragment - firstEntry);
        }
    }
}
