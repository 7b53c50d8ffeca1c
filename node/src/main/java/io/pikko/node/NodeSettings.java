package io.pikko.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import io.pikko.protocol.KeyspaceEventFlags;
import io.pikko.actors.migration.MigrationLimits;
import io.pikko.dashboard.ActionSettings;
import io.pikko.gateway.OutputBufferLimits;
import io.pikko.dashboard.ReplicationSettings;
import io.pikko.storage.BinlogRetention;
import io.pikko.storage.FsyncPolicy;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A node's settings, read once at start from system properties, environment variables, an
 * optional file and the built-in defaults (conf/application.conf), and checked: every bad value is
 * reported with the name of its setting.
 */
public record NodeSettings(
        int port, String bind, Optional<TlsFiles> tls, String adminBind, int adminPort, Path dataDir, int databases, String requirePass,
        long protoMaxBulkLen, int maxClients, OutputBufferLimits clientOutputBufferLimit, int clientTimeout,
        int notifyKeyspaceEvents, String clusterHost, int clusterPort, List<String> seeds,
        Duration topologyRefresh, String journalUrl, String journalUser, String journalPassword, String adminToken,
        MigrationLimits migrationLimits, ActionSettings actionSettings,
        FsyncPolicy fsync, long blockCacheBytes, long writeBufferBytes,
        Duration requestTimeout, int ioThreads, Duration sweepInterval, int maxPerSweep,
        Duration garbageInterval, int garbageSlotsPerTick, int garbageStepRecords,
        BinlogRetention binlogRetention, ReplicationSettings sentinel,
        String configFile, Config config) {

    /** The settings could not be read; the message names every setting at fault. */
    public static final class InvalidSettings extends Exception {
        public InvalidSettings(List<String> problems) {
            super(String.join("\n", problems));
        }
    }

    /** RESP over TLS (Redis's tls-port, tls-cert-file, tls-key-file): its own port, PEM files. */
    public record TlsFiles(int port, Path certFile, Path keyFile) {}

    private static final String DEFAULTS = "pikko/application.conf";

    /** Loads settings the way a node started from the command line does. */
    public static NodeSettings load(Map<String, String> environment, Config overrides) throws InvalidSettings {
        Config defaults = ConfigFactory.parseResources(DEFAULTS);
        Config system = overrides.withFallback(ConfigFactory.systemProperties());
        String configFile = system.hasPath("pikko.config-file") ? system.getString("pikko.config-file") : null;
        Config file = ConfigFactory.empty();
        if (configFile != null) {
            File f = new File(configFile);
            if (!f.isFile()) {
                throw new InvalidSettings(List.of("pikko.config-file: no such file '" + configFile + "'"));
            }
            try {
                file = ConfigFactory.parseFile(f);
            } catch (ConfigException e) {
                throw new InvalidSettings(List.of("pikko.config-file: cannot parse '" + configFile + "': " + e.getMessage()));
            }
        }
        Config merged;
        try {
            merged = system
                    .withFallback(fromEnvironment(environment, defaults))
                    .withFallback(file)
                    .withFallback(defaults)
                    .withFallback(ConfigFactory.defaultReference())
                    .resolve();
        } catch (ConfigException e) {
            throw new InvalidSettings(List.of("configuration: " + e.getMessage()));
        }
        return read(merged, configFile);
    }

    /** PIKKO_STORAGE_FSYNC=always sets pikko.storage.fsync, for every setting the defaults name. */
    private static Config fromEnvironment(Map<String, String> environment, Config defaults) {
        Config out = ConfigFactory.empty();
        for (var entry : defaults.getConfig("pikko").entrySet()) {
            String path = entry.getKey();
            String variable = "PIKKO_" + path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            String value = environment.get(variable);
            if (value != null) {
                out = out.withValue("pikko." + path, ConfigValueFactory.fromAnyRef(value, "environment variable " + variable));
            }
        }
        return out;
    }

    private static NodeSettings read(Config c, String configFile) throws InvalidSettings {
        List<String> problems = new ArrayList<>();
        Integer port = check(problems, "pikko.port", () -> port(c, "pikko.port"));
        String bind = check(problems, "pikko.bind", () -> nonEmpty(c.getString("pikko.bind")));
        Optional<TlsFiles> tls = tls(c, problems);
        String adminBind = check(problems, "pikko.admin.bind", () -> nonEmpty(c.getString("pikko.admin.bind")));
        Integer adminPort = check(problems, "pikko.admin.port", () -> port(c, "pikko.admin.port"));
        String dataDir = check(problems, "pikko.data-dir", () -> nonEmpty(c.getString("pikko.data-dir")));
        Integer databases = check(problems, "pikko.databases", () -> (int) between(c.getInt("pikko.databases"), 1, 65535));
        String requirePass = check(problems, "pikko.requirepass", () -> c.getString("pikko.requirepass"));
        Long bulk = check(problems, "pikko.proto-max-bulk-len",
                () -> between(c.getBytes("pikko.proto-max-bulk-len"), 1024 * 1024, Long.MAX_VALUE));
        Integer maxClients = check(problems, "pikko.maxclients", () -> (int) between(c.getInt("pikko.maxclients"), 1, Integer.MAX_VALUE));
        OutputBufferLimits outputLimits = check(problems, "pikko.client-output-buffer-limit",
                () -> outputBufferLimits(c.getString("pikko.client-output-buffer-limit")));
        Integer clientTimeout = check(problems, "pikko.timeout", () -> (int) between(c.getInt("pikko.timeout"), 0, Integer.MAX_VALUE));
        Integer notifyKeyspaceEvents = check(problems, "pikko.notify-keyspace-events",
                () -> keyspaceEvents(c.getString("pikko.notify-keyspace-events")));
        String clusterHost = check(problems, "pikko.cluster.host", () -> nonEmpty(c.getString("pikko.cluster.host")));
        Integer clusterPort = check(problems, "pikko.cluster.port", () -> port(c, "pikko.cluster.port"));
        List<String> seeds = check(problems, "pikko.cluster.seeds", () -> seeds(c));
        Duration topologyRefresh = check(problems, "pikko.cluster.topology-refresh",
                () -> positive(c.getDuration("pikko.cluster.topology-refresh")));
        String journalUrl = check(problems, "pikko.journal.url", () -> journalUrl(c.getString("pikko.journal.url")));
        String journalUser = check(problems, "pikko.journal.user", () -> c.getString("pikko.journal.user"));
        String journalPassword = check(problems, "pikko.journal.password", () -> c.getString("pikko.journal.password"));
        String adminToken = check(problems, "pikko.admin.token", () -> c.getString("pikko.admin.token"));
        Integer batchKeys = check(problems, "pikko.migration.batch-keys",
                () -> (int) between(c.getInt("pikko.migration.batch-keys"), 1, 100_000));
        Long batchBytes = check(problems, "pikko.migration.batch-bytes",
                () -> between(c.getBytes("pikko.migration.batch-bytes"), 1024, 3L * 1024 * 1024));
        Integer chunkElements = check(problems, "pikko.migration.chunk-elements",
                () -> (int) between(c.getInt("pikko.migration.chunk-elements"), 1, 1_000_000));
        Integer parallel = check(problems, "pikko.migration.parallel",
                () -> (int) between(c.getInt("pikko.migration.parallel"), 1, 1024));
        Long maxKeysPerSec = check(problems, "pikko.migration.max-keys-per-sec",
                () -> between(c.getLong("pikko.migration.max-keys-per-sec"), 0, Long.MAX_VALUE));
        Long maxBytesPerSec = check(problems, "pikko.migration.max-bytes-per-sec",
                () -> between(c.getBytes("pikko.migration.max-bytes-per-sec"), 0, Long.MAX_VALUE));
        FsyncPolicy fsync = check(problems, "pikko.storage.fsync", () -> FsyncPolicy.parse(c.getString("pikko.storage.fsync"))
                .orElseThrow(() -> new IllegalArgumentException("must be no, everysec or always")));
        Long blockCache = check(problems, "pikko.storage.block-cache",
                () -> between(c.getBytes("pikko.storage.block-cache"), 1024 * 1024, Long.MAX_VALUE));
        Long writeBuffer = check(problems, "pikko.storage.write-buffer",
                () -> between(c.getBytes("pikko.storage.write-buffer"), 1024 * 1024, Long.MAX_VALUE));
        Duration timeout = check(problems, "pikko.gateway.request-timeout",
                () -> positive(c.getDuration("pikko.gateway.request-timeout")));
        Integer ioThreads = check(problems, "pikko.gateway.io-threads", () -> (int) between(c.getInt("pikko.gateway.io-threads"), 1, 256));
        Duration sweep = check(problems, "pikko.expire.sweep-interval",
                () -> positive(c.getDuration("pikko.expire.sweep-interval")));
        Integer maxPerSweep = check(problems, "pikko.expire.max-per-sweep",
                () -> (int) between(c.getInt("pikko.expire.max-per-sweep"), 1, 1_000_000));
        Duration garbageInterval = check(problems, "pikko.garbage.sweep-interval",
                () -> positive(c.getDuration("pikko.garbage.sweep-interval")));
        Integer garbageSlots = check(problems, "pikko.garbage.slots-per-tick",
                () -> (int) between(c.getInt("pikko.garbage.slots-per-tick"), 1, 1024));
        Integer garbageStep = check(problems, "pikko.garbage.step-records",
                () -> (int) between(c.getInt("pikko.garbage.step-records"), 1, 10_000_000));
        Long binlogBytes = check(problems, "pikko.replication.binlog.max-bytes-per-slot",
                () -> between(c.getBytes("pikko.replication.binlog.max-bytes-per-slot"), 0, Long.MAX_VALUE));
        Duration binlogAge = check(problems, "pikko.replication.binlog.max-age",
                () -> positive(c.getDuration("pikko.replication.binlog.max-age")));
        Long binlogCap = check(problems, "pikko.replication.binlog.cap-bytes-per-slot",
                () -> between(c.getBytes("pikko.replication.binlog.cap-bytes-per-slot"),
                        binlogBytes == null ? 0 : binlogBytes, Long.MAX_VALUE));
        Duration probeInterval = check(problems, "pikko.replication.probe-interval",
                () -> positive(c.getDuration("pikko.replication.probe-interval")));
        Integer probeFailures = check(problems, "pikko.replication.probe-failures",
                () -> (int) between(c.getInt("pikko.replication.probe-failures"), 1, 1000));
        String mode = check(problems, "pikko.replication.mode", () -> {
            String m = c.getString("pikko.replication.mode").trim().toLowerCase(java.util.Locale.ROOT);
            if (!m.equals("async") && !m.equals("consistent")) {
                throw new IllegalArgumentException("must be async or consistent, got '" + m + "'");
            }
            return m;
        });
        if (!problems.isEmpty()) {
            throw new InvalidSettings(problems);
        }
        return new NodeSettings(port, bind, tls, adminBind, adminPort, Path.of(dataDir), databases, requirePass, bulk, maxClients,
                outputLimits, clientTimeout, notifyKeyspaceEvents,
                clusterHost, clusterPort, seeds, topologyRefresh, journalUrl, journalUser, journalPassword, adminToken,
                new MigrationLimits(batchKeys, batchBytes, chunkElements, 0, 0),
                new ActionSettings(false, parallel, maxKeysPerSec, maxBytesPerSec), fsync, blockCache, writeBuffer, timeout, ioThreads, sweep, maxPerSweep,
                garbageInterval, garbageSlots, garbageStep,
                new BinlogRetention(binlogBytes, binlogAge.toMillis(), binlogCap), new ReplicationSettings(probeInterval, probeFailures, mode),
                configFile, c);
    }

    private static <T> T check(List<String> problems, String path, Supplier<T> read) {
        try {
            return read.get();
        } catch (ConfigException.Missing e) {
            problems.add(path + ": missing");
        } catch (ConfigException e) {
            problems.add(path + ": " + e.getMessage().replaceFirst("^.*?: ", ""));
        } catch (IllegalArgumentException e) {
            problems.add(path + ": " + e.getMessage());
        }
        return null;
    }

    private static int port(Config c, String path) {
        String raw = c.getString(path);
        try {
            int port = Integer.parseInt(raw.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below with the value that was given.
        }
        throw new IllegalArgumentException("must be a port number from 0 to 65535, got '" + raw + "'");
    }

    /**
     * No TLS listener while {@code pikko.tls-port} is empty; once it is set, the certificate and key
     * files must be given and exist.
     */
    private static Optional<TlsFiles> tls(Config c, List<String> problems) {
        String portSetting = check(problems, "pikko.tls-port", () -> c.getString("pikko.tls-port").trim());
        String cert = check(problems, "pikko.tls-cert-file", () -> c.getString("pikko.tls-cert-file"));
        String key = check(problems, "pikko.tls-key-file", () -> c.getString("pikko.tls-key-file"));
        if (portSetting == null || cert == null || key == null) {
            return Optional.empty();
        }
        if (portSetting.isEmpty()) {
            if (!cert.isEmpty() || !key.isEmpty()) {
                problems.add("pikko.tls-port: must be set when pikko.tls-cert-file or pikko.tls-key-file is");
            }
            return Optional.empty();
        }
        Integer port = check(problems, "pikko.tls-port", () -> port(c, "pikko.tls-port"));
        String certFile = check(problems, "pikko.tls-cert-file", () -> existingFile(cert));
        String keyFile = check(problems, "pikko.tls-key-file", () -> existingFile(key));
        if (port == null || certFile == null || keyFile == null) {
            return Optional.empty();
        }
        return Optional.of(new TlsFiles(port, Path.of(certFile), Path.of(keyFile)));
    }

    private static String existingFile(String path) {
        if (path.isBlank()) {
            throw new IllegalArgumentException("must name a PEM file when pikko.tls-port is set");
        }
        if (!new File(path).isFile()) {
            throw new IllegalArgumentException("no such file '" + path + "'");
        }
        return path;
    }

    /** A list, or (from an environment variable) one comma-separated string; each entry host:port. */
    private static List<String> seeds(Config c) {
        List<String> raw = c.getValue("pikko.cluster.seeds").valueType() == ConfigValueType.LIST
                ? c.getStringList("pikko.cluster.seeds")
                : List.of(c.getString("pikko.cluster.seeds").split(","));
        List<String> seeds = new ArrayList<>();
        for (String entry : raw) {
            String seed = entry.trim();
            if (seed.isEmpty()) {
                continue;
            }
            int colon = seed.lastIndexOf(':');
            String port = seed.substring(colon + 1);
            if (colon <= 0 || !port.matches("\\d{1,5}") || Integer.parseInt(port) == 0 || Integer.parseInt(port) > 65535) {
                throw new IllegalArgumentException("each seed must be host:port, got '" + seed + "'");
            }
            seeds.add(seed);
        }
        return List.copyOf(seeds);
    }

    /** Redis's syntax, over Redis's defaults: the classes the value leaves out keep theirs. */
    private static int keyspaceEvents(String value) {
        return KeyspaceEventFlags.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "Invalid event class character. Use 'Ag$lshzxeKEtmdn'. Got '" + value + "'"));
    }

    private static OutputBufferLimits outputBufferLimits(String value) {
        OutputBufferLimits.problem(value).ifPresent(problem -> {
            throw new IllegalArgumentException(problem + " Got '" + value + "'");
        });
        return OutputBufferLimits.DEFAULTS.with(value);
    }

    private static String journalUrl(String url) {
        if (!url.isEmpty() && !url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("must be empty (embedded H2), a jdbc:h2: or a jdbc:postgresql: URL, got '" + url + "'");
        }
        return url;
    }

    private static long between(long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static Duration positive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("must be a positive duration, got " + d);
        }
        return d;
    }

    private static String nonEmpty(String s) {
        if (s.isBlank()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return s;
    }
}
