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
                    printCardDetails(call.arg("blocks"));
                }
            }
            case "chat.update" -> out.println("  └ thread  Alfred (edited): " + text);
            case "views.open" -> out.println("  (a form opened for you)");
            default -> { }
        }
    }

    private void printCardDetails(String blocks) {
        if (blocks == null || !blocks.contains("approval.approve")) {
            return;
        }
        try {
            for (var text : new com.fasterxml.jackson.databind.ObjectMapper().readTree(blocks).findValues("text")) {
                String line = plain(text.path("text").asText(""));
                if (line.startsWith("*Why:*") || line.startsWith("*What it does:*") || line.startsWith("*Arguments")
                        || line.startsWith("Only ")) {
                    out.println("              " + line.replace("\n", "\n              "));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            out.println("              (card blocks unreadable: " + e.getOriginalMessage() + ")");
        }
    }

    /** @return Slack-escaped text made readable in a terminal */
    static String plain(String text) {
        if (text == null) {
            return "";
        }
        return text.replaceAll("<!date\\^\\d+\\^[^|>]*\\|([^>]*)>", "$1")
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
    }
}
