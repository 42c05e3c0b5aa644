package dev.gitblog.systemtests.deploy;

import dev.gitblog.events.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The inputs of the deploy tests, read from the work tree at test time. */
final class DeployFixture {
    static final List<String> SERVICES = List.of("content-service", "render-service", "feed-service", "gateway");
    static final List<String> OVERLAYS = List.of("dev", "prod");
    private static final Pattern TOPIC_CONFIGS = Pattern.compile("\\.configs\\(Map\\.of\\((.*?)\\)\\)", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("\"([^\"]*)\"");
    /** What a topic has when CreateTopics sets nothing: the broker's default (keep the producer's compression). */
    static final Map<String, String> BROKER_DEFAULTS = Map.of("compression.type", "producer");
    private static final Pattern PIPELINE_ROW = Pattern.compile("(?m)^\\|\\s*`([a-z][a-z0-9.\\-]*)`\\s*\\|\\s*(\\d+)\\s*\\|");

    static final Path ROOT = ProjectRoot.find();

    private DeployFixture() {
    }

    static Path overlay(String name) {
        return ROOT.resolve("deploy/kubernetes/overlays").resolve(name);
    }

    static Map<String, ServiceSources> services() {
        Map<String, ServiceSources> services = new LinkedHashMap<>();
        for (String name : SERVICES) {
            services.put(name, ServiceSources.load(ROOT, name));
        }
        return services;
    }

    /** Topic to partitions as the table in docs/PIPELINE.md gives them. */
    static Map<String, Integer> pipelinePartitions() {
        try {
            String text = Files.readString(ROOT.resolve("docs/PIPELINE.md"));
            Map<String, Integer> partitions = new LinkedHashMap<>();
            Matcher m = PIPELINE_ROW.matcher(text);
            while (m.find()) {
                partitions.put(m.group(1), Integer.parseInt(m.group(2)));
            }
            return partitions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The topics the manifests must create: every name of {@link Topics#ALL} (events/, the contract) with the
     * partitions of docs/PIPELINE.md (Topics.java names no partition counts); a topic PIPELINE.md does not
     * list maps to null, which no KafkaTopic can match.
     */
    static Map<String, Integer> expectedTopics() {
        Map<String, Integer> pipeline = pipelinePartitions();
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            expected.put(topic, pipeline.get(topic));
        }
        return expected;
    }

    /**
     * The config of every topic on the local broker: the {@code configs(Map.of(...))} of
     * deploy/local/CreateTopics.java (comments dropped), plus {@link #BROKER_DEFAULTS} for what it leaves to the
     * broker. The Kubernetes KafkaTopics must have exactly this.
     */
    static Map<String, String> localTopicConfig() {
        try {
            String source = Files.readString(ROOT.resolve("deploy/local/CreateTopics.java")).replaceAll("(?m)//.*$", "");
            Matcher m = TOPIC_CONFIGS.matcher(source);
            if (!m.find()) {
                throw new IllegalStateException("deploy/local/CreateTopics.java: no .configs(Map.of(...)) found");
            }
            List<String> literals = new java.util.ArrayList<>();
            Matcher s = STRING_LITERAL.matcher(m.group(1));
            while (s.find()) {
                literals.add(s.group(1));
            }
            Map<String, String> config = new LinkedHashMap<>(BROKER_DEFAULTS);
            for (int i = 0; i + 1 < literals.size(); i += 2) {
                config.put(literals.get(i), literals.get(i + 1));
            }
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static TypedManifests build(String overlay) {
        return TypedManifests.parse(Kustomize.build(overlay(overlay)));
    }
}
