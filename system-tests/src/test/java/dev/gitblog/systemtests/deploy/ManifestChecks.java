package dev.gitblog.systemtests.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.openshift.api.model.monitoring.v1.PodMonitor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where a built overlay and the services disagree, one sentence per disagreement. Pure: it reads nothing
 * itself, so the tests can hand it a broken copy and watch it complain.
 */
final class ManifestChecks {
    static final String HOOK_SECRET = "BLOG_HOOK_SECRET";
    /** Services that must reference the webhook Secret (issue 7). */
    static final Set<String> HOOK_SECRET_HOLDERS = Set.of("content-service", "gateway");
    /**
     * Variables a service may be given without reading them itself. The gateway only forwards /hooks/* to
     * content-service, which checks the signature; issue 7 still asks for the reference on both sides.
     */
    static final Map<String, Set<String>> PASSED_THROUGH = Map.of("gateway", Set.of(HOOK_SECRET));
    /**
     * Read by the image's run-java.sh launcher (ubi9/openjdk-17), not by the application; MALLOC_ARENA_MAX by the C
     * library of the image.
     */
    static final Set<String> RUN_JAVA_ENV = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO", "JAVA_OPTS_APPEND",
            "JAVA_OPTIONS", "JAVA_DIAGNOSTICS", "GC_MAX_METASPACE_SIZE", "GC_CONTAINER_OPTIONS", "MALLOC_ARENA_MAX");

    /**
     * Memory a service's JVM uses beside its heap: native memory tracking of the gateway after a 5,000-post publish
     * counted 135-170 MB (metaspace, code, symbols, the class-data archive, thread stacks, buffers, libjvm) and RSS
     * holds what glibc keeps (deploy/kubernetes/README.md, "Sizing").
     */
    static final long NON_HEAP_MIB = 170;
    private static final Pattern DIRECTIVES_FILE = Pattern.compile("-XX:CompilerDirectivesFile=(\\S+)");

    private final TypedManifests manifests;
    private final Map<String, ServiceSources> services;
    private final Map<String, Integer> topicPartitions;
    private final Map<String, String> topicConfig;
    private final List<String> problems = new ArrayList<>();

    private ManifestChecks(TypedManifests manifests, Map<String, ServiceSources> services, Map<String, Integer> topicPartitions,
            Map<String, String> topicConfig) {
        this.manifests = manifests;
        this.services = services;
        this.topicPartitions = topicPartitions;
        this.topicConfig = topicConfig;
    }

    /**
     * @param services        by name: the four services and what their modules say
     * @param topicPartitions topic name to partition count, from events/ and docs/PIPELINE.md
     * @param topicConfig     the config every topic has on the local broker (deploy/local/CreateTopics.java)
     */
    static List<String> problems(TypedManifests manifests, Map<String, ServiceSources> services,
            Map<String, Integer> topicPartitions, Map<String, String> topicConfig) {
        ManifestChecks checks = new ManifestChecks(manifests, services, topicPartitions, topicConfig);
        services.values().forEach(checks::checkService);
        checks.checkKafka();
        checks.checkIngress();
        checks.checkScaling();
        checks.checkNetworkPolicies();
        checks.checkPodMonitors();
        return List.copyOf(checks.problems);
    }

    private void problem(String format, Object... args) {
        problems.add(String.format(format, args));
    }

    // ---- per service ------------------------------------------------------------------------------------

    private void checkService(ServiceSources s) {
        String name = s.name();
        int port = s.httpPort();
        Optional<Deployment> found = manifests.find(Deployment.class, name);
        if (found.isEmpty()) {
            problem("%s: no Deployment", name);
            return;
        }
        Deployment d = found.get();
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        if (!selects(d.getSpec().getSelector(), podLabels)) {
            problem("%s: the Deployment's selector %s does not match its pod labels %s", name,
                    d.getSpec().getSelector().getMatchLabels(), podLabels);
        }
        Optional<Container> containerFound = pod.getContainers().stream().filter(c -> name.equals(c.getName())).findFirst();
        if (containerFound.isEmpty()) {
            problem("%s: no container named %s", name, name);
            return;
        }
        Container c = containerFound.get();

        String image = ImageRef.parse(c.getImage()).name();
        if (s.imageName().isEmpty()) {
            problem("%s: the build makes no image: no quarkus-container-image-jib in its pom, or no "
                    + "quarkus.container-image.registry/group", name);
        } else if (!image.equals(s.imageName().get())) {
            problem("%s: image %s, but the Jib build names it %s", name, c.getImage(), s.imageName().get());
        }
        for (String extension : List.of("quarkus-smallrye-health", "quarkus-micrometer-registry-prometheus")) {
            if (!s.pom().contains("<artifactId>" + extension + "</artifactId>")) {
                problem("%s: the probes/metrics need %s, which its pom does not have", name, extension);
            }
        }

        // ports
        List<Integer> containerPorts = c.getPorts().stream().map(ContainerPort::getContainerPort).collect(Collectors.toList());
        if (!containerPorts.contains(port)) {
            problem("%s: containerPort %s but quarkus.http.port is %d", name, containerPorts, port);
        }
        Optional<Service> svc = manifests.find(Service.class, name);
        if (svc.isEmpty()) {
            problem("%s: no Service", name);
        } else {
            if (!selects(svc.get().getSpec().getSelector(), podLabels)) {
                problem("%s: Service selector %s does not match the pod labels %s", name, svc.get().getSpec().getSelector(), podLabels);
            }
            for (ServicePort sp : svc.get().getSpec().getPorts()) {
                if (sp.getPort() != port) {
                    problem("%s: Service port %d, but the service's fixed port (quarkus.http.port) is %d", name, sp.getPort(), port);
                }
                Integer target = resolve(sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort(), c);
                if (!Objects.equals(target, port)) {
                    problem("%s: Service targetPort %s reaches container port %s, not %d", name, show(sp.getTargetPort()), target, port);
                }
            }
        }

        // the management interface: /q/* on its own port, which no Service exposes
        int operations = s.operationsPort();
        if (!s.managementEnabled()) {
            problem("%s: quarkus.management.enabled is not true: /q/health, /q/metrics and /q/openapi would be on the "
                    + "public port", name);
        } else {
            if (!containerPorts.contains(operations)) {
                problem("%s: no containerPort %d (quarkus.management.port) for the probes and the metrics", name, operations);
            }
            svc.ifPresent(service -> service.getSpec().getPorts().forEach(sp -> {
                Integer target = resolve(sp.getTargetPort() == null ? new IntOrString(sp.getPort()) : sp.getTargetPort(), c);
                if (Objects.equals(target, operations) || sp.getPort() == operations) {
                    problem("%s: the Service exposes the management port %d: /q/* would be reachable through it", name, operations);
                }
            }));
        }

        // probes and metrics
        checkProbe(name, "liveness", c.getLivenessProbe(), Set.of(s.livenessPath()), c, operations);
        checkProbe(name, "readiness", c.getReadinessProbe(), Set.of(s.readinessPath()), c, operations);
        checkProbe(name, "startup", c.getStartupProbe(), Set.of(s.livenessPath(), s.startupPath()), c, operations);
        Map<String, String> annotations = Optional.ofNullable(d.getSpec().getTemplate().getMetadata().getAnnotations()).orElse(Map.of());
        if (annotations.containsKey("prometheus.io/path") && !s.metricsPath().equals(annotations.get("prometheus.io/path"))) {
            problem("%s: prometheus.io/path %s but metrics are at %s", name, annotations.get("prometheus.io/path"), s.metricsPath());
        }
        if (annotations.containsKey("prometheus.io/port") && !String.valueOf(operations).equals(annotations.get("prometheus.io/port"))) {
            problem("%s: prometheus.io/port %s but metrics are served on port %d", name, annotations.get("prometheus.io/port"), operations);
        }

        checkEnvironment(s, c);
        checkKafkaClient(name, c, pod);
        checkSecurity(name, pod, c);
        checkResources(name, c);
        checkCompilerDirectives(s, c, pod);
        if (name.equals("content-service")) {
            checkContentService(d, c);
        }
    }

    private void checkProbe(String service, String kind, Probe probe, Set<String> paths, Container c, int port) {
        if (probe == null || probe.getHttpGet() == null) {
            problem("%s: no HTTP %s probe", service, kind);
            return;
        }
        if (!paths.contains(probe.getHttpGet().getPath())) {
            problem("%s: %s probe path %s, but the service's health endpoint is %s", service, kind,
                    probe.getHttpGet().getPath(), String.join(" or ", paths.stream().sorted().collect(Collectors.toList())));
        }
        Integer target = resolve(probe.getHttpGet().getPort(), c);
        if (!Objects.equals(target, port)) {
            problem("%s: %s probe port %s reaches %s, not port %d that serves the health endpoints", service, kind,
                    show(probe.getHttpGet().getPort()), target, port);
        }
    }

    private void checkEnvironment(ServiceSources s, Container c) {
        String name = s.name();
        Set<String> passedThrough = PASSED_THROUGH.getOrDefault(name, Set.of());
        List<String> given = new ArrayList<>();
        for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            given.add(e.getName());
        }
        boolean ownConfigMap = false;
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() == null) {
                problem("%s: envFrom other than a ConfigMap (%s)", name, from);
                continue;
            }
            String cmName = from.getConfigMapRef().getName();
            ownConfigMap |= cmName.equals(name + "-config");
            Optional<ConfigMap> cm = manifests.find(ConfigMap.class, cmName);
            if (cm.isEmpty()) {
                problem("%s: envFrom names ConfigMap %s, which the manifests do not contain", name, cmName);
            } else {
                given.addAll(Optional.ofNullable(cm.get().getData()).orElse(Map.of()).keySet());
            }
        }
        if (!ownConfigMap) {
            problem("%s: does not take its environment from the ConfigMap %s-config", name, name);
        }
        for (String env : given) {
            boolean ok = s.readsEnvironment(env) || passedThrough.contains(env) || (RUN_JAVA_ENV.contains(env) && s.imageUsesRunJava());
            if (!ok) {
                problem("%s: the manifests set %s, which the service does not read (not in its application.properties, "
                        + "@ConfigProperty/@ConfigMapping sources, a KAFKA_* client setting, nor its image's launcher)", name, env);
            }
        }
        if (HOOK_SECRET_HOLDERS.contains(name)) {
            Optional<SecretKeySelector> ref = Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                    .filter(e -> HOOK_SECRET.equals(e.getName()) && e.getValueFrom() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef()).filter(Objects::nonNull).findFirst();
            if (ref.isEmpty()) {
                problem("%s: %s must come from a Secret (secretKeyRef)", name, HOOK_SECRET);
            }
        }
        Optional<EnvVar> literalSecret = Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                .filter(e -> HOOK_SECRET.equals(e.getName()) && e.getValue() != null).findFirst();
        if (literalSecret.isPresent() || configMapValue(c, HOOK_SECRET).isPresent()) {
            problem("%s: %s is written into the manifests in clear", name, HOOK_SECRET);
        }
        if (name.equals("gateway")) {
            Optional<String> url = configMapValue(c, "CONTENT_SERVICE_URL");
            String expected = services.containsKey("content-service")
                    ? "http://content-service:" + services.get("content-service").httpPort() : null;
            if (url.isEmpty() || !url.get().equals(expected)) {
                problem("gateway: CONTENT_SERVICE_URL=%s, expected %s (the content-service Service)", url.orElse(null), expected);
            }
        }
    }

    /** A variable's value as the container sees it, from its env or its ConfigMaps. */
    private Optional<String> configMapValue(Container c, String env) {
        for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
            if (env.equals(e.getName()) && e.getValue() != null) {
                return Optional.of(e.getValue());
            }
        }
        for (EnvFromSource from : Optional.ofNullable(c.getEnvFrom()).orElse(List.of())) {
            if (from.getConfigMapRef() != null) {
                Optional<String> v = manifests.find(ConfigMap.class, from.getConfigMapRef().getName())
                        .map(cm -> Optional.ofNullable(cm.getData()).orElse(Map.of()).get(env));
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return Optional.empty();
    }

    private void checkSecurity(String name, PodSpec pod, Container c) {
        if (pod.getSecurityContext() == null || !Boolean.TRUE.equals(pod.getSecurityContext().getRunAsNonRoot())) {
            problem("%s: the pod does not set runAsNonRoot", name);
        }
        var sc = c.getSecurityContext();
        if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
            problem("%s: the root filesystem is not read-only", name);
        }
        if (sc == null || !Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
            problem("%s: privilege escalation is not switched off", name);
        }
        if (sc == null || sc.getCapabilities() == null || !List.of("ALL").equals(sc.getCapabilities().getDrop())) {
            problem("%s: capabilities are not all dropped", name);
        }
        Optional<VolumeMount> tmp = Optional.ofNullable(c.getVolumeMounts()).orElse(List.of()).stream()
                .filter(m -> "/tmp".equals(m.getMountPath())).findFirst();
        Optional<Volume> tmpVolume = tmp.flatMap(m -> volume(pod, m.getName()));
        if (tmpVolume.isEmpty() || tmpVolume.get().getEmptyDir() == null) {
            problem("%s: /tmp is not a writable emptyDir (the root filesystem is read-only)", name);
        }
    }

    private void checkResources(String name, Container c) {
        var r = c.getResources();
        if (r == null || r.getRequests() == null || r.getLimits() == null
                || !r.getRequests().containsKey("memory") || !r.getRequests().containsKey("cpu") || !r.getLimits().containsKey("memory")) {
            problem("%s: needs cpu and memory requests and a memory limit", name);
            return;
        }
        if (Quantity.getAmountInBytes(r.getRequests().get("memory")).compareTo(Quantity.getAmountInBytes(r.getLimits().get("memory"))) > 0) {
            problem("%s: memory request above its limit", name);
        }
        Optional<String> ratio = configMapValue(c, "JAVA_MAX_MEM_RATIO");
        if (ratio.isEmpty()) {
            problem("%s: no JAVA_MAX_MEM_RATIO: the heap would not follow the memory limit as planned", name);
            return;
        }
        double percent;
        try {
            percent = Double.parseDouble(ratio.get());
        } catch (NumberFormatException e) {
            problem("%s: JAVA_MAX_MEM_RATIO=%s is not a percentage", name, ratio.get());
            return;
        }
        Optional<String> collector = configMapValue(c, "GC_CONTAINER_OPTIONS");
        if (collector.isEmpty() || !collector.get().contains("-XX:+UseSerialGC")) {
            problem("%s: GC_CONTAINER_OPTIONS=%s; the services' memory is measured with the serial collector"
                    + " (-XX:+UseSerialGC), and the image would start the parallel one", name, collector.orElse(null));
        }
        long limitMiB = Quantity.getAmountInBytes(r.getLimits().get("memory")).longValue() >> 20;
        long heapMiB = (long) (limitMiB * percent / 100);
        if (limitMiB - heapMiB < NON_HEAP_MIB) {
            problem("%s: JAVA_MAX_MEM_RATIO=%s of a %d MiB limit allows a %d MiB heap and leaves %d MiB beside it;"
                    + " the JVM needs about %d MiB beside its heap, so a heap that grows to its cap would be killed",
                    name, ratio.get(), limitMiB, heapMiB, limitMiB - heapMiB, NON_HEAP_MIB);
        }
    }

    /**
     * A module's JIT directives (its compiler-directives.json, which run.sh passes) reach its pod: JAVA_OPTS_APPEND
     * names a file that a ConfigMap mounted in the container holds with the same text. A file the JVM cannot read,
     * or the option without the diagnostic unlock before it, stops the JVM at start.
     */
    private void checkCompilerDirectives(ServiceSources s, Container c, PodSpec pod) {
        String name = s.name();
        String options = configMapValue(c, "JAVA_OPTS_APPEND").orElse("");
        Matcher option = DIRECTIVES_FILE.matcher(options);
        if (!option.find()) {
            if (!s.compilerDirectives().isEmpty()) {
                problem("%s: JAVA_OPTS_APPEND names no -XX:CompilerDirectivesFile, where run.sh starts it with %s/compiler-directives.json",
                        name, name);
            }
            return;
        }
        String file = option.group(1);
        int unlock = options.indexOf("-XX:+UnlockDiagnosticVMOptions");
        if (unlock < 0 || unlock > option.start()) {
            problem("%s: -XX:CompilerDirectivesFile without -XX:+UnlockDiagnosticVMOptions before it; the JVM would not start", name);
        }
        Optional<String> mounted = mountsHolding(pod, c, file)
                .filter(f -> f.mount().getSubPath() == null && f.volume().getConfigMap() != null)
                .reduce((first, last) -> last)
                .flatMap(f -> manifests.find(ConfigMap.class, f.volume().getConfigMap().getName())
                        .map(cm -> Optional.ofNullable(cm.getData()).orElse(Map.of()).get(f.key())));
        if (mounted.isEmpty()) {
            problem("%s: -XX:CompilerDirectivesFile=%s is not a file of a ConfigMap mounted in the container; the JVM would not start",
                    name, file);
        } else if (!mounted.get().equals(s.compilerDirectives())) {
            problem("%s: the directives at %s are not those of %s/compiler-directives.json", name, file, name);
        }
    }

    private void checkContentService(Deployment d, Container c) {
        if (!Integer.valueOf(1).equals(d.getSpec().getReplicas())) {
            problem("content-service: %s replicas; it is the single writer and must run exactly once", d.getSpec().getReplicas());
        }
        if (d.getSpec().getStrategy() == null || !"Recreate".equals(d.getSpec().getStrategy().getType())) {
            problem("content-service: the strategy must be Recreate (old and new pod must never share the clone)");
        }
        Optional<String> data = configMapValue(c, "BLOG_DATA");
        if (data.isEmpty()) {
            problem("content-service: no BLOG_DATA");
            return;
        }
        PodSpec pod = d.getSpec().getTemplate().getSpec();
        Optional<VolumeMount> mount = Optional.ofNullable(c.getVolumeMounts()).orElse(List.of()).stream()
                .filter(m -> data.get().equals(m.getMountPath())).findFirst();
        Optional<String> claim = mount.flatMap(m -> volume(pod, m.getName()))
                .map(v -> v.getPersistentVolumeClaim() == null ? null : v.getPersistentVolumeClaim().getClaimName());
        if (claim.isEmpty()) {
            problem("content-service: BLOG_DATA=%s is not the mount path of a PersistentVolumeClaim volume", data.get());
        } else if (manifests.find(PersistentVolumeClaim.class, claim.get()).isEmpty()) {
            problem("content-service: the volume names claim %s, which the manifests do not contain", claim.get());
        }
    }

    // ---- Kafka --------------------------------------------------------------------------------------

    private Optional<GenericKubernetesResource> kafka() {
        List<GenericKubernetesResource> all = manifests.custom("Kafka");
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
    }

    /** The internal listeners of the one Kafka cluster, by the bootstrap address Strimzi gives each. */
    private Map<String, Map<String, Object>> internalListeners() {
        Map<String, Map<String, Object>> out = new TreeMap<>();
        Optional<GenericKubernetesResource> kafka = kafka();
        if (kafka.isEmpty()) {
            return out;
        }
        List<Map<String, Object>> listeners = kafka.get().get("spec", "kafka", "listeners");
        for (Map<String, Object> l : Optional.ofNullable(listeners).orElse(List.of())) {
            if ("internal".equals(l.get("type"))) {
                out.put(kafka.get().getMetadata().getName() + "-kafka-bootstrap:" + l.get("port"), l);
            }
        }
        return out;
    }

    /**
     * The service's Kafka client settings (KAFKA_* variables, which Quarkus turns into the kafka.* settings of
     * every client) against the listener its bootstrap address names: the protocol follows the listener's tls
     * and authentication; SCRAM takes its JAAS line from a KafkaUser's Secret; TLS trusts the cluster CA.
     */
    private void checkKafkaClient(String name, Container c, PodSpec pod) {
        Optional<String> bootstrap = configMapValue(c, "KAFKA_BOOTSTRAP_SERVERS");
        Map<String, Map<String, Object>> listeners = internalListeners();
        if (bootstrap.isEmpty()) {
            problem("%s: no KAFKA_BOOTSTRAP_SERVERS", name);
            return;
        }
        Map<String, Object> listener = listeners.get(bootstrap.get());
        if (listener == null) {
            problem("%s: KAFKA_BOOTSTRAP_SERVERS=%s, but the Strimzi bootstrap addresses of the internal listeners are %s",
                    name, bootstrap.get(), listeners.keySet());
            return;
        }
        boolean tls = Boolean.TRUE.equals(listener.get("tls"));
        Object authentication = listener.get("authentication") instanceof Map<?, ?> a ? a.get("type") : null;
        boolean scram = "scram-sha-512".equals(authentication);
        if (authentication != null && !scram) {
            problem("%s: the listener %s authenticates with %s; the services are set up for scram-sha-512", name,
                    listener.get("name"), authentication);
        }
        String protocol = (scram ? "SASL_" : "") + (tls ? "SSL" : "PLAINTEXT");
        String given = configMapValue(c, "KAFKA_SECURITY_PROTOCOL").orElse("PLAINTEXT");
        if (!given.equals(protocol)) {
            problem("%s: KAFKA_SECURITY_PROTOCOL=%s, but the listener %s (tls: %s, authentication: %s) needs %s", name,
                    given, listener.get("name"), tls, authentication, protocol);
        }
        if (scram) {
            String mechanism = configMapValue(c, "KAFKA_SASL_MECHANISM").orElse("(none)");
            if (!mechanism.equals("SCRAM-SHA-512")) {
                problem("%s: KAFKA_SASL_MECHANISM=%s, but the listener asks for SCRAM-SHA-512", name, mechanism);
            }
            Optional<SecretKeySelector> jaas = Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                    .filter(e -> "KAFKA_SASL_JAAS_CONFIG".equals(e.getName()) && e.getValueFrom() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef()).filter(Objects::nonNull).findFirst();
            if (jaas.isEmpty()) {
                problem("%s: KAFKA_SASL_JAAS_CONFIG must come from the Secret of a KafkaUser (secretKeyRef)", name);
            } else {
                Optional<GenericKubernetesResource> user = manifests.custom("KafkaUser").stream()
                        .filter(u -> u.getMetadata().getName().equals(jaas.get().getName())).findFirst();
                if (user.isEmpty()) {
                    problem("%s: KAFKA_SASL_JAAS_CONFIG comes from Secret %s, but no KafkaUser of that name makes it", name,
                            jaas.get().getName());
                } else if (!"scram-sha-512".equals(user.get().get("spec", "authentication", "type"))) {
                    problem("%s: KafkaUser %s does not authenticate with scram-sha-512", name, jaas.get().getName());
                }
                if (!"sasl.jaas.config".equals(jaas.get().getKey())) {
                    problem("%s: KAFKA_SASL_JAAS_CONFIG takes key %s; Strimzi writes the JAAS line under sasl.jaas.config",
                            name, jaas.get().getKey());
                }
            }
        }
        if (tls) {
            String cluster = kafka().map(k -> k.getMetadata().getName()).orElse("?");
            String location = configMapValue(c, "KAFKA_SSL_TRUSTSTORE_LOCATION").orElse("");
            if (!"PEM".equals(configMapValue(c, "KAFKA_SSL_TRUSTSTORE_TYPE").orElse(""))) {
                problem("%s: KAFKA_SSL_TRUSTSTORE_TYPE must be PEM (the cluster CA's ca.crt)", name);
            }
            boolean mounted = mountsHolding(pod, c, location).anyMatch(f -> f.volume().getSecret() != null
                    && (cluster + "-cluster-ca-cert").equals(f.volume().getSecret().getSecretName()) && f.key().equals("ca.crt"));
            if (!mounted) {
                problem("%s: KAFKA_SSL_TRUSTSTORE_LOCATION=%s is not ca.crt of the mounted Secret %s-cluster-ca-cert", name,
                        location, cluster);
            }
        }
    }

    private void checkKafka() {
        Optional<GenericKubernetesResource> kafka = kafka();
        if (kafka.isEmpty()) {
            problem("Kafka: expected exactly one Kafka resource, found %d", manifests.custom("Kafka").size());
            return;
        }
        String cluster = kafka.get().getMetadata().getName();
        if (kafka.get().get("spec", "entityOperator", "topicOperator") == null) {
            problem("Kafka %s: no topic operator, so the KafkaTopics would never be created", cluster);
        }
        if (kafka.get().get("spec", "zookeeper") != null) {
            problem("Kafka %s: has a zookeeper section; the cluster runs in KRaft mode", cluster);
        }
        List<GenericKubernetesResource> pools = manifests.custom("KafkaNodePool");
        if (pools.isEmpty()) {
            problem("Kafka %s: no KafkaNodePool", cluster);
        }
        boolean controller = false;
        boolean broker = false;
        for (GenericKubernetesResource pool : pools) {
            if (!cluster.equals(label(pool, "strimzi.io/cluster"))) {
                problem("KafkaNodePool %s: strimzi.io/cluster label is not %s", pool.getMetadata().getName(), cluster);
            }
            List<String> roles = pool.get("spec", "roles");
            controller |= roles != null && roles.contains("controller");
            broker |= roles != null && roles.contains("broker");
        }
        if (!controller || !broker) {
            problem("Kafka %s: KRaft needs node pools with both the controller and the broker role", cluster);
        }
        if (kafka.get().get("spec", "entityOperator", "userOperator") == null && !manifests.custom("KafkaUser").isEmpty()) {
            problem("Kafka %s: no user operator, so the KafkaUsers would never get their Secrets", cluster);
        }
        for (GenericKubernetesResource user : manifests.custom("KafkaUser")) {
            if (!cluster.equals(label(user, "strimzi.io/cluster"))) {
                problem("KafkaUser %s: strimzi.io/cluster label is not %s", user.getMetadata().getName(), cluster);
            }
        }
        // the listener the services use admits only their pods (Strimzi writes the NetworkPolicy from the peers)
        for (Map.Entry<String, Map<String, Object>> e : internalListeners().entrySet()) {
            checkListenerPeers(String.valueOf(e.getValue().get("name")), e.getValue());
        }

        Map<String, Integer> actual = new TreeMap<>();
        for (GenericKubernetesResource topic : manifests.custom("KafkaTopic")) {
            String topicName = topic.get("spec", "topicName");
            String name = topicName != null ? topicName : topic.getMetadata().getName();
            Object partitions = topic.get("spec", "partitions");
            actual.put(name, partitions instanceof Number n ? n.intValue() : null);
            if (!cluster.equals(label(topic, "strimzi.io/cluster"))) {
                problem("KafkaTopic %s: strimzi.io/cluster label is not %s", name, cluster);
            }
            if (!"compact".equals(topic.get("spec", "config", "cleanup.policy"))) {
                problem("KafkaTopic %s: cleanup.policy is not compact", name);
            }
            Map<String, Object> config = Optional.ofNullable(topic.<Map<String, Object>>get("spec", "config")).orElse(Map.of());
            Map<String, String> asText = new TreeMap<>();
            config.forEach((k, v) -> asText.put(k, String.valueOf(v)));
            if (!asText.equals(new TreeMap<>(topicConfig))) {
                problem("KafkaTopic %s: config %s differs from the local broker's topics %s (deploy/local/CreateTopics.java)",
                        name, asText, new TreeMap<>(topicConfig));
            }
        }
        if (!actual.equals(new TreeMap<>(topicPartitions))) {
            problem("KafkaTopics %s (name=partitions) differ from events/Topics.java with docs/PIPELINE.md %s", actual, new TreeMap<>(topicPartitions));
        }
    }

    @SuppressWarnings("unchecked")
    private void checkListenerPeers(String listener, Map<String, Object> spec) {
        List<Map<String, Object>> peers = (List<Map<String, Object>>) spec.get("networkPolicyPeers");
        if (peers == null || peers.isEmpty()) {
            problem("Kafka listener %s: no networkPolicyPeers, so any pod may connect to it", listener);
            return;
        }
        List<LabelSelector> selectors = new ArrayList<>();
        for (Map<String, Object> peer : peers) {
            if (peer.get("namespaceSelector") != null || peer.get("ipBlock") != null || peer.get("podSelector") == null) {
                problem("Kafka listener %s: a networkPolicyPeer other than a podSelector of this namespace: %s", listener, peer);
                continue;
            }
            selectors.add(TypedManifests.SERIALIZATION.convertValue(peer.get("podSelector"), LabelSelector.class));
        }
        for (Deployment d : manifests.ofType(Deployment.class)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            boolean admitted = selectors.stream().anyMatch(s -> matches(s, labels));
            boolean isService = services.containsKey(d.getMetadata().getName());
            if (isService && !admitted) {
                problem("Kafka listener %s: the networkPolicyPeers do not admit %s", listener, d.getMetadata().getName());
            }
        }
        for (LabelSelector selector : selectors) {
            Set<String> names = selectedNames(selector);
            if (names == null || !services.keySet().containsAll(names)) {
                problem("Kafka listener %s: the peer %s admits pods other than the services'", listener, selector);
            }
        }
    }

    /** The app.kubernetes.io/name values a selector is limited to, or null if it admits other pods as well. */
    private static Set<String> selectedNames(LabelSelector selector) {
        Set<String> names = null;
        if (selector.getMatchLabels() != null && selector.getMatchLabels().containsKey("app.kubernetes.io/name")) {
            names = Set.of(selector.getMatchLabels().get("app.kubernetes.io/name"));
        }
        for (var e : Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
            if ("app.kubernetes.io/name".equals(e.getKey()) && "In".equals(e.getOperator())) {
                names = Set.copyOf(e.getValues());
            }
        }
        return names;
    }

    /** Label selector semantics: matchLabels and the In/NotIn/Exists/DoesNotExist expressions. */
    static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || labels == null) {
            return false;
        }
        Map<String, String> match = Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of());
        if (!labels.entrySet().containsAll(match.entrySet())) {
            return false;
        }
        for (var e : Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of())) {
            String value = labels.get(e.getKey());
            boolean ok = switch (e.getOperator()) {
                case "In" -> value != null && e.getValues().contains(value);
                case "NotIn" -> value == null || !e.getValues().contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static String label(GenericKubernetesResource r, String key) {
        return r.getMetadata().getLabels() == null ? null : r.getMetadata().getLabels().get(key);
    }

    // ---- Ingress ------------------------------------------------------------------------------------

    private void checkIngress() {
        List<Ingress> ingresses = manifests.ofType(Ingress.class);
        if (ingresses.size() != 1) {
            problem("Ingress: expected one, found %d", ingresses.size());
            return;
        }
        Ingress ingress = ingresses.get(0);
        Optional<Service> gateway = manifests.find(Service.class, "gateway");
        for (String path : List.of("/", "/hooks/")) {
            List<HTTPIngressPath> routes = new ArrayList<>();
            for (IngressRule rule : ingress.getSpec().getRules()) {
                if (rule.getHttp() != null) {
                    rule.getHttp().getPaths().stream().filter(p -> path.equals(p.getPath())).forEach(routes::add);
                }
            }
            if (routes.isEmpty()) {
                problem("Ingress: no route for %s", path);
            }
            for (HTTPIngressPath route : routes) {
                if (!"Prefix".equals(route.getPathType())) {
                    problem("Ingress: %s is %s, not Prefix", path, route.getPathType());
                }
                var backend = route.getBackend().getService();
                if (backend == null || !"gateway".equals(backend.getName())) {
                    problem("Ingress: %s goes to %s, not the gateway", path, backend == null ? null : backend.getName());
                    continue;
                }
                if (gateway.isEmpty() || !servicePortMatches(gateway.get(), backend.getPort())) {
                    problem("Ingress: %s names gateway port %s, which the gateway Service does not have", path, backend.getPort());
                }
            }
        }
        Set<String> hosts = ingress.getSpec().getRules().stream().map(IngressRule::getHost).filter(Objects::nonNull).collect(Collectors.toSet());
        Set<String> tlsHosts = Optional.ofNullable(ingress.getSpec().getTls()).orElse(List.of()).stream()
                .flatMap(t -> t.getHosts().stream()).collect(Collectors.toSet());
        if (hosts.isEmpty() || !tlsHosts.containsAll(hosts)) {
            problem("Ingress: hosts %s are not all covered by TLS %s", hosts, tlsHosts);
        }
        Map<String, String> annotations = Optional.ofNullable(ingress.getMetadata().getAnnotations()).orElse(Map.of());
        if (!annotations.containsKey("cert-manager.io/cluster-issuer") && !annotations.containsKey("cert-manager.io/issuer")) {
            problem("Ingress: no cert-manager issuer annotation");
        }
    }

    private static boolean servicePortMatches(Service service, ServiceBackendPort port) {
        if (port == null) {
            return false;
        }
        return service.getSpec().getPorts().stream().anyMatch(p ->
                port.getName() != null && !port.getName().isEmpty() ? port.getName().equals(p.getName()) : Objects.equals(port.getNumber(), p.getPort()));
    }

    // ---- scaling ------------------------------------------------------------------------------------

    private void checkScaling() {
        for (HorizontalPodAutoscaler hpa : manifests.ofType(HorizontalPodAutoscaler.class)) {
            var ref = hpa.getSpec().getScaleTargetRef();
            Optional<Deployment> target = "Deployment".equals(ref.getKind()) ? manifests.find(Deployment.class, ref.getName()) : Optional.empty();
            if (target.isEmpty()) {
                problem("HPA %s: scales %s/%s, which the manifests do not contain", hpa.getMetadata().getName(), ref.getKind(), ref.getName());
                continue;
            }
            if (target.get().getSpec().getReplicas() != null) {
                problem("%s: replicas %d, but HPA %s scales it: every apply would reset the autoscaler's count",
                        ref.getName(), target.get().getSpec().getReplicas(), hpa.getMetadata().getName());
            }
            int min = Optional.ofNullable(hpa.getSpec().getMinReplicas()).orElse(1);
            if (min > hpa.getSpec().getMaxReplicas()) {
                problem("HPA %s: minReplicas %d above maxReplicas %d", hpa.getMetadata().getName(), min, hpa.getSpec().getMaxReplicas());
            }
            if (ref.getName().equals("content-service")) {
                problem("HPA %s: content-service is the single writer and must not be scaled", hpa.getMetadata().getName());
            }
            Integer partitions = topicPartitions.get("content.entries");
            if (ref.getName().equals("render-service") && partitions != null && hpa.getSpec().getMaxReplicas() > partitions) {
                problem("HPA %s: maxReplicas %d, but render-service is a consumer group over %d partitions of content.entries",
                        hpa.getMetadata().getName(), hpa.getSpec().getMaxReplicas(), partitions);
            }
            for (var metric : Optional.ofNullable(hpa.getSpec().getMetrics()).orElse(List.of())) {
                if (metric.getResource() != null) {
                    String resource = metric.getResource().getName();
                    boolean requested = target.get().getSpec().getTemplate().getSpec().getContainers().stream()
                            .allMatch(c -> c.getResources() != null && c.getResources().getRequests() != null
                                    && c.getResources().getRequests().containsKey(resource));
                    if (!requested) {
                        problem("HPA %s: scales on %s utilisation, but %s requests no %s", hpa.getMetadata().getName(), resource, ref.getName(), resource);
                    }
                }
            }
        }
        for (PodDisruptionBudget pdb : manifests.ofType(PodDisruptionBudget.class)) {
            boolean selectsSomething = manifests.ofType(Deployment.class).stream()
                    .anyMatch(d -> selects(pdb.getSpec().getSelector(), d.getSpec().getTemplate().getMetadata().getLabels()));
            if (!selectsSomething) {
                problem("PodDisruptionBudget %s: its selector matches no Deployment's pods", pdb.getMetadata().getName());
            }
        }
        for (Deployment d : manifests.ofType(Deployment.class)) {
            var affinity = d.getSpec().getTemplate().getSpec().getAffinity();
            if (affinity == null || affinity.getPodAntiAffinity() == null) {
                continue;
            }
            var anti = affinity.getPodAntiAffinity();
            List<LabelSelector> selectors = new ArrayList<>();
            Optional.ofNullable(anti.getPreferredDuringSchedulingIgnoredDuringExecution()).orElse(List.of())
                    .forEach(w -> selectors.add(w.getPodAffinityTerm().getLabelSelector()));
            Optional.ofNullable(anti.getRequiredDuringSchedulingIgnoredDuringExecution()).orElse(List.of())
                    .forEach(t -> selectors.add(t.getLabelSelector()));
            for (LabelSelector selector : selectors) {
                if (!selects(selector, d.getSpec().getTemplate().getMetadata().getLabels())) {
                    problem("%s: the anti-affinity selector %s does not match its own pods", d.getMetadata().getName(),
                            selector == null ? null : selector.getMatchLabels());
                }
            }
        }
    }

    // ---- network policies ---------------------------------------------------------------------------

    /**
     * Every service's pods are selected by a NetworkPolicy for Ingress; who may reach the HTTP port: anyone for the
     * gateway, only the gateway's pods for content-service (webhook proxy, blobs), nobody for the other two (no
     * client in the cluster). The management port stays reachable for the scrape.
     */
    private void checkNetworkPolicies() {
        for (ServiceSources s : services.values()) {
            Optional<Deployment> d = manifests.find(Deployment.class, s.name());
            if (d.isEmpty()) {
                continue;
            }
            Map<String, String> labels = d.get().getSpec().getTemplate().getMetadata().getLabels();
            Container c = d.get().getSpec().getTemplate().getSpec().getContainers().get(0);
            List<NetworkPolicy> policies = manifests.ofType(NetworkPolicy.class).stream()
                    .filter(np -> matches(np.getSpec().getPodSelector(), labels))
                    .filter(np -> np.getSpec().getPolicyTypes() != null && np.getSpec().getPolicyTypes().contains("Ingress"))
                    .collect(Collectors.toList());
            if (policies.isEmpty()) {
                problem("%s: no NetworkPolicy selects its pods: any pod may connect to it", s.name());
                continue;
            }
            List<NetworkPolicyPeer> httpFrom = new ArrayList<>();
            boolean httpFromAnywhere = false;
            boolean managementOpen = false;
            for (NetworkPolicy np : policies) {
                for (NetworkPolicyIngressRule rule : Optional.ofNullable(np.getSpec().getIngress()).orElse(List.of())) {
                    boolean all = rule.getPorts() == null || rule.getPorts().isEmpty();
                    boolean http = all || rule.getPorts().stream().anyMatch(p -> Objects.equals(resolve(p.getPort(), c), s.httpPort()));
                    boolean management = all || rule.getPorts().stream()
                            .anyMatch(p -> Objects.equals(resolve(p.getPort(), c), s.operationsPort()));
                    boolean fromAnywhere = rule.getFrom() == null || rule.getFrom().isEmpty();
                    managementOpen |= management;
                    if (http) {
                        httpFromAnywhere |= fromAnywhere;
                        Optional.ofNullable(rule.getFrom()).ifPresent(httpFrom::addAll);
                    }
                }
            }
            if (!managementOpen) {
                problem("%s: its NetworkPolicies close the management port %d (metrics scrape)", s.name(), s.operationsPort());
            }
            switch (s.name()) {
                case "gateway" -> {
                    if (!httpFromAnywhere) {
                        problem("gateway: its NetworkPolicies do not open the public port %d to everyone", s.httpPort());
                    }
                }
                case "content-service" -> {
                    boolean onlyGateway = !httpFromAnywhere && !httpFrom.isEmpty() && httpFrom.stream().allMatch(peer ->
                            peer.getNamespaceSelector() == null && peer.getIpBlock() == null && peer.getPodSelector() != null
                                    && Set.of("gateway").equals(selectedNames(peer.getPodSelector())));
                    if (!onlyGateway) {
                        problem("content-service: its HTTP port %d must be reachable from the gateway only, "
                                + "but the NetworkPolicies admit %s", s.httpPort(), httpFromAnywhere ? "everyone" : httpFrom);
                    }
                }
                default -> {
                    if (httpFromAnywhere || !httpFrom.isEmpty()) {
                        problem("%s: its NetworkPolicies open the HTTP port %d, which nobody in the cluster needs",
                                s.name(), s.httpPort());
                    }
                }
            }
        }
    }

    // ---- Prometheus Operator --------------------------------------------------------------------------

    /** Where PodMonitors exist: they scrape each service's management port at its metrics path. */
    private void checkPodMonitors() {
        List<PodMonitor> monitors = manifests.ofType(PodMonitor.class);
        if (monitors.isEmpty()) {
            return;
        }
        for (ServiceSources s : services.values()) {
            Optional<Deployment> d = manifests.find(Deployment.class, s.name());
            if (d.isEmpty()) {
                continue;
            }
            Map<String, String> labels = d.get().getSpec().getTemplate().getMetadata().getLabels();
            Container c = d.get().getSpec().getTemplate().getSpec().getContainers().get(0);
            List<PodMonitor> selecting = monitors.stream().filter(m -> matches(m.getSpec().getSelector(), labels))
                    .collect(Collectors.toList());
            if (selecting.isEmpty()) {
                problem("%s: no PodMonitor selects its pods", s.name());
            }
            for (PodMonitor m : selecting) {
                for (var endpoint : m.getSpec().getPodMetricsEndpoints()) {
                    Integer port = endpoint.getPort() == null ? null : resolve(new IntOrString(endpoint.getPort()), c);
                    if (!Objects.equals(port, s.operationsPort())) {
                        problem("PodMonitor %s: scrapes %s on port %s, not the management port %d", m.getMetadata().getName(),
                                s.name(), endpoint.getPort(), s.operationsPort());
                    }
                    if (!s.metricsPath().equals(endpoint.getPath())) {
                        problem("PodMonitor %s: path %s, but %s serves metrics at %s", m.getMetadata().getName(),
                                endpoint.getPath(), s.name(), s.metricsPath());
                    }
                }
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
                && selects(selector.getMatchLabels(), labels);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
    }

    /** A container's mount of a volume that {@code file} lies in, and the file's path inside that volume. */
    private record MountedFile(VolumeMount mount, Volume volume, String key) {
    }

    /** The mounts of {@code c} whose folder holds {@code file}, in the container's order. */
    private static Stream<MountedFile> mountsHolding(PodSpec pod, Container c, String file) {
        return Optional.ofNullable(c.getVolumeMounts()).orElse(List.of()).stream().flatMap(m -> {
            String dir = m.getMountPath().endsWith("/") ? m.getMountPath() : m.getMountPath() + "/";
            return file.startsWith(dir)
                    ? volume(pod, m.getName()).map(v -> new MountedFile(m, v, file.substring(dir.length()))).stream()
                    : Stream.empty();
        });
    }

    private static Optional<Volume> volume(PodSpec pod, String name) {
        return Optional.ofNullable(pod.getVolumes()).orElse(List.of()).stream().filter(v -> name.equals(v.getName())).findFirst();
    }

    /** The container port a Service targetPort or probe port reaches: a number as is, a name through the container's ports. */
    private static Integer resolve(IntOrString port, Container c) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        return c.getPorts().stream().filter(p -> port.getStrVal().equals(p.getName()))
                .map(ContainerPort::getContainerPort).findFirst().orElse(null);
    }

    private static String show(IntOrString port) {
        return port == null ? "(none)" : port.getIntVal() != null ? String.valueOf(port.getIntVal()) : port.getStrVal();
    }
}
