package io.pikko.commands.script;

import io.pikko.protocol.Reply;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * An EVAL script, compiled: runs with its KEYS and ARGV in a fresh sandbox each time, so nothing one
 * run leaves behind reaches the next, and turns what the script returns or raises into a reply.
 */
public final class LuaScript {
    /** Compiled scripts by SHA-1, shared by the node's slots; dropped wholesale when it grows past this. */
    private static final int CACHE_LIMIT = 1024;
    private static final Map<String, Prototype> COMPILED = new ConcurrentHashMap<>();
    static final Pattern WHERE = Pattern.compile("^@?(user_(?:script|function):\\d+):? ");

    private final String sha;
    private final Prototype prototype;

    private LuaScript(String sha, Prototype prototype) {
        this.sha = sha;
        this.prototype = prototype;
    }

    public String sha() {
        return sha;
    }

    /** The script compiled, or the reply Redis gives for a script that does not compile. */
    public static Compiled compile(byte[] body) {
        String sha = Sha1.hex(body);
        Prototype cached = COMPILED.get(sha);
        if (cached != null) {
            return new Compiled(new LuaScript(sha, cached), null);
        }
        try {
            Prototype p = compilePrototype(body, "@user_script");
            if (COMPILED.size() >= CACHE_LIMIT) {
                COMPILED.clear();
            }
            COMPILED.put(sha, p);
            return new Compiled(new LuaScript(sha, p), null);
        } catch (LuaError | IOException e) {
            return new Compiled(null, Reply.error("ERR Error compiling script (new function): " + e.getMessage()));
        }
    }

    /** A script or why it is not one. */
    public record Compiled(LuaScript script, Reply error) {}

    static Prototype compilePrototype(byte[] body, String chunk) throws IOException {
        if (body.length > 0 && body[0] == 27) {
            throw new LuaError(chunk.substring(1) + ": bytecode is not accepted");
        }
        return LuaC.instance.compile(new ByteArrayInputStream(body), chunk);
    }

    /** Runs the script on {@code host}; {@code clientResp} is the protocol of the client that asked. */
    public Reply run(List<byte[]> keys, List<byte[]> argv, ScriptHost host, int clientResp, ScriptControl control) {
        Sandbox sandbox = new Sandbox(host, control);
        sandbox.globals().rawset("KEYS", array(keys));
        sandbox.globals().rawset("ARGV", array(argv));
        sandbox.seal();
        LuaClosure main = new LuaClosure(prototype, sandbox.globals());
        try {
            return LuaReplies.toReply(main.call(), clientResp);
        } catch (LuaError e) {
            return errorReply(e, "script: " + sha);
        } catch (ScriptKilled e) {
            String where = sandbox.where();
            return Reply.error("ERR Script killed by user with SCRIPT KILL... script: " + sha
                    + (where == null ? "" : ", on @" + where) + ".");
        } catch (StackOverflowError e) {
            return Reply.error("ERR Error running script: stack overflow script: " + sha);
        }
    }

    /**
     * Redis's text for an error a script raised: a table's {@code err} as is, a string message as
     * "ERR where: message"; either followed by the script and where it was raised. LuaJ puts where
     * ("@user_script:3") and a traceback around the message; only the first line is kept.
     */
    static Reply errorReply(LuaError e, String origin) {
        String text = e.getMessage() == null ? "" : e.getMessage();
        int traceback = text.indexOf("\nstack traceback:");
        if (traceback >= 0) {
            text = text.substring(0, traceback);
        }
        Matcher where = WHERE.matcher(text);
        String line = e instanceof ScriptError raised ? raised.where() : null;
        if (where.find()) {
            line = line == null ? where.group(1) : line;
            text = text.substring(where.end());
        }
        String suffix = " " + origin + (line == null ? "" : ", on @" + line) + ".";
        String table = LuaReplies.errorText(e.getMessageObject());
        if (table != null) {
            return Reply.error(table + suffix);
        }
        return Reply.error("ERR " + (line == null ? "" : line + ": ") + text + suffix);
    }

    static LuaTable array(List<byte[]> values) {
        LuaTable t = new LuaTable(values.size(), 0);
        for (int i = 0; i < values.size(); i++) {
            t.rawset(i + 1, LuaValue.valueOf(values.get(i)));
        }
        return t;
    }

    static void installCompiler(Globals globals) {
        LoadState.install(globals);
        LuaC.install(globals);
    }
}
