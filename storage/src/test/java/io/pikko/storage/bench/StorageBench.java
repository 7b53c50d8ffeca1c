package io.pikko.storage.bench;

import io.pikko.protocol.NodeClock;
import io.pikko.storage.FsyncPolicy;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.SlotBatch;
import io.pikko.storage.SlotKeyspace;
import io.pikko.storage.StoreOptions;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * The storage calls a command makes, timed without the network or the actors: SET- and GET-like
 * writes and reads of string keys, and SADD-like fills of big sets, 1,000 new members a command,
 * one set after another so later fills look up members among earlier sets' files. Reports the
 * thread's CPU time per operation as well as wall time, since the machine is shared.
 * Run by bench/storage.sh, not by the test suite.
 *
 *   StorageBench [--keys 300000] [--sets 3] [--members 1000000] [--cache-mb 32]
 */
public final class StorageBench {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StorageBench() {}

    public static void main(String[] args) throws IOException {
        int keys = 300_000;
        int sets = 3;
        int members = 1_000_000;
        long cacheMb = 32;
        for (int i = 0; i < args.length; i += 2) {
            switch (args[i]) {
                case "--keys" -> keys = Integer.parseInt(args[i + 1]);
                case "--sets" -> sets = Integer.parseInt(args[i + 1]);
                case "--members" -> members = Integer.parseInt(args[i + 1]);
                case "--cache-mb" -> cacheMb = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        Path dir = Files.createTempDirectory("pikko-storage-bench");
        try (PikkoStore store = PikkoStore.open(
                new StoreOptions(dir, FsyncPolicy.EVERYSEC, cacheMb << 20, 64L << 20), NodeClock.SYSTEM)) {
            strings(store, keys);
            for (int s = 0; s < sets; s++) {
                fillSet(store, s, members);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void strings(PikkoStore store, int keys) {
        SlotKeyspace slot = new SlotKeyspace(store, 1, 1);
        byte[] value = new byte[64];
        Timer timer = new Timer();
        for (int i = 0; i < keys; i++) {
            try (SlotBatch batch = slot.begin(System.currentTimeMillis())) {
                batch.put(0, key(i), KeyMeta.string(value, 0));
                batch.commit();
            }
        }
        timer.report("SET  (put a string, commit)", keys, "us", 1e3);
        SplittableRandom random = new SplittableRandom(1);
        timer = new Timer();
        for (int i = 0; i < keys; i++) {
            try (SlotBatch batch = slot.begin(System.currentTimeMillis())) {
                batch.get(0, key(random.nextInt(keys)));
            }
        }
        timer.report("GET  (read a string, hit)", keys, "us", 1e3);
        timer = new Timer();
        for (int i = 0; i < keys; i++) {
            try (SlotBatch batch = slot.begin(System.currentTimeMillis())) {
                batch.get(0, key(keys + random.nextInt(keys)));
            }
        }
        timer.report("GET  (read a string, miss)", keys, "us", 1e3);
    }

    private static void fillSet(PikkoStore store, int index, int members) {
        SlotKeyspace slot = new SlotKeyspace(store, 100 + index, 1);
        byte[] key = ("big:set:" + index).getBytes(StandardCharsets.UTF_8);
        byte[] empty = new byte[0];
        int perCommand = 1_000;
        Timer timer = new Timer();
        for (int start = 0; start < members; start += perCommand) {
            try (SlotBatch batch = slot.begin(System.currentTimeMillis())) {
                KeyMeta meta = batch.get(0, key);
                if (meta == null) {
                    meta = batch.newCollection(KeyType.SET, 0);
                }
                long added = 0;
                for (int i = start; i < start + perCommand; i++) {
                    byte[] member = String.format("m%07d", i).getBytes(StandardCharsets.US_ASCII);
                    if (batch.getMember(0, key, meta, member) == null) {
                        batch.putMember(0, key, meta, member, empty);
                        added++;
                    }
                }
                batch.put(0, key, meta.withSize(meta.size() + added));
                batch.commit();
            }
        }
        timer.report("SADD (1,000 new members) into set " + (index + 1) + " of " + members, members / perCommand, "ms", 1e6);
    }

    private static byte[] key(int i) {
        return ("key:" + i).getBytes(StandardCharsets.US_ASCII);
    }

    /** Wall and CPU time of this thread since it was made. */
    private static final class Timer {
        private final long wall = System.nanoTime();
        private final long cpu = THREADS.getCurrentThreadCpuTime();

        void report(String what, int operations, String unit, double nanosPerUnit) {
            double wallPer = (System.nanoTime() - wall) / nanosPerUnit / operations;
            double cpuPer = (THREADS.getCurrentThreadCpuTime() - cpu) / nanosPerUnit / operations;
            System.out.printf("%-48s %9.2f %s/op wall %9.2f %s/op cpu%n", what, wallPer, unit, cpuPer, unit);
        }
    }
}
