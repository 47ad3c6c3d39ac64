package io.datamapper.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The launcher's one-time rewrite of picocli's Java 5 classes, so the class-data archive holds
 * them.
 */
class ClassFileUpgradeTest {
  @TempDir Path dir;

  private Path picocliCopy() throws Exception {
    Path original =
        Path.of(CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(original.getFileName().toString()).startsWith("picocli-").endsWith(".jar");
    return Files.copy(original, dir.resolve(original.getFileName()));
  }

  /** Entry name to bytes. */
  private static Map<String, byte[]> entries(Path jar) throws Exception {
    Map<String, byte[]> m = new LinkedHashMap<>();
    try (InputStream in = Files.newInputStream(jar);
        ZipInputStream zin = new ZipInputStream(in)) {
      for (ZipEntry e; (e = zin.getNextEntry()) != null; ) m.put(e.getName(), zin.readAllBytes());
    }
    return m;
  }

  private static int major(byte[] classFile) {
    return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
  }

  @Test
  void picocli_classes_become_java_8_bytecode_and_everything_else_stays_byte_for_byte()
      throws Exception {
    Path jar = picocliCopy();
    Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
    Map<String, byte[]> before = entries(jar);
    assertThat(before.get("picocli/CommandLine.class"))
        .satisfies(c -> assertThat(major(c)).isLessThan(50));

    int upgraded = ClassFileUpgrade.upgrade(jar);

    Map<String, byte[]> after = entries(jar);
    assertThat(upgraded).isGreaterThan(100);
    assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
    after.forEach(
        (name, bytes) -> {
          if (name.endsWith(".class") && !name.startsWith("META-INF/"))
            assertThat(major(bytes)).as(name).isEqualTo(52);
          else assertThat(bytes).as(name).isEqualTo(before.get(name));
        });
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(jar)))
        .isEqualTo("rw-r--r--");
    assertThat(ClassFileUpgrade.upgrade(jar)).as("a second run finds nothing old").isZero();
  }

  @Test
  void the_upgraded_picocli_still_parses_a_command_line() throws Exception {
    Path jar = picocliCopy();
    ClassFileUpgrade.upgrade(jar);
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
      Class<?> specClass = loader.loadClass("picocli.CommandLine$Model$CommandSpec");
      Object spec = specClass.getMethod("create").invoke(null);
      Class<?> optionClass = loader.loadClass("picocli.CommandLine$Model$OptionSpec");
      Object builder =
          optionClass
              .getMethod("builder", String.class, String[].class)
              .invoke(null, "--db", new String[0]);
      var type = builder.getClass().getMethod("type", Class.class);
      type.setAccessible(true); // declared in a package-private superclass
      type.invoke(builder, String.class);
      Object option = builder.getClass().getMethod("build").invoke(builder);
      specClass.getMethod("addOption", optionClass).invoke(spec, option);
      Class<?> cl = loader.loadClass("picocli.CommandLine");
      Object commandLine = cl.getConstructor(Object.class).newInstance(spec);
      Object result =
          cl.getMethod("parseArgs", String[].class)
              .invoke(commandLine, (Object) new String[] {"--db", "jdbc:x"});
      Object value =
          result
              .getClass()
              .getMethod("matchedOptionValue", String.class, Object.class)
              .invoke(result, "--db", null);
      assertThat(value).isEqualTo("jdbc:x");
    }
  }

  @Test
  void a_jar_without_old_classes_is_left_untouched() throws Exception {
    // spring-core: a jar of Java 17 classes
    Path springCore =
        Path.of(
            org.springframework.asm.ClassReader.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
    Path copy = Files.copy(springCore, dir.resolve("modern.jar"));
    long size = Files.size(copy);
    var modified = Files.getLastModifiedTime(copy);

    assertThat(ClassFileUpgrade.upgrade(copy)).isZero();

    assertThat(Files.size(copy)).isEqualTo(size);
    assertThat(Files.getLastModifiedTime(copy)).isEqualTo(modified);
    try (var files = Files.list(dir)) {
      assertThat(files).as("no temporary file is left").hasSize(1);
    }
  }
}
