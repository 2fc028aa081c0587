package uk.nhs.incidents.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Kubernetes manifests, built and checked offline: schema, and what they say about the application. */
class KubernetesManifestsTest {

    private static final Path K8S = Path.of("k8s");
    private static final Set<String> PROBE_PATHS = Set.of("/q/health/live", "/q/health/ready", "/q/health/started");
    private static final int HTTP_PORT = 8080;
    /** Quarkus settings the manifests may set that application.properties leaves to the environment. */
    private static final Set<String> FRAMEWORK_SETTINGS = Set.of("quarkus.mailer.username", "quarkus.mailer.password",
            "quarkus.mailer.start-tls");

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "production"})
    void eachOverlayBuildsAndMatchesTheKubernetesSchema(String overlay) throws IOException {
        List<ObjectNode> documents = Kustomize.build(K8S.resolve("overlays").resolve(overlay));
        assertThat(documents).extracting(d -> d.path("kind").asText())
                .contains("Deployment", "Service", "ConfigMap", "NetworkPolicy", "PodDisruptionBudget");
        assertThat(documents.stream().flatMap(d -> Manifests.schemaErrors(d).stream())).isEmpty();
    }

    @ParameterizedTest(name = "overlay {0}")
    @ValueSource(strings = {"dev", "production"})
    void crossReferencesHold(String overlay) throws IOException {
        assertThat(crossReferenceErrors(Kustomize.build(K8S.resolve("overlays").resolve(overlay)))).isEmpty();
    }

    @Test
    void productionRunsAtLeastTwoReplicasAndScalesFromTwo() throws IOException {
        List<ObjectNode> documents = Kustomize.build(K8S.resolve("overlays/production"));
        Deployment deployment = Manifests.typed(Kustomize.find(documents, "Deployment", "incident-service"),
                Deployment.class);
        HorizontalPodAutoscaler hpa = Manifests.typed(Kustomize.find(documents, "HorizontalPodAutoscaler",
                "incident-service"), HorizontalPodAutoscaler.class);
        assertThat(deployment.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(container.getImage()).isEqualTo("nhs-incidents/incident-service:1.0");
    }

    @Test
    void theSecretExampleIsAValidSecretWithNoRealValues() throws IOException {
        ObjectNode secret = Kustomize.read(K8S.resolve("secret.example.yaml")).get(0);
        assertThat(Manifests.schemaErrors(secret)).isEmpty();
        assertThat(secret.path("stringData").path("database-password").asText()).isEqualTo("change-me");
    }

    @Test
    void aMisspeltFieldFailsValidation() throws IOException {
        List<ObjectNode> documents = Kustomize.read(Path.of("src/test/resources/k8s-fixtures/typo/deployment.yaml"));
        assertThat(Manifests.schemaErrors(documents.get(0)))
                .anyMatch(e -> e.contains("unknown field 'readinessProbes'"))
                .anyMatch(e -> e.contains("unknown field 'replica'"));
    }

    @Test
    void anEnvironmentVariableTheApplicationDoesNotReadFails() throws IOException {
        List<ObjectNode> documents = Kustomize.build(Path.of("src/test/resources/k8s-fixtures/unknown-env"));
        assertThat(crossReferenceErrors(documents))
                .anyMatch(e -> e.contains("QUARKUS_DATASOURCE_JDBC_URLL"))
                .anyMatch(e -> e.contains("/q/health/alive"));
    }

    private static List<String> crossReferenceErrors(List<ObjectNode> documents) throws IOException {
        List<String> errors = new ArrayList<>();
        Deployment deployment = Manifests.typed(first(documents, "Deployment"), Deployment.class);
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        Container container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Set<String> portNames = container.getPorts().stream().map(p -> p.getName()).collect(Collectors.toSet());
        if (container.getPorts().stream().noneMatch(p -> p.getContainerPort() == HTTP_PORT)) {
            errors.add("no container port " + HTTP_PORT + ", the application's HTTP port");
        }
        for (Probe probe : new Probe[] {container.getStartupProbe(), container.getReadinessProbe(),
                container.getLivenessProbe()}) {
            if (probe == null || !PROBE_PATHS.contains(probe.getHttpGet().getPath())) {
                errors.add("probe path " + (probe == null ? "missing" : probe.getHttpGet().getPath())
                        + " is not a health endpoint of the application");
            } else if (!portNames.contains(probe.getHttpGet().getPort().getStrVal())) {
                errors.add("probe port " + probe.getHttpGet().getPort() + " is not a container port");
            }
        }
        if (!podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet())) {
            errors.add("the Deployment's selector does not match its pods");
        }
        for (ObjectNode document : documents) {
            switch (document.path("kind").asText()) {
                case "Service" -> {
                    Service service = Manifests.typed(document, Service.class);
                    selects(podLabels, service.getSpec().getSelector(), "Service", errors);
                    service.getSpec().getPorts().forEach(p -> {
                        if (!portNames.contains(p.getTargetPort().getStrVal())) {
                            errors.add("Service targets port " + p.getTargetPort() + ", which the pod does not have");
                        }
                    });
                }
                case "PodDisruptionBudget" -> selects(podLabels, Manifests.typed(document, PodDisruptionBudget.class)
                        .getSpec().getSelector().getMatchLabels(), "PodDisruptionBudget", errors);
                case "NetworkPolicy" -> selects(podLabels, Manifests.typed(document, NetworkPolicy.class)
                        .getSpec().getPodSelector().getMatchLabels(), "NetworkPolicy", errors);
                case "HorizontalPodAutoscaler" -> {
                    var target = Manifests.typed(document, HorizontalPodAutoscaler.class).getSpec().getScaleTargetRef();
                    if (!target.getName().equals(deployment.getMetadata().getName())) {
                        errors.add("the autoscaler targets " + target.getName() + ", not the Deployment");
                    }
                }
                default -> {
                }
            }
        }
        errors.addAll(environmentErrors(documents, container));
        return errors;
    }

    private static void selects(Map<String, String> podLabels, Map<String, String> selector, String kind,
            List<String> errors) {
        if (selector == null || selector.isEmpty() || !podLabels.entrySet().containsAll(selector.entrySet())) {
            errors.add("the " + kind + " does not select the service's pods");
        }
    }

    private static List<String> environmentErrors(List<ObjectNode> documents, Container container) throws IOException {
        List<String> errors = new ArrayList<>();
        Set<String> readable = readableEnvironment();
        Set<String> names = new HashSet<>();
        container.getEnv().stream().map(EnvVar::getName).forEach(names::add);
        Set<String> secretKeys = new HashSet<>();
        Kustomize.read(K8S.resolve("secret.example.yaml")).get(0).path("stringData").fieldNames()
                .forEachRemaining(secretKeys::add);
        container.getEnvFrom().forEach(source -> {
            JsonNode configMap = documents.stream().filter(d -> d.path("kind").asText().equals("ConfigMap")
                    && d.path("metadata").path("name").asText().equals(source.getConfigMapRef().getName()))
                    .findFirst().orElse(null);
            if (configMap == null) {
                errors.add("envFrom names ConfigMap " + source.getConfigMapRef().getName() + ", which is not built");
            } else {
                configMap.path("data").fieldNames().forEachRemaining(names::add);
            }
        });
        names.stream().filter(name -> !readable.contains(name)).sorted()
                .forEach(name -> errors.add("environment variable " + name + " is not a setting the application reads"));
        container.getEnv().stream().filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                .map(e -> e.getValueFrom().getSecretKeyRef().getKey()).filter(key -> !secretKeys.contains(key))
                .forEach(key -> errors.add("Secret key " + key + " is not in secret.example.yaml"));
        return errors;
    }

    /** Every setting the application has, as the environment variable that sets it (MicroProfile Config rule). */
    private static Set<String> readableEnvironment() throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(Path.of("src/main/resources/application.properties"))) {
            properties.load(reader);
        }
        return Stream.concat(properties.stringPropertyNames().stream(), FRAMEWORK_SETTINGS.stream())
                .map(key -> key.replaceFirst("^%[^.]+\\.", ""))
                .map(key -> key.toUpperCase().replaceAll("[^A-Z0-9]", "_"))
                .collect(Collectors.toSet());
    }

    private static ObjectNode first(List<ObjectNode> documents, String kind) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)).findFirst().orElseThrow();
    }
}
