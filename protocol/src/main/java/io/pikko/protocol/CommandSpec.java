package io.pikko.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/**
 * One row of the command table: what Redis's COMMAND reports (name, arity, flags, key positions)
 * plus the route Pikko gives it and the docs COMMAND DOCS returns.
 *
 * @param arity Redis's convention: positive is exact, negative is a minimum, both counting the name
 * @param flags an {@link java.util.EnumSet}'s view, which lists the flags in the order COMMAND shows them
 * @param firstKey position of the first key, 0 when the command takes none
 * @param lastKey position of the last key; negative counts from the end (-1 is the last argument)
 * @param numKeysAt position of a "numkeys" argument followed by that many keys (ZUNIONSTORE,
 *                  LMPOP, ...), 0 when the command has none
 * @param storeFrom where options start in which a {@code STORE key} or {@code STOREDIST key} names one
 *                  more key (SORT, GEORADIUS), 0 when the command has no such option
 */
public record CommandSpec(
        String name, int arity, Set<CommandFlag> flags, int firstKey, int lastKey, int step,
        int numKeysAt, int storeFrom, Route route, String group, String since, String summary) {

    /**
     * Whether {@code argc} arguments (name included) fit: Redis's arity, and for key-value pair
     * commands (MSET, MSETNX: every other argument a key, to the end) whole pairs, which Redis checks
     * before anything else.
     */
    public boolean arityAccepts(int argc) {
        boolean counted = arity >= 0 ? argc == arity : argc >= -arity;
        boolean pairs = step == 2 && lastKey == -1;
        return counted && (!pairs || (argc - firstKey) % 2 == 0);
    }

    public boolean hasFlag(CommandFlag flag) {
        return flags.contains(flag);
    }

    public boolean isWrite() {
        return flags.contains(CommandFlag.WRITE);
    }

    /** Positions of the keys in a request of this command (args include the name at 0). */
    public int[] keyPositions(List<byte[]> args) {
        List<Integer> positions = new ArrayList<>();
        if (firstKey > 0) {
            int last = lastKey >= 0 ? lastKey : args.size() + lastKey;
            for (int p = firstKey; p <= last && p < args.size(); p += step) {
                positions.add(p);
            }
        }
        if (numKeysAt > 0 && numKeysAt < args.size()) {
            OptionalLong numKeys = Args.parseLong(args.get(numKeysAt));
            // Like Redis, a numkeys larger than the arguments left names no keys; the command then refuses it.
            if (numKeys.isPresent() && numKeys.getAsLong() >= 0 && numKeysAt + numKeys.getAsLong() < args.size()) {
                for (long p = numKeysAt + 1; p <= numKeysAt + numKeys.getAsLong(); p++) {
                    positions.add((int) p);
                }
            }
        }
        if (storeFrom > 0) {
            for (int p = storeFrom; p + 1 < args.size(); p++) {
                String option = Args.option(args.get(p));
                if (option.equals("STORE") || option.equals("STOREDIST")) {
                    positions.add(++p);
                }
            }
        }
        return positions.stream().mapToInt(Integer::intValue).toArray();
    }
}
