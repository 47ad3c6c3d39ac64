package io.datamapper.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The buckets (and key prefixes) a server may import from on a caller's behalf ({@code
 * DATAMAPPER_ALLOWED_BUCKETS}): entries {@code bucket} (every key) or {@code bucket/prefix} (keys
 * under the folder {@code prefix/}). Empty means unrestricted: any bucket the server's credentials
 * reach. Immutable and thread-safe.
 */
public final class AllowedBuckets {
  /** The setting, for messages. */
  public static final String SETTING = "DATAMAPPER_ALLOWED_BUCKETS";

  /** No restriction. */
  public static final AllowedBuckets ANY = new AllowedBuckets(List.of());

  private record Entry(String bucket, String prefix) {
    boolean covers(ObjectUri uri) {
      if (!bucket.equals(uri.bucket())) return false;
      return prefix.isEmpty() || uri.key().startsWith(prefix);
    }

    @Override
    public String toString() {
      return prefix.isEmpty() ? bucket : bucket + "/" + prefix;
    }
  }

  private final List<Entry> entries;

  private AllowedBuckets(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  /**
   * Parses entries such as {@code exports} or {@code exports/2026}; blank entries are ignored.
   *
   * @throws IllegalArgumentException for an entry without a bucket name or with {@code .}/{@code
   *     ..} segments
   */
  public static AllowedBuckets of(List<String> list) {
    List<Entry> out = new ArrayList<>();
    for (String raw : list) {
      String entry = raw.strip();
      if (entry.startsWith("s3://") || entry.startsWith("b2://")) entry = entry.substring(5);
      if (entry.isEmpty()) continue;
      int slash = entry.indexOf('/');
      String bucket = slash < 0 ? entry : entry.substring(0, slash);
      String prefix = slash < 0 ? "" : entry.substring(slash + 1);
      if (bucket.isEmpty() || hasDotSegment(prefix)) {
        throw new IllegalArgumentException(
            SETTING + ": '" + raw.strip() + "' is not a bucket or bucket/prefix");
      }
      if (!prefix.isEmpty() && !prefix.endsWith("/")) prefix += "/";
      out.add(new Entry(bucket, prefix));
    }
    return new AllowedBuckets(out);
  }

  /** {@link #of(List)} for a comma-separated list (null or blank: {@link #ANY}). */
  public static AllowedBuckets parse(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isBlank()
        ? ANY
        : of(List.of(commaSeparated.split(",")));
  }

  /** Whether any bucket may be read (nothing configured). */
  public boolean unrestricted() {
    return entries.isEmpty();
  }

  /**
   * Refuses an object or prefix outside the list. A prefix is allowed only when everything under it
   * is; keys with {@code .} or {@code ..} segments are refused under a prefix entry, since a store
   * or a proxy in front of it might read them as paths.
   *
   * @throws SourceNotAllowedException naming the bucket and the setting
   */
  public void check(ObjectUri uri) {
    if (unrestricted()) return;
    for (Entry e : entries) {
      if (e.covers(uri) && (e.prefix.isEmpty() || !hasDotSegment(uri.key()))) return;
    }
    boolean bucketListed = entries.stream().anyMatch(e -> e.bucket.equals(uri.bucket()));
    String message =
        bucketListed
            ? "it is outside the prefixes of bucket '" + uri.bucket() + "' in " + SETTING + "."
            : "bucket '" + uri.bucket() + "' is not in " + SETTING + ".";
    throw new SourceNotAllowedException(
        uri.toString(),
        "Refused to import "
            + uri
            + ": "
            + message
            + " The server's operator decides which buckets may be imported from.");
  }

  private static boolean hasDotSegment(String key) {
    for (String segment : key.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) return true;
    }
    return false;
  }

  @Override
  public String toString() {
    return String.join(", ", entries.stream().map(Entry::toString).toList());
  }
}
