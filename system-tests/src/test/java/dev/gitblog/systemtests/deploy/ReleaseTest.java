package dev.gitblog.systemtests.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strimzi.api.kafka.model.kafka.Kafka;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * What the manifests expect from outside the manifests: images under the names and tags the Jib build gives
 * them, the Strimzi release the README installs (the one whose model the resources are checked against), and
 * the Kafka version of the services' kafka-clients. The images themselves cannot be built here (Jib needs the
 * base image from a container registry): this checks the names the build is configured to produce.
 */
class ReleaseTest {
    private static final Pattern STRIMZI_INSTALL =
            Pattern.compile("strimzi-kafka-operator/releases/download/([0-9][^/\\s]*)/strimzi-cluster-operator-([0-9][^/\\s]*)\\.yaml");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyImageIsOneTheBuildMakes(String overlay) {
        Map<String, ServiceSources> services = DeployFixture.services();
        TypedManifests m = DeployFixture.build(overlay);
        for (ServiceSources s : services.values()) {
            Deployment d = m.find(Deployment.class, s.name()).orElseThrow();
            ImageRef image = ImageRef.parse(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
            assertEquals(s.imageName().orElse("(no image: Jib extension or registry/group missing)"), image.name(), s.name());
            List<String> tags = new ArrayList<>();
            s.imageTag().ifPresent(tags::add);
            s.buildProperty("quarkus.container-image.additional-tags").ifPresent(t -> tags.addAll(List.of(t.split(","))));
            assertTrue(tags.contains(image.tag()), overlay + " " + s.name() + ": tag " + image.tag() + ", the build tags " + tags);
        }
    }

    @Test
    void prodPinsTheReleaseTagOfTheBuild() {
        for (ServiceSources s : DeployFixture.services().values()) {
            Deployment d = DeployFixture.build("prod").find(Deployment.class, s.name()).orElseThrow();
            String tag = ImageRef.parse(d.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).tag();
            assertEquals(s.imageTag().orElse("(none)"), tag, s.name() + ": prod runs the tag the build gives (quarkus.container-image.tag)");
        }
    }

    @Test
    void kafkaRunsTheVersionOfTheServicesClients() {
        for (String overlay : DeployFixture.OVERLAYS) {
            GenericKubernetesResource kafka = DeployFixture.build(overlay).custom("Kafka").get(0);
            assertEquals(AppInfoParser.getVersion(), kafka.get("spec", "kafka", "version"), overlay);
        }
    }

    @Test
    void readmeInstallsTheStrimziReleaseWhoseModelChecksTheResources() throws IOException {
        String readme = Files.readString(DeployFixture.ROOT.resolve("deploy/kubernetes/README.md"));
        Matcher install = STRIMZI_INSTALL.matcher(readme);
        assertTrue(install.find(), "deploy/kubernetes/README.md installs no pinned Strimzi release");
        assertEquals(install.group(1), install.group(2));
        String pom = Files.readString(DeployFixture.ROOT.resolve("system-tests/pom.xml"));
        Matcher model = Pattern.compile("<strimzi.version>([^<]+)</strimzi.version>").matcher(pom);
        assertTrue(model.find());
        assertEquals(model.group(1), install.group(1), "README installs Strimzi " + install.group(1)
                + " but the manifests are checked against the model of " + model.group(1));
        assertTrue(Kafka.VERSIONS.contains("v1"), "this Strimzi release serves kafka.strimzi.io/v1: " + Kafka.VERSIONS);
    }
}
