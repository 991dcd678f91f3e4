package dev.tailgate.pipeline;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * The connection a batch arrived on, as its receiver saw it: the remote IP address and, when the
 * client presented a certificate that the receiver verified (mTLS), the names that certificate
 * gives its holder (subject CN, DNS and IP subject alternative names). A processor that must know
 * whether data came from a trusted sender (the tail-sampling peers) reads it; nothing else does.
 * {@link #NONE} when the connection is unknown (Kafka, data regrouped across connections).
 * Immutable.
 */
public final class Origin {
  /** No known connection: matches no sender. */
  public static final Origin NONE = new Origin(null, Set.of(), Set.of());

  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private final InetAddress remoteAddress;
  private final Set<String> certificateHosts;
  private final Set<InetAddress> certificateAddresses;

  private Origin(
      InetAddress remoteAddress,
      Set<String> certificateHosts,
      Set<InetAddress> certificateAddresses) {
    this.remoteAddress = remoteAddress;
    this.certificateHosts = certificateHosts;
    this.certificateAddresses = certificateAddresses;
  }

  /**
   * A connection from {@code remote} (an IP socket address; any other kind, such as a Unix
   * socket's, gives no address) whose client presented {@code verifiedChain} (null or empty without
   * mTLS; its first certificate is the client's own).
   */
  public static Origin of(SocketAddress remote, Certificate[] verifiedChain) {
    InetAddress address =
        remote instanceof InetSocketAddress inet && !inet.isUnresolved() ? inet.getAddress() : null;
    Set<String> hosts = new LinkedHashSet<>();
    Set<InetAddress> addresses = new LinkedHashSet<>();
    if (verifiedChain != null
        && verifiedChain.length > 0
        && verifiedChain[0] instanceof X509Certificate client) {
      commonName(client.getSubjectX500Principal()).ifPresent(hosts::add);
      subjectAlternativeNames(client, hosts, addresses);
    }
    if (address == null && hosts.isEmpty() && addresses.isEmpty()) {
      return NONE;
    }
    return new Origin(address, Set.copyOf(hosts), Set.copyOf(addresses));
  }

  /** The remote IP address of the connection, when it was an IP connection. */
  public Optional<InetAddress> remoteAddress() {
    return Optional.ofNullable(remoteAddress);
  }

  /**
   * The host names the client's verified certificate gives (its subject CN and DNS SANs), lower
   * case; empty without mTLS.
   */
  public Set<String> certificateHosts() {
    return certificateHosts;
  }

  /** The IP addresses in the client's verified certificate (its IP SANs); empty without mTLS. */
  public Set<InetAddress> certificateAddresses() {
    return certificateAddresses;
  }

  private static Optional<String> commonName(X500Principal subject) {
    try {
      List<Rdn> rdns = new LdapName(subject.getName(X500Principal.RFC2253)).getRdns();
      // LdapName lists the RDNs from the last to the first; the most specific CN is the last one.
      for (int i = rdns.size() - 1; i >= 0; i--) {
        Rdn rdn = rdns.get(i);
        if (rdn.getType().equalsIgnoreCase("CN") && rdn.getValue() instanceof String cn) {
          return Optional.of(cn.toLowerCase(Locale.ROOT));
        }
      }
    } catch (InvalidNameException e) {
      // The JDK wrote the name itself; a subject it cannot read back names nobody.
    }
    return Optional.empty();
  }

  private static void subjectAlternativeNames(
      X509Certificate certificate, Set<String> hosts, Set<InetAddress> addresses) {
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      return;
    }
    if (names == null) {
      return;
    }
    for (List<?> name : names) {
      if (name.size() < 2 || !(name.get(0) instanceof Integer type)) {
        continue;
      }
      if (type == SAN_DNS && name.get(1) instanceof String dns) {
        hosts.add(dns.toLowerCase(Locale.ROOT));
      } else if (type == SAN_IP && name.get(1) instanceof String ip) {
        ipLiteral(ip).ifPresent(addresses::add);
      }
    }
  }

  /** The JDK gives IP SANs as literals, so this never looks anything up. */
  private static Optional<InetAddress> ipLiteral(String literal) {
    if (!literal.matches("[0-9a-fA-F:.]+")) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(literal));
    } catch (java.net.UnknownHostException e) {
      return Optional.empty();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Origin that
        && Objects.equals(remoteAddress, that.remoteAddress)
        && certificateHosts.equals(that.certificateHosts)
        && certificateAddresses.equals(that.certificateAddresses);
  }

  @Override
  public int hashCode() {
    return Objects.hash(remoteAddress, certificateHosts, certificateAddresses);
  }

  @Override
  public String toString() {
    if (this == NONE) {
      return "unknown origin";
    }
    StringBuilder text =
        new StringBuilder(remoteAddress == null ? "?" : remoteAddress.getHostAddress());
    if (!certificateHosts.isEmpty() || !certificateAddresses.isEmpty()) {
      text.append(" (certificate ").append(certificateHosts);
      certificateAddresses.forEach(a -> text.append(' ').append(a.getHostAddress()));
      text.append(')');
    }
    return text.toString();
  }
}
