package io.genmod.registry;

import java.security.SecureRandom;

/** Random ids of a prefix and eight base-36 characters ("m-4rsp5jih"): about 2.8e12 of them, hard to guess. */
public final class RandomIds {

    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 8;

    private final String prefix;
    private final SecureRandom random = new SecureRandom();

    public RandomIds(String prefix) {
        this.prefix = prefix;
    }

    public String next() {
        char[] id = new char[LENGTH];
        for (int i = 0; i < id.length; i++) {
            id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return prefix + new String(id);
    }
}
