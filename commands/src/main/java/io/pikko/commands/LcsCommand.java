package io.pikko.commands;

import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.storage.KeyMeta;
import io.pikko.storage.KeyType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN], as Redis 7.0 computes it: the classic
 * dynamic-programming table, walked back from its end, so that the subsequence and the ranges
 * chosen among equally long ones, and the order of the ranges (last first), are Redis's.
 */
final class LcsCommand {
    /** Redis refuses a table larger than proto-max-bulk-len; this is its default, 512 MB. */
    private static final long MAX_TABLE_BYTES = 512L * 1024 * 1024;

    private LcsCommand() {}

    static void register(Map<String, SlotHandler> handlers) {
        handlers.put("lcs", LcsCommand::lcs);
    }

    private static Reply lcs(SlotContext ctx, List<byte[]> args) {
        KeyMeta metaA = ctx.batch().get(ctx.db(), args.get(1));
        KeyMeta metaB = ctx.batch().get(ctx.db(), args.get(2));
        if ((metaA != null && metaA.type() != KeyType.STRING) || (metaB != null && metaB.type() != KeyType.STRING)) {
            return Reply.error("ERR The specified keys must contain string values");
        }
        byte[] a = metaA == null ? new byte[0] : metaA.payload();
        byte[] b = metaB == null ? new byte[0] : metaB.payload();
        boolean getLen = false;
        boolean getIdx = false;
        boolean withMatchLen = false;
        long minMatchLen = 0;
        for (int i = 3; i < args.size(); i++) {
            String opt = Args.option(args.get(i));
            boolean more = i + 1 < args.size();
            if (opt.equals("IDX")) {
                getIdx = true;
            } else if (opt.equals("LEN")) {
                getLen = true;
            } else if (opt.equals("WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (opt.equals("MINMATCHLEN") && more) {
                OptionalLong n = Args.parseLong(args.get(++i));
                if (n.isEmpty()) {
                    return Errors.NOT_INTEGER;
                }
                minMatchLen = Math.max(0, n.getAsLong());
            } else {
                return Errors.SYNTAX;
            }
        }
        if (getIdx && getLen) {
            return Reply.error("ERR If you want both the length and indexes, please just use IDX.");
        }
        long cells = (long) (a.length + 1) * (b.length + 1);
        if (cells * Integer.BYTES > MAX_TABLE_BYTES || cells > Integer.MAX_VALUE - 8) {
            return Reply.error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        int[] table;
        try {
            table = new int[(int) cells];
        } catch (OutOfMemoryError e) {
            return Reply.error("ERR Insufficient memory, failed allocating transient memory for LCS");
        }
        int width = b.length + 1;
        for (int i = 1; i <= a.length; i++) {
            for (int j = 1; j <= b.length; j++) {
                table[i * width + j] = a[i - 1] == b[j - 1] ? table[(i - 1) * width + j - 1] + 1
                        : Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
            }
        }
        int length = table[a.length * width + b.length];
        if (getLen) {
            return Reply.integer(length);
        }
        return walkBack(a, b, table, width, length, getIdx, withMatchLen, minMatchLen);
    }

    /**
     * Walks the table back from its end: the subsequence, or with IDX the matching ranges, each
     * reported once it ends (a mismatch or the start of a string) if it is at least minMatchLen long.
     */
    private static Reply walkBack(byte[] a, byte[] b, int[] table, int width, int length,
                                  boolean getIdx, boolean withMatchLen, long minMatchLen) {
        byte[] result = new byte[length];
        List<Reply> matches = new ArrayList<>();
        int idx = length;
        int i = a.length;
        int j = b.length;
        int aStart = a.length;
        int aEnd = 0;
        int bStart = 0;
        int bEnd = 0;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == a.length) {
                    aStart = i - 1;
                    aEnd = i - 1;
                    bStart = j - 1;
                    bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != a.length) {
                    emit = true;
                }
            }
            if (emit) {
                long matchLen = aEnd - aStart + 1;
                if (getIdx && (minMatchLen == 0 || matchLen >= minMatchLen)) {
                    List<Reply> match = new ArrayList<>(List.of(
                            Reply.array(List.of(Reply.integer(aStart), Reply.integer(aEnd))),
                            Reply.array(List.of(Reply.integer(bStart), Reply.integer(bEnd)))));
                    if (withMatchLen) {
                        match.add(Reply.integer(matchLen));
                    }
                    matches.add(Reply.array(match));
                }
                aStart = a.length;
            }
        }
        if (!getIdx) {
            return Reply.bulk(result);
        }
        return new Reply.MapReply(List.of(Reply.bulk("matches"), Reply.array(matches),
                Reply.bulk("len"), Reply.integer(length)));
    }
}
