package io.datamapper.load;

import io.datamapper.mapping.Mapping;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * One import to run: the source, the mapping, {@code dryRun} (do everything, write nothing), {@code
 * force} (import even if this file was already imported into the target), a progress listener,
 * {@code replayOf}: the import whose rejected rows this one loads again (null when it is not a
 * replay), and {@code cancelled}, asked between batches of rows: once it answers true the import
 * stops with {@link ImportCancelledException} and nothing is written. {@code widenTypes}: the
 * mapping's types were detected, not chosen, so a value one cannot hold widens it (see {@link
 * TypeWidening}) instead of rejecting the row, when the import creates the table. Immutable.
 */
public record ImportRequest(
    ImportSource source,
    Mapping mapping,
    boolean dryRun,
    boolean force,
    ProgressListener progress,
    Long replayOf,
    BooleanSupplier cancelled,
    boolean widenTypes) {
  private static final BooleanSupplier NEVER = () -> false;

  public ImportRequest(
      ImportSource source,
      Mapping mapping,
      boolean dryRun,
      boolean force,
      ProgressListener progress,
      Long replayOf,
      BooleanSupplier cancelled) {
    this(source, mapping, dryRun, force, progress, replayOf, cancelled, false);
  }

  /** This request with detected types that widen (or not). */
  public ImportRequest withWidening(boolean widen) {
    return new ImportRequest(source, mapping, dryRun, force, progress, replayOf, cancelled, widen);
  }

  /** This request with another mapping (a widened one). */
  ImportRequest withMapping(Mapping m) {
    return new ImportRequest(source, m, dryRun, force, progress, replayOf, cancelled, widenTypes);
  }

  public ImportRequest {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(mapping, "mapping");
    progress = progress == null ? ProgressListener.NONE : progress;
    cancelled = cancelled == null ? NEVER : cancelled;
  }

  public ImportRequest(
      ImportSource source,
      Mapping mapping,
      boolean dryRun,
      boolean force,
      ProgressListener progress) {
    this(source, mapping, dryRun, force, progress, null, null);
  }

  public ImportRequest(
      ImportSource source,
      Mapping mapping,
      boolean dryRun,
      boolean force,
      ProgressListener progress,
      Long replayOf) {
    this(source, mapping, dryRun, force, progress, replayOf, null);
  }

  public static ImportRequest of(ImportSource source, Mapping mapping) {
    return new ImportRequest(source, mapping, false, false, null, null, null);
  }

  /** This request, stopped cooperatively when {@code cancelled} answers true. */
  public ImportRequest withCancellation(BooleanSupplier cancelled) {
    return new ImportRequest(
        source, mapping, dryRun, force, progress, replayOf, cancelled, widenTypes);
  }
}
