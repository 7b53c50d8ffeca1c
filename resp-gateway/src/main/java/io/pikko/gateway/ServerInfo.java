package io.pikko.gateway;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The text of INFO, section by section, in Redis's {@code field:value} format. */
final class ServerInfo {
    /** The Redis version Pikko answers as: the command set and error texts follow Redis 7.0. */
    static final String REDIS_VERSION = "7.0.15";
    static final String PIKKO_VERSION = "0.1.0";

    /** Every section, titled as Redis titles it, in the order Redis writes them whatever the request's order. */
    private static final Map<String, String> TITLES = orderedTitles(
            "server", "Server", "clients", "Clients", "memory", "Memory", "persistence", "Persistence",
            "stats", "Stats", "replication", "Replication", "cpu", "CPU", "modules", "Modules",
            "commandstats", "Commandstats", "cluster", "Cluster", "keyspace", "Keyspace");

    static final List<String> DEFAULT_SECTIONS = List.of(
            "server", "clients", "memory", "persistence", "stats", "replication", "cpu", "modules", "cluster", "keyspace");

    private ServerInfo() {}

    private static Map<String, String> orderedTitles(String... namesAndTitles) {
        Map<String, String> titles = new LinkedHashMap<>();
        for (int i = 0; i < namesAndTitles.length; i += 2) {
            titles.put(namesAndTitles[i], namesAndTitles[i + 1]);
        }
        return titles;
    }

    /**
     * Which sections a request names, in Redis's order: none means default; "all" and
     * "everything" add commandstats; names Pikko does not have are left out.
     */
    static Set<String> sections(List<String> requested) {
        Set<String> wanted = new HashSet<>();
        if (requested.isEmpty()) {
            wanted.addAll(DEFAULT_SECTIONS);
        }
        for (String r : requested) {
            switch (r.toLowerCase(Locale.ROOT)) {
                case "default" -> wanted.addAll(DEFAULT_SECTIONS);
                case "all", "everything" -> wanted.addAll(TITLES.keySet());
                default -> wanted.add(r.toLowerCase(Locale.ROOT));
            }
        }
        Set<String> out = new LinkedHashSet<>(TITLES.keySet());
        out.retainAll(wanted);
        return out;
    }

    /**
     * @param keysPerDb per database, {@code [keys, keys with a TTL]}, for the keyspace section
     */
    static String render(Set<String> sections, GatewayContext gateway, long[][] keysPerDb) {
        StringBuilder out = new StringBuilder();
        for (String section : sections) {
            if (out.length() > 0) {
                out.append("\r\n");
            }
            out.append("# ").append(TITLES.get(section)).append("\r\n");
            out.append(section(section, gateway, keysPerDb));
        }
        return out.toString();
    }

    private static String section(String name, GatewayContext gateway, long[][] keysPerDb) {
        ServerStats stats = gateway.stats();
        long uptime = (System.currentTimeMillis() - stats.startMillis()) / 1000;
        return switch (name) {
            case "server" -> lines(
                    "redis_version:" + REDIS_VERSION,
                    "pikko_version:" + PIKKO_VERSION,
                    "redis_git_sha1:00000000",
                    "redis_git_dirty:0",
                    "redis_mode:standalone",
                    "os:" + System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                    "arch_bits:64",
                    "process_id:" + ProcessHandle.current().pid(),
                    "run_id:" + stats.runId(),
                    // How a standalone replica of this node (SLAVEOF) reaches its slots.
                    "pikko_cluster_address:" + gateway.system().address(),
                    "tcp_port:" + gateway.boundPort().getAsInt(),
                    "uptime_in_seconds:" + uptime,
                    "uptime_in_days:" + uptime / 86400,
                    "hz:10",
                    "configured_hz:10",
                    "server_time_usec:" + System.currentTimeMillis() * 1000,
                    "executable:java",
                    "config_file:" + (gateway.settings().configFile() == null ? "" : gateway.settings().configFile()),
                    "java_version:" + System.getProperty("java.version"));
            case "clients" -> lines(
                    "connected_clients:" + gateway.clients().size(),
                    "maxclients:" + gateway.config().maxClients(),
                    "blocked_clients:" + gateway.clients().blocked());
            case "memory" -> {
                MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
                long heap = memory.getHeapMemoryUsage().getUsed();
                long max = Runtime.getRuntime().maxMemory();
                long peak = memory.getHeapMemoryUsage().getCommitted();
                long rss = residentBytes();
                long maxmemory = Long.parseLong(gateway.config().value("maxmemory"));
                yield lines(
                        "used_memory:" + heap,
                        "used_memory_human:" + human(heap),
                        "used_memory_rss:" + rss,
                        "used_memory_rss_human:" + human(rss),
                        "used_memory_peak:" + peak,
                        "used_memory_peak_human:" + human(peak),
                        "total_system_memory:" + max,
                        "maxmemory:" + maxmemory,
                        "maxmemory_human:" + human(maxmemory),
                        "maxmemory_policy:" + gateway.config().value("maxmemory-policy"),
                        // The JVM manages the heap; RocksDB allocates with the C library's malloc.
                        "mem_allocator:libc",
                        "lazyfree_pending_objects:0",
                        "used_disk_bytes:" + gateway.control().storeSizeBytes(),
                        "used_disk_human:" + human(gateway.control().storeSizeBytes()));
            }
            case "persistence" -> lines(
                    "loading:0",
                    "storage_engine:rocksdb",
                    "rdb_changes_since_last_save:" + stats.changesSinceStart(),
                    "rdb_bgsave_in_progress:0",
                    "rdb_last_save_time:" + stats.startMillis() / 1000,
                    "rdb_last_bgsave_status:ok",
                    "rdb_last_bgsave_time_sec:-1",
                    "rdb_current_bgsave_time_sec:-1",
                    "aof_enabled:1",
                    "appendfsync:" + gateway.control().fsyncPolicy(),
                    "aof_rewrite_in_progress:0",
                    "aof_rewrite_scheduled:0",
                    "aof_last_rewrite_time_sec:-1",
                    "aof_last_bgrewrite_status:ok",
                    "aof_last_write_status:ok");
            case "stats" -> lines(
                    "total_connections_received:" + stats.connectionsReceived(),
                    "total_commands_processed:" + stats.commandsProcessed(),
                    "instantaneous_ops_per_sec:" + stats.instantaneousOps(),
                    "rejected_connections:" + stats.rejectedConnections(),
                    "evicted_keys:0",
                    "sync_full:0",
                    "sync_partial_ok:0",
                    "sync_partial_err:0");
            case "replication" -> lines(ReplicationInfo.lines(gateway.replication(), stats.replicationId(),
                    gateway.config().value("repl-backlog-size")).toArray(new String[0]));
            case "cpu" -> {
                double[] cpu = processCpuSeconds();
                yield lines(
                        String.format(Locale.ROOT, "used_cpu_sys:%.6f", cpu[1]),
                        String.format(Locale.ROOT, "used_cpu_user:%.6f", cpu[0]));
            }
            case "keyspace" -> {
                StringBuilder out = new StringBuilder();
                for (int db = 0; db < keysPerDb.length; db++) {
                    if (keysPerDb[db][0] > 0) {
                        out.append("db").append(db).append(":keys=").append(keysPerDb[db][0])
                                .append(",expires=").append(keysPerDb[db][1]).append("\r\n");
                    }
                }
                yield out.toString();
            }
            case "modules" -> "";
            case "commandstats" -> stats.commandStatsSection();
            case "cluster" -> lines("cluster_enabled:0");
            default -> throw new IllegalArgumentException("no INFO section " + name);
        };
    }

    /** The resident set size of this process, from /proc (0 where there is none). */
    private static long residentBytes() {
        try {
            String[] statm = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/statm")).trim().split(" ");
            return Long.parseLong(statm[1]) * 4096;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    /** User and system CPU seconds of this process, from /proc (zeros where there is none). */
    private static double[] processCpuSeconds() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            double ticks = 100.0;
            return new double[] {Long.parseLong(fields[11]) / ticks, Long.parseLong(fields[12]) / ticks};
        } catch (java.io.IOException | RuntimeException e) {
            return new double[] {0, 0};
        }
    }

    private static String lines(String... lines) {
        StringBuilder out = new StringBuilder();
        Arrays.stream(lines).forEach(l -> out.append(l).append("\r\n"));
        return out.toString();
    }

    private static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }
}
