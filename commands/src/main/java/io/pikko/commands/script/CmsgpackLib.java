package io.pikko.commands.script;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code cmsgpack} library Redis ships: {@code pack(...)} concatenates the MessagePack form of
 * each argument, {@code unpack(s)} returns every value of {@code s}. Integral numbers become
 * integers, others doubles (floats when exact), tables with keys 1..n arrays, other tables maps.
 */
final class CmsgpackLib {
    private CmsgpackLib() {}

    static LuaTable table() {
        LuaTable t = new LuaTable();
        t.rawset("pack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() == 0) {
                    throw new LuaError("MessagePack pack needs input.");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 1; i <= args.narg(); i++) {
                    pack(args.arg(i), out, 0);
                }
                return LuaValue.valueOf(out.toByteArray());
            }
        });
        t.rawset("unpack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                ByteBuffer in = ByteBuffer.wrap(LuaReplies.bytes(args.checkstring(1)));
                java.util.List<LuaValue> values = new java.util.ArrayList<>();
                while (in.hasRemaining()) {
                    values.add(unpack(in));
                }
                return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
            }
        });
        return t;
    }

    private static void pack(LuaValue v, ByteArrayOutputStream out, int depth) {
        switch (v.type()) {
            case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xc3 : 0xc2);
            case LuaValue.TNUMBER -> number(v.todouble(), out);
            case LuaValue.TSTRING -> {
                byte[] s = LuaReplies.bytes(v);
                header(s.length, 0xa0, 32, 0xd9, 0xda, 0xdb, out);
                out.write(s, 0, s.length);
            }
            case LuaValue.TTABLE -> {
                if (depth > 16) {
                    out.write(0xc0);
                    return;
                }
                LuaTable t = (LuaTable) v;
                int n = LuaTables.sequenceLength(t);
                if (n >= 0) {
                    header(n, 0x90, 16, -1, 0xdc, 0xdd, out);
                    for (int i = 1; i <= n; i++) {
                        pack(t.rawget(i), out, depth + 1);
                    }
                } else {
                    int count = 0;
                    for (Varargs e = t.next(LuaValue.NIL); !e.arg1().isnil(); e = t.next(e.arg1())) {
                        count++;
                    }
                    header(count, 0x80, 16, -1, 0xde, 0xdf, out);
                    for (Varargs e = t.next(LuaValue.NIL); !e.arg1().isnil(); e = t.next(e.arg1())) {
                        pack(e.arg1(), out, depth + 1);
                        pack(e.arg(2), out, depth + 1);
                    }
                }
            }
            default -> out.write(0xc0);
        }
    }

    /** A length with its fix form below {@code fixLimit}, else the 8-bit (when {@code op8} >= 0), 16- or 32-bit form. */
    private static void header(int n, int fix, int fixLimit, int op8, int op16, int op32, ByteArrayOutputStream out) {
        if (n < fixLimit) {
            out.write(fix | n);
        } else if (op8 >= 0 && n <= 0xff) {
            out.write(op8);
            out.write(n);
        } else if (n <= 0xffff) {
            out.write(op16);
            write(out, n, 2);
        } else {
            out.write(op32);
            write(out, n, 4);
        }
    }

    private static void number(double d, ByteArrayOutputStream out) {
        long l = (long) d;
        if (l == d && !Double.isInfinite(d)) {
            integer(l, out);
        } else if ((float) d == d) {
            out.write(0xca);
            write(out, Float.floatToIntBits((float) d), 4);
        } else {
            out.write(0xcb);
            write(out, Double.doubleToLongBits(d), 8);
        }
    }

    private static void integer(long l, ByteArrayOutputStream out) {
        if (l >= 0) {
            if (l < 128) {
                out.write((int) l);
            } else if (l <= 0xff) {
                out.write(0xcc);
                write(out, l, 1);
            } else if (l <= 0xffff) {
                out.write(0xcd);
                write(out, l, 2);
            } else if (l <= 0xffffffffL) {
                out.write(0xce);
                write(out, l, 4);
            } else {
                out.write(0xcf);
                write(out, l, 8);
            }
        } else if (l >= -32) {
            out.write((int) (l & 0xff));
        } else if (l >= Byte.MIN_VALUE) {
            out.write(0xd0);
            write(out, l, 1);
        } else if (l >= Short.MIN_VALUE) {
            out.write(0xd1);
            write(out, l, 2);
        } else if (l >= Integer.MIN_VALUE) {
            out.write(0xd2);
            write(out, l, 4);
        } else {
            out.write(0xd3);
            write(out, l, 8);
        }
    }

    private static void write(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    private static LuaValue unpack(ByteBuffer in) {
        try {
            int b = in.get() & 0xff;
            if (b <= 0x7f) {
                return LuaValue.valueOf(b);
            } else if (b >= 0xe0) {
                return LuaValue.valueOf((byte) b);
            } else if ((b & 0xe0) == 0xa0) {
                return string(in, b & 0x1f);
            } else if ((b & 0xf0) == 0x90) {
                return array(in, b & 0x0f);
            } else if ((b & 0xf0) == 0x80) {
                return map(in, b & 0x0f);
            }
            return switch (b) {
                case 0xc0 -> LuaValue.NIL;
                case 0xc2 -> LuaValue.FALSE;
                case 0xc3 -> LuaValue.TRUE;
                case 0xca -> LuaValue.valueOf(in.getFloat());
                case 0xcb -> LuaValue.valueOf(in.getDouble());
                case 0xcc -> LuaValue.valueOf(in.get() & 0xff);
                case 0xcd -> LuaValue.valueOf(in.getShort() & 0xffff);
                case 0xce -> LuaValue.valueOf(in.getInt() & 0xffffffffL);
                case 0xcf -> LuaValue.valueOf((double) in.getLong());
                case 0xd0 -> LuaValue.valueOf(in.get());
                case 0xd1 -> LuaValue.valueOf(in.getShort());
                case 0xd2 -> LuaValue.valueOf(in.getInt());
                case 0xd3 -> LuaValue.valueOf((double) in.getLong());
                case 0xd9, 0xc4 -> string(in, in.get() & 0xff);
                case 0xda, 0xc5 -> string(in, in.getShort() & 0xffff);
                case 0xdb, 0xc6 -> string(in, in.getInt());
                case 0xdc -> array(in, in.getShort() & 0xffff);
                case 0xdd -> array(in, in.getInt());
                case 0xde -> map(in, in.getShort() & 0xffff);
                case 0xdf -> map(in, in.getInt());
                default -> throw new LuaError("Bad data format in input.");
            };
        } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
            throw new LuaError("Missing bytes in input.");
        }
    }

    private static LuaValue string(ByteBuffer in, int n) {
        byte[] s = new byte[n];
        in.get(s);
        return LuaValue.valueOf(s);
    }

    private static LuaValue array(ByteBuffer in, int n) {
        LuaTable t = new LuaTable();
        for (int i = 1; i <= n; i++) {
            t.rawset(i, unpack(in));
        }
        return t;
    }

    private static LuaValue map(ByteBuffer in, int n) {
        LuaTable t = new LuaTable();
        for (int i = 0; i < n; i++) {
            LuaValue k = unpack(in);
            LuaValue v = unpack(in);
            if (!k.isnil()) {
                t.rawset(k, v);
            }
        }
        return t;
    }
}
