package io.pikko.gateway.resp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline request line into arguments exactly as Redis 7.0's {@code sdssplitargs} does, so
 * that quoting in telnet-style requests means the same thing here as in Redis.
 */
final class InlineArgs {

    private InlineArgs() {}

    /**
     * Returns the arguments of {@code line}, which holds no line terminator and no NUL byte (the
     * decoder never hands over such a line, as Redis never does), or {@code null} when quotes are
     * unbalanced or a closing quote is followed by something other than a space.
     */
    static List<byte[]> split(byte[] line) {
        List<byte[]> args = new ArrayList<>();
        int p = 0;
        while (true) {
            while (isSpace(at(line, p))) {
                p++;
            }
            if (at(line, p) == 0) {
                return args;
            }
            ByteArrayOutputStream current = new ByteArrayOutputStream();
            boolean inDoubleQuotes = false;
            boolean inSingleQuotes = false;
            boolean done = false;
            while (!done) {
                int c = at(line, p);
                if (inDoubleQuotes) {
                    if (c == '\\' && at(line, p + 1) == 'x' && isHex(at(line, p + 2)) && isHex(at(line, p + 3))) {
                        current.write(Character.digit(at(line, p + 2), 16) * 16 + Character.digit(at(line, p + 3), 16));
                        p += 3;
                    } else if (c == '\\' && at(line, p + 1) != 0) {
                        p++;
                        current.write(unescape(at(line, p)));
                    } else if (c == '"') {
                        if (!closesToken(line, p)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        current.write(c);
                    }
                } else if (inSingleQuotes) {
                    if (c == '\\' && at(line, p + 1) == '\'') {
                        p++;
                        current.write('\'');
                    } else if (c == '\'') {
                        if (!closesToken(line, p)) {
                            return null;
                        }
                        done = true;
                    } else if (c == 0) {
                        return null;
                    } else {
                        current.write(c);
                    }
                } else {
                    switch (c) {
                        // Unlike the blanks skipped between arguments, \v and \f do not end a bare word.
                        case ' ', '\n', '\r', '\t', 0 -> done = true;
                        case '"' -> inDoubleQuotes = true;
                        case '\'' -> inSingleQuotes = true;
                        default -> current.write(c);
                    }
                }
                if (at(line, p) != 0) {
                    p++;
                }
            }
            args.add(current.toByteArray());
        }
    }

    /** The byte at {@code i} as C sees it: past the end of the line is the string's NUL terminator. */
    private static int at(byte[] line, int i) {
        return i < line.length ? line[i] & 0xff : 0;
    }

    /** A closing quote must end the line or be followed by a blank: {@code "foo"bar} is an error. */
    private static boolean closesToken(byte[] line, int quote) {
        int next = at(line, quote + 1);
        return next == 0 || isSpace(next);
    }

    /** C's isspace() in the C locale. */
    private static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isHex(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static int unescape(int c) {
        return switch (c) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> c;
        };
    }
}
