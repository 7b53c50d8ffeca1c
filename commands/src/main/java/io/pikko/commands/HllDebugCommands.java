package io.pikko.commands;

import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * PFDEBUG GETREG / DECODE / ENCODING / TODENSE key and PFSELFTEST, as Redis 7.0 has them. As
 * there, GETREG turns a sparse HyperLogLog dense before reading its registers.
 */
final class HllDebugCommands {
    private static final Reply NO_KEY = Reply.error("ERR The specified key does not exist");
    private static final Reply NOT_HLL = Reply.error("WRONGTYPE Key is not a valid HyperLogLog string value.");
    private static final Reply CORRUPT = Reply.error("INVALIDOBJ Corrupted HLL object detected");
    /** Elements PFSELFTEST adds; Redis goes to ten million, which would hold a slot for seconds. */
    private static final int SELFTEST_ELEMENTS = 100_000;

    private HllDebugCommands() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("pfdebug", HllDebugCommands::pfdebug);
        handlers.put("pfselftest", (ctx, args) -> selfTest());
    }

    private static Reply pfdebug(SlotContext ctx, List<byte[]> args) {
        String sub = Args.option(args.get(1));
        byte[] key = args.get(2);
        KeyMeta meta = ctx.batch().get(ctx.db(), key);
        if (meta == null) {
            return NO_KEY;
        }
        if (meta.type() != KeyType.STRING) {
            return Errors.WRONGTYPE;
        }
        if (!HllValue.isHll(meta.payload())) {
            return NOT_HLL;
        }
        HllValue hll = HllValue.of(meta.payload());
        return switch (sub) {
            case "GETREG" -> {
                if (!hll.isDense()) {
                    if (!hll.toDense()) {
                        yield CORRUPT;
                    }
                    ctx.batch().put(ctx.db(), key, KeyMeta.string(hll.bytes(), meta.expireAt()));
                }
                List<Reply> registers = new ArrayList<>(HllValue.REGISTERS);
                for (int register : hll.registers()) {
                    registers.add(Reply.integer(register));
                }
                yield Reply.array(registers);
            }
            case "DECODE" -> hll.isDense() ? Reply.error("ERR HLL encoding is not sparse")
                    : Reply.bulk(HllSparse.describe(hll.bytes()));
            case "ENCODING" -> new Reply.Simple(hll.isDense() ? "dense" : "sparse");
            case "TODENSE" -> {
                if (hll.isDense()) {
                    yield Reply.ZERO;
                }
                if (!hll.toDense()) {
                    yield CORRUPT;
                }
                ctx.batch().put(ctx.db(), key, KeyMeta.string(hll.bytes(), meta.expireAt()));
                yield Reply.ONE;
            }
            default -> Reply.error("ERR Unknown PFDEBUG subcommand '" + Args.text(args.get(1)) + "'");
        };
    }

    /**
     * PFSELFTEST: dense registers read back what was written, and a sparse and a dense HyperLogLog
     * fed the same elements keep equal registers and an estimate within five standard errors.
     */
    static Reply selfTest() {
        SplittableRandom random = new SplittableRandom();
        HllValue dense = HllValue.empty();
        dense.toDense();
        int[] written = new int[HllValue.REGISTERS];
        for (int i = 0; i < written.length; i++) {
            written[i] = random.nextInt(64);
            HllDense.put(dense.bytes(), i, written[i]);
        }
        for (int i = 0; i < written.length; i++) {
            if (HllDense.get(dense.bytes(), i) != written[i]) {
                return Reply.error("ERR TESTFAILED Register error at " + i);
            }
        }
        HllValue sparse = HllValue.empty();
        dense = HllValue.empty();
        dense.toDense();
        double relativeError = 5 * 1.04 / Math.sqrt(HllValue.REGISTERS);
        long seed = random.nextLong();
        for (int n = 1; n <= SELFTEST_ELEMENTS; n++) {
            byte[] element = Long.toString(seed + n).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            if (sparse.add(element) < 0 || dense.add(element) < 0) {
                return Reply.error("ERR TESTFAILED corrupt HyperLogLog after " + n + " elements");
            }
            if (n % 1000 == 0 || n < 100) {
                long estimate = HllEstimator.estimate(dense.registers());
                if (!java.util.Arrays.equals(sparse.registers(), dense.registers())) {
                    return Reply.error("ERR TESTFAILED sparse and dense registers differ after " + n + " elements");
                }
                if (Math.abs(estimate - n) > Math.max(2, n * relativeError)) {
                    return Reply.error("ERR TESTFAILED too big error. card:" + n + " abserr:" + Math.abs(estimate - n));
                }
            }
        }
        return Reply.OK;
    }
}
