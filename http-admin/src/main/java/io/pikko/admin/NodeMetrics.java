package io.pikko.admin;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pikko.protocol.SlotHash;
import io.pikko.actors.replication.FollowerStatus;
import io.pikko.actors.replication.ReplicationBoard;
import io.pikko.storage.ColumnFamily;
import io.pikko.storage.PikkoStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntToLongFunction;
import java.util.function.ToDoubleFunction;
import org.rocksdb.TickerType;

/**
 * This node's meters, written in Prometheus's text format at {@code GET /metrics}: commands with
 * their latency, client connections, the RocksDB store, the JVM, and (on the node that runs it) the
 * dashboard's state. The node creates it, binds its parts, and hands it to {@link AdminServer}.
 */
public final class NodeMetrics {
    /** The latency buckets span what a command can take, from a cached read to a slow scan. */
    private static final Duration FASTEST = Duration.ofNanos(10_000);
    private static final Duration SLOWEST = Duration.ofSeconds(10);
    static final int SLOTS_PER_RANGE = 64;

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, CommandMeters> commands = new ConcurrentHashMap<>();
    private final LatencyWindow latency = new LatencyWindow();

    private record CommandMeters(Counter calls, Counter failed, Timer duration) {}

    public NodeMetrics() {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** Counts one answered command and its latency; the gateway calls this for each. */
    public void commandDone(String name, long micros, boolean failed) {
        CommandMeters meters = commands.computeIfAbsent(name, this::commandMeters);
        meters.calls().increment();
        if (failed) {
            meters.failed().increment();
        }
        meters.duration().record(micros, TimeUnit.MICROSECONDS);
        latency.record(micros);
    }

    private CommandMeters commandMeters(String name) {
        return new CommandMeters(
                Counter.builder("pikko.commands").description("Commands answered, by command.")
                        .tag("cmd", name).register(registry),
                Counter.builder("pikko.command.errors").description("Commands answered with an error, by command.")
                        .tag("cmd", name).register(registry),
                Timer.builder("pikko.command.duration").description("Time from a command's arrival to its answer.")
                        .tag("cmd", name).publishPercentileHistogram()
                        .minimumExpectedValue(FASTEST).maximumExpectedValue(SLOWEST).register(registry));
    }

    /** The gateway's connection figures, read at each scrape. */
    public <T> void bindConnections(T source, ToDoubleFunction<T> connected, ToDoubleFunction<T> received,
                                    ToDoubleFunction<T> rejected, ToDoubleFunction<T> protocolErrors) {
        Gauge.builder("pikko.connected.clients", source, connected).description("Client connections open now.")
                .register(registry);
        FunctionCounter.builder("pikko.connections.received", source, received)
                .description("Client connections accepted.").register(registry);
        FunctionCounter.builder("pikko.connections.rejected", source, rejected)
                .description("Client connections refused, at the maxclients limit.").register(registry);
        FunctionCounter.builder("pikko.protocol.errors", source, protocolErrors)
                .description("Connections closed because the client sent a frame the RESP decoder refused.")
                .register(registry);
    }

    /**
     * The commands this node sent to each range of {@value #SLOTS_PER_RANGE} slots, read at each
     * scrape from {@code commandsOfSlot}: 16 series a node, where one per slot would be 1024.
     */
    public void bindSlotLoad(IntToLongFunction commandsOfSlot) {
        for (int first = 0; first < SlotHash.SLOTS; first += SLOTS_PER_RANGE) {
            int from = first;
            int to = first + SLOTS_PER_RANGE - 1;
            // Micrometer holds the source weakly and the function strongly: these meters live as long as this.
            FunctionCounter.builder("pikko.slot.commands", this, metrics -> {
                        long total = 0;
                        for (int slot = from; slot <= to; slot++) {
                            total += commandsOfSlot.applyAsLong(slot);
                        }
                        return total;
                    })
                    .description("Commands, transactions and scripts this node sent to the slots of the range.")
                    .tag("slots", from + "-" + to).register(registry);
        }
    }

    /**
     * Replication as this node sees it: the slots it follows with their lag behind their masters,
     * and the replicas that read the slots it serves.
     */
    public void bindReplication(ReplicationBoard board) {
        Gauge.builder("pikko.replication.followed.slots", board, b -> b.following().size())
                .description("Slots this node follows as a replica.").register(registry);
        Gauge.builder("pikko.replication.lag.records", board,
                        b -> b.following().stream().mapToLong(f -> Math.max(0, f.lagRecords())).sum())
                .description("Binlog records this node lacks, summed over the slots it follows.").register(registry);
        Gauge.builder("pikko.replication.lag", board,
                        b -> b.following().stream().mapToLong(FollowerStatus::lagMillis).max().orElse(0) / 1000.0)
                .description("Age of the oldest record this node lacks, over the slots it follows.")
                .baseUnit("seconds").register(registry);
        Gauge.builder("pikko.replication.replicas", board, b -> b.replicas().size())
                .description("Replicas reading the slots this node serves.").register(registry);
        FunctionCounter.builder("pikko.binlog.records", board, ReplicationBoard::offset)
                .description("Binlog records this node wrote or applied since it started.").register(registry);
    }

    /** RocksDB's own figures of the store: per column family, and the shared block cache. */
    public void bindStore(PikkoStore store) {
        for (ColumnFamily family : ColumnFamily.values()) {
            storeGauge(store, family, "pikko.rocksdb.estimated.keys", "rocksdb.estimate-num-keys",
                    "Entries RocksDB estimates the column family holds.", null);
            storeGauge(store, family, "pikko.rocksdb.sst.files", "rocksdb.total-sst-files-size",
                    "Size of the column family's SST files.", BaseUnits.BYTES);
            storeGauge(store, family, "pikko.rocksdb.memtables", "rocksdb.cur-size-all-mem-tables",
                    "Size of the column family's memtables.", BaseUnits.BYTES);
            storeGauge(store, family, "pikko.rocksdb.pending.compaction", "rocksdb.estimate-pending-compaction-bytes",
                    "Bytes compaction has yet to rewrite in the column family.", BaseUnits.BYTES);
            storeGauge(store, family, "pikko.rocksdb.write.stopped", "rocksdb.is-write-stopped",
                    "1 while RocksDB stops writes to the column family (a stall), else 0.", null);
        }
        for (ColumnFamily family : ColumnFamily.values()) {
            for (String kind : List.of("delay", "stop")) {
                FunctionCounter.builder("pikko.rocksdb.write.stalls", store,
                                s -> Long.parseLong(s.mapProperty(family, "rocksdb.cf-write-stall-stats")
                                        .getOrDefault("total-" + kind + "s", "0")))
                        .description("Times RocksDB slowed (delay) or stopped (stop) writes to the column family.")
                        .tag("family", family.diskName()).tag("kind", kind).register(registry);
            }
        }
        ticker(store, "pikko.rocksdb.block.cache.hits", TickerType.BLOCK_CACHE_HIT, "Block cache lookups that found the block.");
        ticker(store, "pikko.rocksdb.block.cache.misses", TickerType.BLOCK_CACHE_MISS, "Block cache lookups that read the block from disk.");
        FunctionCounter.builder("pikko.rocksdb.stall", store, s -> s.ticker(TickerType.STALL_MICROS) / 1e6)
                .description("Time writes waited in RocksDB's write stalls.").baseUnit("seconds").register(registry);
        FunctionCounter.builder("pikko.rocksdb.compaction.read", store, s -> s.ticker(TickerType.COMPACT_READ_BYTES))
                .description("Bytes compactions read.").baseUnit(BaseUnits.BYTES).register(registry);
        FunctionCounter.builder("pikko.rocksdb.compaction.written", store, s -> s.ticker(TickerType.COMPACT_WRITE_BYTES))
                .description("Bytes compactions wrote.").baseUnit(BaseUnits.BYTES).register(registry);
        // The cache is shared by the families, so any one of them reports it.
        Gauge.builder("pikko.rocksdb.block.cache.usage", store, s -> s.longProperty(ColumnFamily.META, "rocksdb.block-cache-usage"))
                .description("Bytes of the block cache in use.").baseUnit(BaseUnits.BYTES).register(registry);
        Gauge.builder("pikko.rocksdb.block.cache.capacity", store, s -> s.longProperty(ColumnFamily.META, "rocksdb.block-cache-capacity"))
                .description("Bytes the block cache may hold.").baseUnit(BaseUnits.BYTES).register(registry);
    }

    private void ticker(PikkoStore store, String name, TickerType ticker, String help) {
        FunctionCounter.builder(name, store, s -> s.ticker(ticker)).description(help).register(registry);
    }

    private void storeGauge(PikkoStore store, ColumnFamily family, String name, String property, String help, String unit) {
        Gauge.builder(name, store, s -> s.longProperty(family, property)).description(help).baseUnit(unit)
                .tag("family", family.diskName()).register(registry);
    }

    /** Every command's latency, for the dashboard's live p99. */
    LatencyWindow latency() {
        return latency;
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** All meters in Prometheus's text format, version 0.0.4. */
    String scrape() {
        return registry.scrape();
    }
}
