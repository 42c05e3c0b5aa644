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
import io.fabric8.kubernetes.api.model.networking.v1.ServiceBackendPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a built overlay and the services disagree, one sentence per disagreement. Pure: it reads nothing
 * itself, so the tests can hand it a broken copy and watch it complain.
 */
final class ManifestChecks {
    static final String IMAGE_REGISTRY = "ghcr.io/gitblog/";
    static final String HOOK_SECRET = "BLOG_HOOK_SECRET";
    /** Services that must reference the webhook Secret (issue 7). */
    static final Set<String> HOOK_SECRET_HOLDERS = Set.of("content-service", "gateway");
    /**
     * Variables a service may be given without reading them itself. The gateway only forwards /hooks/* to
     * content-service, which checks the signature; issue 7 still asks for the reference on both sides.
     */
    static final Map<String, Set<String>> PASSED_THROUGH = Map.of("gateway", Set.of(HOOK_SECRET));
    /** Read by the image's run-java.sh launcher (ubi9/openjdk-17), not by the application. */
    static final Set<String> RUN_JAVA_ENV = Set.of("JAVA_MAX_MEM_RATIO", "JAVA_INITIAL_MEM_RATIO", "JAVA_OPTS_APPEND",
            "JAVA_OPTIONS", "JAVA_DIAGNOSTICS", "GC_MAX_METASPACE_SIZE");

    private final TypedManifests manifests;
    private final Map<String, ServiceSources> services;
    private final Map<String, Integer> topicPartitions;
    private final List<String> problems = new ArrayList<>();

    private ManifestChecks(TypedManifests manifests, Map<String, ServiceSources> services, Map<String, Integer> topicPartitions) {
        this.manifests = manifests;
        this.services = services;
        this.topicPartitions = topicPartitions;
    }

    /**
     * @param services        by name: the four services and what their modules say
     * @param topicPartitions topic name to partition count, from events/ and docs/PIPELINE.md
     */
    static List<String> problems(TypedManifests manifests, Map<String, ServiceSources> services,
            Map<String, Integer> topicPartitions) {
        ManifestChecks checks = new ManifestChecks(manifests, services, topicPartitions);
        services.values().forEach(checks::checkService);
        checks.checkKafka();
        checks.checkIngress();
        checks.checkScaling();
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

        String image = MiniKustomize.ImageRef.parse(c.getImage()).name();
        if (!image.equals(IMAGE_REGISTRY + name)) {
            problem("%s: image %s, expected %s%s (the name Dockerfile.jvm documents)", name, c.getImage(), IMAGE_REGISTRY, name);
        }
        if (!s.dockerfile().contains(IMAGE_REGISTRY + name)) {
            problem("%s: src/main/docker/Dockerfile.jvm is missing or does not name the image %s%s", name, IMAGE_REGISTRY, name);
        }
        if (!s.exposedPort().equals(Optional.of(port))) {
            problem("%s: Dockerfile.jvm EXPOSE %s but quarkus.http.port is %d", name, s.exposedPort().orElse(null), port);
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

        // probes and metrics
        checkProbe(name, "liveness", c.getLivenessProbe(), Set.of(s.livenessPath()), c, port);
        checkProbe(name, "readiness", c.getReadinessProbe(), Set.of(s.readinessPath()), c, port);
        checkProbe(name, "startup", c.getStartupProbe(), Set.of(s.livenessPath(), s.startupPath()), c, port);
        Map<String, String> annotations = Optional.ofNullable(d.getSpec().getTemplate().getMetadata().getAnnotations()).orElse(Map.of());
        if (annotations.containsKey("prometheus.io/path") && !s.metricsPath().equals(annotations.get("prometheus.io/path"))) {
            problem("%s: prometheus.io/path %s but metrics are at %s", name, annotations.get("prometheus.io/path"), s.metricsPath());
        }
        if (annotations.containsKey("prometheus.io/port") && !String.valueOf(port).equals(annotations.get("prometheus.io/port"))) {
            problem("%s: prometheus.io/port %s but the service listens on %d", name, annotations.get("prometheus.io/port"), port);
        }

        checkEnvironment(s, c);
        checkSecurity(name, pod, c);
        checkResources(name, c);
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
            problem("%s: %s probe port %s reaches %s, not the HTTP port %d", service, kind, show(probe.getHttpGet().getPort()), target, port);
        }
    }

    private void checkEnvironment(ServiceSources s, Container c) {
        String name = s.name();
        Set<String> reads = s.environmentNames();
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
            boolean ok = reads.contains(env) || passedThrough.contains(env) || (RUN_JAVA_ENV.contains(env) && s.imageUsesRunJava());
            if (!ok) {
                problem("%s: the manifests set %s, which the service does not read (not in its application.properties, "
                        + "@ConfigProperty/@ConfigMapping sources, nor its image's launcher)", name, env);
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
        Optional<String> bootstrap = configMapValue(c, "KAFKA_BOOTSTRAP_SERVERS");
        if (bootstrap.isEmpty()) {
            problem("%s: no KAFKA_BOOTSTRAP_SERVERS", name);
        } else if (!bootstrap.get().equals(kafkaBootstrap())) {
            problem("%s: KAFKA_BOOTSTRAP_SERVERS=%s, but the Strimzi bootstrap service is %s", name, bootstrap.get(), kafkaBootstrap());
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
        boolean containerAware = Optional.ofNullable(c.getEnv()).orElse(List.of()).stream()
                .anyMatch(e -> "JAVA_MAX_MEM_RATIO".equals(e.getName()) && e.getValue() != null);
        if (!containerAware) {
            problem("%s: no JAVA_MAX_MEM_RATIO: the heap would not follow the memory limit as planned", name);
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

    /** host:port of the plain listener of the one Kafka cluster, as Strimzi names its bootstrap Service. */
    String kafkaBootstrap() {
        Optional<GenericKubernetesResource> kafka = kafka();
        if (kafka.isEmpty()) {
            return "(no single Kafka resource)";
        }
        List<Map<String, Object>> listeners = kafka.get().get("spec", "kafka", "listeners");
        Object port = listeners == null ? null : listeners.stream()
                .filter(l -> "internal".equals(l.get("type")) && Boolean.FALSE.equals(l.get("tls")))
                .map(l -> l.get("port")).findFirst().orElse(null);
        return kafka.get().getMetadata().getName() + "-kafka-bootstrap:" + port;
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
        }
        if (!actual.equals(new TreeMap<>(topicPartitions))) {
            problem("KafkaTopics %s (name=partitions) differ from events/Topics.java with docs/PIPELINE.md %s", actual, new TreeMap<>(topicPartitions));
        }
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

    // ---- helpers ------------------------------------------------------------------------------------

    private static boolean selects(LabelSelector selector, Map<String, String> labels) {
        return selector != null && (selector.getMatchExpressions() == null || selector.getMatchExpressions().isEmpty())
                && selects(selector.getMatchLabels(), labels);
    }

    private static boolean selects(Map<String, String> selector, Map<String, String> labels) {
        return selector != null && !selector.isEmpty() && labels != null && labels.entrySet().containsAll(selector.entrySet());
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
