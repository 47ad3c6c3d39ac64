package io.datamapper.format.json;

import io.datamapper.format.ReadLimits;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;

/** Jackson parser factories configured with the reader's limits. Thread-safe. */
final class JsonParsers {
  private JsonParsers() {}

  /** Thread-safe; for {@link ReadLimits#DEFAULT}. */
  private static final JsonFactory DEFAULT = create(ReadLimits.DEFAULT);

  /**
   * A parser factory with the limits: Jackson checks a string's length while it reads it, before it
   * is whole.
   */
  static JsonFactory factory(ReadLimits limits) {
    return limits.equals(ReadLimits.DEFAULT) ? DEFAULT : create(limits);
  }

  private static JsonFactory create(ReadLimits limits) {
    return JsonFactory.builder()
        .streamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxStringLength(limits.maxValueChars())
                .maxNumberLength(JsonRecordReader.MAX_NUMBER_CHARS)
                .maxNameLength(JsonRecordReader.MAX_NAME_CHARS)
                // streaming: the document as a whole may be any size
                .maxDocumentLength(-1)
                .maxTokenCount(-1)
                .build())
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        // Jackson would close the input at its end; the caller may still read it (to hash the rest)
        .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
        .build();
  }
}
