package io.datamapper.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether standard output is a terminal (for progress bars). */
final class Terminal {
  private Terminal() {}

  static boolean isInteractive() {
    Console console = System.console();
    if (console == null) return false;
    try {
      // Java 22+: System.console() exists even when redirected; isTerminal() tells the truth
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }
}
