package io.datamapper.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.springframework.asm.ClassReader;
import org.springframework.asm.ClassVisitor;
import org.springframework.asm.ClassWriter;
import org.springframework.asm.Opcodes;

/**
 * Rewrites a library jar whose classes are older than Java 6 (class-file version 50) to version 52
 * with computed stack-map frames; run by the launcher once, on the extracted copy of a jar.
 *
 * <p>Why: the class-data archive the launcher keeps (CDS) skips such classes ("Old class has been
 * linked"), so they are parsed from the jar and checked by the old type-inferencing verifier on
 * every run. picocli 4.7.7 is Java 5 bytecode: 140 classes, about 0.17 s of CPU and 0.08 s of wall
 * time on each start of a tiny import (measured on 2 cores). The rewrite changes no instruction: it
 * adds the frames and the version. The new classes are loaded and linked (so verified by the JVM's
 * split verifier) before the jar is replaced; on any failure the original jar stays.
 *
 * <p>Usage: {@code java -cp datamapper.jar io.datamapper.app.ClassFileUpgrade JAR...}; prints one
 * line per jar and exits 0 even when a jar is left as it was (the launcher goes on either way).
 */
public final class ClassFileUpgrade {
  private static final int JAVA_6 = 50;

  private ClassFileUpgrade() {}

  public static void main(String[] args) {
    for (String arg : args) {
      Path jar = Path.of(arg);
      try {
        int upgraded = upgrade(jar);
        System.out.println(jar.getFileName() + ": " + upgraded + " classes upgraded");
      } catch (Exception | LinkageError e) {
        System.out.println(jar.getFileName() + ": left as it was (" + e + ")");
      }
    }
  }

  /**
   * Replaces {@code jar} by a copy whose old classes are upgraded; returns how many were (0: the
   * jar is untouched).
   */
  static int upgrade(Path jar) throws IOException, ReflectiveOperationException {
    Path tmp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
    try {
      List<String> classes = rewrite(jar, tmp);
      if (classes.isEmpty()) return 0;
      verify(tmp, classes);
      keepPermissions(jar, tmp);
      Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return classes.size();
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Copies {@code in} to {@code out}, upgrading old classes; returns their names. */
  private static List<String> rewrite(Path in, Path out) throws IOException {
    List<String> upgraded = new ArrayList<>();
    try (URLClassLoader own = loader(in);
        InputStream input = Files.newInputStream(in);
        ZipInputStream zin = new ZipInputStream(input);
        OutputStream output = Files.newOutputStream(out);
        ZipOutputStream zout = new ZipOutputStream(output)) {
      for (ZipEntry e; (e = zin.getNextEntry()) != null; ) {
        byte[] bytes = zin.readAllBytes();
        String name = e.getName();
        if (name.endsWith(".class") && !name.startsWith("META-INF/") && old(bytes)) {
          bytes = upgrade(bytes, own);
          upgraded.add(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
        }
        ZipEntry copy = new ZipEntry(name);
        copy.setTime(e.getTime());
        zout.putNextEntry(copy);
        zout.write(bytes);
        zout.closeEntry();
      }
    }
    return upgraded;
  }

  /** The temporary file is private to its owner; the jar keeps the permissions it had. */
  private static void keepPermissions(Path from, Path to) throws IOException {
    try {
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to keep
    }
  }

  private static boolean old(byte[] c) {
    int major = c.length < 8 ? JAVA_6 : ((c[6] & 0xff) << 8) | (c[7] & 0xff);
    return major < JAVA_6;
  }

  private static byte[] upgrade(byte[] bytes, ClassLoader own) {
    ClassWriter writer =
        new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
          // frames need common super classes: look them up in the jar itself (and the JDK)
          @Override
          protected ClassLoader getClassLoader() {
            return own;
          }
        };
    new ClassReader(bytes)
        .accept(
            new ClassVisitor(Opcodes.ASM9, writer) {
              @Override
              public void visit(
                  int version, int access, String name, String sig, String sup, String[] ifs) {
                super.visit(Opcodes.V1_8, access, name, sig, sup, ifs);
              }
            },
            0);
    return writer.toByteArray();
  }

  /**
   * Loads and initializes every upgraded class in a throwaway loader: a wrong frame fails here (a
   * VerifyError), not in the user's command.
   */
  private static void verify(Path jar, List<String> classes)
      throws IOException, ReflectiveOperationException {
    try (URLClassLoader loader = loader(jar)) {
      for (String name : classes) {
        // initializing links, and linking verifies (in a throwaway loader)
        Class.forName(name, true, loader);
      }
    }
  }

  private static URLClassLoader loader(Path jar) throws IOException {
    return new URLClassLoader(
        new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
  }
}
