package io.pikko.actors.command;

import java.util.List;
import java.util.Set;

/**
 * One row of the command table: what Redis's COMMAND reports (name, arity, flags, key positions)
 * plus the route Pikko gives it and the docs COMMAND DOCS returns.
 *
 * @param arity Redis's convention: positive is exact, negative is a minimum, both counting the name
 * @param firstKey position of the first key, 0 when the command takes none
 * @param lastKey position of the last key; negative counts from the end (-1 is the last argument)
 */
public record CommandSpec(
        String name, int arity, Set<String> flags, int firstKey, int lastKey, int step,
        Route route, String group, String since, String summary) {

    public boolean arityAccepts(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public boolean hasFlag(String flag) {
        return flags.contains(flag);
    }

    public boolean isWrite() {
        return flags.contains("write");
    }

    /** Positions of the keys in a request of this command (args include the name at 0). */
    public int[] keyPositions(List<byte[]> args) {
        if (firstKey <= 0) {
            return new int[0];
        }
        int last = lastKey >= 0 ? lastKey : args.size() + lastKey;
        if (last < firstKey) {
            return new int[0];
        }
        int[] positions = new int[(last - firstKey) / step + 1];
        for (int i = 0, p = firstKey; p <= last; p += step, i++) {
            positions[i] = p;
        }
        return positions;
    }
}
