package io.datamapper.server.jobs;

import java.time.OffsetDateTime;
import tools.jackson.databind.JsonNode;

/**
 * A background task as clients see it: status ({@code queued}, {@code running}, {@code succeeded},
 * {@code failed}, {@code cancelled}), phase, live progress (rows, bytes, percent, rows/s, ETA in
 * seconds; null when unknown), the node running it, and the summary or the error (a problem detail)
 * at the end. Immutable.
 */
public record TaskView(
    String id,
    String kind,
    String status,
    String phase,
    String file,
    Long fileSize,
    long rowsRead,
    long rowsRejected,
    long bytesRead,
    Double percent,
    Double rowsPerSecond,
    Long etaSeconds,
    String node,
    int attempts,
    boolean cancelRequested,
    Long importId,
    JsonNode summary,
    JsonNode error,
    OffsetDateTime createdAt,
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    OffsetDateTime updatedAt) {

  public boolean finished() {
    return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
  }
}
