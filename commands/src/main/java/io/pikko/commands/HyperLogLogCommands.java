package io.pikko.commands;

import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.List;
import java.util.Map;

/**
 * HyperLogLog commands over strings holding Redis's own HLL representation (see {@link HllValue}),
 * with Redis 7.0's replies: the same estimates, the same bytes, the same cache updates.
 */
final class HyperLogLogCommands {
    private static final Reply NOT_HLL = Reply.error("WRONGTYPE Key is not a valid HyperLogLog string value.");
    private static final Reply CORRUPT = Reply.error("INVALIDOBJ Corrupted HLL object detected");

    private HyperLogLogCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("pfadd", HyperLogLogCommands::pfadd);
        handlers.put("pfcount", HyperLogLogCommands::pfcount);
        handlers.put("pfmerge", HyperLogLogCommands::pfmerge);
    }

    /** A key's HyperLogLog, or the error for a key holding something else; null when absent. */
    private record Found(KeyMeta meta, HllValue hll, Reply error) {
        static Found lookup(SlotContext ctx, byte[] key) {
            KeyMeta meta = ctx.batch().get(ctx.db(), key);
            if (meta == null) {
                return null;
            }
            if (meta.type() != KeyType.STRING) {
                return new Found(meta, null, Errors.WRONGTYPE);
            }
            if (!HllValue.isHll(meta.payload())) {
                return new Found(meta, null, NOT_HLL);
            }
            return new Found(meta, HllValue.of(meta.payload()), null);
        }
    }

    /** Writes an updated HyperLogLog in place, keeping the key's TTL. */
    private static void store(SlotContext ctx, byte[] key, KeyMeta old, HllValue hll) {
        ctx.batch().put(ctx.db(), key, KeyMeta.string(hll.bytes(), old == null ? 0 : old.expireAt()));
    }

    private static Reply pfadd(SlotContext ctx, List<byte[]> args) {
        byte[] key = args.get(1);
        Found found = Found.lookup(ctx, key);
        if (found != null && found.error() != null) {
            return found.error();
        }
        KeyMeta meta = found == null ? null : found.meta();
        HllValue hll = found == null ? HllValue.empty() : found.hll();
        boolean updated = found == null;
        for (int i = 2; i < args.size(); i++) {
            int result = hll.add(args.get(i));
            if (result < 0) {
                // Redis updates in place: registers raised before the corruption was met stay raised.
                if (updated) {
                    store(ctx, key, meta, hll);
                }
                return CORRUPT;
            }
            updated |= result == 1;
        }
        if (!updated) {
            return Reply.ZERO;
        }
        hll.invalidateCache();
        store(ctx, key, meta, hll);
        return Reply.ONE;
    }

    private static Reply pfcount(SlotContext ctx, List<byte[]> args) {
        if (args.size() > 2) {
            int[] union = new int[HllValue.REGISTERS];
            for (int i = 1; i < args.size(); i++) {
                Found found = Found.lookup(ctx, args.get(i));
                if (found == null) {
                    continue;
                }
                if (found.error() != null) {
                    return found.error();
                }
                if (!maxInto(union, found.hll())) {
                    return CORRUPT;
                }
            }
            return Reply.integer(HllEstimator.estimate(union));
        }
        byte[] key = args.get(1);
        Found found = Found.lookup(ctx, key);
        if (found == null) {
            return Reply.ZERO;
        }
        if (found.error() != null) {
            return found.error();
        }
        HllValue hll = found.hll();
        if (hll.cacheValid()) {
            return Reply.integer(hll.cachedCardinality());
        }
        int[] registers = hll.registers();
        if (registers == null) {
            return CORRUPT;
        }
        long cardinality = HllEstimator.estimate(registers);
        // As in Redis, counting refreshes the cache stored in the value itself.
        hll.cache(cardinality);
        store(ctx, key, found.meta(), hll);
        return Reply.integer(cardinality);
    }

    /** Raises each register of {@code max} to the HyperLogLog's; false when it is corrupt. */
    private static boolean maxInto(int[] max, HllValue hll) {
        int[] registers = hll.registers();
        if (registers == null) {
            return false;
        }
        for (int i = 0; i < max.length; i++) {
            max[i] = Math.max(max[i], registers[i]);
        }
        return true;
    }

    private static Reply pfmerge(SlotContext ctx, List<byte[]> args) {
        int[] union = new int[HllValue.REGISTERS];
        boolean anyDense = false;
        Found target = null;
        for (int i = 1; i < args.size(); i++) {
            Found found = Found.lookup(ctx, args.get(i));
            if (found == null) {
                continue;
            }
            if (found.error() != null) {
                return found.error();
            }
            anyDense |= found.hll().isDense();
            if (!maxInto(union, found.hll())) {
                return CORRUPT;
            }
            if (i == 1) {
                target = found;
            }
        }
        HllValue hll = target == null ? HllValue.empty() : target.hll();
        // Like Redis, the target goes dense as soon as one input is dense, and is otherwise
        // updated register by register, which may still promote it.
        if (anyDense && !hll.toDense()) {
            return CORRUPT;
        }
        for (int i = 0; i < union.length; i++) {
            if (union[i] != 0) {
                hll.raise(i, union[i]);
            }
        }
        hll.invalidateCache();
        store(ctx, args.get(1), target == null ? null : target.meta(), hll);
        return Reply.OK;
    }
}
