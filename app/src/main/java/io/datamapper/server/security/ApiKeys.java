package io.datamapper.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured API keys, held only as SHA-256 hashes: entries {@code role:sha256hex} (what {@code
 * datamapper keys new} prints). Keys are long random strings, so one unsalted hash is enough;
 * lookups hash the presented key and compare hashes. Immutable, thread-safe.
 */
public final class ApiKeys {
  private final Map<String, Role> byHash;

  private ApiKeys(Map<String, Role> byHash) {
    this.byHash = Map.copyOf(byHash);
  }

  public static ApiKeys parse(List<String> entries) {
    Map<String, Role> m = new HashMap<>();
    for (String entry : entries) {
      if (entry == null || entry.isBlank()) continue;
      int colon = entry.indexOf(':');
      String hash = colon < 0 ? "" : entry.substring(colon + 1).trim().toLowerCase();
      if (colon < 0 || !hash.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "datamapper.api-keys: '"
                + entry.replaceAll("[0-9a-fA-F]{8,}", "…")
                + "' is not role:sha256-hex (create keys with: datamapper keys new --role reader)");
      }
      m.put(hash, Role.parse(entry.substring(0, colon)));
    }
    return new ApiKeys(m);
  }

  public boolean isEmpty() {
    return byHash.isEmpty();
  }

  /**
   * A configured key as the server knows it: its id (the first 8 hex digits of its SHA-256) and
   * role.
   */
  public record Key(String id, Role role) {}

  public Optional<Role> roleOf(String key) {
    return find(key).map(Key::role);
  }

  /** The configured key {@code key} is, if it is one. */
  public Optional<Key> find(String key) {
    if (key == null || key.isBlank()) return Optional.empty();
    String hash = sha256(key.trim());
    Role role = byHash.get(hash);
    return role == null ? Optional.empty() : Optional.of(new Key(keyId(hash), role));
  }

  /** How logs and the audit name a key: the first 8 hex digits of its SHA-256, never the key. */
  public static String keyId(String sha256Hex) {
    return sha256Hex.substring(0, 8);
  }

  public static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new random key: {@code dm_} and 32 random bytes, URL-safe. */
  public static String newKey() {
    byte[] b = new byte[32];
    new SecureRandom().nextBytes(b);
    return "dm_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
