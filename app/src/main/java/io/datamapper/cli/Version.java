package io.datamapper.cli;

import picocli.CommandLine;

final class Version implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Version.class.getPackage().getImplementationVersion();
    return new String[] {
      "datamapper " + (v == null ? "dev" : v) + " (Java " + Runtime.version() + ")"
    };
  }
}
