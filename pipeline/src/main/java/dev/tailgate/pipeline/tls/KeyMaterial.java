package dev.tailgate.pipeline.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAKey;
import java.util.Arrays;
import java.util.List;

/**
 * A server's certificate chain and private key as read from {@code cert_file} and {@code key_file},
 * checked to belong together. {@code certPem} and {@code keyPem} are kept to tell whether a later
 * read found new files.
 */
record KeyMaterial(List<X509Certificate> chain, PrivateKey key, byte[] certPem, byte[] keyPem) {

  static KeyMaterial read(Path certFile, Path keyFile) {
    return parse(TlsFiles.read("cert_file", certFile), TlsFiles.read("key_file", keyFile));
  }

  static KeyMaterial parse(byte[] certPem, byte[] keyPem) {
    List<X509Certificate> chain = PemFiles.certificates("cert_file", certPem);
    PrivateKey key = PemFiles.privateKey("key_file", keyPem);
    if (!matches(key, chain.get(0).getPublicKey())) {
      throw new TlsFileException(
          "key_file",
          "does not match the certificate in cert_file ("
              + chain.get(0).getSubjectX500Principal()
              + ")");
    }
    return new KeyMaterial(chain, key, certPem, keyPem);
  }

  boolean sameFilesAs(byte[] otherCertPem, byte[] otherKeyPem) {
    return Arrays.equals(certPem, otherCertPem) && Arrays.equals(keyPem, otherKeyPem);
  }

  X509Certificate[] chainArray() {
    return chain.toArray(X509Certificate[]::new);
  }

  private static boolean matches(PrivateKey key, PublicKey publicKey) {
    if (key instanceof RSAKey rsa) {
      // Covers RSASSA-PSS keys too, whose signatures would need parameters to test.
      return publicKey instanceof RSAKey pub && rsa.getModulus().equals(pub.getModulus());
    }
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "EdDSA" -> "EdDSA";
          default -> null;
        };
    if (algorithm == null || !key.getAlgorithm().equals(publicKey.getAlgorithm())) {
      return false;
    }
    try {
      byte[] probe = new byte[32];
      new SecureRandom().nextBytes(probe);
      Signature sign = Signature.getInstance(algorithm);
      sign.initSign(key);
      sign.update(probe);
      byte[] signature = sign.sign();
      Signature verify = Signature.getInstance(algorithm);
      verify.initVerify(publicKey);
      verify.update(probe);
      return verify.verify(signature);
    } catch (GeneralSecurityException e) {
      // A key of one curve and a certificate of another end up here: they do not match.
      return false;
    }
  }
}
