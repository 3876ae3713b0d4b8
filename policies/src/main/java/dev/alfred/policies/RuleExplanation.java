package dev.alfred.policies;

/**
 * One rule that could decide a call, for {@code /alfred policy}.
 *
 * @param ruleId    the rule's id
 * @param source    the file it comes from, or {@code built-in}
 * @param decision  what it decides, in words (Slack mrkdwn), e.g. {@code require approval from <@U1>}
 * @param condition the argument conditions under which it applies, or {@code null} when it applies to every call
 *                  that reaches it
 */
public record RuleExplanation(String ruleId, String source, String decision, String condition) {
}
