package dev.gitblog.render.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Deterministic blog-like markdown posts (headings, prose with inline markup, lists, code, quotes, links). */
public final class PostGenerator {

    private static final String[] WORDS = ("the unikernel network stack protocol reproducible build package "
            + "signature trust repository deployment resolver certificate library ocaml mirage kernel memory "
            + "process socket address frame cache request reply").split(" ");

    private PostGenerator() {
    }

    public static List<String> posts(int count, long seed) {
        Random r = new Random(seed);
        List<String> posts = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            posts.add(post(r, i));
        }
        return posts;
    }

    static String post(Random r, int n) {
        StringBuilder b = new StringBuilder();
        int sections = 2 + r.nextInt(4);
        for (int s = 0; s < sections; s++) {
            b.append("## ").append(sentence(r, 4)).append("\n\n");
            for (int p = 0; p < 1 + r.nextInt(3); p++) {
                b.append(sentence(r, 25)).append(" *").append(word(r)).append("* and `").append(word(r))
                        .append("` see [").append(word(r)).append("](/Posts/P").append(r.nextInt(5000))
                        .append(") or <https://example.org/").append(word(r)).append(">. ")
                        .append(sentence(r, 20)).append("\n\n");
            }
            switch (r.nextInt(3)) {
                case 0 -> {
                    for (int i = 0; i < 3 + r.nextInt(4); i++) {
                        b.append("- ").append(sentence(r, 8)).append('\n');
                    }
                    b.append('\n');
                }
                case 1 -> b.append("```OCaml\nlet ").append(word(r)).append(" x = \"").append(word(r))
                        .append("\" ^ x\n```\n\n");
                default -> b.append("> ").append(sentence(r, 15)).append("\n\n");
            }
        }
        b.append("Post number ").append(n).append(".\n");
        return b.toString();
    }

    private static String sentence(Random r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(word(r));
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    private static String word(Random r) {
        return WORDS[r.nextInt(WORDS.length)];
    }
}
