package uk.nhs.incidents.deployment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks manifests against the Kubernetes API types (fabric8's models, generated from the Kubernetes OpenAPI
 * schema) offline: a field the schema does not have lands in a model's {@code additionalProperties}, which
 * this walk reports, so a misspelt field name fails.
 */
final class Manifests {

    private record Type(String apiVersion, Class<?> model) {
    }

    private static final Map<String, Type> KINDS = Map.of(
            "Deployment", new Type("apps/v1", Deployment.class),
            "Service", new Type("v1", Service.class),
            "ConfigMap", new Type("v1", ConfigMap.class),
            "Secret", new Type("v1", Secret.class),
            "NetworkPolicy", new Type("networking.k8s.io/v1", NetworkPolicy.class),
            "PodDisruptionBudget", new Type("policy/v1", PodDisruptionBudget.class),
            "HorizontalPodAutoscaler", new Type("autoscaling/v2", HorizontalPodAutoscaler.class));

    private static final ObjectMapper JSON = new ObjectMapper();

    private Manifests() {
    }

    static List<String> schemaErrors(ObjectNode document) {
        String kind = document.path("kind").asText();
        String name = kind + "/" + document.path("metadata").path("name").asText();
        Type type = KINDS.get(kind);
        if (type == null) {
            return List.of(name + ": kind not expected in this repository");
        }
        List<String> errors = new ArrayList<>();
        if (!type.apiVersion().equals(document.path("apiVersion").asText())) {
            errors.add(name + ": apiVersion must be " + type.apiVersion());
        }
        try {
            walk(JSON.treeToValue(document, type.model()), name, errors);
        } catch (Exception e) {
            errors.add(name + ": " + e.getMessage());
        }
        return errors;
    }

    static <T> T typed(JsonNode document, Class<T> type) {
        try {
            return JSON.treeToValue(document, type);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static void walk(Object value, String path, List<String> errors) throws IntrospectionException,
            InvocationTargetException, IllegalAccessException {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", errors);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                walk(entry.getValue(), path + "." + entry.getKey(), errors);
            }
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (PropertyDescriptor property : Introspector.getBeanInfo(value.getClass()).getPropertyDescriptors()) {
            if (property.getReadMethod() == null || property.getName().equals("class")) {
                continue;
            }
            Object child = property.getReadMethod().invoke(value);
            if (property.getName().equals("additionalProperties")) {
                ((Map<?, ?>) child).keySet().forEach(unknown -> errors.add(path + ": unknown field '" + unknown + "'"));
            } else {
                walk(child, path + "." + property.getName(), errors);
            }
        }
    }
}
