/**
 * GitHub tools over the REST API (<a href="https://docs.github.com/en/rest">docs.github.com/en/rest</a>), API
 * version {@code 2022-11-28}: {@code github_get_issue}, {@code github_search_issues} and
 * {@code github_get_pull_request_diff} (tier {@code read}), {@code github_comment}, {@code github_create_issue},
 * {@code github_open_pull_request} and {@code github_create_review} (tier {@code write}).
 *
 * <p>{@link dev.alfred.agents.tools.github.GitHubClient} does the HTTP and turns GitHub's error answers into
 * {@link dev.alfred.agents.tools.github.GitHubException}s whose messages the model may read; every tool turns those
 * into {@link dev.alfred.agents.tools.ToolResult#error tool errors}. The token
 * ({@link dev.alfred.agents.tools.github.GitHubSettings}, from {@code GITHUB_TOKEN}) travels only in the
 * {@code Authorization} header: it is redacted from every result and never logged.
 *
 * <p>Side effects run at most once: when a write call carries an idempotency key (approved calls do), its body gets
 * the hidden marker {@code <!-- alfred-action: KEY -->} and the tool first looks for an effect already carrying that
 * marker, returning it instead of repeating the effect.
 */
package dev.alfred.agents.tools.github;
