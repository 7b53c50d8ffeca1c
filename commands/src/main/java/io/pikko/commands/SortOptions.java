package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The options of SORT and SORT_RO, read as Redis 7.0 reads them: in any order, the last of ASC
 * and DESC winning, LIMIT and STORE (SORT only) taking their arguments, BY once or more, GET any
 * number of times. A BY pattern without '*' turns sorting off, even if another BY follows.
 */
record SortOptions(boolean desc, boolean alpha, boolean dontSort, long limitStart, long limitCount,
                   SortPattern by, byte[] storeKey, List<SortPattern> gets) {

    /** Either the options or the error to reply with. */
    record Parsed(SortOptions options, Reply error) {}

    static Parsed parse(List<byte[]> args, boolean readonly) {
        boolean desc = false;
        boolean alpha = false;
        boolean dontSort = false;
        long limitStart = 0;
        long limitCount = -1;
        SortPattern by = null;
        byte[] storeKey = null;
        List<SortPattern> gets = new ArrayList<>();
        for (int j = 2; j < args.size(); j++) {
            int left = args.size() - j - 1;
            String option = Args.option(args.get(j));
            if (option.equals("ASC")) {
                desc = false;
            } else if (option.equals("DESC")) {
                desc = true;
            } else if (option.equals("ALPHA")) {
                alpha = true;
            } else if (option.equals("LIMIT") && left >= 2) {
                OptionalLong start = Args.parseLong(args.get(j + 1));
                OptionalLong count = Args.parseLong(args.get(j + 2));
                if (start.isEmpty() || count.isEmpty()) {
                    return new Parsed(null, Errors.NOT_INTEGER);
                }
                limitStart = start.getAsLong();
                limitCount = count.getAsLong();
                j += 2;
            } else if (!readonly && option.equals("STORE") && left >= 1) {
                storeKey = args.get(++j);
            } else if (option.equals("BY") && left >= 1) {
                byte[] pattern = args.get(++j);
                by = new SortPattern(pattern);
                dontSort |= SortPattern.isConstant(pattern);
            } else if (option.equals("GET") && left >= 1) {
                gets.add(new SortPattern(args.get(++j)));
            } else {
                return new Parsed(null, Errors.SYNTAX);
            }
        }
        return new Parsed(new SortOptions(desc, alpha, dontSort, limitStart, limitCount, by, storeKey, gets), null);
    }

    /**
     * Redis's forced order for a set stored without sorting: its internal order is arbitrary, so
     * the stored list would be too; it is sorted by the elements' bytes instead.
     */
    SortOptions sortedForStore() {
        return new SortOptions(desc, true, false, limitStart, limitCount, null, storeKey, gets);
    }
}
