package io.datamapper.load;

import io.datamapper.mapping.Mapping;
import java.util.Objects;

/**
 * One import to run: the source, the mapping, {@code dryRun} (do everything, write
 * nothing), {@code force} (import even if this file was already imported into the
 * target), a progress listener, and {@code replayOf}: the import whose rejected rows this
 * one loads again (null when it is not a replay). Immutable.
 */
public record ImportRequest(ImportSource source, Mapping mapping, boolean dryRun, boolean force, ProgressListener progress,
    Long replayOf) {
  public ImportRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(mapping, "mapping");
    progress = progress == null ? ProgressListener.NONE : progress;
  }

  public ImportRequest(ImportSource source, Mapping mapping, boolean dryRun, boolean force, ProgressListener progress) {
    this(source, mapping, dryRun, force, progress, null);
  }

  public static ImportRequest of(ImportSource source, Mapping mapping) {
    return new ImportRequest(source, mapping, false, false, null, null);
  }
}
