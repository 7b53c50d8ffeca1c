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
import io.pikko.storage.ColumnFamily;
import io.pikko.storage.PikkoStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * This node's meters, written in Prometheus's text format at {@code GET /metrics}: commands with
 * their latency, client connections, the RocksDB store, the JVM, and (on the node that runs it) the
 * dashboard's state. The node creates it, binds its parts, and hands it to {@link AdminServer}.
 */
public final class NodeMetrics {
    /** The latency buckets span what a command can take, from a cached read to a slow scan. */
    private static final Duration FASTEST = Duration.ofNanos(10_000);
    private static final Duration SLOWEST = Duration.ofSeconds(10);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, CommandMeters> commands = new ConcurrentHashMap<>();

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
                                    ToDoubleFunction<T> rejected) {
        Gauge.builder("pikko.connected.clients", source, connected).description("Client connections open now.")
                .register(registry);
        FunctionCounter.builder("pikko.connections.received", source, received)
                .description("Client connections accepted.").register(registry);
        FunctionCounter.builder("pikko.connections.rejected", source, rejected)
                .description("Client connections refused, at the maxclients limit.").register(registry);
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
        // The cache is shared by the families, so any one of them reports it.
        Gauge.builder("pikko.rocksdb.block.cache.usage", store, s -> s.longProperty(ColumnFamily.META, "rocksdb.block-cache-usage"))
                .description("Bytes of the block cache in use.").baseUnit(BaseUnits.BYTES).register(registry);
        Gauge.builder("pikko.rocksdb.block.cache.capacity", store, s -> s.longProperty(ColumnFamily.META, "rocksdb.block-cache-capacity"))
                .description("Bytes the block cache may hold.").baseUnit(BaseUnits.BYTES).register(registry);
    }

    private void storeGauge(PikkoStore store, ColumnFamily family, String name, String property, String help, String unit) {
        Gauge.builder(name, store, s -> s.longProperty(family, property)).description(help).baseUnit(unit)
                .tag("family", family.diskName()).register(registry);
    }

    PrometheusMeterRegistry registry() {
        return registry;
    }

    /** All meters in Prometheus's text format, version 0.0.4. */
    String scrape() {
        return registry.scrape();
    }
}
