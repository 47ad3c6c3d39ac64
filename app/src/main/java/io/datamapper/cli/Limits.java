package io.datamapper.cli;

import io.datamapper.DataMapperException;
import io.datamapper.format.ReadLimits;
import java.util.regex.Pattern;

/**
 * The read limits of a CLI run: the defaults, overridden by {@code DATAMAPPER_LIMITS_*} variables.
 */
final class Limits {
  private Limits() {}

  static ReadLimits fromEnvironment() {
    try {
      return ReadLimits.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      // a wrong setting is the user's to fix: exit 1 with the setting named
      String message =
          Pattern.compile("datamapper\\.limits\\.[a-z-]+")
              .matcher(e.getMessage())
              .replaceAll(m -> ReadLimits.envName(m.group()));
      throw new DataMapperException(message, e);
    }
  }
}
