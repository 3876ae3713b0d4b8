package dev.alfred.agents.run;

import java.security.SecureRandom;

/**
 * Makes run ids: 8 characters from an alphabet without look-alikes ({@code 0/o}, {@code 1/l/i}), about 40 bits of
 * randomness, short enough to type in {@code /alfred status <run>}.
 */
public final class RunIds {
    private static final char[] ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RunIds() {
    }

    /** @return a fresh run id */
    public static String next() {
        char[] id = new char[8];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(id);
    }
}
