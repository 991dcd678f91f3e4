package dev.tailgate.pipeline.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Certificates and PKCS#8 private keys from PEM text, as the Collector's configtls reads them. */
final class PemFiles {
  private static final Pattern PRIVATE_KEY =
      Pattern.compile("-----BEGIN PRIVATE KEY-----([^-]*)-----END PRIVATE KEY-----");

  /**
   * Tried in turn: a PKCS#8 blob says its algorithm only inside ASN.1 we would rather not parse.
   */
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "EdDSA", "RSASSA-PSS");

  private PemFiles() {}

  /** Every certificate in the text, in order (a chain: leaf first). */
  static List<X509Certificate> certificates(String key, byte[] pem) {
    try {
      List<X509Certificate> certificates =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(pem))
              .stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certificates.isEmpty()) {
        throw new TlsFileException(key, "holds no PEM certificate");
      }
      return certificates;
    } catch (CertificateException e) {
      throw new TlsFileException(key, "is not a PEM certificate: " + e.getMessage(), e);
    }
  }

  static PrivateKey privateKey(String key, byte[] pem) {
    String text = new String(pem, StandardCharsets.US_ASCII);
    Matcher m = PRIVATE_KEY.matcher(text);
    if (!m.find()) {
      throw new TlsFileException(key, notPkcs8(text));
    }
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(1).trim());
    } catch (IllegalArgumentException e) {
      throw new TlsFileException(key, "PEM private key is not valid base64", e);
    }
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException notThisOne) {
        // the next algorithm may read it
      }
    }
    throw new TlsFileException(key, "PKCS#8 private key is neither RSA, EC nor EdDSA");
  }

  private static String notPkcs8(String text) {
    if (text.contains("BEGIN RSA PRIVATE KEY") || text.contains("BEGIN EC PRIVATE KEY")) {
      return "holds a PKCS#1/SEC1 key; convert it to PKCS#8 with"
          + " `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key.pkcs8.pem`";
    }
    if (text.contains("BEGIN ENCRYPTED PRIVATE KEY")) {
      return "holds an encrypted private key; only unencrypted PKCS#8 keys are supported";
    }
    return "holds no PEM private key (-----BEGIN PRIVATE KEY-----)";
  }
}
