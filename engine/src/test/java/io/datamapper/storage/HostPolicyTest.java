package io.datamapper.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Which addresses an outbound fetch may reach, and how an operator widens that. */
class HostPolicyTest {

  private static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal); // literals only: no DNS
  }

  private static String why(String literal) throws UnknownHostException {
    return HostPolicy.PUBLIC_ONLY.refusal("files.example.com", ip(literal));
  }

  @Test
  void loopback_private_link_local_cgnat_unspecified_multicast_and_metadata_addresses_are_refused()
      throws Exception {
    assertThat(why("127.0.0.1")).isEqualTo("a loopback address");
    assertThat(why("127.8.9.10")).isEqualTo("a loopback address");
    assertThat(why("::1")).isEqualTo("a loopback address");
    assertThat(why("10.1.2.3")).isEqualTo("a private address (RFC 1918)");
    assertThat(why("172.31.255.255")).isEqualTo("a private address (RFC 1918)");
    assertThat(why("192.168.0.10")).isEqualTo("a private address (RFC 1918)");
    assertThat(why("fd12:3456::1")).isEqualTo("a private address (unique local, fc00::/7)");
    assertThat(why("169.254.10.1")).isEqualTo("a link-local address");
    assertThat(why("fe80::1")).isEqualTo("a link-local address");
    assertThat(why("100.64.0.1")).isEqualTo("a carrier-grade NAT address (RFC 6598)");
    assertThat(why("0.0.0.0")).isEqualTo("an unspecified address");
    assertThat(why("::")).isEqualTo("an unspecified address");
    assertThat(why("224.0.0.251")).isEqualTo("a multicast address");
    assertThat(why("ff02::1")).isEqualTo("a multicast address");
    assertThat(why("255.255.255.255")).isEqualTo("a reserved or broadcast address");
    assertThat(why("169.254.169.254")).isEqualTo("a cloud metadata address");
    assertThat(why("fd00:ec2::254")).isEqualTo("a cloud metadata address");
    assertThat(why("100.100.100.200")).isEqualTo("a cloud metadata address");
  }

  @Test
  void ipv6_forms_that_carry_an_ipv4_address_are_judged_by_it() throws Exception {
    assertThat(why("::ffff:10.0.0.1"))
        .isEqualTo("a private address (RFC 1918)"); // the JDK makes it an IPv4 address
    assertThat(why("::127.0.0.1")).isEqualTo("a loopback address inside an IPv6 address");
    assertThat(why("64:ff9b::a9fe:a9fe"))
        .isEqualTo("a cloud metadata address inside an IPv6 address"); // NAT64 169.254.169.254
    assertThat(why("2002:c0a8:0101::1"))
        .isEqualTo("a private address (RFC 1918) inside an IPv6 address"); // 6to4 192.168.1.1
    assertThat(why("2002:5db8:d822::1")).isNull(); // 6to4 of a public address
  }

  @Test
  void public_addresses_are_allowed() throws Exception {
    assertThat(why("93.184.215.14")).isNull();
    assertThat(why("8.8.8.8")).isNull();
    assertThat(why("172.32.0.1")).isNull();
    assertThat(why("2606:4700:4700::1111")).isNull();
  }

  @Test
  void an_operator_allows_hosts_by_name_address_or_range() throws Exception {
    HostPolicy policy = HostPolicy.parse(" files.internal , 10.1.0.0/16, ::1, 127.0.0.1 ");

    assertThat(policy.refusal("FILES.internal.", ip("10.9.9.9")))
        .as("by name, whatever it resolves to")
        .isNull();
    assertThat(policy.refusal("other.internal", ip("10.1.200.3"))).isNull();
    assertThat(policy.refusal("other.internal", ip("10.2.0.1")))
        .isEqualTo("a private address (RFC 1918)");
    assertThat(policy.refusal("[::1]", ip("::1"))).isNull();
    assertThat(policy.refusal("localhost", ip("127.0.0.1"))).isNull();
    assertThat(policy.refusal("localhost", ip("127.0.0.2"))).isEqualTo("a loopback address");
    assertThat(policy.entries())
        .containsExactly("files.internal", "10.1.0.0/16", "::1", "127.0.0.1");
    assertThat(HostPolicy.parse(null)).isSameAs(HostPolicy.PUBLIC_ONLY);
  }

  @Test
  void every_address_of_a_name_must_pass() throws Exception {
    InetAddress[] mixed = {ip("93.184.215.14"), ip("10.0.0.7")};

    assertThatThrownBy(
            () ->
                HostPolicy.PUBLIC_ONLY.check(
                    "https://files.example.com/a.csv", "files.example.com", mixed))
        .isInstanceOf(SourceNotAllowedException.class)
        .hasMessageStartingWith(
            "Refused to fetch https://files.example.com/a.csv: files.example.com resolves to 10.0.0.7, "
                + "a private address (RFC 1918).");
  }

  @Test
  void an_entry_that_is_neither_a_name_nor_an_address_is_refused() {
    assertThatThrownBy(() -> HostPolicy.parse("10.0.0.0/33"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("prefix length out of range");
    assertThatThrownBy(() -> HostPolicy.parse("http://files.internal/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "DATAMAPPER_ALLOWED_HOSTS: 'http://files.internal/' is not a host name, an IP address or a CIDR range");
  }
}
