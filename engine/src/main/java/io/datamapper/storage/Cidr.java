package io.datamapper.storage;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An address range such as {@code 10.0.0.0/8} or {@code fc00::/7} (a bare address is one address).
 * Immutable.
 */
record Cidr(byte[] network, int bits) {

  /**
   * Parses {@code 10.0.0.0/8}, {@code fd00::/8} or a single address literal.
   *
   * @throws IllegalArgumentException when it is not an address literal with an optional prefix
   *     length
   */
  static Cidr parse(String text) {
    String t = text.strip();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    if (!isLiteral(address))
      throw new IllegalArgumentException("'" + text + "' is not an IP address or range");
    byte[] bytes;
    try {
      bytes = InetAddress.getByName(address).getAddress(); // a literal: no DNS lookup
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or range", e);
    }
    int bits = bytes.length * 8;
    if (slash >= 0) {
      try {
        bits = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + text + "' has no prefix length after '/'", e);
      }
      if (bits < 0 || bits > bytes.length * 8)
        throw new IllegalArgumentException("'" + text + "' has a prefix length out of range");
    }
    return new Cidr(bytes, bits);
  }

  /** Whether {@code text} is an IPv4 or IPv6 literal (so resolving it asks no DNS server). */
  static boolean isLiteral(String text) {
    if (text.isEmpty()) return false;
    if (text.indexOf(':') >= 0) return text.matches("[0-9A-Fa-f:.]+(%[\\w.]+)?");
    return text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }

  boolean contains(InetAddress address) {
    return contains(address.getAddress());
  }

  boolean contains(byte[] address) {
    if (address.length != network.length) return false;
    int full = bits / 8;
    for (int i = 0; i < full; i++) {
      if (address[i] != network[i]) return false;
    }
    int rest = bits % 8;
    if (rest == 0) return true;
    int mask = (0xFF << (8 - rest)) & 0xFF;
    return (address[full] & mask) == (network[full] & mask);
  }
}
