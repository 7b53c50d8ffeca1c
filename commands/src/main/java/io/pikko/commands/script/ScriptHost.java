package io.pikko.commands.script;

import io.pikko.protocol.Reply;
import java.util.List;

/**
 * Where a script's {@code redis.call} goes: the slot the script runs on. It checks the command as
 * Redis checks a command from a script and answers with the command's reply, or with the error
 * text a script sees (without the " script: ..." suffix, which the runner adds).
 */
public interface ScriptHost {
    Reply call(List<byte[]> args);

    /** redis.log: {@code level} 0 (debug) to 3 (warning). */
    void log(int level, String message);
}
