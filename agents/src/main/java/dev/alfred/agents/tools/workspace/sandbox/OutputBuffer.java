package dev.alfred.agents.tools.workspace.sandbox;

import java.nio.charset.StandardCharsets;

/**
 * Part of a stream, and how many bytes the stream had in all: its last {@code capacity} bytes ({@link #tail}, kept
 * in a ring buffer, for command output whose end matters) or its first ({@link #head}, for git output such as a
 * diff whose start matters). A flood costs no more memory than the capacity. Thread-safe.
 */
public final class OutputBuffer {
    private final byte[] kept;
    private final boolean head;
    private long total;

    private OutputBuffer(int capacity, boolean head) {
        this.kept = new byte[capacity];
        this.head = head;
    }

    /** @return a buffer keeping the last {@code capacity} bytes */
    public static OutputBuffer tail(int capacity) {
        return new OutputBuffer(capacity, false);
    }

    /** @return a buffer keeping the first {@code capacity} bytes */
    public static OutputBuffer head(int capacity) {
        return new OutputBuffer(capacity, true);
    }

    synchronized void write(byte[] bytes, int offset, int length) {
        if (head) {
            int room = (int) Math.max(0, kept.length - total);
            System.arraycopy(bytes, offset, kept, (int) Math.min(total, kept.length), Math.min(room, length));
            total += length;
            return;
        }
        if (length > kept.length) {
            total += length - kept.length;
            offset += length - kept.length;
            length = kept.length;
        }
        int position = (int) (total % kept.length);
        int first = Math.min(length, kept.length - position);
        System.arraycopy(bytes, offset, kept, position, first);
        System.arraycopy(bytes, offset + first, kept, 0, length - first);
        total += length;
    }

    /** @return bytes written in all */
    public synchronized long total() {
        return total;
    }

    /** @return the kept bytes as UTF-8 text (a character cut at the edge shows as U+FFFD) */
    public synchronized String text() {
        int size = (int) Math.min(total, kept.length);
        byte[] copy = new byte[size];
        int start = head ? 0 : (int) ((total - size) % kept.length);
        for (int i = 0; i < size; i++) {
            copy[i] = kept[(start + i) % kept.length];
        }
        return new String(copy, StandardCharsets.UTF_8);
    }
}
