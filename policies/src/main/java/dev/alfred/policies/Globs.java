package dev.alfred.policies;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Shell-style globs: {@code *} matches any run of characters, {@code ?} one character; case-insensitive. */
final class Globs {
    private Globs() {
    }

    /** @return whether {@code value} matches any of {@code globs} */
    static boolean anyMatch(List<String> globs, String value) {
        if (value == null) {
            return false;
        }
        for (String glob : globs) {
            if (toPattern(glob).matcher(value).matches()) {
                return true;
            }
        }
        return false;
    }

    static Pattern toPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toLowerCase(Locale.ROOT).toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
