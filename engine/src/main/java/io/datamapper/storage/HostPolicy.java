package io.datamapper.storage;

import java.net.IDN;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which hosts an outbound HTTP(S) fetch may reach. Every public address is allowed; loopback,
 * private (RFC 1918, {@code fc00::/7}), link-local, carrier-grade NAT, unspecified, multicast,
 * reserved and cloud metadata addresses are refused unless the host's name, or a range holding its
 * address, is in the allow-list ({@code DATAMAPPER_ALLOWED_HOSTS}: host names, addresses or CIDR
 * ranges, comma-separated). Every address a name resolves to must pass. Immutable and thread-safe.
 */
public final class HostPolicy {
  /** Public addresses only. */
  public static final HostPolicy PUBLIC_ONLY = new HostPolicy(Set.of(), List.of(), List.of());

  /** The setting that lists trusted hosts, for messages. */
  public static final String SETTING = "DATAMAPPER_ALLOWED_HOSTS";

  private final Set<String> names;
  private final List<Cidr> ranges;
  private final List<String> entries;

  private HostPolicy(Set<String> names, List<Cidr> ranges, List<String> entries) {
    this.names = Set.copyOf(names);
    this.ranges = List.copyOf(ranges);
    this.entries = List.copyOf(entries);
  }

  /**
   * The policy that also allows {@code entries}: host names ({@code files.internal}), addresses
   * ({@code 127.0.0.1}, {@code ::1}) or ranges ({@code 10.1.0.0/16}, {@code fd00::/8}).
   *
   * @throws IllegalArgumentException for an entry that is none of these
   */
  public static HostPolicy allowing(List<String> entries) {
    return PUBLIC_ONLY.with(entries);
  }

  /**
   * The same as {@link #allowing(List)} for a comma-separated list; null or blank allows nothing
   * more.
   */
  public static HostPolicy parse(String commaSeparated) {
    if (commaSeparated == null || commaSeparated.isBlank()) return PUBLIC_ONLY;
    return allowing(List.of(commaSeparated.split(",")));
  }

  /** This policy plus {@code more} entries. */
  public HostPolicy with(List<String> more) {
    Set<String> n = new LinkedHashSet<>(names);
    List<Cidr> r = new ArrayList<>(ranges);
    List<String> e = new ArrayList<>(entries);
    for (String raw : more) {
      String entry = raw.strip();
      if (entry.isEmpty()) continue;
      String bare = unbracket(entry);
      if (Cidr.isLiteral(bare.contains("/") ? bare.substring(0, bare.indexOf('/')) : bare)) {
        r.add(Cidr.parse(bare));
      } else {
        String name = normalize(entry);
        if (!name.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
          throw new IllegalArgumentException(
              SETTING + ": '" + entry + "' is not a host name, an IP address or a CIDR range");
        }
        n.add(name);
      }
      e.add(entry);
    }
    return new HostPolicy(n, r, e);
  }

  /** The allow-list as given. */
  public List<String> entries() {
    return entries;
  }

  /** Whether {@code host} is trusted by name, whatever it resolves to. */
  boolean allowsName(String host) {
    return names.contains(normalize(host));
  }

  /**
   * Why {@code address} (one of {@code host}'s) may not be reached, or null when it may: a public
   * address, a host trusted by name, or an address in a trusted range.
   */
  String refusal(String host, InetAddress address) {
    if (allowsName(host)) return null;
    for (Cidr c : ranges) {
      if (c.contains(address)) return null;
    }
    return AddressRanges.restriction(address);
  }

  /**
   * Refuses {@code host} unless every one of its {@code addresses} may be reached.
   *
   * @throws SourceNotAllowedException naming the address and why it is refused
   */
  void check(String shownUrl, String host, InetAddress[] addresses) {
    for (InetAddress a : addresses) {
      String why = refusal(host, a);
      if (why != null) throw refused(shownUrl, host, a, why);
    }
  }

  static SourceNotAllowedException refused(
      String shownUrl, String host, InetAddress address, String why) {
    String shown = AddressRanges.show(address);
    String what =
        unbracket(host).equalsIgnoreCase(shown)
            ? shown + " is " + why
            : host + " resolves to " + shown + ", " + why;
    return new SourceNotAllowedException(
        shownUrl,
        "Refused to fetch "
            + shownUrl
            + ": "
            + what
            + ". Only public addresses are "
            + "fetched; to trust a host on your network, add its name or address range to "
            + SETTING
            + ".");
  }

  private static String normalize(String host) {
    String h = unbracket(host.strip()).toLowerCase(Locale.ROOT);
    if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
    try {
      return IDN.toASCII(h);
    } catch (IllegalArgumentException e) {
      return h;
    }
  }

  private static String unbracket(String host) {
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  @Override
  public String toString() {
    return entries.isEmpty()
        ? "HostPolicy[public only]"
        : "HostPolicy[public and " + String.join(", ", entries) + "]";
  }
}
