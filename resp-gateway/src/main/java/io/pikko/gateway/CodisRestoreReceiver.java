package io.pikko.gateway;

import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The receiving side of Codis's migrations: SLOTSRESTORE (sync) and the SLOTSRESTORE-ASYNC
 * messages (semi-async), each applied to its key's slot in one step and, for the async ones,
 * acknowledged with {@code SLOTSRESTORE-ASYNC-ACK errno message} as codis-server does; a refused
 * message closes the connection after its acknowledgement, which fails the sender's batch.
 */
final class CodisRestoreReceiver {
    private static final byte[] ACK = "SLOTSRESTORE-ASYNC-ACK".getBytes(StandardCharsets.US_ASCII);

    private CodisRestoreReceiver() {}

    /** SLOTSRESTORE key ttl payload [key ttl payload ...]: the keys replaced by the DUMP payloads. */
    static void slotsRestore(Call call) {
        if (call.argc() < 4 || (call.argc() - 1) % 3 != 0) {
            call.reply(Errors.wrongArity("slotsrestore"));
            return;
        }
        int db = call.session().db();
        Map<Integer, List<SlotOp.RunCommand>> bySlot = new LinkedHashMap<>();
        for (int i = 1; i < call.argc(); i += 3) {
            OptionalLong ttl = Args.parseLong(call.arg(i + 1));
            if (ttl.isEmpty()) {
                call.reply(Errors.NOT_INTEGER);
                return;
            }
            if (ttl.getAsLong() < 0) {
                call.reply(Reply.error("ERR invalid ttl value, must be >= 0"));
                return;
            }
            byte[] key = call.arg(i);
            bySlot.computeIfAbsent(SlotHash.slotOf(key), s -> new ArrayList<>()).add(command(db, "restore",
                    key, call.arg(i + 1), call.arg(i + 2), "REPLACE".getBytes(StandardCharsets.US_ASCII)));
        }
        int[] slots = bySlot.keySet().stream().mapToInt(Integer::intValue).toArray();
        call.slots().askAll(slots, slot -> new SlotOp.Transaction(bySlot.get(slot), 0), replies -> {
            for (Reply reply : replies) {
                for (Reply one : reply instanceof Reply.Array array ? array.items() : List.of(reply)) {
                    if (one instanceof Reply.Error error) {
                        call.reply(Reply.error(error.text().contains("checksum")
                                ? "ERR dump payload version or checksum are wrong" : "ERR bad data format"));
                        return;
                    }
                }
            }
            call.reply(Reply.OK);
        });
    }

    /** SLOTSRESTORE-ASYNC-AUTH password. */
    static void auth(Call call) {
        RuntimeConfig config = call.gateway().config();
        if (!config.passwordRequired()) {
            ack(call, -1, "Client sent AUTH, but no password is set");
        } else if (Args.text(call.arg(1)).equals(config.requirePass())) {
            call.session().setAuthenticated(true);
            ack(call, 0, "OK");
        } else {
            ack(call, -1, "invalid password");
        }
    }

    /** SLOTSRESTORE-ASYNC-SELECT db. */
    static void select(Call call) {
        OptionalLong db = Args.parseLong(call.arg(1));
        if (db.isEmpty() || db.getAsLong() < 0 || db.getAsLong() >= call.gateway().settings().databases()) {
            ack(call, -1, "invalid DB index (" + Args.text(call.arg(1)) + ")");
            return;
        }
        call.session().select((int) db.getAsLong());
        ack(call, 0, "OK");
    }

    /**
     * SLOTSRESTORE-ASYNC delete|expire|string|object|list|hash|dict|zset key [ttl [hint|payload]
     * [members...]]; chunks of one key add to what the earlier chunks made.
     */
    static void restoreAsync(Call call) {
        String cmd = Args.text(call.arg(1)).toLowerCase(Locale.ROOT);
        if (call.argc() < 3) {
            badArguments(call, cmd);
            return;
        }
        byte[] key = call.arg(2);
        int db = call.session().db();
        if (cmd.equals("delete")) {
            if (call.argc() != 3) {
                badArguments(call, cmd);
                return;
            }
            apply(call, key, List.of(command(db, "del", key)), replies -> ack(call, 0, Long.toString(integer(replies.get(0)))));
            return;
        }
        if (call.argc() < 4) {
            badArguments(call, cmd);
            return;
        }
        OptionalLong ttl = Args.parseLong(call.arg(3));
        if (ttl.isEmpty() || ttl.getAsLong() < 0) {
            ack(call, -1, "invalid TTL value (TTL=" + Args.text(call.arg(3)) + ")");
            return;
        }
        SlotOp.RunCommand setTtl = ttl.getAsLong() == 0 ? command(db, "persist", key)
                : command(db, "pexpire", key, call.arg(3));
        switch (cmd) {
            case "expire" -> {
                if (call.argc() != 4) {
                    badArguments(call, cmd);
                    return;
                }
                apply(call, key, List.of(command(db, "exists", key), setTtl), replies -> {
                    if (integer(replies.get(0)) == 0) {
                        ack(call, -1, "the specified key doesn't exist (" + Args.text(key) + ")");
                    } else {
                        ack(call, 0, "1");
                    }
                });
            }
            case "string" -> {
                if (call.argc() != 5) {
                    badArguments(call, cmd);
                    return;
                }
                SlotOp.RunCommand set = ttl.getAsLong() == 0 ? command(db, "set", key, call.arg(4), bytes("NX"))
                        : command(db, "set", key, call.arg(4), bytes("NX"), bytes("PX"), call.arg(3));
                apply(call, key, List.of(set), replies -> {
                    if (replies.get(0) instanceof Reply.Nil) {
                        ack(call, -1, "the specified key already exists (" + Args.text(key) + ")");
                    } else {
                        ack(call, 0, "1");
                    }
                });
            }
            case "object" -> {
                if (call.argc() != 5) {
                    badArguments(call, cmd);
                    return;
                }
                apply(call, key, List.of(command(db, "restore", key, call.arg(3), call.arg(4))), replies -> {
                    if (replies.get(0) instanceof Reply.Error error) {
                        ack(call, -1, error.text().startsWith("BUSYKEY")
                                ? "the specified key already exists (" + Args.text(key) + ")"
                                : error.text().contains("checksum") ? "invalid payload checksum" : "invalid payload body");
                    } else {
                        ack(call, 0, "1");
                    }
                });
            }
            case "list", "hash", "dict", "zset" -> chunk(call, cmd, key, setTtl);
            default -> ack(call, -1, "unknown command (argc=" + call.argc() + ",cmd=" + cmd + ")");
        }
    }

    /** One chunk of a big collection: its members added, its length acknowledged. */
    private static void chunk(Call call, String cmd, byte[] key, SlotOp.RunCommand setTtl) {
        if (call.argc() < 5) {
            badArguments(call, cmd);
            return;
        }
        OptionalLong hint = Args.parseLong(call.arg(4));
        if (hint.isEmpty() || hint.getAsLong() < 0) {
            ack(call, -1, "invalid Hint value (Hint=" + Args.text(call.arg(4)) + ")");
            return;
        }
        List<byte[]> members = call.args().subList(5, call.argc());
        boolean pairs = cmd.equals("hash") || cmd.equals("zset");
        if (pairs && members.size() % 2 != 0) {
            badArguments(call, cmd);
            return;
        }
        int db = call.session().db();
        String add = switch (cmd) {
            case "list" -> "rpush";
            case "hash" -> "hset";
            case "dict" -> "sadd";
            default -> "zadd";
        };
        String length = switch (cmd) {
            case "list" -> "llen";
            case "hash" -> "hlen";
            case "dict" -> "scard";
            default -> "zcard";
        };
        List<byte[]> addArgs = new ArrayList<>(members.size() + 2);
        addArgs.add(bytes(add));
        addArgs.add(key);
        if (cmd.equals("zset")) {
            for (int i = 0; i < members.size(); i += 2) {
                byte[] bits = members.get(i + 1);
                if (bits.length != 8) {
                    ack(call, -1, "invalid zset score ([" + i / 2 + "]), bad raw bits");
                    return;
                }
                addArgs.add(bytes(scoreText(ByteBuffer.wrap(bits).order(ByteOrder.LITTLE_ENDIAN).getDouble())));
                addArgs.add(members.get(i));
            }
        } else {
            addArgs.addAll(members);
        }
        List<SlotOp.RunCommand> step = new ArrayList<>();
        if (members.isEmpty()) {
            step.add(command(db, "exists", key));
        } else {
            step.add(new SlotOp.RunCommand(db, add, addArgs));
        }
        step.add(command(db, length, key));
        step.add(setTtl);
        apply(call, key, step, replies -> {
            if (replies.get(0) instanceof Reply.Error || replies.get(1) instanceof Reply.Error) {
                ack(call, -1, "wrong type (expect=" + cmd + ")");
            } else if (members.isEmpty() && integer(replies.get(0)) == 0) {
                ack(call, -1, "the specified key doesn't exist (" + Args.text(key) + ")");
            } else {
                ack(call, 0, Long.toString(integer(replies.get(1))));
            }
        });
    }

    /** SLOTSRESTORE-ASYNC-ACK sent to this node: only codis-server's own migration client may. */
    static void ackCommand(Call call) {
        call.reply(Reply.error("ERR invalid client, permission denied"));
    }

    private static String scoreText(double score) {
        if (Double.isInfinite(score)) {
            return score > 0 ? "inf" : "-inf";
        }
        return Double.toString(score);
    }

    private static void apply(Call call, byte[] key, List<SlotOp.RunCommand> commands,
                              java.util.function.Consumer<List<Reply>> then) {
        call.slots().ask(SlotHash.slotOf(key), new SlotOp.Transaction(commands, 0), reply -> {
            if (reply instanceof Reply.Array array) {
                then.accept(array.items());
            } else {
                ack(call, -1, reply instanceof Reply.Error error ? error.text() : "unexpected reply");
            }
        });
    }

    private static void badArguments(Call call, String cmd) {
        ack(call, -1, "wrong number of arguments (argc=" + call.argc() + ",cmd=" + cmd + ")");
    }

    private static void ack(Call call, int errno, String message) {
        Reply reply = Reply.array(List.of(Reply.bulk(ACK), Reply.bulk(Integer.toString(errno)), Reply.bulk(message)));
        if (errno == 0) {
            call.reply(reply);
        } else {
            call.connection().closeAfter(call, reply);
        }
    }

    private static long integer(Reply reply) {
        return reply instanceof Reply.Int number ? number.value() : 0;
    }

    private static SlotOp.RunCommand command(int db, String name, byte[]... args) {
        List<byte[]> argv = new ArrayList<>(args.length + 1);
        argv.add(bytes(name));
        argv.addAll(List.of(args));
        return new SlotOp.RunCommand(db, name, argv);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
