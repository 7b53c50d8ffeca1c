package io.pikko.gateway;

import io.pikko.commands.EncodingLimits;
import io.pikko.protocol.KeyspaceEventFlags;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Every setting of Redis 7.0's CONFIG GET *, with its kind and Redis's default. A few are Pikko's
 * own live settings (requirepass, timeout, maxclients, appendfsync, proto-max-bulk-len,
 * client-output-buffer-limit, notify-keyspace-events, the latency monitor), the encoding thresholds set {@link EncodingLimits}, and a few
 * describe the node as it runs (port, bind, databases, io-threads); the rest are kept and reported
 * as set, and change nothing in a disk store (README, "Where Pikko differs", lists them).
 */
final class ConfigSettings {
    private static final long LONG_MAX = Long.MAX_VALUE;
    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long UINT_MAX = 4294967295L;

    private static final List<ConfigSetting> ALL = new ArrayList<>();
    private static final Map<String, ConfigSetting> BY_NAME = new HashMap<>();
    /** The defaults of the settings kept as values only, by canonical name. */
    private static final Map<String, String> DEFAULTS = new HashMap<>();

    static {
        // Pikko's live settings and the node's facts.
        live("requirepass", ConfigValue.TEXT, g -> g.config().requirePass(), (g, v) -> g.config().setRequirePass(v));
        live("appendfsync", ConfigValue.oneOf("everysec", "always", "no"), g -> g.control().fsyncPolicy(),
                (g, v) -> g.control().setFsyncPolicy(v));
        live("proto-max-bulk-len", ConfigValue.memory(1024 * 1024, LONG_MAX),
                g -> Long.toString(g.config().protoMaxBulkLen()), (g, v) -> g.config().setProtoMaxBulkLen(Long.parseLong(v)));
        // Redis takes up to 2^32-1; more than 2^31-1 connections cannot happen anyway.
        live("maxclients", ConfigValue.integer(1, UINT_MAX), g -> Integer.toString(g.config().maxClients()),
                (g, v) -> g.config().setMaxClients((int) Math.min(Long.parseLong(v), INT_MAX)));
        live("timeout", ConfigValue.integer(0, INT_MAX), g -> Integer.toString(g.config().idleTimeoutSeconds()),
                (g, v) -> g.config().setIdleTimeoutSeconds(Integer.parseInt(v)));
        live("client-output-buffer-limit", ConfigValue.of(v -> OutputBufferLimits.problem(v).orElse(null), v -> v),
                g -> g.config().outputBufferLimits().describe(),
                (g, v) -> g.config().setOutputBufferLimits(g.config().outputBufferLimits().with(v)));
        fact("port", g -> Integer.toString(g.boundPort().getAsInt()));
        fact("bind", g -> g.settings().host());
        fact("databases", g -> Integer.toString(g.settings().databases()));
        fact("io-threads", g -> Integer.toString(g.settings().ioThreads()));
        fact("dir", g -> System.getProperty("user.dir"));
        // Encoding thresholds: OBJECT ENCODING and DUMP follow them.
        kept("hash-max-listpack-entries", "hash-max-ziplist-entries", ConfigValue.integer(0, LONG_MAX), "512");
        kept("hash-max-listpack-value", "hash-max-ziplist-value", ConfigValue.memory(0, LONG_MAX), "64");
        kept("zset-max-listpack-entries", "zset-max-ziplist-entries", ConfigValue.integer(0, LONG_MAX), "128");
        kept("zset-max-listpack-value", "zset-max-ziplist-value", ConfigValue.memory(0, LONG_MAX), "64");
        kept("set-max-intset-entries", null, ConfigValue.integer(0, LONG_MAX), "512");
        // Redis 7.2's listpack sets: accepted, but sets are encoded as Redis 7.0 encodes them.
        kept("set-max-listpack-entries", null, ConfigValue.integer(0, LONG_MAX), "128");
        kept("set-max-listpack-value", null, ConfigValue.memory(0, LONG_MAX), "64");
        kept("list-max-listpack-size", "list-max-ziplist-size", ConfigValue.integer(Integer.MIN_VALUE, INT_MAX), "-2");
        kept("list-compress-depth", null, ConfigValue.integer(0, INT_MAX), "0");
        kept("hll-sparse-max-bytes", null, ConfigValue.memory(0, LONG_MAX), "3000");
        kept("stream-node-max-bytes", null, ConfigValue.memory(0, LONG_MAX), "4096");
        kept("stream-node-max-entries", null, ConfigValue.integer(0, LONG_MAX), "100");
        // Persistence: Pikko logs every write to RocksDB whatever these say.
        kept("save", null, ConfigValue.of(ConfigSettings::saveProblem, ConfigSettings::saveShown), "");
        kept("appendonly", null, ConfigValue.BOOL, "yes");
        kept("appendfilename", null, ConfigValue.TEXT, "appendonly.aof", false);
        kept("appenddirname", null, ConfigValue.TEXT, "appendonlydir", false);
        kept("dbfilename", null, ConfigValue.TEXT, "dump.rdb", false);
        kept("rdbcompression", null, ConfigValue.BOOL, "yes");
        kept("rdbchecksum", null, ConfigValue.BOOL, "yes");
        kept("rdb-del-sync-files", null, ConfigValue.BOOL, "no");
        kept("rdb-save-incremental-fsync", null, ConfigValue.BOOL, "yes");
        kept("stop-writes-on-bgsave-error", null, ConfigValue.BOOL, "yes");
        kept("aof-use-rdb-preamble", null, ConfigValue.BOOL, "yes");
        kept("aof-load-truncated", null, ConfigValue.BOOL, "yes");
        kept("aof-rewrite-incremental-fsync", null, ConfigValue.BOOL, "yes");
        kept("aof-timestamp-enabled", null, ConfigValue.BOOL, "no");
        kept("aof-disable-auto-gc", null, ConfigValue.BOOL, "no");
        kept("no-appendfsync-on-rewrite", null, ConfigValue.BOOL, "no");
        kept("auto-aof-rewrite-percentage", null, ConfigValue.integer(0, INT_MAX), "100");
        kept("auto-aof-rewrite-min-size", null, ConfigValue.memory(0, LONG_MAX), "67108864");
        // Memory and eviction: Pikko keeps data on disk and evicts nothing.
        kept("maxmemory", null, ConfigValue.memory(0, LONG_MAX), "0");
        kept("maxmemory-policy", null, ConfigValue.oneOf("volatile-lru", "volatile-lfu", "volatile-random",
                "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"), "noeviction");
        kept("maxmemory-samples", null, ConfigValue.integer(1, 64), "5");
        kept("maxmemory-eviction-tenacity", null, ConfigValue.integer(0, 100), "10");
        kept("maxmemory-clients", null, ConfigValue.memory(0, LONG_MAX), "0");
        kept("lfu-log-factor", null, ConfigValue.integer(0, INT_MAX), "10");
        kept("lfu-decay-time", null, ConfigValue.integer(0, INT_MAX), "1");
        kept("lazyfree-lazy-eviction", null, ConfigValue.BOOL, "no");
        kept("lazyfree-lazy-expire", null, ConfigValue.BOOL, "no");
        kept("lazyfree-lazy-server-del", null, ConfigValue.BOOL, "no");
        kept("lazyfree-lazy-user-del", null, ConfigValue.BOOL, "no");
        kept("lazyfree-lazy-user-flush", null, ConfigValue.BOOL, "no");
        kept("activedefrag", null, ConfigValue.BOOL, "no");
        kept("active-defrag-cycle-min", null, ConfigValue.integer(1, 99), "1");
        kept("active-defrag-cycle-max", null, ConfigValue.integer(1, 99), "25");
        kept("active-defrag-ignore-bytes", null, ConfigValue.memory(1, LONG_MAX), "104857600");
        kept("active-defrag-max-scan-fields", null, ConfigValue.integer(1, LONG_MAX), "1000");
        kept("active-defrag-threshold-lower", null, ConfigValue.integer(0, 1000), "10");
        kept("active-defrag-threshold-upper", null, ConfigValue.integer(0, 1000), "100");
        kept("active-expire-effort", null, ConfigValue.integer(1, 10), "1");
        kept("activerehashing", null, ConfigValue.BOOL, "yes");
        kept("jemalloc-bg-thread", null, ConfigValue.BOOL, "yes");
        kept("oom-score-adj", null, ConfigValue.oneOf("no", "yes", "relative", "absolute"), "no");
        kept("oom-score-adj-values", null, ConfigValue.TEXT, "0 200 800");
        // Latency and the slow log.
        live("latency-monitor-threshold", ConfigValue.integer(0, LONG_MAX),
                g -> Long.toString(g.stats().latency().thresholdMillis()),
                (g, v) -> g.stats().latency().setThresholdMillis(Long.parseLong(v)));
        live("latency-tracking", ConfigValue.BOOL, g -> g.stats().latencyTracking() ? "yes" : "no",
                (g, v) -> g.stats().setLatencyTracking(v.equals("yes")));
        kept("latency-tracking-info-percentiles", null, ConfigValue.TEXT, "50 99 99.9");
        kept("slowlog-log-slower-than", null, ConfigValue.integer(-1, LONG_MAX), "10000");
        kept("slowlog-max-len", null, ConfigValue.integer(0, LONG_MAX), "128");
        // Clients and the network.
        kept("tcp-keepalive", null, ConfigValue.integer(0, INT_MAX), "300");
        kept("tcp-backlog", null, ConfigValue.integer(0, INT_MAX), "511", false);
        kept("client-query-buffer-limit", null, ConfigValue.memory(1024 * 1024, LONG_MAX), "1073741824");
        kept("protected-mode", null, ConfigValue.BOOL, "yes");
        kept("hz", null, ConfigValue.integer(0, INT_MAX), "10");
        kept("dynamic-hz", null, ConfigValue.BOOL, "yes");
        kept("busy-reply-threshold", "lua-time-limit", ConfigValue.integer(0, LONG_MAX), "5000");
        live("notify-keyspace-events", ConfigValue.of(
                        v -> KeyspaceEventFlags.parse(v).isPresent() ? null : "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.",
                        v -> v),
                g -> KeyspaceEventFlags.format(g.config().notifyKeyspaceEvents()),
                (g, v) -> g.config().setNotifyKeyspaceEvents(KeyspaceEventFlags.parse(v).getAsInt()));
        kept("tracking-table-max-keys", null, ConfigValue.integer(0, LONG_MAX), "1000000");
        kept("acllog-max-len", null, ConfigValue.integer(0, LONG_MAX), "128");
        kept("acl-pubsub-default", null, ConfigValue.oneOf("allchannels", "resetchannels"), "resetchannels");
        kept("aclfile", null, ConfigValue.TEXT, "", false);
        kept("io-threads-do-reads", null, ConfigValue.BOOL, "no", false);
        kept("unixsocket", null, ConfigValue.TEXT, "", false);
        kept("unixsocketperm", null, ConfigValue.integer(0, 0777), "0", false);
        kept("socket-mark-id", null, ConfigValue.integer(0, UINT_MAX), "0");
        kept("bind-source-addr", null, ConfigValue.TEXT, "");
        kept("sanitize-dump-payload", null, ConfigValue.oneOf("no", "yes", "clients"), "no");
        // Process.
        kept("daemonize", null, ConfigValue.BOOL, "no", false);
        kept("supervised", null, ConfigValue.oneOf("upstart", "systemd", "auto", "no"), "no", false);
        kept("pidfile", null, ConfigValue.TEXT, "", false);
        kept("logfile", null, ConfigValue.TEXT, "", false);
        kept("loglevel", null, ConfigValue.oneOf("debug", "verbose", "notice", "warning"), "notice");
        kept("syslog-enabled", null, ConfigValue.BOOL, "no", false);
        kept("syslog-ident", null, ConfigValue.TEXT, "redis", false);
        kept("syslog-facility", null, ConfigValue.TEXT, "local0", false);
        kept("always-show-logo", null, ConfigValue.BOOL, "no", false);
        kept("set-proc-title", null, ConfigValue.BOOL, "yes", false);
        kept("proc-title-template", null, ConfigValue.TEXT, "{title} {listen-addr} {server-mode}");
        kept("crash-log-enabled", null, ConfigValue.BOOL, "yes");
        kept("crash-memcheck-enabled", null, ConfigValue.BOOL, "yes");
        kept("disable-thp", null, ConfigValue.BOOL, "yes", false);
        kept("shutdown-timeout", null, ConfigValue.integer(0, INT_MAX), "10");
        kept("shutdown-on-sigint", null, ConfigValue.TEXT, "default");
        kept("shutdown-on-sigterm", null, ConfigValue.TEXT, "default");
        // Pikko answers DEBUG from every client.
        kept("enable-debug-command", null, ConfigValue.TEXT, "yes", false);
        kept("enable-module-command", null, ConfigValue.TEXT, "no", false);
        kept("enable-protected-configs", null, ConfigValue.TEXT, "no", false);
        kept("ignore-warnings", null, ConfigValue.TEXT, "");
        kept("server_cpulist", null, ConfigValue.TEXT, "", false);
        kept("bio_cpulist", null, ConfigValue.TEXT, "", false);
        kept("aof_rewrite_cpulist", null, ConfigValue.TEXT, "", false);
        kept("bgsave_cpulist", null, ConfigValue.TEXT, "", false);
        // Replication: a standalone Pikko node is a master with no replicas.
        kept("replicaof", "slaveof", ConfigValue.TEXT, "", false);
        kept("masterauth", null, ConfigValue.TEXT, "");
        kept("masteruser", null, ConfigValue.TEXT, "");
        kept("replica-read-only", "slave-read-only", ConfigValue.BOOL, "yes");
        kept("replica-serve-stale-data", "slave-serve-stale-data", ConfigValue.BOOL, "yes");
        kept("replica-lazy-flush", "slave-lazy-flush", ConfigValue.BOOL, "no");
        kept("replica-ignore-maxmemory", "slave-ignore-maxmemory", ConfigValue.BOOL, "yes");
        kept("replica-priority", "slave-priority", ConfigValue.integer(0, INT_MAX), "100");
        kept("replica-announce-ip", "slave-announce-ip", ConfigValue.TEXT, "");
        kept("replica-announce-port", "slave-announce-port", ConfigValue.integer(0, 65535), "0");
        kept("replica-announced", null, ConfigValue.BOOL, "yes");
        kept("replica-ignore-disk-write-errors", null, ConfigValue.BOOL, "no");
        kept("min-replicas-to-write", "min-slaves-to-write", ConfigValue.integer(0, INT_MAX), "0");
        kept("min-replicas-max-lag", "min-slaves-max-lag", ConfigValue.integer(0, INT_MAX), "10");
        kept("repl-ping-replica-period", "repl-ping-slave-period", ConfigValue.integer(1, INT_MAX), "10");
        kept("repl-timeout", null, ConfigValue.integer(1, INT_MAX), "60");
        kept("repl-backlog-size", null, ConfigValue.memory(1, LONG_MAX), "1048576");
        kept("repl-backlog-ttl", null, ConfigValue.integer(0, INT_MAX), "3600");
        kept("repl-diskless-sync", null, ConfigValue.BOOL, "yes");
        kept("repl-diskless-sync-delay", null, ConfigValue.integer(0, INT_MAX), "5");
        kept("repl-diskless-sync-max-replicas", null, ConfigValue.integer(0, INT_MAX), "0");
        kept("repl-diskless-load", null, ConfigValue.oneOf("disabled", "on-empty-db", "swapdb"), "disabled");
        kept("repl-disable-tcp-nodelay", null, ConfigValue.BOOL, "no");
        kept("propagation-error-behavior", null, ConfigValue.oneOf("ignore", "panic", "panic-on-replicas"), "ignore");
        // Redis Cluster: Pikko's cluster is its own, so these describe a node without it.
        kept("cluster-enabled", null, ConfigValue.BOOL, "no", false);
        kept("cluster-config-file", null, ConfigValue.TEXT, "nodes.conf", false);
        kept("cluster-port", null, ConfigValue.integer(0, 65535), "0", false);
        kept("cluster-node-timeout", null, ConfigValue.integer(0, LONG_MAX), "15000");
        kept("cluster-migration-barrier", null, ConfigValue.integer(0, INT_MAX), "1");
        kept("cluster-replica-validity-factor", "cluster-slave-validity-factor", ConfigValue.integer(0, INT_MAX), "10");
        kept("cluster-replica-no-failover", "cluster-slave-no-failover", ConfigValue.BOOL, "no");
        kept("cluster-require-full-coverage", null, ConfigValue.BOOL, "yes");
        kept("cluster-allow-reads-when-down", null, ConfigValue.BOOL, "no");
        kept("cluster-allow-pubsubshard-when-down", null, ConfigValue.BOOL, "yes");
        kept("cluster-allow-replica-migration", null, ConfigValue.BOOL, "yes");
        kept("cluster-announce-ip", null, ConfigValue.TEXT, "");
        kept("cluster-announce-hostname", null, ConfigValue.TEXT, "");
        kept("cluster-announce-port", null, ConfigValue.integer(0, 65535), "0");
        kept("cluster-announce-bus-port", null, ConfigValue.integer(0, 65535), "0");
        kept("cluster-announce-tls-port", null, ConfigValue.integer(0, 65535), "0");
        kept("cluster-preferred-endpoint-type", null, ConfigValue.oneOf("ip", "hostname", "unknown-endpoint"), "ip");
        kept("cluster-link-sendbuf-limit", null, ConfigValue.memory(0, LONG_MAX), "0");
        // TLS is set in Pikko's own configuration (pikko.tls); these are Redis's names, reported as Redis's defaults.
        kept("tls-port", null, ConfigValue.integer(0, 65535), "0", false);
        for (String name : List.of("tls-cert-file", "tls-key-file", "tls-key-file-pass", "tls-client-cert-file",
                "tls-client-key-file", "tls-client-key-file-pass", "tls-dh-params-file", "tls-ca-cert-file",
                "tls-ca-cert-dir", "tls-protocols", "tls-ciphers", "tls-ciphersuites")) {
            kept(name, null, ConfigValue.TEXT, "");
        }
        kept("tls-auth-clients", null, ConfigValue.oneOf("no", "yes", "optional"), "yes");
        kept("tls-cluster", null, ConfigValue.BOOL, "no");
        kept("tls-replication", null, ConfigValue.BOOL, "no");
        kept("tls-prefer-server-ciphers", null, ConfigValue.BOOL, "no");
        kept("tls-session-caching", null, ConfigValue.BOOL, "yes");
        kept("tls-session-cache-size", null, ConfigValue.integer(0, INT_MAX), "20480");
        kept("tls-session-cache-timeout", null, ConfigValue.integer(0, INT_MAX), "300");
    }

    private ConfigSettings() {}

    private static void add(ConfigSetting setting) {
        ALL.add(setting);
        BY_NAME.put(setting.name(), setting);
        if (setting.alias() != null) {
            BY_NAME.put(setting.alias(), setting);
        }
    }

    private static void live(String name, ConfigValue value, Function<GatewayContext, String> read,
                             BiConsumer<GatewayContext, String> write) {
        add(new ConfigSetting(name, null, true, value, read, write));
    }

    /** A fact of the running node, which CONFIG SET cannot change. */
    private static void fact(String name, Function<GatewayContext, String> read) {
        add(new ConfigSetting(name, null, false, ConfigValue.TEXT, read, null));
    }

    private static void kept(String name, String alias, ConfigValue value, String defaultValue) {
        kept(name, alias, value, defaultValue, true);
    }

    /** A setting kept as a value in {@link RuntimeConfig}, mutable or not as in Redis 7.0. */
    private static void kept(String name, String alias, ConfigValue value, String defaultValue, boolean mutable) {
        DEFAULTS.put(name, defaultValue);
        add(new ConfigSetting(name, alias, mutable, value, g -> g.config().value(name),
                mutable ? (g, v) -> g.config().setValue(name, v) : null));
    }

    /** Every setting, in table order. */
    static List<ConfigSetting> all() {
        return Collections.unmodifiableList(ALL);
    }

    /** The setting a name or alias (any case) names. */
    static Optional<ConfigSetting> lookup(String name) {
        return Optional.ofNullable(BY_NAME.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The starting values of the kept settings, for a new {@link RuntimeConfig}. */
    static Map<String, String> defaults() {
        return Collections.unmodifiableMap(DEFAULTS);
    }

    /** The encoding limits the kept threshold values give. */
    static EncodingLimits encodingLimits(RuntimeConfig config) {
        return new EncodingLimits(
                Long.parseLong(config.value("hash-max-listpack-entries")),
                Long.parseLong(config.value("hash-max-listpack-value")),
                Long.parseLong(config.value("set-max-intset-entries")),
                Long.parseLong(config.value("zset-max-listpack-entries")),
                Long.parseLong(config.value("zset-max-listpack-value")),
                Integer.parseInt(config.value("list-max-listpack-size")),
                Long.parseLong(config.value("hll-sparse-max-bytes")));
    }

    /** Redis's check of save: pairs of seconds (at least 1) and changes (at least 0), or nothing. */
    private static String saveProblem(String value) {
        String[] words = value.trim().isEmpty() ? new String[0] : value.trim().split(" +");
        if (words.length % 2 != 0) {
            return "Invalid save parameters";
        }
        for (int i = 0; i < words.length; i++) {
            if (!words[i].matches("[0-9]{1,18}") || (i % 2 == 0 && Long.parseLong(words[i]) < 1)) {
                return "Invalid save parameters";
            }
        }
        return null;
    }

    private static String saveShown(String value) {
        String[] words = value.trim().isEmpty() ? new String[0] : value.trim().split(" +");
        List<String> numbers = new ArrayList<>();
        for (String word : words) {
            numbers.add(Long.toString(Long.parseLong(word)));
        }
        return String.join(" ", numbers);
    }
}
