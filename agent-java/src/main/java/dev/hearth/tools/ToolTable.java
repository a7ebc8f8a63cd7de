package dev.hearth.tools;

import java.util.List;

/** Prints the markdown table of the tools (for the README): {@code java dev.hearth.tools.ToolTable}. */
public final class ToolTable {
    private ToolTable() {}

    public static void main(String[] args) {
        System.out.print(markdown(DomTools.all()));
    }

    public static String markdown(List<ToolSpec> tools) {
        StringBuilder b = new StringBuilder();
        b.append("| tool | what it does | parameters |\n| --- | --- | --- |\n");
        for (ToolSpec t : tools) {
            b.append("| `").append(t.name()).append("` | ").append(cell(t.description())).append(" | ");
            boolean first = true;
            for (ToolParam p : t.params()) {
                if (!first) {
                    b.append("<br>");
                }
                first = false;
                b.append('`').append(p.name()).append("` (").append(p.type());
                if (!p.allowed().isEmpty()) {
                    b.append(": ").append(String.join(" \\| ", p.allowed()));
                }
                b.append(p.required() ? ", required" : "").append("): ").append(cell(p.description()));
            }
            if (first) {
                b.append("none");
            }
            b.append(" |\n");
        }
        return b.toString();
    }

    private static String cell(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '|') {
                b.append("\\|");
            } else if (c == '\n') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
