package dev.tailgate.exporter.kafka;

import java.security.KeyStore;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.apache.kafka.common.security.auth.SslEngineFactory;

/**
 * Client TLS engines from the SSL context the gateway built for {@code auth.tls}, so the kafka
 * exporter trusts what every other exporter's {@code tls} block trusts. Kafka makes this class by
 * name and configures it with the producer's settings, where {@link ProducerProperties} put the
 * context.
 */
public final class KafkaSslEngineFactory implements SslEngineFactory {
  static final String CONTEXT_KEY = "tailgate.ssl.context";
  static final String VERIFY_HOST_KEY = "tailgate.ssl.verify.host";

  private SSLContext context;
  private boolean verifyHost;

  @Override
  public void configure(Map<String, ?> configs) {
    context = (SSLContext) configs.get(CONTEXT_KEY);
    if (context == null) {
      throw new IllegalStateException(
          CONTEXT_KEY + " is not set: this factory serves the kafka exporter only");
    }
    verifyHost = !Boolean.FALSE.equals(configs.get(VERIFY_HOST_KEY));
  }

  @Override
  public SSLEngine createClientSslEngine(
      String peerHost, int peerPort, String endpointIdentification) {
    SSLEngine engine = context.createSSLEngine(peerHost, peerPort);
    engine.setUseClientMode(true);
    if (verifyHost) {
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setEndpointIdentificationAlgorithm("HTTPS");
      engine.setSSLParameters(parameters);
    }
    return engine;
  }

  @Override
  public SSLEngine createServerSslEngine(String peerHost, int peerPort) {
    throw new UnsupportedOperationException("the kafka exporter is a client only");
  }

  @Override
  public boolean shouldBeRebuilt(Map<String, Object> nextConfigs) {
    return false;
  }

  @Override
  public Set<String> reconfigurableConfigs() {
    return Set.of();
  }

  @Override
  public KeyStore keystore() {
    return null;
  }

  @Override
  public KeyStore truststore() {
    return null;
  }

  @Override
  public void close() {}
}
