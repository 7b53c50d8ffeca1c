package io.pikko.actors;

import io.pikko.commands.ResolvedCommand;
import io.pikko.protocol.NodeClock;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotOp;
import io.pikko.storage.FsyncPolicy;
import io.pikko.storage.PikkoStore;
import io.pikko.storage.StoreOptions;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Small helpers shared by the actors' tests: a real store, commands from text, replies as text. */
public final class SlotTesting {
    public static final int DATABASES = 16;

    private SlotTesting() {}

    /** A store with small caches, so tests open quickly. */
    public static PikkoStore open(Path dir, NodeClock clock) {
        return PikkoStore.open(new StoreOptions(dir, FsyncPolicy.NO, 8L << 20, 4L << 20), clock);
    }

    public static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A client's command on database {@code db}, words split on spaces. */
    public static SlotOp.RunCommand command(int db, String line) {
        List<byte[]> args = Arrays.stream(line.split(" ")).map(SlotTesting::b).toList();
        return new SlotOp.RunCommand(db, line.split(" ")[0].toLowerCase(Locale.ROOT), args);
    }

    public static SlotOp.RunCommand command(String line) {
        return command(0, line);
    }

    public static ResolvedCommand resolved(String line) {
        return ResolvedCommand.of(command(line)).orElseThrow();
    }

    /** A reply as redis-cli would roughly print it, for assertions. */
    public static String text(Reply reply) {
        if (reply instanceof Reply.Bulk bulk) {
            return new String(bulk.value(), StandardCharsets.UTF_8);
        } else if (reply instanceof Reply.Int integer) {
            return "(integer) " + integer.value();
        } else if (reply instanceof Reply.Simple simple) {
            return simple.text();
        } else if (reply instanceof Reply.Error error) {
            return "(error) " + error.text();
        } else if (reply instanceof Reply.Nil || reply instanceof Reply.NilArray) {
            return "(nil)";
        } else if (reply instanceof Reply.Array array) {
            return array.items().stream().map(SlotTesting::text).collect(Collectors.joining(", ", "[", "]"));
        }
        return reply.toString();
    }
}
