package io.pikko.commands;

import io.pikko.protocol.Args;


import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import java.util.List;
import java.util.OptionalLong;

/**
 * The arguments {@code numkeys key [key ...] LEFT|RIGHT [COUNT count]} of LMPOP and BLMPOP, which
 * BZMPOP shares with MIN|MAX, read in Redis's order so that the same error comes first.
 *
 * @param first LEFT (or MIN) rather than RIGHT (or MAX)
 * @param error the error to answer, or null when the arguments are fine
 */
record ListMpopArgs(List<byte[]> keys, boolean first, long count, Reply error) {
    private static final Reply NUMKEYS = Reply.error("ERR numkeys should be greater than 0");
    private static final Reply COUNT = Reply.error("ERR count should be greater than 0");

    private static ListMpopArgs refused(Reply error) {
        return new ListMpopArgs(List.of(), false, 0, error);
    }

    static ListMpopArgs parse(List<byte[]> args, int numKeysAt, String firstWord, String lastWord) {
        OptionalLong numKeys = Args.parseLong(args.get(numKeysAt));
        if (numKeys.isEmpty() || numKeys.getAsLong() < 1) {
            return refused(NUMKEYS);
        }
        if (numKeys.getAsLong() >= args.size() - numKeysAt - 1) {
            return refused(Errors.SYNTAX);
        }
        int whereAt = numKeysAt + (int) numKeys.getAsLong() + 1;
        String where = Args.option(args.get(whereAt));
        if (!where.equals(firstWord) && !where.equals(lastWord)) {
            return refused(Errors.SYNTAX);
        }
        long count = -1;
        for (int i = whereAt + 1; i < args.size(); i++) {
            if (count == -1 && Args.option(args.get(i)).equals("COUNT") && i + 1 < args.size()) {
                OptionalLong value = Args.parseLong(args.get(++i));
                if (value.isEmpty() || value.getAsLong() < 1) {
                    return refused(COUNT);
                }
                count = value.getAsLong();
            } else {
                return refused(Errors.SYNTAX);
            }
        }
        return new ListMpopArgs(args.subList(numKeysAt + 1, whereAt), where.equals(firstWord), count == -1 ? 1 : count, null);
    }
}
