package io.datamapper.format.json;

import io.datamapper.format.BadFileException;
import io.datamapper.format.LimitExceededException;
import io.datamapper.format.ReadLimits;
import io.datamapper.format.Sizes;
import java.io.CharConversionException;
import java.io.IOException;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.exc.StreamConstraintsException;

/** Jackson's errors worded for whoever fixes the file: what is wrong, where. Stateless. */
final class JsonErrors {
  private JsonErrors() {}

  /** Parts of Jackson's messages that speak to programmers, not to whoever fixes the file. */
  private static final Pattern NOISE =
      Pattern.compile(
          "\\s*\\([^()\\[]*\\[Source: [^\\]]*\\]\\)"
              + "|, from `[^`]*`|: enable `[^`]*` to allow|\\s*\\(not recognized as one since Feature '[^']*' not enabled for parser\\)");

  /**
   * The exception to throw for Jackson's {@code e}, which happened {@code where} ("at line L,
   * column C"); rethrows the input's own I/O failure.
   */
  static IOException translate(
      RuntimeException e, String fileName, ReadLimits limits, String where, boolean decodedByUs)
      throws IOException {
    if (e instanceof JacksonIOException io && io.getCause() instanceof IOException cause) {
      // Jackson's own decoders (UTF-32) report bad bytes as CharConversionException
      if (!(cause instanceof CharConversionException)) throw cause;
      throw new BadFileException(
          fileName
              + ": malformed JSON "
              + where
              + ": "
              + cause.getMessage()
              + encodingHint(decodedByUs),
          e);
    }
    if (e instanceof StreamConstraintsException c) {
      String message = String.valueOf(c.getOriginalMessage());
      if (message.contains("String value length") || message.contains("MaxStringLength")) {
        throw new LimitExceededException(
            fileName,
            "the string "
                + where
                + " is longer than "
                + Sizes.count(limits.maxValueChars())
                + " characters",
            limits.maxValueChars(),
            ReadLimits.VALUE);
      }
      if (message.contains("nesting depth") || message.contains("MaxNestingDepth")) {
        throw new LimitExceededException(
            fileName,
            "the JSON "
                + where
                + " is nested more than "
                + limits.maxNestingDepth()
                + " levels deep",
            limits.maxNestingDepth(),
            ReadLimits.DEPTH);
      }
      throw new BadFileException(
          fileName
              + ": JSON "
              + where
              + " goes beyond a limit of the JSON reader: "
              + clean(c.getOriginalMessage()),
          e);
    }
    if (e instanceof JacksonException j) {
      throw new BadFileException(
          fileName
              + ": malformed JSON "
              + where
              + ": "
              + clean(j.getOriginalMessage())
              + (j.getOriginalMessage() != null && j.getOriginalMessage().contains("UTF-8")
                  ? encodingHint(decodedByUs)
                  : ""),
          e);
    }
    // the symbol table refuses names crafted to collide
    throw new BadFileException(
        fileName + ": JSON " + where + " cannot be read: " + e.getMessage(), e);
  }

  private static String encodingHint(boolean decodedByUs) {
    return decodedByUs ? "" : " (JSON files are UTF-8; if this one is not, set source.encoding)";
  }

  private static String clean(String message) {
    if (message == null) return "unreadable";
    return NOISE.matcher(message).replaceAll("");
  }
}
