package io.pikko.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.pikko.storage.FsyncPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Settings come from defaults, a file, the environment and properties; bad values are named. */
class NodeSettingsTest {
    @TempDir
    Path temp;

    @Test
    void embeddedDefaultsNeedNothingElse() throws Exception {
        NodeSettings settings = NodeSettings.load(Map.of(), ConfigFactory.empty());
        assertEquals(9221, settings.port());
        assertEquals(9280, settings.adminPort());
        assertEquals(25520, settings.clusterPort());
        assertEquals(FsyncPolicy.EVERYSEC, settings.fsync());
        assertEquals(16, settings.databases());
        assertEquals(512L * 1024 * 1024, settings.protoMaxBulkLen());
        assertEquals(25520, settings.config().getInt("pekko.remote.artery.canonical.port"));
        assertEquals("127.0.0.1", settings.bind());
        assertEquals("127.0.0.1", settings.adminBind());
        assertTrue(settings.tls().isEmpty());
    }

    @Test
    void tlsNeedsItsPortAndBothFiles() throws Exception {
        Path cert = Files.writeString(temp.resolve("server.crt"), "pem");
        Path key = Files.writeString(temp.resolve("server.key"), "pem");
        NodeSettings settings = NodeSettings.load(Map.of("PIKKO_TLS_PORT", "6380"), ConfigFactory.parseMap(Map.of(
                "pikko.tls-cert-file", cert.toString(), "pikko.tls-key-file", key.toString())));
        assertEquals(new NodeSettings.TlsFiles(6380, cert, key), settings.tls().orElseThrow());

        String withoutFiles = assertThrows(NodeSettings.InvalidSettings.class, () ->
                NodeSettings.load(Map.of(), ConfigFactory.parseMap(Map.of("pikko.tls-port", "6380",
                        "pikko.tls-key-file", temp.resolve("missing.key").toString())))).getMessage();
        assertTrue(withoutFiles.contains("pikko.tls-cert-file: must name a PEM file when pikko.tls-port is set"), withoutFiles);
        assertTrue(withoutFiles.contains("pikko.tls-key-file: no such file"), withoutFiles);

        String withoutPort = assertThrows(NodeSettings.InvalidSettings.class, () ->
                NodeSettings.load(Map.of(), ConfigFactory.parseMap(Map.of("pikko.tls-cert-file", cert.toString()))))
                .getMessage();
        assertTrue(withoutPort.contains("pikko.tls-port: must be set when"), withoutPort);
    }

    @Test
    void environmentFileAndPropertiesOverrideInThatOrder() throws Exception {
        Path file = temp.resolve("pikko.conf");
        Files.writeString(file, "pikko.port = 7001\npikko.databases = 4\npikko.storage.fsync = no\n");
        NodeSettings fromFile = NodeSettings.load(Map.of(),
                ConfigFactory.parseMap(Map.of("pikko.config-file", file.toString())));
        assertEquals(7001, fromFile.port());
        assertEquals(FsyncPolicy.NO, fromFile.fsync());

        NodeSettings fromEnv = NodeSettings.load(Map.of("PIKKO_PORT", "7002", "PIKKO_STORAGE_FSYNC", "always",
                        "PIKKO_CLUSTER_PORT", "26000"),
                ConfigFactory.parseMap(Map.of("pikko.config-file", file.toString())));
        assertEquals(7002, fromEnv.port());
        assertEquals(FsyncPolicy.ALWAYS, fromEnv.fsync());
        assertEquals(4, fromEnv.databases());
        assertEquals(26000, fromEnv.config().getInt("pekko.remote.artery.canonical.port"));

        NodeSettings fromProperty = NodeSettings.load(Map.of("PIKKO_PORT", "7002"),
                ConfigFactory.parseMap(Map.of("pikko.port", "7003")));
        assertEquals(7003, fromProperty.port());
    }

    @Test
    void everyBadValueIsReportedByName() {
        NodeSettings.InvalidSettings error = assertThrows(NodeSettings.InvalidSettings.class, () ->
                NodeSettings.load(Map.of("PIKKO_STORAGE_FSYNC", "sometimes"),
                        ConfigFactory.parseMap(Map.of("pikko.port", "99999", "pikko.databases", "zero",
                                "pikko.gateway.request-timeout", "-1s", "pikko.notify-keyspace-events", "KQ"))));
        String message = error.getMessage();
        assertTrue(message.contains("pikko.port: must be a port number"), message);
        assertTrue(message.contains("pikko.storage.fsync: must be no, everysec or always"), message);
        assertTrue(message.contains("pikko.databases:"), message);
        assertTrue(message.contains("pikko.gateway.request-timeout:"), message);
        assertTrue(message.contains("pikko.notify-keyspace-events: Invalid event class character."), message);
    }

    @Test
    void missingConfigFileIsNamed() {
        NodeSettings.InvalidSettings error = assertThrows(NodeSettings.InvalidSettings.class, () ->
                NodeSettings.load(Map.of(), ConfigFactory.parseMap(Map.of("pikko.config-file", "/no/such/file.conf"))));
        assertTrue(error.getMessage().startsWith("pikko.config-file: no such file"), error.getMessage());
    }

    @Test
    void aBadValueStopsTheRealProcessWithTheSettingsName() throws Exception {
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dpikko.port=not-a-port",
                PikkoMain.class.getName())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(2, process.waitFor());
        assertTrue(output.contains("pikko.port: must be a port number from 0 to 65535, got 'not-a-port'"), output);
    }
}
