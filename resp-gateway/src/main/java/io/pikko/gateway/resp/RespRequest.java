package io.pikko.gateway.resp;

import java.util.List;

/**
 * One request decoded from a client: the command name followed by its arguments, as raw bytes since
 * Redis arguments are binary safe.
 *
 * @param args   the command name and its arguments, never empty
 * @param inline whether the client typed it as an inline line rather than a RESP multibulk
 */
public record RespRequest(List<byte[]> args, boolean inline) {

    public RespRequest {
        args = List.copyOf(args);
    }
}
