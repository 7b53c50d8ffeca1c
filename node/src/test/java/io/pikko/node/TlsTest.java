package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** RESP over TLS on pikko.tls-port, with a certificate the test makes, beside the plain port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsTest {
    private static final String PASSWORD = "tls-secret";

    @TempDir
    static Path temp;

    private SelfSignedCertificate certificate;
    private TestNode node;

    @BeforeAll
    void startNode() throws Exception {
        certificate = SelfSignedCertificate.create(temp);
        node = TestNode.start(temp.resolve("data"), Map.of(
                "pikko.tls-port", 0,
                "pikko.tls-cert-file", certificate.certFile().toString(),
                "pikko.tls-key-file", certificate.keyFile().toString(),
                "pikko.requirepass", PASSWORD));
    }

    @AfterAll
    void stopNode() {
        node.close();
    }

    private Jedis tlsClient(SSLContext context) {
        return new Jedis(new HostAndPort("127.0.0.1", node.tlsPort()), DefaultJedisClientConfig.builder()
                .ssl(true).sslSocketFactory(context.getSocketFactory()).password(PASSWORD).timeoutMillis(30_000).build());
    }

    @Test
    void aClientTrustingTheCertificateRunsCommandsOverTls() throws Exception {
        try (Jedis jedis = tlsClient(certificate.trustingClientContext())) {
            assertEquals("PONG", jedis.ping());
            assertEquals("OK", jedis.set("over-tls", "secret value"));
            assertEquals("secret value", jedis.get("over-tls"));
            assertEquals(3, jedis.incrBy("tls-counter", 3));
            assertEquals(2, jedis.rpush("tls-list", "a", "b"));
            assertEquals(List.of("a", "b"), jedis.lrange("tls-list", 0, -1));
        }
        // The same keyspace through the plain port.
        try (Jedis plain = new Jedis(new HostAndPort("127.0.0.1", node.port()),
                DefaultJedisClientConfig.builder().password(PASSWORD).timeoutMillis(30_000).build())) {
            assertEquals("secret value", plain.get("over-tls"));
        }
    }

    @Test
    void aPasswordIsStillAskedForOverTls() throws Exception {
        try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", node.tlsPort()), DefaultJedisClientConfig.builder()
                .ssl(true).sslSocketFactory(certificate.trustingClientContext().getSocketFactory()).timeoutMillis(30_000).build())) {
            JedisDataException error = assertThrows(JedisDataException.class, () -> jedis.get("over-tls"));
            assertTrue(error.getMessage().startsWith("NOAUTH"), error.getMessage());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCertificateIsRefused() throws Exception {
        SSLContext trustsTheDefaults = SSLContext.getInstance("TLS");
        trustsTheDefaults.init(null, null, null);
        JedisConnectionException refused = assertThrows(JedisConnectionException.class, () -> {
            try (Jedis jedis = tlsClient(trustsTheDefaults)) {
                jedis.ping();
            }
        });
        assertTrue(hasCause(refused, SSLHandshakeException.class), String.valueOf(refused));
    }

    @Test
    void plainRespOnTheTlsPortGetsNoAnswer() throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.tlsPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            assertEquals(-1, in.read(), "the node closes a connection that does not speak TLS, without a reply");
        }
    }

    @Test
    void aTakenTlsPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CannotStart failure = assertThrows(CannotStart.class, () -> TestNode.start(temp.resolve("other"), Map.of(
                    "pikko.tls-port", taken.getLocalPort(),
                    "pikko.tls-cert-file", certificate.certFile().toString(),
                    "pikko.tls-key-file", certificate.keyFile().toString())));
            assertEquals("port " + taken.getLocalPort() + " (pikko.tls-port) is in use", failure.getMessage());
        }
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> kind) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (kind.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
