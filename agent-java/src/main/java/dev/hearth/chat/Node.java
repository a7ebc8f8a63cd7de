package dev.hearth.chat;

import java.util.List;

/** The syntax tree of a parsed template: statements (output, if, for, set, ...) and expressions. */
abstract class Node {
    int line;

    // ---- statements ----
    static final class Text extends Node { String text; Text(String t) { text = t; } }
    static final class Output extends Node { Node expr; Output(Node e) { expr = e; } }
    static final class Block extends Node { List<Node> body; Block(List<Node> b) { body = b; } }
    static final class If extends Node { Node cond; Node then; Node orElse; }
    static final class For extends Node { List<String> targets; Node iter; Node filter; Node body; Node orElse; }
    /** {@code set a = e}, {@code set ns.x = e}, {@code set a, b = e}, or a block set (value null, body set). */
    static final class Set extends Node { List<String> targets; String attr; Node value; Node body; }
    static final class Macro extends Node { String name; List<String> params; List<Node> defaults; Node body; }
    static final class CallBlock extends Node { Call call; List<String> params; Node body; }
    static final class FilterBlock extends Node { Filter filter; Node body; }
    static final class Break extends Node { }
    static final class Continue extends Node { }

    // ---- expressions ----
    static final class Const extends Node { Object value; Const(Object v) { value = v; } }
    static final class Name extends Node { String name; Name(String n) { name = n; } }
    static final class ListLit extends Node { List<Node> items; boolean tuple; }
    static final class DictLit extends Node { List<Node> keys; List<Node> values; }
    static final class Attr extends Node { Node obj; String name; }
    static final class Item extends Node { Node obj; Node index; }
    static final class Slice extends Node { Node obj; Node start; Node stop; Node step; }
    static final class Call extends Node { Node fn; List<Node> args; List<String> kwNames; List<Node> kwValues; }
    static final class Filter extends Node { Node arg; String name; List<Node> args; List<String> kwNames; List<Node> kwValues; }
    static final class Test extends Node { Node arg; String name; List<Node> args; boolean negated; }
    static final class Unary extends Node { String op; Node arg; }
    static final class Binary extends Node { String op; Node left; Node right; }
    static final class Cond extends Node { Node cond; Node then; Node orElse; }
}
