package io.pikko.commands.script;

import io.pikko.protocol.Reply;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Redis's conversion rules between replies and Lua values: what {@code redis.call} gives the script
 * (as RESP2 or RESP3 would carry it, per {@code redis.setresp}), and what the script's return value
 * becomes for the client (per the client's protocol).
 */
final class LuaReplies {
    private static final LuaString ERR = LuaString.valueOf("err");
    private static final LuaString OK = LuaString.valueOf("ok");
    private static final LuaString DOUBLE = LuaString.valueOf("double");
    private static final LuaString MAP = LuaString.valueOf("map");
    private static final LuaString SET = LuaString.valueOf("set");
    private static final LuaString BIG_NUMBER = LuaString.valueOf("big_number");
    private static final LuaString VERBATIM = LuaString.valueOf("verbatim_string");

    private LuaReplies() {}

    static LuaTable errorTable(String text) {
        LuaTable t = new LuaTable();
        t.rawset(ERR, LuaValue.valueOf(text));
        return t;
    }

    static LuaTable statusTable(String text) {
        LuaTable t = new LuaTable();
        t.rawset(OK, LuaValue.valueOf(text));
        return t;
    }

    /** The error text of a table such as {@code {err = "..."}}, or null. */
    static String errorText(LuaValue v) {
        if (v.istable()) {
            LuaValue err = v.rawget(ERR);
            return err.isstring() ? err.tojstring() : null;
        }
        return null;
    }

    /** A command's reply as the script sees it, {@code resp} being 2 or 3 (redis.setresp). */
    static LuaValue toLua(Reply reply, int resp) {
        if (reply instanceof Reply.Int i) {
            return LuaValue.valueOf(i.value());
        } else if (reply instanceof Reply.Bulk b) {
            return LuaString.valueOf(b.value());
        } else if (reply instanceof Reply.Simple s) {
            return statusTable(s.text());
        } else if (reply instanceof Reply.Error e) {
            return errorTable(e.text());
        } else if (reply instanceof Reply.Nil || reply instanceof Reply.NilArray) {
            return resp == 2 ? LuaValue.FALSE : LuaValue.NIL;
        } else if (reply instanceof Reply.Array a) {
            return list(a.items(), resp);
        } else if (reply instanceof Reply.MapReply m) {
            if (resp == 2) {
                return list(m.keysAndValues(), resp);
            }
            LuaTable map = new LuaTable();
            for (int i = 0; i + 1 < m.keysAndValues().size(); i += 2) {
                map.rawset(toLua(m.keysAndValues().get(i), resp), toLua(m.keysAndValues().get(i + 1), resp));
            }
            return wrap(MAP, map);
        } else if (reply instanceof Reply.SetReply s) {
            if (resp == 2) {
                return list(s.items(), resp);
            }
            LuaTable set = new LuaTable();
            for (Reply item : s.items()) {
                set.rawset(toLua(item, resp), LuaValue.TRUE);
            }
            return wrap(SET, set);
        } else if (reply instanceof Reply.Pairs p) {
            if (resp == 2) {
                return list(p.flat(), resp);
            }
            LuaTable pairs = new LuaTable();
            for (int i = 0; i + 1 < p.flat().size(); i += 2) {
                pairs.rawset(i / 2 + 1, list(p.flat().subList(i, i + 2), resp));
            }
            return pairs;
        } else if (reply instanceof Reply.DoubleReply d) {
            return resp == 2 ? LuaValue.valueOf(LuaNumbers.format(d.value(), 17)) : wrap(DOUBLE, LuaValue.valueOf(d.value()));
        } else if (reply instanceof Reply.DoubleText d) {
            return resp == 2 ? LuaValue.valueOf(d.text()) : wrap(DOUBLE, LuaValue.valueOf(Double.parseDouble(d.text())));
        } else if (reply instanceof Reply.Bool b) {
            return resp == 2 ? LuaValue.valueOf(b.value() ? 1 : 0) : LuaValue.valueOf(b.value());
        } else if (reply instanceof Reply.Verbatim v) {
            if (resp == 2) {
                return LuaValue.valueOf(v.text());
            }
            LuaTable verbatim = new LuaTable();
            verbatim.rawset("format", LuaValue.valueOf(v.format()));
            verbatim.rawset("string", LuaValue.valueOf(v.text()));
            return wrap(VERBATIM, verbatim);
        }
        throw new IllegalArgumentException("no Lua form for " + reply);
    }

    private static LuaTable list(List<Reply> items, int resp) {
        LuaTable t = new LuaTable(items.size(), 0);
        for (int i = 0; i < items.size(); i++) {
            t.rawset(i + 1, toLua(items.get(i), resp));
        }
        return t;
    }

    private static LuaTable wrap(LuaString field, LuaValue value) {
        LuaTable t = new LuaTable();
        t.rawset(field, value);
        return t;
    }

    /** A script's return value as the client gets it; {@code clientResp} is the client's protocol. */
    static Reply toReply(LuaValue v, int clientResp) {
        switch (v.type()) {
            case LuaValue.TNUMBER:
                return Reply.integer((long) v.todouble());
            case LuaValue.TSTRING:
                return new Reply.Bulk(bytes(v));
            case LuaValue.TBOOLEAN:
                if (clientResp == 3) {
                    return new Reply.Bool(v.toboolean());
                }
                return v.toboolean() ? Reply.ONE : Reply.NIL;
            case LuaValue.TTABLE:
                return tableReply((LuaTable) v, clientResp);
            default:
                return Reply.NIL;
        }
    }

    static byte[] bytes(LuaValue v) {
        LuaString s = v.strvalue();
        byte[] out = new byte[s.m_length];
        s.copyInto(0, out, 0, s.m_length);
        return out;
    }

    private static Reply tableReply(LuaTable t, int clientResp) {
        LuaValue err = t.rawget(ERR);
        if (err.isstring()) {
            return Reply.error(err.tojstring());
        }
        LuaValue ok = t.rawget(OK);
        if (ok.isstring()) {
            return new Reply.Simple(ok.tojstring());
        }
        LuaValue d = t.rawget(DOUBLE);
        if (d.isnumber()) {
            return new Reply.DoubleReply(d.todouble());
        }
        LuaValue big = t.rawget(BIG_NUMBER);
        if (big.isstring()) {
            return new Reply.Bulk(bytes(big));
        }
        LuaValue map = t.rawget(MAP);
        if (map.istable()) {
            List<Reply> flat = new ArrayList<>();
            for (Varargs e = map.next(LuaValue.NIL); !e.arg1().isnil(); e = map.next(e.arg1())) {
                flat.add(toReply(e.arg1(), clientResp));
                flat.add(toReply(e.arg(2), clientResp));
            }
            return new Reply.MapReply(flat);
        }
        LuaValue set = t.rawget(SET);
        if (set.istable()) {
            List<Reply> items = new ArrayList<>();
            for (Varargs e = set.next(LuaValue.NIL); !e.arg1().isnil(); e = set.next(e.arg1())) {
                items.add(toReply(e.arg1(), clientResp));
            }
            return new Reply.SetReply(items);
        }
        List<Reply> items = new ArrayList<>();
        for (int i = 1; ; i++) {
            LuaValue item = t.rawget(i);
            if (item.isnil()) {
                break;
            }
            items.add(toReply(item, clientResp));
        }
        return Reply.array(items);
    }
}
