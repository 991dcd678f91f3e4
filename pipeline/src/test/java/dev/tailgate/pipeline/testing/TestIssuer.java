package dev.tailgate.pipeline.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * An OpenID Connect issuer for tests, on 127.0.0.1: it serves its discovery document at {@code
 * <url>/.well-known/openid-configuration} and the public half of the keys it was told to publish at
 * {@code <url>/keys}, counts the requests for each, can be stopped and started again on the same
 * port, and signs tokens with keys the test made.
 */
public final class TestIssuer implements AutoCloseable {
  public static final String AUDIENCE = "tailgate";

  private final int port;
  private final SSLContext tls;
  private final AtomicInteger discoveryRequests = new AtomicInteger();
  private final AtomicInteger keyRequests = new AtomicInteger();
  private volatile JWKSet published = new JWKSet();
  private volatile String discoveredIssuer;
  private HttpServer server;

  private TestIssuer(int port, SSLContext tls) {
    this.port = port;
    this.tls = tls;
  }

  /** An issuer over plain HTTP, started on a free port. */
  public static TestIssuer started() {
    return notStarted().start();
  }

  /** An issuer over HTTPS with {@code tls}'s certificate, started on a free port. */
  public static TestIssuer startedWithTls(SSLContext tls) {
    return new TestIssuer(freePort(), tls).start();
  }

  /** An issuer whose port is chosen but that nobody listens on until {@link #start()}. */
  public static TestIssuer notStarted() {
    return new TestIssuer(freePort(), null);
  }

  public synchronized TestIssuer start() {
    try {
      InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
      if (tls == null) {
        server = HttpServer.create(address, 16);
      } else {
        HttpsServer https = HttpsServer.create(address, 16);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = https;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/issuer/.well-known/openid-configuration", this::discovery);
    server.createContext("/issuer/keys", this::keys);
    server.start();
    return this;
  }

  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** {@code issuer_url}, also every token's {@code iss}. */
  public String url() {
    return (tls == null ? "http" : "https") + "://127.0.0.1:" + port + "/issuer";
  }

  public String keysUrl() {
    return url() + "/keys";
  }

  /** Publishes the public half of {@code keys}, and only those, from now on. */
  public TestIssuer publish(JWK... keys) {
    List<JWK> list = new ArrayList<>();
    for (JWK key : keys) {
      list.add(key.toPublicJWK());
    }
    published = new JWKSet(list);
    return this;
  }

  /** Makes the discovery document name another issuer than {@link #url()}. */
  public void discoveryNamesIssuer(String issuer) {
    this.discoveredIssuer = issuer;
  }

  public int discoveryRequests() {
    return discoveryRequests.get();
  }

  public int keyRequests() {
    return keyRequests.get();
  }

  /**
   * Claims of a token from this issuer for {@link #AUDIENCE} and {@code subject}, valid 5 minutes
   * from {@code now}.
   */
  public JWTClaimsSet.Builder claims(String subject, Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(url())
        .audience(AUDIENCE)
        .subject(subject)
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
  }

  public static RSAKey rsaKey(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ecKey(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_256).keyID(kid).keyUse(KeyUse.SIGNATURE).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A compact JWS of {@code claims} by {@code key} (RS256 or ES256), typ JWT, kid the key's. */
  public static String sign(JWK key, JWTClaimsSet claims) {
    return sign(key, key.getKeyID(), claims);
  }

  /** As {@link #sign(JWK, JWTClaimsSet)} with {@code kid} in the header, whatever the key's. */
  public static String sign(JWK key, String kid, JWTClaimsSet claims) {
    try {
      JWSAlgorithm algorithm;
      JWSSigner signer;
      if (key instanceof RSAKey rsa) {
        algorithm = JWSAlgorithm.RS256;
        signer = new RSASSASigner(rsa);
      } else if (key instanceof ECKey ec) {
        algorithm = JWSAlgorithm.ES256;
        signer = new ECDSASigner(ec);
      } else {
        throw new IllegalArgumentException("an RSA or EC key, not " + key.getKeyType());
      }
      JWSHeader header =
          new JWSHeader.Builder(algorithm).keyID(kid).type(JOSEObjectType.JWT).build();
      SignedJWT jwt = new SignedJWT(header, claims);
      jwt.sign(signer);
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private void discovery(HttpExchange exchange) throws IOException {
    discoveryRequests.incrementAndGet();
    String issuer = discoveredIssuer != null ? discoveredIssuer : url();
    String body =
        JSONObjectUtils.toJSONString(
            Map.of(
                "issuer",
                issuer,
                "jwks_uri",
                keysUrl(),
                "authorization_endpoint",
                url() + "/auth",
                "id_token_signing_alg_values_supported",
                List.of("RS256", "ES256")));
    reply(exchange, body);
  }

  private void keys(HttpExchange exchange) throws IOException {
    keyRequests.incrementAndGet();
    reply(exchange, published.toString());
  }

  private static void reply(HttpExchange exchange, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
