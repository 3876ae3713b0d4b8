package dev.alfred.bot.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fake GitHub REST API (version 2022-11-28) on 127.0.0.1, keeping repositories, branches, issues, pull requests and
 * comments in memory and answering in GitHub's JSON shapes. It serves:
 *
 * <ul>
 *   <li>{@code GET /repos/{o}/{r}/issues/{n}}, {@code GET /repos/{o}/{r}/issues?state&sort&direction&per_page&page},
 *       {@code POST /repos/{o}/{r}/issues}</li>
 *   <li>{@code GET|POST /repos/{o}/{r}/issues/{n}/comments} (listed oldest first, {@code per_page} and
 *       {@code page})</li>
 *   <li>{@code POST /repos/{o}/{r}/issues/{n}/labels}, {@code DELETE /repos/{o}/{r}/issues/{n}/labels/{name}}</li>
 *   <li>{@code GET /repos/{o}/{r}/pulls/{n}}, {@code GET /repos/{o}/{r}/pulls?head&base&state},
 *       {@code POST /repos/{o}/{r}/pulls}</li>
 *   <li>{@code GET /repos/{o}/{r}/branches/{branch}}</li>
 *   <li>{@code GET /repos/{o}/{r}/pulls/{n}/files}, {@code GET|POST /repos/{o}/{r}/pulls/{n}/reviews} (a review
 *       comment must name a file of the pull request and a line its patch shows on the right side, else 422)</li>
 *   <li>{@code GET /search/issues?q&per_page}: qualifiers {@code repo:}, {@code is:issue|pr|open|closed},
 *       {@code label:}, {@code author:}, {@code in:title|body}; other words and quoted phrases must all occur</li>
 * </ul>
 *
 * <p>Like GitHub: 401 {@code Bad credentials} without {@code Authorization: Bearer <token>}; 404 {@code Not Found} for
 * anything unknown; 422 {@code Validation Failed} with {@code errors} for a missing title, an unknown head or base
 * branch, or a second open pull request for one head and base; while {@link #rateLimitUntil} is in force, 403 with
 * {@code X-RateLimit-Remaining: 0} and {@code X-RateLimit-Reset}. Every request is recorded.
 */
public final class FakeGitHub implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CREATED_AT = "2024-05-01T12:00:00Z";
    private static final Pattern REPO_PATH = Pattern.compile("^/repos/([^/]+)/([^/]+)(/.*)?$");

    private final HttpServer server;
    private final String token;
    private final String login;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Repository> repositories = new HashMap<>();
    private long nextId = 1000;
    private Instant rateLimitReset;

    /**
     * A request as received.
     *
     * @param path    the decoded path, e.g. {@code /repos/octo/hello/issues/1}
     * @param query   the decoded query parameters (first value each)
     * @param headers the headers, names in lower case (first value each)
     * @param body    the body, empty for none
     */
    public record Request(String method, String path, Map<String, String> query, Map<String, String> headers,
            String body) {
        /** @return a header by lower-case name, or null */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** @return the body parsed as JSON */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static final class Repository {
        final String fullName;
        final Set<String> branches = new TreeSet<>();
        final Map<Integer, ObjectNode> issues = new LinkedHashMap<>();
        final Map<Integer, ObjectNode> pulls = new LinkedHashMap<>();
        final Map<Integer, List<ObjectNode>> comments = new HashMap<>();
        final Map<Integer, List<ObjectNode>> files = new HashMap<>();
        final Map<Integer, List<ObjectNode>> reviews = new HashMap<>();

        Repository(String fullName) {
            this.fullName = fullName;
            branches.add("main");
        }
    }

    private FakeGitHub(HttpServer server, String token, String login) {
        this.server = server;
        this.token = token;
        this.login = login;
    }

    /**
     * Starts the fake on a free port.
     *
     * @param token the only token it accepts
     * @param login the user the token belongs to: the author of whatever is created through the API
     */
    public static FakeGitHub start(String token, String login) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        FakeGitHub fake = new FakeGitHub(server, token, login);
        server.createContext("/", fake::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "fake-github");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
        return fake;
    }

    /** @return the API root, for {@code GITHUB_API_URL}, e.g. {@code http://127.0.0.1:54321} */
    public String apiUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Creates a repository {@code owner/name} with a {@code main} branch (if it does not exist yet). */
    public synchronized FakeGitHub repository(String fullName) {
        repositories.computeIfAbsent(fullName, Repository::new);
        return this;
    }

    /** Creates a branch in a repository, creating the repository too if needed. */
    public synchronized FakeGitHub branch(String fullName, String branch) {
        repository(fullName);
        repositories.get(fullName).branches.add(branch);
        return this;
    }

    /** Creates an issue as {@code author}; @return its number */
    public synchronized int issue(String fullName, String author, String title, String body, String... labels) {
        repository(fullName);
        return newIssue(repositories.get(fullName), author, title, body, List.of(labels)).path("number").asInt();
    }

    /** Creates a pull request from {@code head} into {@code base} (both created as branches); @return its number */
    public synchronized int pullRequest(String fullName, String author, String head, String base, String title,
            String body) {
        branch(fullName, head).branch(fullName, base);
        return newPull(repositories.get(fullName), author, title, body, head, base, false).path("number").asInt();
    }

    /**
     * Adds a changed file to a pull request, with its unified diff hunks as GitHub's {@code patch} field holds them;
     * additions and deletions are counted from the patch.
     */
    public synchronized FakeGitHub pullRequestFile(String fullName, int number, String filename, String patch) {
        long added = patch.lines().filter(line -> line.startsWith("+")).count();
        long removed = patch.lines().filter(line -> line.startsWith("-")).count();
        repositories.get(fullName).files.computeIfAbsent(number, n -> new ArrayList<>()).add(JSON.createObjectNode()
                .put("sha", "f" + nextId++).put("filename", filename).put("status", "modified")
                .put("additions", added).put("deletions", removed).put("changes", added + removed)
                .put("patch", patch));
        return this;
    }

    /** @return the reviews posted on a pull request, oldest first */
    public synchronized List<JsonNode> reviews(String fullName, int number) {
        Repository repository = repositories.get(fullName);
        return repository == null ? List.of() : List.copyOf(repository.reviews.getOrDefault(number, List.of()));
    }

    /** Answers every request with GitHub's primary rate-limit answer until {@code reset}; null lifts it. */
    public synchronized void rateLimitUntil(Instant reset) {
        this.rateLimitReset = reset;
    }

    /** @return every request received so far, in order */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** @return the requests with that method whose path starts with {@code pathPrefix} */
    public List<Request> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    /** @return the repository's pull requests, oldest first, in the REST shape */
    public synchronized List<JsonNode> pulls(String fullName) {
        Repository repository = repositories.get(fullName);
        return repository == null ? List.of() : List.copyOf(repository.pulls.values());
    }

    /** @return the repository's issues (pull requests included, as GitHub lists them), oldest first */
    public synchronized List<JsonNode> issues(String fullName) {
        Repository repository = repositories.get(fullName);
        return repository == null ? List.of() : List.copyOf(repository.issues.values());
    }

    /** @return the comments on an issue or pull request, oldest first */
    public synchronized List<JsonNode> comments(String fullName, int number) {
        Repository repository = repositories.get(fullName);
        return repository == null ? List.of() : List.copyOf(repository.comments.getOrDefault(number, List.of()));
    }

    private void handle(HttpExchange exchange) throws IOException {
        Request request = record(exchange);
        Answer answer;
        synchronized (this) {
            answer = answer(request);
        }
        byte[] bytes = JSON.writeValueAsString(answer.body()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("X-GitHub-Media-Type", "github.v3; format=json");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private record Answer(int status, JsonNode body, Map<String, String> headers) {
        static Answer of(int status, JsonNode body) {
            return new Answer(status, body, Map.of());
        }
    }

    private Request record(HttpExchange exchange) throws IOException {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                values.get(0)));
        Map<String, String> query = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                query.putIfAbsent(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? ""
                        : decode(pair.substring(eq + 1)));
            }
        }
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), query, headers,
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        requests.add(request);
        return request;
    }

    private Answer answer(Request request) {
        if (!("Bearer " + token).equals(request.header("Authorization"))) {
            return Answer.of(401, error("Bad credentials").put("status", "401"));
        }
        if (rateLimitReset != null) {
            return new Answer(403, error("API rate limit exceeded for user ID 1. If you reach out to GitHub Support "
                    + "for help, please include the request ID."), Map.of("X-RateLimit-Limit", "5000",
                    "X-RateLimit-Remaining", "0", "X-RateLimit-Used", "5000",
                    "X-RateLimit-Reset", String.valueOf(rateLimitReset.getEpochSecond()),
                    "X-RateLimit-Resource", request.path().startsWith("/search/") ? "search" : "core"));
        }
        if (request.method().equals("GET") && request.path().equals("/search/issues")) {
            return Answer.of(200, search(request.query()));
        }
        Matcher repo = REPO_PATH.matcher(request.path());
        Repository repository = repo.matches() ? repositories.get(repo.group(1) + "/" + repo.group(2)) : null;
        if (repository == null) {
            return notFound();
        }
        String rest = repo.group(3) == null ? "" : repo.group(3);
        return repositoryAnswer(repository, request, rest);
    }

    private Answer repositoryAnswer(Repository repository, Request request, String rest) {
        String method = request.method();
        String[] parts = rest.split("/", -1);
        if (rest.startsWith("/branches/")) {
            String branch = rest.substring("/branches/".length());
            return repository.branches.contains(branch) ? Answer.of(200, branchJson(repository, branch))
                    : Answer.of(404, error("Branch not found"));
        }
        if (rest.equals("/issues")) {
            return method.equals("POST") ? createIssue(repository, request.json())
                    : Answer.of(200, listIssues(repository, request.query()));
        }
        if (parts.length == 3 && parts[1].equals("issues") && isNumber(parts[2]) && method.equals("GET")) {
            ObjectNode issue = repository.issues.get(Integer.parseInt(parts[2]));
            return issue == null ? notFound() : Answer.of(200, issue);
        }
        if (parts.length == 4 && parts[1].equals("issues") && isNumber(parts[2]) && parts[3].equals("comments")) {
            int number = Integer.parseInt(parts[2]);
            if (!repository.issues.containsKey(number)) {
                return notFound();
            }
            return method.equals("POST") ? createComment(repository, number, request.json())
                    : Answer.of(200, page(repository.comments.getOrDefault(number, List.of()), request.query()));
        }
        if (parts.length >= 4 && parts[1].equals("issues") && isNumber(parts[2]) && parts[3].equals("labels")) {
            ObjectNode issue = repository.issues.get(Integer.parseInt(parts[2]));
            return issue == null ? notFound() : labels(issue, method, parts.length > 4 ? parts[4] : null,
                    request.body().isEmpty() ? null : request.json());
        }
        if (rest.equals("/pulls")) {
            return method.equals("POST") ? createPull(repository, request.json())
                    : Answer.of(200, listPulls(repository, request.query()));
        }
        if (parts.length == 3 && parts[1].equals("pulls") && isNumber(parts[2]) && method.equals("GET")) {
            ObjectNode pull = repository.pulls.get(Integer.parseInt(parts[2]));
            return pull == null ? notFound() : Answer.of(200, pull);
        }
        if (parts.length == 4 && parts[1].equals("pulls") && isNumber(parts[2])
                && repository.pulls.containsKey(Integer.parseInt(parts[2]))) {
            int number = Integer.parseInt(parts[2]);
            if (parts[3].equals("files") && method.equals("GET")) {
                return Answer.of(200, page(repository.files.getOrDefault(number, List.of()), request.query()));
            }
            if (parts[3].equals("reviews")) {
                return method.equals("POST") ? createReview(repository, number, request.json())
                        : Answer.of(200, page(repository.reviews.getOrDefault(number, List.of()), request.query()));
            }
        }
        return notFound();
    }

    private Answer createIssue(Repository repository, JsonNode body) {
        if (body.path("title").asText("").isBlank()) {
            return validationFailed(missingField("Issue", "title"));
        }
        List<String> labels = new ArrayList<>();
        body.path("labels").forEach(label -> labels.add(label.asText()));
        return Answer.of(201, newIssue(repository, login, body.path("title").asText(), body.path("body").asText(null),
                labels));
    }

    /**
     * {@code POST .../labels} with {@code {"labels": [...]}} adds labels, {@code DELETE .../labels/{name}} removes
     * one (404 {@code Label does not exist} when the issue lacks it); both answer the issue's labels, as GitHub does.
     */
    private Answer labels(ObjectNode issue, String method, String name, JsonNode body) {
        ArrayNode labels = (ArrayNode) issue.path("labels");
        if (method.equals("DELETE") && name != null) {
            for (int i = 0; i < labels.size(); i++) {
                if (labels.get(i).path("name").asText().equals(name)) {
                    labels.remove(i);
                    return Answer.of(200, labels.deepCopy());
                }
            }
            return Answer.of(404, error("Label does not exist"));
        }
        if (method.equals("POST") && body != null) {
            for (JsonNode label : body.path("labels")) {
                if (!labels.findValuesAsText("name").contains(label.asText())) {
                    labels.addObject().put("id", nextId++).put("name", label.asText()).put("color", "ededed")
                            .put("default", false).putNull("description");
                }
            }
            return Answer.of(200, labels.deepCopy());
        }
        return notFound();
    }

    /** @return the names of an issue's labels now */
    public synchronized List<String> labels(String fullName, int number) {
        return repositories.get(fullName).issues.get(number).path("labels").findValuesAsText("name");
    }

    private Answer createComment(Repository repository, int number, JsonNode body) {
        if (body.path("body").asText("").isBlank()) {
            return validationFailed(missingField("IssueComment", "body"));
        }
        long id = nextId++;
        String fullName = repository.fullName;
        ObjectNode comment = JSON.createObjectNode().put("id", id).put("node_id", "IC_" + id)
                .put("url", apiUrl() + "/repos/" + fullName + "/issues/comments/" + id)
                .put("html_url", "https://github.com/" + fullName + "/issues/" + number + "#issuecomment-" + id)
                .put("body", body.path("body").asText()).put("created_at", CREATED_AT).put("updated_at", CREATED_AT)
                .put("issue_url", apiUrl() + "/repos/" + fullName + "/issues/" + number)
                .put("author_association", "CONTRIBUTOR");
        comment.set("user", user(login));
        repository.comments.computeIfAbsent(number, n -> new ArrayList<>()).add(comment);
        ObjectNode issue = repository.issues.get(number);
        issue.put("comments", issue.path("comments").asInt() + 1);
        return Answer.of(201, comment);
    }

    private Answer createReview(Repository repository, int number, JsonNode body) {
        for (JsonNode comment : body.path("comments")) {
            ObjectNode file = repository.files.getOrDefault(number, List.of()).stream()
                    .filter(f -> f.path("filename").asText().equals(comment.path("path").asText())).findFirst()
                    .orElse(null);
            if (file == null || !rightLines(file.path("patch").asText()).contains(comment.path("line").asInt())) {
                ObjectNode body422 = error("Unprocessable Entity").put("status", "422");
                body422.putArray("errors").add("Line could not be resolved");
                return Answer.of(422, body422);
            }
        }
        long id = nextId++;
        String fullName = repository.fullName;
        ObjectNode review = JSON.createObjectNode().put("id", id).put("node_id", "PRR_" + id)
                .put("body", body.path("body").asText()).put("state", body.path("event").asText("COMMENT")
                        .equals("REQUEST_CHANGES") ? "CHANGES_REQUESTED" : "COMMENTED")
                .put("html_url", "https://github.com/" + fullName + "/pull/" + number + "#pullrequestreview-" + id)
                .put("submitted_at", CREATED_AT);
        review.set("user", user(login));
        review.set("comments", body.path("comments").deepCopy());
        repository.reviews.computeIfAbsent(number, n -> new ArrayList<>()).add(review);
        return Answer.of(200, review);
    }

    /** @return the new-file line numbers a patch shows (added and unchanged lines) */
    private static Set<Integer> rightLines(String patch) {
        Set<Integer> lines = new TreeSet<>();
        int line = 0;
        for (String text : patch.split("\n")) {
            Matcher hunk = Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,\\d+)? @@.*").matcher(text);
            if (hunk.matches()) {
                line = Integer.parseInt(hunk.group(1));
            } else if (text.startsWith("+") || text.startsWith(" ")) {
                lines.add(line++);
            }
        }
        return lines;
    }

    private Answer createPull(Repository repository, JsonNode body) {
        String head = body.path("head").asText("");
        String branch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
        String base = body.path("base").asText("");
        if (body.path("title").asText("").isBlank()) {
            return validationFailed(missingField("PullRequest", "title"));
        }
        if (!repository.branches.contains(base)) {
            return validationFailed(invalid("PullRequest", "base"));
        }
        if (!repository.branches.contains(branch)) {
            return validationFailed(invalid("PullRequest", "head"));
        }
        String owner = repository.fullName.substring(0, repository.fullName.indexOf('/'));
        boolean open = repository.pulls.values().stream().anyMatch(pull -> pull.path("state").asText().equals("open")
                && pull.path("head").path("ref").asText().equals(branch) && pull.path("base").path("ref").asText()
                .equals(base));
        if (open) {
            return validationFailed(JSON.createObjectNode().put("resource", "PullRequest").put("code", "custom")
                    .put("message", "A pull request already exists for " + owner + ":" + branch + "."));
        }
        return Answer.of(201, newPull(repository, login, body.path("title").asText(), body.path("body").asText(null),
                branch, base, body.path("draft").asBoolean(false)));
    }

    private ObjectNode newIssue(Repository repository, String author, String title, String body, List<String> labels) {
        int number = repository.issues.size() + 1;
        long id = nextId++;
        String fullName = repository.fullName;
        ObjectNode issue = JSON.createObjectNode().put("id", id).put("node_id", "I_" + id)
                .put("url", apiUrl() + "/repos/" + fullName + "/issues/" + number)
                .put("repository_url", apiUrl() + "/repos/" + fullName)
                .put("comments_url", apiUrl() + "/repos/" + fullName + "/issues/" + number + "/comments")
                .put("html_url", "https://github.com/" + fullName + "/issues/" + number)
                .put("number", number).put("state", "open").putNull("state_reason").put("title", title)
                .put("body", body).put("locked", false).put("comments", 0)
                .put("created_at", CREATED_AT).put("updated_at", CREATED_AT).putNull("closed_at")
                .put("author_association", author.equals(login) ? "CONTRIBUTOR" : "OWNER");
        issue.set("user", user(author));
        ArrayNode labelNodes = issue.putArray("labels");
        for (String label : labels) {
            labelNodes.addObject().put("id", nextId++).put("name", label).put("color", "d73a4a").put("default",
                    false).putNull("description");
        }
        issue.putArray("assignees");
        repository.issues.put(number, issue);
        return issue;
    }

    private ObjectNode newPull(Repository repository, String author, String title, String body, String head,
            String base, boolean draft) {
        ObjectNode issue = newIssue(repository, author, title, body, List.of());
        int number = issue.path("number").asInt();
        String fullName = repository.fullName;
        String owner = fullName.substring(0, fullName.indexOf('/'));
        issue.put("html_url", "https://github.com/" + fullName + "/pull/" + number).put("draft", draft);
        issue.putObject("pull_request").put("url", apiUrl() + "/repos/" + fullName + "/pulls/" + number)
                .put("html_url", "https://github.com/" + fullName + "/pull/" + number)
                .put("diff_url", "https://github.com/" + fullName + "/pull/" + number + ".diff")
                .put("patch_url", "https://github.com/" + fullName + "/pull/" + number + ".patch").putNull("merged_at");
        ObjectNode pull = JSON.createObjectNode().put("id", nextId++).put("node_id", "PR_" + number)
                .put("url", apiUrl() + "/repos/" + fullName + "/pulls/" + number)
                .put("html_url", "https://github.com/" + fullName + "/pull/" + number)
                .put("number", number).put("state", "open").put("locked", false).put("title", title)
                .put("body", body).put("created_at", CREATED_AT).put("updated_at", CREATED_AT).putNull("closed_at")
                .putNull("merged_at").put("draft", draft).put("merged", false).put("mergeable", true)
                .put("mergeable_state", "clean").put("comments", 0).put("commits", 1);
        pull.set("user", user(author));
        pull.set("head", ref(repository, owner, head));
        pull.set("base", ref(repository, owner, base));
        repository.pulls.put(number, pull);
        return pull;
    }

    private ObjectNode ref(Repository repository, String owner, String branch) {
        ObjectNode ref = JSON.createObjectNode().put("label", owner + ":" + branch).put("ref", branch)
                .put("sha", sha(repository, branch));
        ref.set("user", user(owner));
        ref.putObject("repo").put("id", repository.fullName.hashCode()).put("name",
                repository.fullName.substring(owner.length() + 1)).put("full_name", repository.fullName)
                .put("private", false).put("default_branch", "main");
        return ref;
    }

    private ObjectNode branchJson(Repository repository, String branch) {
        ObjectNode json = JSON.createObjectNode().put("name", branch);
        json.putObject("commit").put("sha", sha(repository, branch)).put("url", apiUrl() + "/repos/"
                + repository.fullName + "/commits/" + sha(repository, branch));
        return json.put("protected", branch.equals("main"));
    }

    private ArrayNode listIssues(Repository repository, Map<String, String> query) {
        String state = query.getOrDefault("state", "open");
        List<ObjectNode> issues = new ArrayList<>(repository.issues.values().stream()
                .filter(issue -> state.equals("all") || issue.path("state").asText().equals(state))
                .filter(issue -> !query.containsKey("creator") || issue.path("user").path("login").asText()
                        .equals(query.get("creator")))
                .toList());
        if (!"asc".equals(query.get("direction"))) {
            issues.sort(Comparator.comparingInt((ObjectNode issue) -> issue.path("number").asInt()).reversed());
        }
        return page(issues, query);
    }

    private ArrayNode listPulls(Repository repository, Map<String, String> query) {
        String state = query.getOrDefault("state", "open");
        String owner = repository.fullName.substring(0, repository.fullName.indexOf('/'));
        return page(repository.pulls.values().stream()
                .filter(pull -> state.equals("all") || pull.path("state").asText().equals(state))
                .filter(pull -> !query.containsKey("head") || query.get("head").equals(owner + ":"
                        + pull.path("head").path("ref").asText()))
                .filter(pull -> !query.containsKey("base") || query.get("base").equals(pull.path("base").path("ref")
                        .asText()))
                .toList(), query);
    }

    private ObjectNode search(Map<String, String> query) {
        List<ObjectNode> matches = new ArrayList<>();
        for (Repository repository : repositories.values()) {
            for (ObjectNode issue : repository.issues.values()) {
                if (SearchQuery.parse(query.getOrDefault("q", "")).matches(repository.fullName, issue)) {
                    matches.add(issue.deepCopy().put("score", 1.0));
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode().put("total_count", matches.size()).put("incomplete_results", false);
        int perPage = Integer.parseInt(query.getOrDefault("per_page", "30"));
        answer.putArray("items").addAll(matches.subList(0, Math.min(perPage, matches.size())));
        return answer;
    }

    /** A parsed search query: qualifiers and the words and phrases that must occur. */
    private record SearchQuery(Map<String, List<String>> qualifiers, List<String> terms) {
        static SearchQuery parse(String q) {
            Map<String, List<String>> qualifiers = new HashMap<>();
            List<String> terms = new ArrayList<>();
            Matcher token = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(q);
            while (token.find()) {
                String word = token.group(1) != null ? token.group(1) : token.group(2);
                int colon = word.indexOf(':');
                if (token.group(1) == null && colon > 0) {
                    qualifiers.computeIfAbsent(word.substring(0, colon), k -> new ArrayList<>())
                            .add(word.substring(colon + 1).replace("\"", ""));
                } else {
                    terms.add(word.toLowerCase(Locale.ROOT));
                }
            }
            return new SearchQuery(qualifiers, terms);
        }

        boolean matches(String fullName, JsonNode issue) {
            List<String> is = qualifiers.getOrDefault("is", List.of());
            boolean pull = issue.has("pull_request");
            if (!qualifiers.getOrDefault("repo", List.of(fullName)).contains(fullName)
                    || is.contains("issue") && pull || is.contains("pr") && !pull
                    || is.contains("open") && !issue.path("state").asText().equals("open")
                    || is.contains("closed") && !issue.path("state").asText().equals("closed")
                    || qualifiers.containsKey("author") && !qualifiers.get("author")
                            .contains(issue.path("user").path("login").asText())) {
                return false;
            }
            for (String label : qualifiers.getOrDefault("label", List.of())) {
                if (!issue.path("labels").findValuesAsText("name").contains(label)) {
                    return false;
                }
            }
            List<String> in = qualifiers.getOrDefault("in", List.of("title", "body"));
            String text = ((in.contains("title") ? issue.path("title").asText() : "") + "\n"
                    + (in.contains("body") ? issue.path("body").asText() : "")).toLowerCase(Locale.ROOT);
            return terms.stream().allMatch(text::contains);
        }
    }

    private static ArrayNode page(List<? extends JsonNode> items, Map<String, String> query) {
        int perPage = Math.min(100, Integer.parseInt(query.getOrDefault("per_page", "30")));
        int page = Integer.parseInt(query.getOrDefault("page", "1"));
        ArrayNode array = JSON.createArrayNode();
        for (int i = (page - 1) * perPage; i < Math.min(items.size(), page * perPage); i++) {
            array.add(items.get(i));
        }
        return array;
    }

    private static ObjectNode user(String login) {
        return JSON.createObjectNode().put("login", login).put("id", Math.abs(login.hashCode()))
                .put("type", login.endsWith("[bot]") ? "Bot" : "User").put("site_admin", false);
    }

    private static ObjectNode error(String message) {
        return JSON.createObjectNode().put("message", message).put("documentation_url", "https://docs.github.com/rest");
    }

    private static Answer notFound() {
        return Answer.of(404, error("Not Found").put("status", "404"));
    }

    private static Answer validationFailed(ObjectNode error) {
        ObjectNode body = error("Validation Failed").put("status", "422");
        body.putArray("errors").add(error);
        return Answer.of(422, body);
    }

    private static ObjectNode missingField(String resource, String field) {
        return JSON.createObjectNode().put("resource", resource).put("field", field).put("code", "missing_field");
    }

    private static ObjectNode invalid(String resource, String field) {
        return JSON.createObjectNode().put("resource", resource).put("field", field).put("code", "invalid");
    }

    private static String sha(Repository repository, String branch) {
        return String.format("%040x", Math.abs((long) (repository.fullName + branch).hashCode()));
    }

    private static boolean isNumber(String text) {
        return !text.isEmpty() && text.chars().allMatch(Character::isDigit);
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
