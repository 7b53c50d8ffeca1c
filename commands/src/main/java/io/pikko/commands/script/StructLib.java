package io.pikko.commands.script;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code struct} library Redis ships: {@code pack(fmt, ...)}, {@code unpack(fmt, s [, pos])} and
 * {@code size(fmt)}, with the formats {@code < > = !} (byte order, alignment is ignored), {@code x}
 * (a pad byte), {@code b B h H l L j J T i[n] I[n]} (integers), {@code f d} (floats), {@code s} (a
 * zero-terminated string) and {@code c[n]} (n bytes; {@code c0} takes the preceding count or the rest).
 */
final class StructLib {
    private StructLib() {}

    private record Item(char code, int size) {}

    static LuaTable table() {
        LuaTable t = new LuaTable();
        t.rawset("pack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(pack(args.checkjstring(1), args));
            }
        });
        t.rawset("unpack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return unpack(args.checkjstring(1), LuaReplies.bytes(args.checkstring(2)), args.optint(3, 1));
            }
        });
        t.rawset("size", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int total = 0;
                for (Item item : parse(args.checkjstring(1))) {
                    if (item.code == 's' || (item.code == 'c' && item.size == 0)) {
                        throw new LuaError("options 'c0' - 's' have undefined sizes");
                    }
                    total += item.size;
                }
                return LuaValue.valueOf(total);
            }
        });
        return t;
    }

    /** The format as items; byte order marks come back as {@code '<'} or {@code '>'} of size 0. */
    private static List<Item> parse(String fmt) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < fmt.length(); i++) {
            char c = fmt.charAt(i);
            int start = i + 1;
            int end = start;
            while (end < fmt.length() && Character.isDigit(fmt.charAt(end))) {
                end++;
            }
            Integer n = end > start ? Integer.parseInt(fmt.substring(start, end)) : null;
            switch (c) {
                case ' ', '!' -> {}
                case '<', '>' -> items.add(new Item(c, 0));
                case '=' -> items.add(new Item('<', 0));
                case 'x', 'b', 'B' -> items.add(new Item(c, 1));
                case 'h', 'H' -> items.add(new Item(c, 2));
                case 'l', 'L', 'j', 'J', 'T', 'd' -> items.add(new Item(c, 8));
                case 'f' -> items.add(new Item(c, 4));
                case 's' -> items.add(new Item(c, 0));
                case 'i', 'I' -> {
                    int size = n == null ? 4 : n;
                    if (size < 1 || size > 8) {
                        throw new LuaError("integral size " + size + " is larger than limit of 8");
                    }
                    items.add(new Item(c, size));
                    i = end - 1;
                }
                case 'c' -> {
                    items.add(new Item(c, n == null ? 1 : n));
                    i = end - 1;
                }
                default -> throw new LuaError("invalid format option '" + c + "'");
            }
        }
        return items;
    }

    private static byte[] pack(String fmt, Varargs args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean little = true;
        int arg = 2;
        for (Item item : parse(fmt)) {
            switch (item.code) {
                case '<' -> little = true;
                case '>' -> little = false;
                case 'x' -> out.write(0);
                case 'f' -> integer(out, Float.floatToIntBits((float) args.checkdouble(arg++)), 4, little);
                case 'd' -> integer(out, Double.doubleToLongBits(args.checkdouble(arg++)), 8, little);
                case 's' -> {
                    byte[] s = LuaReplies.bytes(args.checkstring(arg++));
                    out.write(s, 0, s.length);
                    out.write(0);
                }
                case 'c' -> {
                    byte[] s = LuaReplies.bytes(args.checkstring(arg++));
                    int n = item.size == 0 ? s.length : item.size;
                    if (s.length < n) {
                        throw new LuaError("string too short");
                    }
                    out.write(s, 0, n);
                }
                default -> integer(out, (long) args.checkdouble(arg++), item.size, little);
            }
        }
        return out.toByteArray();
    }

    private static void integer(ByteArrayOutputStream out, long v, int size, boolean little) {
        for (int i = 0; i < size; i++) {
            int shift = 8 * (little ? i : size - 1 - i);
            out.write(shift >= 64 ? 0 : (int) (v >>> shift) & 0xff);
        }
    }

    private static Varargs unpack(String fmt, byte[] s, int pos) {
        List<LuaValue> values = new ArrayList<>();
        boolean little = true;
        int at = pos - 1;
        long lastNumber = -1;
        for (Item item : parse(fmt)) {
            if (item.code == '<' || item.code == '>') {
                little = item.code == '<';
                continue;
            }
            int size = item.code == 's' ? zeroAt(s, at) - at + 1
                    : item.code == 'c' && item.size == 0 ? (int) (lastNumber >= 0 ? lastNumber : s.length - at) : item.size;
            if (at < 0 || at + size > s.length) {
                throw new LuaError("data string too short");
            }
            switch (item.code) {
                case 'x' -> {}
                case 's' -> values.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(s, at, at + size - 1)));
                case 'c' -> values.add(LuaValue.valueOf(java.util.Arrays.copyOfRange(s, at, at + size)));
                case 'f' -> values.add(LuaValue.valueOf(Float.intBitsToFloat((int) read(s, at, 4, little))));
                case 'd' -> values.add(LuaValue.valueOf(Double.longBitsToDouble(read(s, at, 8, little))));
                default -> {
                    long v = read(s, at, size, little);
                    boolean signed = Character.isLowerCase(item.code) && item.code != 'T';
                    if (signed && size < 8) {
                        v = (v << (64 - 8 * size)) >> (64 - 8 * size);
                    }
                    lastNumber = v;
                    values.add(LuaValue.valueOf((double) v));
                }
            }
            at += size;
        }
        values.add(LuaValue.valueOf(at + 1));
        return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
    }

    private static int zeroAt(byte[] s, int from) {
        for (int i = Math.max(from, 0); i < s.length; i++) {
            if (s[i] == 0) {
                return i;
            }
        }
        throw new LuaError("unfinished string in data");
    }

    private static long read(byte[] s, int at, int size, boolean little) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            int b = s[at + (little ? size - 1 - i : i)] & 0xff;
            v = (v << 8) | b;
        }
        return v;
    }
}
