package io.pikko.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A certificate for 127.0.0.1 made by the JDK's keytool for one test, written as the PEM files a
 * node's pikko.tls-cert-file and pikko.tls-key-file name, and an SSL context that trusts it.
 */
final class SelfSignedCertificate {
    private static final char[] PASSWORD = "changeit".toCharArray();
    private static final String ALIAS = "pikko";

    private final Path certFile;
    private final Path keyFile;
    private final Certificate certificate;

    private SelfSignedCertificate(Path certFile, Path keyFile, Certificate certificate) {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.certificate = certificate;
    }

    static SelfSignedCertificate create(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        Path store = dir.resolve("server.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        PrivateKey key = (PrivateKey) keys.getKey(ALIAS, PASSWORD);
        Certificate certificate = keys.getCertificate(ALIAS);
        Path certFile = Files.writeString(dir.resolve("server.crt"), pem("CERTIFICATE", certificate.getEncoded()));
        // A private key's encoding is PKCS#8, the PEM form pikko.tls-key-file takes.
        Path keyFile = Files.writeString(dir.resolve("server.key"), pem("PRIVATE KEY", key.getEncoded()));
        return new SelfSignedCertificate(certFile, keyFile, certificate);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return String.join("\n", List.of("-----BEGIN " + type + "-----", body, "-----END " + type + "-----", ""));
    }

    Path certFile() {
        return certFile;
    }

    Path keyFile() {
        return keyFile;
    }

    /** A client context that trusts this certificate and nothing else. */
    SSLContext trustingClientContext() throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
