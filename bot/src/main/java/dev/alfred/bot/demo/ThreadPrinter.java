package dev.alfred.bot.demo;

import java.io.PrintStream;

/** Prints the Slack calls the demo's {@link LocalSlack} receives as a readable conversation. */
final class ThreadPrinter {
    private final PrintStream out;
    private final String userId;

    ThreadPrinter(PrintStream out, String userId) {
        this.out = out;
        this.userId = userId;
    }

    void print(LocalSlack.Call call) {
        String text = plain(call.arg("text")).replace("<@" + userId + ">", "@you");
        switch (call.method()) {
            case "chat.postMessage" -> {
                if (call.arg("thread_ts") == null) {
                    out.println("#demo  Alfred: " + text);
                } else {
                    out.println("  └ thread  Alfred: " + text.replace("\n", "\n              "));
                }
            }
            case "chat.update" -> out.println("  └ thread  Alfred (edited): " + text);
            default -> { }
        }
    }

    /** @return Slack-escaped text made readable in a terminal */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
