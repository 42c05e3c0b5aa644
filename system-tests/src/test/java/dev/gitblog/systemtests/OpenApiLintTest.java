package dev.gitblog.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OpenAPI documents of the gateway and content-service, as their builds wrote them (target/openapi, the
 * document /q/openapi serves), pass {@link OpenApiLint}; and the lint does catch what it is there for.
 */
class OpenApiLintTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode stored(String module) throws IOException {
        Path file = LocalSystem.PROJECT_ROOT.resolve(module).resolve("target/openapi/openapi.json");
        assertTrue(Files.isRegularFile(file), file + " is written by the " + module + " build (package it first)");
        return JSON.readTree(file.toFile());
    }

    @Test
    void theGatewaysDocumentIsClean() throws IOException {
        assertEquals(List.of(), OpenApiLint.problems(stored("gateway")));
    }

    @Test
    void contentServicesDocumentIsClean() throws IOException {
        assertEquals(List.of(), OpenApiLint.problems(stored("content-service")));
    }

    @Test
    void theLintFindsWhatTheIssueFound() throws IOException {
        JsonNode doc = JSON.readTree("""
                {"openapi": "3.1.0", "info": {"title": "t", "version": "1"}, "servers": [],
                 "paths": {"/api/articles/{path}": {"get": {"responses": {"200": {"description": "ok"}}}},
                           "/api/tags": {"get": {"operationId": "x", "summary": "s",
                                                 "responses": {"200": {"description": "ok"}}}},
                           "/api/site": {"get": {"operationId": "x", "summary": "s", "security": [{"nope": []}],
                                                 "responses": {"200": {"description": "ok"},
                                                               "404": {"description": "no"}}}}},
                 "components": {"schemas": {"Unused": {"type": "string"}}}}
                """);
        List<String> problems = OpenApiLint.problems(doc);
        for (String rule : List.of("info-license:", "no-empty-servers:", "operation-operationId: GET /api/articles",
                "operation-operationId-unique: x", "operation-summary: GET /api/articles",
                "operation-4xx-response: GET /api/tags", "security-defined: GET /api/tags",
                "security-defined: GET /api/site names undefined scheme nope",
                "path-parameters-defined: GET /api/articles/{path}", "no-unused-components: #/components/schemas/Unused")) {
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(rule)), rule + " in " + problems);
        }
    }
}
