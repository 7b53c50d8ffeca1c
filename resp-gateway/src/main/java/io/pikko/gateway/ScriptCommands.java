package io.pikko.gateway;

import io.pikko.commands.script.LuaScript;
import io.pikko.protocol.Args;
import io.pikko.protocol.Errors;
import io.pikko.protocol.Reply;
import io.pikko.protocol.SlotHash;
import io.pikko.protocol.SlotOp;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * EVAL, EVALSHA, their _RO forms and SCRIPT. The gateway finds the script's slot from its keys and
 * sends the script's text there (an EVALSHA's from this node's cache), so that the node serving the
 * slot can run it whether or not it has seen the script before.
 */
final class ScriptCommands {
    private static final int[] ALL_SLOTS = java.util.stream.IntStream.range(0, SlotHash.SLOTS).toArray();

    private ScriptCommands() {}

    static void eval(Call call, boolean bySha, boolean readOnly) {
        OptionalLong numKeys = Args.parseLong(call.arg(2));
        if (numKeys.isEmpty()) {
            call.reply(Errors.NOT_INTEGER);
            return;
        }
        if (numKeys.getAsLong() < 0) {
            call.reply(Reply.error("ERR Number of keys can't be negative"));
            return;
        }
        if (numKeys.getAsLong() > call.argc() - 3) {
            call.reply(Reply.error("ERR Number of keys can't be greater than number of args"));
            return;
        }
        byte[] body;
        if (bySha) {
            body = call.gateway().scripts().get(Args.text(call.arg(1)).toLowerCase(Locale.ROOT));
            if (body == null) {
                call.reply(Reply.error("NOSCRIPT No matching script. Please use EVAL."));
                return;
            }
        } else {
            body = call.arg(1);
            LuaScript.Compiled compiled = LuaScript.compile(body);
            if (compiled.error() != null) {
                call.reply(compiled.error());
                return;
            }
            call.gateway().scripts().put(compiled.script().sha(), body);
        }
        int n = (int) numKeys.getAsLong();
        List<byte[]> keys = call.args().subList(3, 3 + n);
        List<byte[]> argv = call.args().subList(3 + n, call.argc());
        // A script without keys may run on any slot; slot 0 it is.
        int slot = keys.isEmpty() ? 0 : SlotHash.slotOf(keys.get(0));
        for (byte[] key : keys) {
            if (SlotHash.slotOf(key) != slot) {
                call.reply(Errors.crossSlot());
                return;
            }
        }
        SlotOp op = new SlotOp.RunScript(call.session().db(), body, "", new ArrayList<>(keys), new ArrayList<>(argv),
                readOnly, call.session().protocol(), call.gateway().config().busyReplyThresholdMillis());
        // A script may run as long as it likes, as in Redis: no request timeout.
        call.slots().askBlocking(slot, op, 0, call::reply);
    }

    static void script(Call call) {
        String sub = Args.text(call.arg(1)).toLowerCase(Locale.ROOT);
        switch (sub) {
            case "load" -> {
                if (call.argc() != 3) {
                    call.reply(Errors.wrongArity("script|load"));
                    return;
                }
                LuaScript.Compiled compiled = LuaScript.compile(call.arg(2));
                if (compiled.error() != null) {
                    call.reply(compiled.error());
                    return;
                }
                call.gateway().scripts().put(compiled.script().sha(), call.arg(2));
                call.reply(Reply.bulk(compiled.script().sha()));
            }
            case "exists" -> {
                if (call.argc() < 3) {
                    call.reply(Errors.wrongArity("script|exists"));
                    return;
                }
                List<Reply> found = new ArrayList<>();
                for (int i = 2; i < call.argc(); i++) {
                    found.add(Reply.integer(call.gateway().scripts().contains(Args.text(call.arg(i)).toLowerCase(Locale.ROOT)) ? 1 : 0));
                }
                call.reply(Reply.array(found));
            }
            case "flush" -> {
                if (call.argc() > 3) {
                    call.reply(Errors.wrongArity("script|flush"));
                } else if (call.argc() == 3 && !Args.is(call.arg(2), "ASYNC") && !Args.is(call.arg(2), "SYNC")) {
                    call.reply(Reply.error("ERR SCRIPT FLUSH only support SYNC|ASYNC option"));
                } else {
                    call.gateway().scripts().clear();
                    call.reply(Reply.OK);
                }
            }
            case "kill" -> {
                if (call.argc() != 2) {
                    call.reply(Errors.wrongArity("script|kill"));
                    return;
                }
                kill(call, false);
            }
            case "help" -> call.reply(Reply.array(List.of(
                    Reply.bulk("SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:"),
                    Reply.bulk("EXISTS <sha1> [<sha1> ...]"),
                    Reply.bulk("    Return information about the existence of the scripts in the script cache."),
                    Reply.bulk("FLUSH [ASYNC|SYNC]"),
                    Reply.bulk("    Flush the Lua scripts cache. Very dangerous on replicas."),
                    Reply.bulk("KILL"),
                    Reply.bulk("    Kill the currently executing Lua script."),
                    Reply.bulk("LOAD <script>"),
                    Reply.bulk("    Load a script into the scripts cache without executing it."),
                    Reply.bulk("HELP"),
                    Reply.bulk("    Print this help."))));
            default -> call.reply(Reply.error("ERR unknown subcommand '" + Args.text(call.arg(1)) + "'. Try SCRIPT HELP."));
        }
    }

    /**
     * SCRIPT KILL or FUNCTION KILL ({@code function}) through any node: every slot is asked, since
     * any may run a script; OK when one was stopped, else UNKILLABLE when the ones running have
     * written, else BUSY when only the other kind runs (SCRIPT KILL does not stop a function), else NOTBUSY.
     */
    static void kill(Call call, boolean function) {
        call.slots().askAll(ALL_SLOTS, slot -> new SlotOp.KillScript(function), replies -> {
            Reply answer = null;
            for (Reply reply : replies) {
                if (reply == Reply.OK || reply instanceof Reply.Simple) {
                    answer = Reply.OK;
                    break;
                }
                if (reply instanceof Reply.Error error && error.text().startsWith("UNKILLABLE")) {
                    answer = reply;
                } else if (answer == null && reply instanceof Reply.Error error && error.text().startsWith("BUSY")) {
                    answer = reply;
                }
            }
            call.reply(answer != null ? answer : Reply.error("NOTBUSY No scripts in execution right now."));
        });
    }
}
