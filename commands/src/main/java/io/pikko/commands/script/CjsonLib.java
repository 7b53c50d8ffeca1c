package io.pikko.commands.script;

import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The {@code cjson} library Redis ships: {@code encode}, {@code decode} and {@code null}. A table
 * whose keys are exactly 1..n is an array, any other table an object, as lua-cjson decides.
 */
final class CjsonLib {
    static final LuaValue NULL = new LuaUserdata(new Object());

    private CjsonLib() {}

    static LuaTable table() {
        LuaTable cjson = new LuaTable();
        cjson.rawset("encode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue value) {
                StringBuilder out = new StringBuilder();
                encode(value, out, 0);
                return LuaValue.valueOf(out.toString().getBytes(StandardCharsets.ISO_8859_1));
            }
        });
        cjson.rawset("decode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                Decoder d = new Decoder(LuaReplies.bytes(text.checkstring()));
                LuaValue v = d.value();
                d.end();
                return v;
            }
        });
        cjson.rawset("null", NULL);
        return cjson;
    }

    private static void encode(LuaValue v, StringBuilder out, int depth) {
        if (depth > 1000) {
            throw new LuaError("Cannot serialise, excessive nesting (1001)");
        }
        switch (v.type()) {
            case LuaValue.TNIL -> out.append("null");
            case LuaValue.TBOOLEAN -> out.append(v.toboolean());
            case LuaValue.TNUMBER -> number(v.todouble(), out);
            case LuaValue.TSTRING -> string(LuaReplies.bytes(v), out);
            case LuaValue.TTABLE -> table((LuaTable) v, out, depth);
            default -> {
                if (v == NULL) {
                    out.append("null");
                } else {
                    throw new LuaError("Cannot serialise " + v.typename() + ": type not supported");
                }
            }
        }
    }

    private static void number(double d, StringBuilder out) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new LuaError("Cannot serialise number: must not be NaN or Inf");
        }
        out.append(LuaNumbers.format(d, 14));
    }

    private static void string(byte[] s, StringBuilder out) {
        out.append('"');
        for (byte b : s) {
            int c = b & 0xff;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static void table(LuaTable t, StringBuilder out, int depth) {
        int n = arrayLength(t);
        if (n >= 0) {
            out.append('[');
            for (int i = 1; i <= n; i++) {
                if (i > 1) {
                    out.append(',');
                }
                encode(t.rawget(i), out, depth + 1);
            }
            out.append(']');
            return;
        }
        out.append('{');
        boolean first = true;
        for (Varargs e = t.next(LuaValue.NIL); !e.arg1().isnil(); e = t.next(e.arg1())) {
            LuaValue k = e.arg1();
            if (!k.isstring()) {
                throw new LuaError("Cannot serialise " + k.typename() + ": table key must be a number or string");
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(LuaReplies.bytes(k.tostring()), out);
            out.append(':');
            encode(e.arg(2), out, depth + 1);
        }
        out.append('}');
    }

    /** n when the keys are exactly 1..n (an empty table counts as an object), else -1. */
    private static int arrayLength(LuaTable t) {
        int length = LuaTables.sequenceLength(t);
        return length > 0 ? length : -1;
    }

    /** A recursive-descent reader of one JSON text. */
    private static final class Decoder {
        private final byte[] s;
        private int i;

        Decoder(byte[] s) {
            this.s = s;
        }

        LuaValue value() {
            skip();
            if (i >= s.length) {
                throw error("unexpected end of string");
            }
            byte c = s[i];
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return LuaValue.valueOf(text());
                case 't':
                    word("true");
                    return LuaValue.TRUE;
                case 'f':
                    word("false");
                    return LuaValue.FALSE;
                case 'n':
                    word("null");
                    return NULL;
                default:
                    return number();
            }
        }

        void end() {
            skip();
            if (i < s.length) {
                throw error("the end of the string expected");
            }
        }

        private LuaError error(String what) {
            return new LuaError("Expected value but found invalid token at character " + (i + 1) + " (" + what + ")");
        }

        private void skip() {
            while (i < s.length && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) {
                i++;
            }
        }

        private void word(String w) {
            for (int k = 0; k < w.length(); k++) {
                if (i + k >= s.length || s[i + k] != w.charAt(k)) {
                    throw error("invalid token");
                }
            }
            i += w.length();
        }

        private LuaValue object() {
            LuaTable t = new LuaTable();
            i++;
            skip();
            if (i < s.length && s[i] == '}') {
                i++;
                return t;
            }
            while (true) {
                skip();
                if (i >= s.length || s[i] != '"') {
                    throw error("object key string expected");
                }
                LuaString key = LuaValue.valueOf(text());
                skip();
                if (i >= s.length || s[i++] != ':') {
                    throw error("colon expected");
                }
                t.rawset(key, value());
                skip();
                if (i < s.length && s[i] == ',') {
                    i++;
                } else if (i < s.length && s[i] == '}') {
                    i++;
                    return t;
                } else {
                    throw error("comma or object end expected");
                }
            }
        }

        private LuaValue array() {
            LuaTable t = new LuaTable();
            i++;
            skip();
            if (i < s.length && s[i] == ']') {
                i++;
                return t;
            }
            for (int n = 1; ; n++) {
                t.rawset(n, value());
                skip();
                if (i < s.length && s[i] == ',') {
                    i++;
                } else if (i < s.length && s[i] == ']') {
                    i++;
                    return t;
                } else {
                    throw error("comma or array end expected");
                }
            }
        }

        private byte[] text() {
            i++;
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            while (true) {
                if (i >= s.length) {
                    throw error("unexpected end of string");
                }
                byte c = s[i++];
                if (c == '"') {
                    return out.toByteArray();
                }
                if (c != '\\') {
                    out.write(c);
                    continue;
                }
                if (i >= s.length) {
                    throw error("unexpected end of string");
                }
                byte e = s[i++];
                switch (e) {
                    case 'n' -> out.write('\n');
                    case 't' -> out.write('\t');
                    case 'r' -> out.write('\r');
                    case 'b' -> out.write('\b');
                    case 'f' -> out.write('\f');
                    case 'u' -> {
                        if (i + 4 > s.length) {
                            throw error("invalid unicode escape code");
                        }
                        int cp = Integer.parseInt(new String(s, i, 4, StandardCharsets.US_ASCII), 16);
                        i += 4;
                        byte[] utf8 = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
                        out.write(utf8, 0, utf8.length);
                    }
                    default -> out.write(e);
                }
            }
        }

        private LuaValue number() {
            int start = i;
            while (i < s.length && "+-0123456789.eE".indexOf(s[i]) >= 0) {
                i++;
            }
            try {
                return LuaValue.valueOf(Double.parseDouble(new String(s, start, i - start, StandardCharsets.US_ASCII)));
            } catch (NumberFormatException e) {
                i = start;
                throw error("invalid number");
            }
        }
    }
}
