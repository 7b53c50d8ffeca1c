package io.pikko.gateway;

import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Server commands a connection answers, sending a slot only what reads a key: ROLE, RESET, LOLWUT,
 * MEMORY, LATENCY and DEBUG. MEMORY USAGE and DEBUG OBJECT go to the key's slot.
 */
final class ServerCommands {
    private static final List<String> MEMORY_HELP = List.of(
            "MEMORY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "DOCTOR", "    Report on the node's memory.",
            "MALLOC-STATS", "    Not available: the JVM manages Pikko's heap.",
            "PURGE", "    Accepted; does nothing.",
            "STATS", "    The node's memory figures.",
            "USAGE <key> [SAMPLES <count>]",
            "    The bytes the key's records take in the store, counting <count> members (5 by default, 0 for all).",
            "HELP", "    Prints this help.");
    private static final List<String> LATENCY_HELP = List.of(
            "LATENCY <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "DOCTOR", "    Report on the latency events recorded.",
            "GRAPH <event>", "    An ASCII graph of the event's samples.",
            "HISTORY <event>", "    The event's samples: time and latency in milliseconds.",
            "LATEST", "    Per event, its latest sample and its worst.",
            "RESET [<event> ...]", "    Forget the named events, or all.",
            "HISTOGRAM [<command> ...]", "    Per command, its calls and their latency distribution.",
            "HELP", "    Prints this help.");
    private static final List<String> DEBUG_HELP = List.of(
            "DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
            "OBJECT <key>", "    Show low-level information about the key.",
            "SLEEP <seconds>", "    Delay this connection's reply by <seconds> (fractions allowed).",
            "SET-ACTIVE-EXPIRE <0|1>", "    Turn the node's active expiry of keys off or on.",
            "HELP", "    Prints this help.");

    private ServerCommands() {}

    /** ROLE: a standalone node is a master at offset 0 with no replicas. */
    static void role(Call call) {
        call.reply(ReplicationInfo.role(call.gateway().replication()));
    }

    /** RESET: the connection as new, answered (even after CLIENT REPLY OFF) in RESP2, which RESET goes back to. */
    static void reset(Call call) {
        call.connection().resetState();
        call.place().protocol(2);
        call.place().silent(false);
        call.reply(new Reply.Simple("RESET"));
    }

    static void lolwut(Call call) {
        if (call.argc() != 1 && !(call.argc() == 3 && Args.is(call.arg(1), "version"))) {
            call.reply(Errors.SYNTAX);
            return;
        }
        if (call.argc() == 3 && Args.parseLong(call.arg(2)).isEmpty()) {
            call.reply(Errors.NOT_INTEGER);
            return;
        }
        StringBuilder art = new StringBuilder();
        // Keys of a slot, drawn as a row of tiles whose height follows the slot hash of their index.
        for (int row = 5; row >= 0; row--) {
            for (int col = 0; col < 48; col++) {
                int height = SlotHash.slotOf(Integer.toString(col).getBytes(java.nio.charset.StandardCharsets.US_ASCII)) % 7;
                art.append(height > row ? '#' : ' ');
            }
            art.append('\n');
        }
        art.append("Pikko ver. ").append(ServerInfo.PIKKO_VERSION)
                .append(", Redis ver. ").append(ServerInfo.REDIS_VERSION).append('\n');
        call.reply(new Reply.Verbatim("txt", art.toString()));
    }

    static void memory(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "usage" -> {
                if (call.argc() < 3) {
                    call.reply(Errors.wrongArity("memory|usage"));
                    return;
                }
                call.slots().ask(SlotHash.slotOf(call.arg(2)),
                        new SlotOp.RunCommand(call.session().db(), "memory", call.args()), call::reply);
            }
            case "doctor" -> exactly(call, 2, "memory|doctor", () -> call.reply(new Reply.Verbatim("txt",
                    "Pikko keeps its data in RocksDB on disk; memory holds the JVM heap, RocksDB's block cache and "
                            + "memtables. The node uses " + heap().getUsed() + " bytes of heap, "
                            + call.gateway().control().storeSizeBytes() + " bytes in the store. Nothing to report.\n")));
            case "malloc-stats" -> exactly(call, 2, "memory|malloc-stats",
                    () -> call.reply(Reply.bulk("Stats not supported for the current allocator")));
            case "purge" -> exactly(call, 2, "memory|purge", () -> call.reply(Reply.OK));
            case "stats" -> exactly(call, 2, "memory|stats", () -> call.reply(memoryStats(call.gateway())));
            case "help" -> exactly(call, 2, "memory|help", () -> call.reply(help(MEMORY_HELP)));
            default -> call.reply(noSuchSubcommand(call, "MEMORY"));
        }
    }

    private static Reply memoryStats(GatewayContext gateway) {
        MemoryUsage heap = heap();
        long store = gateway.control().storeSizeBytes();
        return new Reply.MapReply(List.of(
                Reply.bulk("peak.allocated"), Reply.integer(heap.getCommitted()),
                Reply.bulk("total.allocated"), Reply.integer(heap.getUsed()),
                Reply.bulk("replication.backlog"), Reply.ZERO,
                Reply.bulk("clients.slaves"), Reply.ZERO,
                Reply.bulk("aof.buffer"), Reply.ZERO,
                Reply.bulk("dataset.bytes"), Reply.integer(store),
                Reply.bulk("store.bytes"), Reply.integer(store)));
    }

    private static MemoryUsage heap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    }

    static void latency(Call call) {
        LatencyMonitor monitor = call.gateway().stats().latency();
        String sub = Args.text(call.arg(1)).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "latest" -> exactly(call, 2, "latency|latest", () -> {
                List<Reply> events = new ArrayList<>();
                for (LatencyMonitor.Latest latest : monitor.latest()) {
                    events.add(Reply.array(List.of(Reply.bulk(latest.event()),
                            Reply.integer(latest.last().epochSeconds()), Reply.integer(latest.last().millis()),
                            Reply.integer(latest.maxMillis()))));
                }
                call.reply(Reply.array(events));
            });
            case "history" -> exactly(call, 3, "latency|history", () -> {
                List<Reply> samples = new ArrayList<>();
                for (LatencyMonitor.Sample sample : monitor.history(Args.text(call.arg(2)))) {
                    samples.add(Reply.array(List.of(Reply.integer(sample.epochSeconds()), Reply.integer(sample.millis()))));
                }
                call.reply(Reply.array(samples));
            });
            case "reset" -> {
                List<String> names = new ArrayList<>();
                for (int i = 2; i < call.argc(); i++) {
                    names.add(Args.text(call.arg(i)));
                }
                call.reply(Reply.integer(monitor.reset(names)));
            }
            case "graph" -> exactly(call, 3, "latency|graph", () -> call.reply(graph(monitor, Args.text(call.arg(2)))));
            case "doctor" -> exactly(call, 2, "latency|doctor", () -> call.reply(new Reply.Verbatim("txt", doctor(monitor))));
            case "histogram" -> call.reply(histogram(call));
            case "help" -> exactly(call, 2, "latency|help", () -> call.reply(help(LATENCY_HELP)));
            default -> call.reply(noSuchSubcommand(call, "LATENCY"));
        }
    }

    private static Reply graph(LatencyMonitor monitor, String event) {
        List<LatencyMonitor.Sample> samples = monitor.history(event);
        if (samples.isEmpty()) {
            return Reply.error("ERR No samples available for event '" + event + "'");
        }
        long max = samples.stream().mapToLong(LatencyMonitor.Sample::millis).max().orElse(1);
        StringBuilder out = new StringBuilder(event).append(" - max ").append(max).append(" ms\n");
        for (LatencyMonitor.Sample sample : samples) {
            int width = (int) Math.max(1, sample.millis() * 40 / Math.max(1, max));
            out.append(String.format(Locale.ROOT, "%10d %6d ms ", sample.epochSeconds(), sample.millis()))
                    .append("#".repeat(width)).append('\n');
        }
        return new Reply.Verbatim("txt", out.toString());
    }

    private static String doctor(LatencyMonitor monitor) {
        if (monitor.thresholdMillis() == 0) {
            return "Latency monitoring is off: set latency-monitor-threshold to a number of milliseconds "
                    + "(CONFIG SET latency-monitor-threshold 100) to record commands that take at least that long.\n";
        }
        List<LatencyMonitor.Latest> latest = monitor.latest();
        if (latest.isEmpty()) {
            return "No command took " + monitor.thresholdMillis() + " ms or more since monitoring began.\n";
        }
        StringBuilder out = new StringBuilder();
        for (LatencyMonitor.Latest event : latest) {
            out.append(event.event()).append(": latest ").append(event.last().millis()).append(" ms at ")
                    .append(event.last().epochSeconds()).append(", worst ").append(event.maxMillis()).append(" ms.\n");
        }
        out.append("Pikko serves each slot on its own; a slow command delays only the commands of its slot. "
                + "Check the node's disk and RocksDB compactions (the metrics page) for spikes of every slot.\n");
        return out.toString();
    }

    /** LATENCY HISTOGRAM [command...]: per command called, its calls and cumulative counts per power-of-two microseconds. */
    private static Reply histogram(Call call) {
        Map<String, Map<Long, Long>> histograms = call.gateway().stats().histograms();
        List<String> wanted = new ArrayList<>();
        for (int i = 2; i < call.argc(); i++) {
            wanted.add(Args.text(call.arg(i)).toLowerCase(Locale.ROOT));
        }
        List<Reply> out = new ArrayList<>();
        histograms.forEach((name, histogram) -> {
            if (!wanted.isEmpty() && !wanted.contains(name)) {
                return;
            }
            List<Reply> buckets = new ArrayList<>();
            histogram.forEach((bound, count) -> {
                buckets.add(Reply.integer(bound));
                buckets.add(Reply.integer(count));
            });
            long calls = histogram.values().stream().mapToLong(Long::longValue).max().orElse(0);
            out.add(Reply.bulk(name));
            out.add(new Reply.MapReply(List.of(Reply.bulk("calls"), Reply.integer(calls),
                    Reply.bulk("histogram_usec"), new Reply.MapReply(buckets))));
        });
        return new Reply.MapReply(out);
    }

    static void debug(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "object" -> {
                if (call.argc() != 3) {
                    call.reply(unknownSubcommand(call, "DEBUG"));
                    return;
                }
                call.slots().ask(SlotHash.slotOf(call.arg(2)),
                        new SlotOp.RunCommand(call.session().db(), "debug", call.args()), call::reply);
            }
            case "sleep" -> {
                if (call.argc() != 3) {
                    call.reply(unknownSubcommand(call, "DEBUG"));
                    return;
                }
                // Redis stops the whole server; Pikko holds only this connection's reply.
                long micros = (long) (leadingNumber(Args.text(call.arg(2))) * 1_000_000);
                call.session().channel().eventLoop().schedule(() -> call.reply(Reply.OK),
                        Math.max(0, micros), TimeUnit.MICROSECONDS);
            }
            case "set-active-expire" -> {
                if (call.argc() != 3) {
                    call.reply(unknownSubcommand(call, "DEBUG"));
                    return;
                }
                call.gateway().control().setActiveExpire(leadingNumber(Args.text(call.arg(2))) != 0);
                call.reply(Reply.OK);
            }
            case "help" -> call.reply(help(DEBUG_HELP));
            default -> call.reply(unknownSubcommand(call, "DEBUG"));
        }
    }

    /** The number a text starts with, as C's strtod reads it (0 when it starts with none). */
    private static double leadingNumber(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?")
                .matcher(text);
        return m.find() ? Double.parseDouble(m.group().trim()) : 0;
    }

    private static void exactly(Call call, int argc, String name, Runnable action) {
        if (call.argc() != argc) {
            call.reply(Errors.wrongArity(name));
        } else {
            action.run();
        }
    }

    private static Reply help(List<String> lines) {
        return Reply.array(lines.stream().map(line -> (Reply) new Reply.Simple(line)).toList());
    }

    /** For MEMORY and LATENCY, whose subcommands Redis 7.0's command table lists. */
    private static Reply noSuchSubcommand(Call call, String command) {
        String name = Args.text(call.arg(1));
        return Reply.error("ERR unknown subcommand '" + (name.length() > 128 ? name.substring(0, 128) : name)
                + "'. Try " + command + " HELP.");
    }

    /** For DEBUG, which checks its subcommands itself. */
    private static Reply unknownSubcommand(Call call, String command) {
        String name = Args.text(call.arg(1));
        return Reply.error("ERR unknown subcommand or wrong number of arguments for '"
                + (name.length() > 128 ? name.substring(0, 128) : name) + "'. Try " + command + " HELP.");
    }
}
