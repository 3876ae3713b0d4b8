package dev.alfred.agents.tools.workspace.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * The last {@code capacity} bytes written to it, and how many were written in all: a stream's tail, kept in a ring
 * buffer so that a flood of output costs no more memory than the tail. Thread-safe.
 */
final class OutputTail {
    private final byte[] ring;
    private long total;

    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        if (length > ring.length) {
            total += length - ring.length;
            offset += length - ring.length;
            length = ring.length;
        }
        int position = (int) (total % ring.length);
        int first = Math.min(length, ring.length - position);
        System.arraycopy(bytes, offset, ring, position, first);
        System.arraycopy(bytes, offset + first, ring, 0, length - first);
        total += length;
    }

    /** @return bytes written in all */
    synchronized long total() {
        return total;
    }

    /** @return the kept bytes as UTF-8 text (a character cut at the start shows as U+FFFD) */
    synchronized String text() {
        int kept = (int) Math.min(total, ring.length);
        byte[] tail = new byte[kept];
        int start = (int) ((total - kept) % ring.length);
        for (int i = 0; i < kept; i++) {
            tail[i] = ring[(start + i) % ring.length];
        }
        return new String(tail, StandardCharsets.UTF_8);
    }
}
