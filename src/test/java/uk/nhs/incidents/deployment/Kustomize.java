package uk.nhs.incidents.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a kustomization offline, for tests: the subset of kustomize this repository uses (resources, patches,
 * images, configMapGenerator merges, namespace, labels with selectors). Any other kustomization field fails the
 * build, so the subset cannot silently drift from what the manifests use.
 */
final class Kustomize {

    static final ObjectMapper YAML = new YAMLMapper();
    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "patches", "images",
            "configMapGenerator", "namespace", "labels");

    private Kustomize() {
    }

    static List<ObjectNode> build(Path directory) throws IOException {
        JsonNode kustomization = YAML.readTree(directory.resolve("kustomization.yaml").toFile());
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException("kustomization field not supported by the test build: " + field);
            }
        });
        List<ObjectNode> documents = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            documents.addAll(Files.isDirectory(path) ? build(path) : read(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            for (ObjectNode change : read(directory.resolve(patch.path("path").asText()))) {
                merge(find(documents, change.path("kind").asText(), change.path("metadata").path("name").asText()),
                        change);
            }
        }
        for (JsonNode image : kustomization.path("images")) {
            documents.forEach(d -> containers(d).forEach(c -> {
                if (c.path("image").asText().split(":")[0].equals(image.path("name").asText())) {
                    c.put("image", image.path("name").asText() + ":" + image.path("newTag").asText());
                }
            }));
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            ObjectNode data = (ObjectNode) find(documents, "ConfigMap", generator.path("name").asText()).path("data");
            for (JsonNode literal : generator.path("literals")) {
                String[] pair = literal.asText().split("=", 2);
                data.put(pair[0], pair[1]);
            }
        }
        for (JsonNode labels : kustomization.path("labels")) {
            documents.forEach(d -> label(d, (ObjectNode) labels.path("pairs"),
                    labels.path("includeSelectors").asBoolean()));
        }
        if (kustomization.has("namespace")) {
            documents.forEach(d -> ((ObjectNode) d.path("metadata")).put("namespace",
                    kustomization.path("namespace").asText()));
        }
        return documents;
    }

    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> documents = new ArrayList<>();
        try (var parser = new YAMLFactory().createParser(file.toFile())) {
            Iterator<ObjectNode> values = YAML.readValues(parser, ObjectNode.class);
            values.forEachRemaining(documents::add);
        }
        return documents;
    }

    static ObjectNode find(List<ObjectNode> documents, String kind, String name) {
        return documents.stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.path("metadata").path("name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + kind + " named " + name));
    }

    static List<ObjectNode> containers(JsonNode document) {
        List<ObjectNode> containers = new ArrayList<>();
        document.path("spec").path("template").path("spec").path("containers")
                .forEach(c -> containers.add((ObjectNode) c));
        return containers;
    }

    /** Strategic merge: maps merge key by key, lists of named items merge by name, other values replace. */
    private static void merge(ObjectNode target, JsonNode change) {
        change.fields().forEachRemaining(field -> {
            JsonNode existing = target.get(field.getKey());
            JsonNode value = field.getValue();
            if (existing instanceof ObjectNode object && value.isObject()) {
                merge(object, value);
            } else if (existing instanceof ArrayNode list && value.isArray() && named(value)) {
                value.forEach(item -> mergeNamed(list, item));
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        });
    }

    private static boolean named(JsonNode list) {
        return list.size() > 0 && list.get(0).has("name");
    }

    private static void mergeNamed(ArrayNode list, JsonNode item) {
        for (JsonNode existing : list) {
            if (existing.path("name").equals(item.path("name"))) {
                merge((ObjectNode) existing, item);
                return;
            }
        }
        list.add(item.deepCopy());
    }

    private static void label(ObjectNode document, ObjectNode pairs, boolean includeSelectors) {
        ObjectNode metadata = (ObjectNode) document.path("metadata");
        metadata.with("labels").setAll(pairs.deepCopy());
        if (!includeSelectors) {
            return;
        }
        String kind = document.path("kind").asText();
        ObjectNode spec = document.has("spec") ? (ObjectNode) document.get("spec") : null;
        switch (kind) {
            case "Deployment" -> {
                spec.with("selector").with("matchLabels").setAll(pairs.deepCopy());
                spec.with("template").with("metadata").with("labels").setAll(pairs.deepCopy());
            }
            case "Service" -> spec.with("selector").setAll(pairs.deepCopy());
            default -> existingSelectors(kind).forEach(path -> {
                JsonNode selector = document.at(path);
                if (selector instanceof ObjectNode object) {
                    object.setAll(pairs.deepCopy());
                }
            });
        }
    }

    private static List<String> existingSelectors(String kind) {
        return Map.of("PodDisruptionBudget", List.of("/spec/selector/matchLabels"),
                "NetworkPolicy", List.of("/spec/podSelector/matchLabels")).getOrDefault(kind, List.of());
    }
}
