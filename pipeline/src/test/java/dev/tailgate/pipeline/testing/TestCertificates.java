package dev.tailgate.pipeline.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority for TLS tests, made with the JDK's own {@code keytool} (run as
 * a process, so no crypto library is needed): it issues server and client certificates for {@code
 * localhost} / {@code 127.0.0.1} and writes them as PEM files with PKCS#8 keys, as an operator
 * would hand them to {@code cert_file} and {@code key_file}.
 */
public final class TestCertificates {
  private static final String PASSWORD = "changeit";

  private final Path dir;
  private final Path caStore;
  private final Path caFile;
  private final X509Certificate caCertificate;

  /** A leaf certificate and its key, also written to {@code certFile} and {@code keyFile}. */
  public record Issued(X509Certificate certificate, PrivateKey key, Path certFile, Path keyFile) {
    /** The client-side key manager presenting this certificate. */
    public KeyManager[] keyManagers() {
      try {
        KeyStore store = emptyStore();
        store.setKeyEntry("leaf", key, PASSWORD.toCharArray(), new Certificate[] {certificate});
        KeyManagerFactory factory =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, PASSWORD.toCharArray());
        return factory.getKeyManagers();
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The certificate and key as PEM bytes, for clients that take them so (the OTel SDK). */
    public byte[] certPem() {
      return read(certFile);
    }

    public byte[] keyPem() {
      return read(keyFile);
    }
  }

  private TestCertificates(Path dir, Path caStore, Path caFile, X509Certificate caCertificate) {
    this.dir = dir;
    this.caStore = caStore;
    this.caFile = caFile;
    this.caCertificate = caCertificate;
  }

  /** A new CA (EC P-256) whose files go to {@code dir}. */
  public static TestCertificates authority(Path dir, String name) {
    Path store = dir.resolve(name + "-ca.p12");
    Path pem = dir.resolve(name + "-ca.crt");
    keytool(
        "-genkeypair",
        "-keystore",
        store.toString(),
        "-alias",
        "ca",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-dname",
        "CN=" + name + " Test CA",
        "-ext",
        "bc:c",
        "-validity",
        "2");
    keytool(
        "-exportcert",
        "-rfc",
        "-keystore",
        store.toString(),
        "-alias",
        "ca",
        "-file",
        pem.toString());
    return new TestCertificates(dir, store, pem, certificates(read(pem)).get(0));
  }

  /** The CA certificate as a PEM file, for {@code client_ca_file} or a client's trust. */
  public Path caFile() {
    return caFile;
  }

  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /**
   * An RSA certificate for {@code localhost} and {@code 127.0.0.1}, with subject {@code CN=<cn>}.
   */
  public Issued issue(String cn) {
    return issue(cn, "RSA");
  }

  /** As {@link #issue(String)} with an {@code RSA} or {@code EC} key. */
  public Issued issue(String cn, String keyAlgorithm) {
    Path store = dir.resolve(cn + ".p12");
    Path csr = dir.resolve(cn + ".csr");
    Path signed = dir.resolve(cn + ".crt");
    Path keyFile = dir.resolve(cn + ".key");
    List<String> genkey =
        new ArrayList<>(
            List.of(
                "-genkeypair",
                "-keystore",
                store.toString(),
                "-alias",
                "leaf",
                "-keyalg",
                keyAlgorithm,
                "-dname",
                "CN=" + cn,
                "-validity",
                "2"));
    genkey.addAll(
        keyAlgorithm.equals("EC")
            ? List.of("-groupname", "secp256r1")
            : List.of("-keysize", "2048"));
    keytool(genkey.toArray(String[]::new));
    keytool("-certreq", "-keystore", store.toString(), "-alias", "leaf", "-file", csr.toString());
    keytool(
        "-gencert",
        "-rfc",
        "-keystore",
        caStore.toString(),
        "-alias",
        "ca",
        "-infile",
        csr.toString(),
        "-outfile",
        signed.toString(),
        "-validity",
        "2",
        "-ext",
        "san=dns:localhost,ip:127.0.0.1",
        "-ext",
        "eku=serverAuth,clientAuth");
    try {
      KeyStore keys = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(store)) {
        keys.load(in, PASSWORD.toCharArray());
      }
      PrivateKey key = (PrivateKey) keys.getKey("leaf", PASSWORD.toCharArray());
      Files.writeString(keyFile, pem("PRIVATE KEY", key.getEncoded()));
      return new Issued(certificates(read(signed)).get(0), key, signed, keyFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client context that trusts this CA only and presents no certificate. */
  public SSLContext clientContext() {
    return clientContext(null);
  }

  /** A client context that trusts this CA and presents {@code client} (null: none). */
  public SSLContext clientContext(Issued client) {
    try {
      KeyStore trust = emptyStore();
      trust.setCertificateEntry("ca", caCertificate);
      TrustManagerFactory trustFactory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trustFactory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          client == null ? null : client.keyManagers(), trustFactory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** PEM text of one DER block, as openssl writes it. */
  public static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static KeyStore emptyStore() throws GeneralSecurityException {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      return store;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<X509Certificate> certificates(byte[] pem) {
    try {
      return CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem))
          .stream()
          .map(X509Certificate.class::cast)
          .toList();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void keytool(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    // A short-lived JVM each time: skipping the optimising compiler roughly halves its start.
    command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD, "-noprompt"));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      byte[] output = process.getInputStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool "
                + String.join(" ", args)
                + " failed: "
                + new String(output, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
