package dev.tailgate.processor.tailsampling.peers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tailgate.pipeline.Origin;
import dev.tailgate.pipeline.config.Endpoint;
import dev.tailgate.pipeline.testing.TestCertificates;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberConnectionsTest {
  static final Endpoint PEER = Endpoint.parse("tailgate-1.peers:4317");
  static final Endpoint OTHER = Endpoint.parse("tailgate-2.peers:4317");

  @TempDir Path dir;

  /** The test's DNS: a host without an entry does not resolve. */
  final Map<String, InetAddress[]> dns = new ConcurrentHashMap<>();

  final MemberConnections connections =
      new MemberConnections(
          host -> {
            InetAddress[] found = dns.get(host);
            if (found == null) {
              throw new UnknownHostException(host);
            }
            return found;
          });

  static InetAddress ip(String literal) throws UnknownHostException {
    return InetAddress.getByName(literal);
  }

  static Origin from(String address) {
    return Origin.of(new InetSocketAddress(address, 40000), null);
  }

  @Test
  void aConnectionFromAnAddressThePeersHostResolvesToIsThePeers() throws Exception {
    dns.put("tailgate-1.peers", new InetAddress[] {ip("10.0.0.2"), ip("fd00::2")});
    dns.put("tailgate-2.peers", new InetAddress[] {ip("10.0.0.3")});
    connections.follow(Set.of(PEER, OTHER));

    assertThat(connections.isFrom(PEER, from("10.0.0.2"))).isTrue();
    assertThat(connections.isFrom(PEER, from("fd00:0:0:0:0:0:0:2"))).isTrue();
    assertThat(connections.isFrom(PEER, from("10.0.0.3"))).as("the other peer's").isFalse();
    assertThat(connections.isFrom(PEER, from("10.9.0.1"))).as("a client's").isFalse();
    assertThat(connections.isFrom(PEER, Origin.NONE)).isFalse();
  }

  @Test
  void aVerifiedCertificateNamingThePeersHostIsThePeersFromAnyAddress() throws Exception {
    TestCertificates ca = TestCertificates.authority(dir, "peers");
    // CN=tailgate-1.peers, SANs dns:localhost and ip:127.0.0.1.
    Certificate[] chain = {ca.issue("tailgate-1.peers").certificate()};
    Origin behindNat = Origin.of(new InetSocketAddress("10.9.0.1", 40000), chain);
    Endpoint byIp = Endpoint.parse("127.0.0.1:4317");
    Endpoint byName = Endpoint.parse("localhost:4318");
    // As the system resolver does, a literal resolves to itself; localhost does not resolve here.
    dns.put("127.0.0.1", new InetAddress[] {ip("127.0.0.1")});
    connections.follow(Set.of(PEER, OTHER, byIp, byName));

    assertThat(connections.isFrom(PEER, behindNat)).as("subject CN").isTrue();
    assertThat(connections.isFrom(byName, behindNat)).as("DNS SAN").isTrue();
    assertThat(connections.isFrom(byIp, behindNat)).as("IP SAN").isTrue();
    assertThat(connections.isFrom(OTHER, behindNat)).isFalse();
  }

  @Test
  void aHostThatStopsResolvingKeepsItsLastAddresses() throws Exception {
    dns.put("tailgate-1.peers", new InetAddress[] {ip("10.0.0.2")});
    connections.follow(Set.of(PEER));
    dns.clear();

    connections.follow(Set.of(PEER));

    assertThat(connections.isFrom(PEER, from("10.0.0.2"))).isTrue();
  }

  @Test
  void aHostThatDidNotResolveIsLookedUpAgainUntilItDoes() throws Exception {
    connections.follow(Set.of(PEER));
    assertThat(connections.isFrom(PEER, from("10.0.0.2"))).isFalse();

    dns.put("tailgate-1.peers", new InetAddress[] {ip("10.0.0.2")});
    connections.resolveMissing();

    assertThat(connections.isFrom(PEER, from("10.0.0.2"))).isTrue();
  }

  @Test
  void aPeerThatDiscoveryForgotHasNoConnectionsAnyMore() throws Exception {
    dns.put("tailgate-1.peers", new InetAddress[] {ip("10.0.0.2")});
    connections.follow(Set.of(PEER));

    connections.follow(Set.of(OTHER));

    assertThat(connections.isFrom(PEER, from("10.0.0.2"))).isFalse();
  }
}
