package io.datamapper.server.audit;

import java.time.OffsetDateTime;
import tools.jackson.databind.JsonNode;

/**
 * One row of the audit log.
 *
 * @param id its id (page back with {@code before})
 * @param at when the request came
 * @param node the server node that answered it
 * @param keyId the first 8 hex digits of the API key's SHA-256, or null
 * @param role the key's role, or null
 * @param remoteAddress the client's address
 * @param method the HTTP method
 * @param route the matched route ({@code /imports/{id}})
 * @param path the path as sent
 * @param target what it touched (importId, taskId, table), or null
 * @param status the HTTP status answered
 * @param durationMs how long it took
 */
public record AuditEntry(
    long id,
    OffsetDateTime at,
    String node,
    String keyId,
    String role,
    String remoteAddress,
    String method,
    String route,
    String path,
    JsonNode target,
    int status,
    long durationMs) {}
