package dev.gitblog.systemtests.deploy;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a service module says about itself, read from its files at test time (never a copy): the
 * application.properties, the Java sources that read configuration, the build properties that shape its
 * container image, and its pom.
 *
 * @param name       the module and service name, e.g. {@code content-service}
 * @param properties application.properties, keys as written (with {@code %profile.} prefixes)
 * @param javaSources the text of every file under src/main/java
 * @param buildProperties the {@code quarkus.*} properties of the parent and module POMs (Maven passes them to
 *                   the Quarkus build, where they win over application.properties): the Jib image settings
 * @param pom        the text of pom.xml
 * @param compilerDirectives the text of the module's compiler-directives.json (its JVM's JIT directives, which
 *                   deploy/local/run.sh passes), empty when it has none
 */
record ServiceSources(String name, Map<String, String> properties, List<String> javaSources,
        Map<String, String> buildProperties, String pom, String compilerDirectives) {

    ServiceSources(String name, Map<String, String> properties, List<String> javaSources,
            Map<String, String> buildProperties, String pom) {
        this(name, properties, javaSources, buildProperties, pom, "");
    }

    private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)[:}]");
    private static final Pattern CONFIG_PROPERTY = Pattern.compile("@ConfigProperty\\s*\\(\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern CONFIG_LOOKUP = Pattern.compile("get(?:Optional)?Value\\s*\\(\\s*\"([^\"]+)\"");
    private static final Pattern GETENV = Pattern.compile("System\\.getenv\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern CONFIG_MAPPING = Pattern.compile("@ConfigMapping\\s*\\(\\s*prefix\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern NO_ARG_METHOD = Pattern.compile("(\\w+)\\s*\\(\\s*\\)\\s*;");
    private static final Pattern WITH_NAME = Pattern.compile("@WithName\\s*\\(\\s*\"([^\"]+)\"\\s*\\)");
    private static final Pattern POM_PROPERTY = Pattern.compile("<(quarkus\\.[a-z0-9.\\-]+)>([^<]*)</\\1>");
    /** The run-java.sh launcher of these base images reads JAVA_MAX_MEM_RATIO, JAVA_OPTS_APPEND, ... */
    private static final Pattern RUN_JAVA_BASE_IMAGE = Pattern.compile("^registry\\.access\\.redhat\\.com/ubi\\d+/openjdk-\\d+-runtime(:.*)?$");

    static ServiceSources load(Path root, String name) {
        Path module = root.resolve(name);
        Path props = module.resolve("src/main/resources/application.properties");
        Properties p = new Properties();
        try {
            if (Files.isRegularFile(props)) {
                p.load(new StringReader(Files.readString(props)));
            }
            List<String> sources = new ArrayList<>();
            Path java = module.resolve("src/main/java");
            if (Files.isDirectory(java)) {
                try (Stream<Path> files = Files.walk(java)) {
                    for (Path f : files.filter(f -> f.toString().endsWith(".java")).sorted().collect(Collectors.toList())) {
                        sources.add(Files.readString(f));
                    }
                }
            }
            Path pom = module.resolve("pom.xml");
            String pomText = Files.isRegularFile(pom) ? Files.readString(pom) : "";
            Map<String, String> build = new HashMap<>(pomProperties(Files.readString(root.resolve("pom.xml"))));
            build.putAll(pomProperties(pomText));
            Map<String, String> map = new HashMap<>();
            p.stringPropertyNames().forEach(k -> map.put(k, p.getProperty(k)));
            Path directives = module.resolve("compiler-directives.json");
            String directivesText = Files.isRegularFile(directives) ? Files.readString(directives) : "";
            return new ServiceSources(name, Map.copyOf(map), List.copyOf(sources), Map.copyOf(build), pomText, directivesText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The value that applies when the service runs in a cluster: {@code %prod.key} wins over {@code key}. */
    Optional<String> property(String key) {
        String value = properties.get("%prod." + key);
        return Optional.ofNullable(value != null ? value : properties.get(key));
    }

    /**
     * quarkus.http.port, as in the service's configuration (Quarkus' own default is 8080); for a value such as
     * {@code ${PORT:8081}}, its default.
     */
    int httpPort() {
        String value = property("quarkus.http.port").orElse("8080").trim();
        Matcher withDefault = Pattern.compile("^\\$\\{[^:}]+:(\\d+)}$").matcher(value);
        return Integer.parseInt(withDefault.matches() ? withDefault.group(1) : value);
    }

    /** The absolute path of a management endpoint, e.g. {@code /q/health/live}, following the Quarkus path properties. */
    String managementPath(String rootProperty, String rootDefault, String pathProperty, String pathDefault) {
        String httpRoot = property("quarkus.http.root-path").orElse("/");
        String nonApp = resolve(httpRoot, property("quarkus.http.non-application-root-path").orElse("q"));
        String base = resolve(nonApp, property(rootProperty).orElse(rootDefault));
        return pathProperty == null ? base : resolve(base, property(pathProperty).orElse(pathDefault));
    }

    String livenessPath() {
        return managementPath("quarkus.smallrye-health.root-path", "health", "quarkus.smallrye-health.liveness-path", "live");
    }

    String readinessPath() {
        return managementPath("quarkus.smallrye-health.root-path", "health", "quarkus.smallrye-health.readiness-path", "ready");
    }

    String startupPath() {
        return managementPath("quarkus.smallrye-health.root-path", "health", "quarkus.smallrye-health.startup-path", "started");
    }

    String metricsPath() {
        return managementPath("quarkus.micrometer.export.prometheus.path", "metrics", null, null);
    }

    private static String resolve(String base, String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return (base.endsWith("/") ? base : base + "/") + path;
    }

    /** The {@code <quarkus.*>} properties of a POM's text. */
    static Map<String, String> pomProperties(String pom) {
        Map<String, String> out = new HashMap<>();
        Matcher m = POM_PROPERTY.matcher(pom);
        while (m.find()) {
            out.put(m.group(1), m.group(2).trim());
        }
        return out;
    }

    /** A build setting: the POMs' value wins over application.properties (as in the Quarkus Maven build). */
    Optional<String> buildProperty(String key) {
        return Optional.ofNullable(buildProperties.get(key)).or(() -> property(key));
    }

    /**
     * The image the Jib build makes, without its tag: registry/group/name as the Quarkus container-image
     * settings give it ({@code quarkus.container-image.name} defaults to the application name). Empty without the
     * Jib extension or without an explicit registry and group (Quarkus' default group is the user's name).
     */
    Optional<String> imageName() {
        Optional<String> registry = buildProperty("quarkus.container-image.registry");
        Optional<String> group = buildProperty("quarkus.container-image.group");
        Optional<String> image = buildProperty("quarkus.container-image.name").or(() -> property("quarkus.application.name"));
        if (!usesJib() || registry.isEmpty() || group.isEmpty() || image.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(registry.get() + "/" + group.get() + "/" + image.get());
    }

    /** The tag the build gives the image ({@code quarkus.container-image.tag}), if set. */
    Optional<String> imageTag() {
        return buildProperty("quarkus.container-image.tag");
    }

    boolean usesJib() {
        return pom.contains("<artifactId>quarkus-container-image-jib</artifactId>");
    }

    /** Whether the image starts the app through run-java.sh, which reads JAVA_MAX_MEM_RATIO, JAVA_OPTS_APPEND, ... */
    boolean imageUsesRunJava() {
        return usesJib() && buildProperty("quarkus.jib.base-jvm-image").map(i -> RUN_JAVA_BASE_IMAGE.matcher(i).matches()).orElse(false);
    }

    /** Whether /q/* is served on the management interface ({@code quarkus.management.enabled}), not the HTTP port. */
    boolean managementEnabled() {
        return property("quarkus.management.enabled").map(v -> v.trim().equals("true")).orElse(false);
    }

    /** quarkus.management.port (Quarkus' default 9000), as {@link #httpPort()} reads quarkus.http.port. */
    int managementPort() {
        String value = property("quarkus.management.port").orElse("9000").trim();
        Matcher withDefault = Pattern.compile("^\\$\\{[^:}]+:(\\d+)}$").matcher(value);
        return Integer.parseInt(withDefault.matches() ? withDefault.group(1) : value);
    }

    /** The port that serves /q/*: the management port when the management interface is on, else the HTTP port. */
    int operationsPort() {
        return managementEnabled() ? managementPort() : httpPort();
    }

    /**
     * Every environment variable name this service reads: {@code ${ENV}} references in application.properties,
     * and the environment form (MicroProfile Config: non-alphanumerics to {@code _}, upper case) of every
     * property it declares or reads: application.properties keys, {@code @ConfigProperty(name)},
     * {@code getValue}/{@code getOptionalValue} look-ups, {@code @ConfigMapping} prefix plus member names in
     * kebab case (one or two levels), and direct {@code System.getenv} calls.
     */
    Set<String> environmentNames() {
        Set<String> env = new LinkedHashSet<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            String key = e.getKey().startsWith("%") ? e.getKey().substring(e.getKey().indexOf('.') + 1) : e.getKey();
            env.add(toEnv(key));
            Matcher m = ENV_REFERENCE.matcher(e.getValue());
            while (m.find()) {
                env.add(m.group(1));
            }
        }
        for (String source : javaSources) {
            collect(CONFIG_PROPERTY, source, env, true);
            collect(CONFIG_LOOKUP, source, env, true);
            collect(GETENV, source, env, false);
            Matcher mapping = CONFIG_MAPPING.matcher(source);
            if (mapping.find()) {
                String prefix = mapping.group(1);
                Set<String> members = new LinkedHashSet<>();
                Matcher m = NO_ARG_METHOD.matcher(source);
                while (m.find()) {
                    members.add(kebab(m.group(1)));
                }
                Matcher w = WITH_NAME.matcher(source);
                while (w.find()) {
                    members.add(w.group(1));
                }
                for (String a : members) {
                    env.add(toEnv(prefix + "." + a));
                    for (String b : members) {
                        env.add(toEnv(prefix + "." + a + "." + b));
                    }
                }
            }
        }
        return env;
    }

    /**
     * Whether the service reads this variable: one of {@link #environmentNames()}, or any {@code KAFKA_*} variable
     * when the service has Kafka clients (Quarkus turns every {@code KAFKA_*} variable into a {@code kafka.*}
     * property of its default-kafka-broker configuration, which all of them use).
     */
    boolean readsEnvironment(String name) {
        return environmentNames().contains(name) || (name.startsWith("KAFKA_") && name.length() > 6 && usesKafka());
    }

    boolean usesKafka() {
        return pom.contains("<artifactId>quarkus-messaging-kafka</artifactId>")
                || pom.contains("<artifactId>quarkus-kafka-client</artifactId>");
    }

    private static void collect(Pattern pattern, String source, Set<String> env, boolean isProperty) {
        Matcher m = pattern.matcher(source);
        while (m.find()) {
            env.add(isProperty ? toEnv(m.group(1)) : m.group(1));
        }
    }

    /** The environment variable name of a configuration property: {@code blog.hook-secret} is {@code BLOG_HOOK_SECRET}. */
    static String toEnv(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** A Java member name in the kebab case of @ConfigMapping: {@code hookSecret} is {@code hook-secret}. */
    static String kebab(String member) {
        return member.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** A copy with one property set, for tests that make a service and its manifest disagree. */
    ServiceSources withProperty(String key, String value) {
        Map<String, String> changed = new HashMap<>(properties);
        changed.put(key, value);
        return new ServiceSources(name, Map.copyOf(changed), javaSources, buildProperties, pom, compilerDirectives);
    }
}
