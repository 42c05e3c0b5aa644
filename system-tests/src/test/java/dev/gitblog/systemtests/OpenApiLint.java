package dev.gitblog.systemtests;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules a standard OpenAPI linter applies with its recommended set (Redocly CLI's {@code recommended}: errors
 * and warnings alike), checked on a document as a Jackson tree, so that the build needs no Node.js: info with a
 * license that has a URL or an SPDX identifier; servers that are present, neither example.com nor localhost, and without
 * a trailing slash; on every operation a unique operationId, a summary, a 2xx (or 3xx) and a 4xx answer, declared path
 * parameters, security (its own or the document's) naming only defined schemes, and tags that the document
 * describes; no unused components. {@link #problems} lists what breaks a rule, one line each.
 */
public final class OpenApiLint {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch",
            "trace");
    private static final Pattern TEMPLATE = Pattern.compile("\\{([^}]+)}");

    private OpenApiLint() {
    }

    public static List<String> problems(JsonNode doc) {
        List<String> out = new ArrayList<>();
        JsonNode license = doc.path("info").path("license");
        if (!license.hasNonNull("name")) {
            out.add("info-license: info.license.name is missing");
        } else if (!license.hasNonNull("url") && !license.hasNonNull("identifier")) {
            out.add("info-license-strict: info.license has neither url nor identifier");
        }
        JsonNode servers = doc.path("servers");
        if (!servers.isArray() || servers.isEmpty()) {
            out.add("no-empty-servers: servers is missing or empty");
        }
        for (JsonNode server : servers) {
            String url = server.path("url").asText("");
            if (url.isEmpty()) {
                out.add("no-empty-servers: a server without url");
            }
            if (url.contains("example.com") || url.contains("localhost")) {
                out.add("no-server-example.com: " + url);
            }
            if (url.length() > 1 && url.endsWith("/")) {
                out.add("no-server-trailing-slash: " + url);
            }
        }
        Set<String> schemes = new HashSet<>();
        doc.path("components").path("securitySchemes").fieldNames().forEachRemaining(schemes::add);
        Set<String> tags = new HashSet<>();
        for (JsonNode tag : doc.path("tags")) {
            tags.add(tag.path("name").asText());
            if (!tag.hasNonNull("description")) {
                out.add("tag-description: tag " + tag.path("name").asText() + " has no description");
            }
        }
        boolean rootSecurity = doc.has("security");
        checkSecurity(doc.path("security"), schemes, "the document", out);
        Set<String> operationIds = new HashSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (!METHODS.contains(op.getKey())) {
                    continue;
                }
                String where = op.getKey().toUpperCase() + " " + path.getKey();
                JsonNode operation = op.getValue();
                String id = operation.path("operationId").asText("");
                if (id.isEmpty()) {
                    out.add("operation-operationId: " + where + " has none");
                } else if (!operationIds.add(id)) {
                    out.add("operation-operationId-unique: " + id + " (" + where + ")");
                } else if (!id.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    out.add("operation-operationId-url-safe: " + id);
                }
                if (!operation.hasNonNull("summary")) {
                    out.add("operation-summary: " + where + " has none");
                }
                boolean success = false;
                boolean clientError = false;
                for (Iterator<String> codes = operation.path("responses").fieldNames(); codes.hasNext(); ) {
                    String code = codes.next();
                    success |= code.startsWith("2") || code.startsWith("3");
                    clientError |= code.startsWith("4") || code.equals("default");
                }
                if (!success) {
                    out.add("operation-2xx-response: " + where + " documents no success");
                }
                if (!clientError) {
                    out.add("operation-4xx-response: " + where + " documents no 4xx answer");
                }
                if (!rootSecurity && !operation.has("security")) {
                    out.add("security-defined: " + where + " declares no security and the document none");
                }
                checkSecurity(operation.path("security"), schemes, where, out);
                for (JsonNode tag : operation.path("tags")) {
                    if (!tags.contains(tag.asText())) {
                        out.add("operation-tag-defined: " + where + " uses tag " + tag.asText());
                    }
                }
                checkPathParameters(path.getKey(), path.getValue(), operation, where, out);
            }
        }
        checkUnusedComponents(doc, out);
        return out;
    }

    private static void checkSecurity(JsonNode security, Set<String> schemes, String where, List<String> out) {
        for (JsonNode requirement : security) {
            requirement.fieldNames().forEachRemaining(name -> {
                if (!schemes.contains(name)) {
                    out.add("security-defined: " + where + " names undefined scheme " + name);
                }
            });
        }
    }

    private static void checkPathParameters(String path, JsonNode pathItem, JsonNode operation, String where,
                                            List<String> out) {
        Set<String> declared = new HashSet<>();
        for (JsonNode list : List.of(pathItem.path("parameters"), operation.path("parameters"))) {
            for (JsonNode p : list) {
                if ("path".equals(p.path("in").asText())) {
                    declared.add(p.path("name").asText());
                }
            }
        }
        Set<String> templated = new HashSet<>();
        Matcher m = TEMPLATE.matcher(path);
        while (m.find()) {
            templated.add(m.group(1));
        }
        if (!declared.equals(templated)) {
            out.add("path-parameters-defined: " + where + " declares " + declared + " for " + templated);
        }
    }

    private static void checkUnusedComponents(JsonNode doc, List<String> out) {
        String text = doc.toString();
        for (String kind : List.of("schemas", "responses", "parameters", "headers", "examples", "requestBodies")) {
            doc.path("components").path(kind).fieldNames().forEachRemaining(name -> {
                if (!text.contains("\"#/components/" + kind + "/" + name + "\"")) {
                    out.add("no-unused-components: #/components/" + kind + "/" + name);
                }
            });
        }
    }
}
