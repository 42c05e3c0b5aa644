package dev.gitblog.systemtests.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * run.sh, export.sh and the scripts they call run on macOS too: bash 3.2 (no bash-4 features) and BSD tools
 * (no GNU-only flags, no /proc). macOS's bash dies on {@code declare -A} right after printing "ready", and its
 * exit trap then stops everything: this test fails when such a construct comes back.
 */
class ScriptPortabilityTest {

    /** A construct that does not run on macOS, and why. */
    record Rule(String why, Pattern pattern) {
        Rule(String why, String regex) {
            this(why, Pattern.compile(regex));
        }
    }

    static final List<Rule> RULES = List.of(
            new Rule("associative array (bash 4)", "\\b(declare|local|typeset)\\s+-[a-zA-Z]*A"),
            new Rule("nameref (bash 4.3)", "\\b(declare|local|typeset)\\s+-[a-zA-Z]*n\\b"),
            new Rule("case modification ${v,,} / ${v^^} (bash 4)",
                    "\\$\\{[A-Za-z_][A-Za-z0-9_]*(\\[[^]]*])?(\\^|,)"),
            new Rule("${v@Q} transformation (bash 4.4)", "\\$\\{[^}]*@[QEPAaUuLK]}"),
            new Rule("mapfile/readarray (bash 4)", "\\b(mapfile|readarray)\\b"),
            new Rule("&>> (bash 4)", "&>>"),
            new Rule("|& (bash 4)", "\\|&"),
            new Rule("coproc (bash 4)", "\\bcoproc\\b"),
            new Rule("wait -n (bash 4.3)", "\\bwait\\s+-n\\b"),
            new Rule("sed -i without a suffix (GNU; BSD sed takes the next word as the suffix)",
                    "\\bsed\\s+(-[a-zA-Z]+\\s+)*(-[a-zA-Z]*i|--in-place)(\\s|$)"),
            new Rule("readlink -f (GNU)", "\\breadlink\\s+(-[a-zA-Z]+\\s+)*-[a-zA-Z]*f"),
            new Rule("date +%N (GNU)", "\\bdate\\b[^|;&]*%N"),
            new Rule("stat -c / --format (GNU)", "\\bstat\\s+(-[a-zA-Z]+\\s+)*(-c\\b|--format|--printf)"),
            new Rule("grep -P (GNU)", "\\bgrep\\s+(-[a-zA-Z]+\\s+)*-[a-zA-Z]*P"),
            new Rule("xargs -r (GNU)", "\\bxargs\\s+(-[a-zA-Z]+\\s+)*-[a-zA-Z]*r\\b"),
            new Rule("find -printf (GNU)", "\\bfind\\b[^|;&]*-printf"),
            new Rule("timeout (GNU coreutils, not on macOS)", "(^|[;&|(]\\s*|\\s)timeout\\s+-?[0-9]"),
            new Rule("/proc (Linux only)", "/proc/"));

    /** The findings in a script's text: "line N: why: the line". Comment lines and trailing comments are skipped. */
    static List<String> findings(String text) {
        List<String> out = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String code = withoutComment(lines[i]);
            for (Rule rule : RULES) {
                if (rule.pattern().matcher(code).find()) {
                    out.add("line " + (i + 1) + ": " + rule.why() + ": " + lines[i].strip());
                }
            }
        }
        return out;
    }

    /** The line without a comment: a line starting with #, or " # ..." after the code. */
    static String withoutComment(String line) {
        if (line.stripLeading().startsWith("#")) {
            return "";
        }
        int hash = line.indexOf(" # ");
        return hash >= 0 ? line.substring(0, hash) : line;
    }

    /** run.sh, export.sh and every script beside them (run.sh calls example-repo.sh). */
    static List<Path> scripts() throws IOException {
        Path local = ProjectRoot.find().resolve("deploy/local");
        try (Stream<Path> files = Files.list(local)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".sh")).sorted().toList();
        }
    }

    @Test
    void theLaunchScriptsRunOnBash32AndBsdTools() throws IOException {
        List<Path> scripts = scripts();
        assertTrue(scripts.stream().anyMatch(p -> p.endsWith("run.sh")), "run.sh found: " + scripts);
        assertTrue(scripts.stream().anyMatch(p -> p.endsWith("export.sh")), "export.sh found: " + scripts);
        List<String> all = new ArrayList<>();
        for (Path script : scripts) {
            for (String f : findings(Files.readString(script))) {
                all.add(script.getFileName() + " " + f);
            }
        }
        assertEquals(List.of(), all, "constructs that do not run on macOS (bash 3.2, BSD tools)");
    }

    @Test
    void eachRuleFindsItsConstruct() {
        List<String> bad = List.of(
                "declare -A RESTARTS=()", "local -A seen", "declare -n ref=x", "echo \"${name,,}\"",
                "echo ${name^^}", "echo ${a[1],}", "echo ${v@Q}", "mapfile -t lines < f", "readarray x",
                "cmd &>> log", "cmd |& tee", "coproc cat", "wait -n", "sed -i 's/a/b/' f", "sed -E -i 's/a/b/' f",
                "sed --in-place 's/a/b/' f", "x=$(readlink -f \"$0\")", "t=$(date +%s%N)", "stat -c %s f",
                "grep -oP 'x' f", "xargs -r rm", "find . -printf '%p'", "timeout 5 curl x", "cat /proc/1/cmdline");
        for (String line : bad) {
            assertEquals(1, findings(line).size(), "one finding for: " + line + " " + findings(line));
        }
    }

    @Test
    void portableFormsAndCommentsPass() {
        List<String> good = List.of(
                "sed -i.bak 's/a/b/' f", "sed -n 's/x//p'", "echo \"${#ITEMS[@]}\" ${v:-x} ${v#a} ${v%%,*}",
                "# declare -A is bash 4: not here", "echo ok # no mapfile here", "date +%s", "stat -f %z f",
                "grep -E 'x' f", "readlink link", "ps -o command= -p \"$pid\"", "local -a list", "wait \"$pid\"",
                "sed -u -e 's/^/  ! /'");
        for (String line : good) {
            assertEquals(List.of(), findings(line), line);
        }
    }
}
