package io.datamapper.web;

import io.datamapper.DataMapperException;
import io.datamapper.load.ImportSource;
import io.datamapper.server.jobs.FileTrees;
import io.datamapper.server.limits.StagingQuota;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionBindingEvent;
import jakarta.servlet.http.HttpSessionBindingListener;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;

/**
 * Uploads waiting on the Import page between "choose a file" and "Import": kept in a private
 * temporary directory of this node, listed in the browser's session (a draft id from another
 * session is not found), at most {@value #PER_SESSION} per session, and deleted when the session
 * ends or the server stops. An import hands the draft to the job queue's file store, which any node
 * can read. Thread-safe.
 */
@Component
class Drafts implements DisposableBean {
  static final int PER_SESSION = 3;
  private static final String ATTRIBUTE = "datamapper.web.drafts";
  private final Path root;

  /**
   * One upload: its id, the file name as the browser sent it (last path segment only), where it is,
   * its size.
   */
  record Draft(String id, String fileName, Path path, long size, StagingQuota.Reservation room) {
    ImportSource source() {
      return new ImportSource(
          fileName, "upload:" + fileName, size, () -> Files.newInputStream(path), path);
    }

    /** Deletes the file and gives its room back. */
    void drop() {
      delete(path.getParent());
      room.close();
    }

    /** The draft as the multipart file the job queue stages. */
    MultipartFile asUpload() {
      return new DraftUpload(this);
    }
  }

  private final StagingQuota quota;

  Drafts(StagingQuota quota) {
    this.quota = quota;
    try {
      root = Files.createTempDirectory("datamapper-ui-");
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot create a temporary directory for uploads: " + e.getMessage(), e);
    }
  }

  Draft save(HttpSession session, MultipartFile upload) {
    return save(
        session, fileName(upload), upload.getSize(), upload::getInputStream, Long.MAX_VALUE);
  }

  /**
   * Keeps the bytes {@code opener} gives as {@code name} ({@code size} -1 when unknown); a source
   * longer than {@code max} bytes is refused while it is read.
   */
  Draft save(HttpSession session, String name, long size, ImportSource.Opener opener, long max) {
    name = safeName(name);
    String id = UUID.randomUUID().toString();
    Path dir = root.resolve(id);
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir) || file.equals(dir))
      throw new DataMapperException("Unusable file name: " + name);
    if (size > max) throw tooLarge(name, max);
    // a draft takes room as a staged upload does, until it is dropped
    StagingQuota.Reservation room = quota.reserve(Math.max(0, size));
    long written;
    try {
      Files.createDirectories(dir);
      try (InputStream in = opener.open();
          OutputStream out = Files.newOutputStream(file)) {
        written = copy(in, out, max, name);
      }
    } catch (IOException | RuntimeException e) {
      room.close();
      delete(dir);
      if (e instanceof RuntimeException r) throw r;
      throw new DataMapperException(
          "Cannot keep " + name + " in " + root + ": " + e.getMessage(), e);
    }
    Draft draft = new Draft(id, name, file, written, room);
    list(session).add(draft);
    return draft;
  }

  private static long copy(InputStream in, OutputStream out, long max, String name)
      throws IOException {
    byte[] buffer = new byte[1 << 16];
    long total = 0;
    for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
      total += n;
      if (total > max) throw tooLarge(name, max);
      out.write(buffer, 0, n);
    }
    return total;
  }

  private static DataMapperException tooLarge(String name, long max) {
    return new DataMapperException(
        name
            + " is larger than the Import page takes from an https:// URL ("
            + (max >> 20)
            + " MB, the upload limit spring.servlet.multipart.max-file-size): import it from b2:// or s3://, or with the CLI.");
  }

  Optional<Draft> find(HttpSession session, String id) {
    if (id == null) return Optional.empty();
    return Optional.ofNullable(list(session).drafts.get(id))
        .filter(d -> Files.isRegularFile(d.path()));
  }

  private SessionDrafts list(HttpSession session) {
    synchronized (this) {
      if (session.getAttribute(ATTRIBUTE) instanceof SessionDrafts d) return d;
      SessionDrafts d = new SessionDrafts();
      session.setAttribute(ATTRIBUTE, d);
      return d;
    }
  }

  /**
   * The draft a page refers to is gone: the session ended, another upload replaced it, or the
   * server restarted.
   */
  static DataMapperException gone() {
    return new DataMapperException(
        "The uploaded file is no longer on the server (the session ended, newer uploads replaced it, "
            + "or the server restarted): choose the file again.");
  }

  static String fileName(MultipartFile file) {
    if (file == null || file.isEmpty())
      throw new DataMapperException("The file is empty: choose a file with data in it.");
    return safeName(file.getOriginalFilename());
  }

  /** The last path segment of a name a browser or a URL gave ("upload" when there is none). */
  static String safeName(String original) {
    if (original == null || original.isBlank()) return "upload";
    String n = original.replace('\\', '/');
    n = n.substring(n.lastIndexOf('/') + 1);
    return n.isBlank() || n.equals("..") || n.equals(".") ? "upload" : n;
  }

  @Override
  public void destroy() {
    delete(root);
  }

  static void delete(Path dir) {
    // a temporary file left behind is cleaned by the OS with its temp directory
    FileTrees.deleteQuietly(dir);
  }

  /** A session's drafts, newest last; deleted from disk when the session ends. */
  static final class SessionDrafts implements HttpSessionBindingListener {
    private final Map<String, Draft> drafts = new LinkedHashMap<>();

    synchronized void add(Draft d) {
      drafts.put(d.id(), d);
      while (drafts.size() > PER_SESSION) {
        Draft oldest = drafts.values().iterator().next();
        drafts.remove(oldest.id());
        oldest.drop();
      }
    }

    @Override
    public synchronized void valueUnbound(HttpSessionBindingEvent event) {
      drafts.values().forEach(Draft::drop);
      drafts.clear();
    }
  }

  /** A draft as a {@link MultipartFile}, for the job queue's {@code FileStore.stage}. */
  private record DraftUpload(Draft draft) implements MultipartFile {
    @Override
    public String getName() {
      return "file";
    }

    @Override
    public String getOriginalFilename() {
      return draft.fileName();
    }

    @Override
    public String getContentType() {
      return "application/octet-stream";
    }

    @Override
    public boolean isEmpty() {
      return draft.size() == 0;
    }

    @Override
    public long getSize() {
      return draft.size();
    }

    @Override
    public byte[] getBytes() throws IOException {
      return Files.readAllBytes(draft.path());
    }

    @Override
    public InputStream getInputStream() throws IOException {
      return Files.newInputStream(draft.path());
    }

    @Override
    public void transferTo(File dest) throws IOException {
      Files.copy(draft.path(), dest.toPath(), StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void transferTo(Path dest) throws IOException {
      Files.copy(draft.path(), dest, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
