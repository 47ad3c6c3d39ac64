package io.datamapper.storage;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;

/**
 * The addresses an outbound fetch must not reach unless an operator allows them: everything that is
 * not the public internet. IPv6 addresses that embed an IPv4 one (mapped, compatible, NAT64, 6to4)
 * are judged by the IPv4 address inside.
 */
final class AddressRanges {
  private record Range(Cidr cidr, String what) {}

  private static final List<Range> METADATA =
      List.of(
          range("169.254.169.254/32", "a cloud metadata address"),
          range("fd00:ec2::254/128", "a cloud metadata address"),
          range("100.100.100.200/32", "a cloud metadata address"),
          range("192.0.0.192/32", "a cloud metadata address"));

  private static final List<Range> IPV4 =
      List.of(
          range("0.0.0.0/8", "an unspecified address"),
          range("10.0.0.0/8", "a private address (RFC 1918)"),
          range("100.64.0.0/10", "a carrier-grade NAT address (RFC 6598)"),
          range("127.0.0.0/8", "a loopback address"),
          range("169.254.0.0/16", "a link-local address"),
          range("172.16.0.0/12", "a private address (RFC 1918)"),
          range("192.0.0.0/24", "an IETF protocol address"),
          range("192.168.0.0/16", "a private address (RFC 1918)"),
          range("198.18.0.0/15", "a benchmarking address"),
          range("224.0.0.0/4", "a multicast address"),
          range("240.0.0.0/4", "a reserved or broadcast address"));

  private static final List<Range> IPV6 =
      List.of(
          range("::/128", "an unspecified address"),
          range("::1/128", "a loopback address"),
          range("fc00::/7", "a private address (unique local, fc00::/7)"),
          range("fe80::/10", "a link-local address"),
          range("fec0::/10", "a site-local address"),
          range("ff00::/8", "a multicast address"));

  private AddressRanges() {}

  private static Range range(String cidr, String what) {
    return new Range(Cidr.parse(cidr), what);
  }

  /**
   * Why {@code address} is not a public one ("a loopback address"...), or null when it is public.
   */
  static String restriction(InetAddress address) {
    byte[] bytes = address.getAddress();
    for (Range r : METADATA) {
      if (r.cidr().contains(bytes)) return r.what();
    }
    if (bytes.length == 16) {
      byte[] v4 = embeddedIpv4(bytes);
      if (v4 != null) {
        String inner = restrictionOf(v4, METADATA);
        if (inner == null) inner = restrictionOf(v4, IPV4);
        if (inner != null) return inner + " inside an IPv6 address";
        return null;
      }
      return restrictionOf(bytes, IPV6);
    }
    return restrictionOf(bytes, IPV4);
  }

  private static String restrictionOf(byte[] bytes, List<Range> ranges) {
    for (Range r : ranges) {
      if (r.cidr().contains(bytes)) return r.what();
    }
    return null;
  }

  /**
   * The IPv4 address inside an IPv4-mapped ({@code ::ffff:a.b.c.d}), -compatible, NAT64 or 6to4
   * IPv6 address, or null.
   */
  static byte[] embeddedIpv4(byte[] v6) {
    boolean zeros80 = allZero(v6, 0, 10);
    if (zeros80 && (v6[10] & 0xFF) == 0xFF && (v6[11] & 0xFF) == 0xFF)
      return Arrays.copyOfRange(v6, 12, 16); // ::ffff:0:0/96
    boolean unspecifiedOrLoopback = allZero(v6, 0, 15) && (v6[15] == 0 || v6[15] == 1);
    if (zeros80 && v6[10] == 0 && v6[11] == 0 && !unspecifiedOrLoopback)
      return Arrays.copyOfRange(v6, 12, 16); // ::a.b.c.d
    if ((v6[0] & 0xFF) == 0x00
        && (v6[1] & 0xFF) == 0x64
        && (v6[2] & 0xFF) == 0xFF
        && (v6[3] & 0xFF) == 0x9B
        && allZero(v6, 4, 12)) {
      return Arrays.copyOfRange(v6, 12, 16); // NAT64 64:ff9b::/96
    }
    if ((v6[0] & 0xFF) == 0x20 && (v6[1] & 0xFF) == 0x02)
      return Arrays.copyOfRange(v6, 2, 6); // 6to4 2002::/16
    return null;
  }

  private static boolean allZero(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] != 0) return false;
    }
    return true;
  }

  /** For messages: the address without a scope or host name. */
  static String show(InetAddress address) {
    String text = address.getHostAddress();
    int scope = text.indexOf('%');
    return address instanceof Inet6Address && scope > 0 ? text.substring(0, scope) : text;
  }
}
