package io.trigger4j.client;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.trigger4j.client.internal.Checks;
import io.trigger4j.client.internal.MediaTypes;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.JsonValue;
import io.trigger4j.client.model.waitpoints.CreateWaitpointTokenRequest;
import io.trigger4j.client.model.waitpoints.CreatedWaitpointToken;
import io.trigger4j.client.model.waitpoints.ListWaitpointTokensRequest;
import io.trigger4j.client.model.waitpoints.WaitpointToken;
import io.trigger4j.client.model.waitpoints.WaitpointTokenStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The {@link WaitpointsOperations} implementation. */
final class DefaultWaitpointsOperations implements WaitpointsOperations {

	/** The response header carrying a public access token scoped to the new token. */
	private static final String JWT_HEADER = "x-trigger-jwt";

	/** A callback URL's path after the base path: the token id and the hash. */
	private static final Pattern CALLBACK_PATH = Pattern
		.compile("(.*)/api/v1/waitpoints/tokens/([^/]+)/callback/([^/]+)");

	private static final String CALLBACK_FORM = "a waitpoint token's callback URL, "
			+ "http(s)://<host>/api/v1/waitpoints/tokens/waitpoint_.../callback/<64 hex characters>";

	private final TriggerHttp http;

	DefaultWaitpointsOperations(TriggerHttp http) {
		this.http = http;
	}

	@Override
	public Mono<CreatedWaitpointToken> createToken(CreateWaitpointTokenRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		Instant timeoutAt = request.timeoutAt();
		if (timeoutAt != null) {
			Instant now = this.http.clock().instant();
			if (!timeoutAt.isAfter(now)) {
				throw new IllegalArgumentException("timeoutAt must be in the future but was " + timeoutAt + " (now "
						+ now + "); the server would take a past instant as no timeout");
			}
		}
		return this.http.execute(ApiCall.to(Operation.WAITPOINTS_CREATE_TOKEN)
			.body(new CreateBody(request.idempotencyKey(), request.idempotencyKeyTtl(), request.timeout(),
					request.tags()))
			.idempotencyKey(request.idempotencyKey())
			.reading(CreateAnswer.class, (answer, headers) -> new CreatedWaitpointToken(answer.id(), answer.isCached(),
					answer.url(), headers.getFirst(JWT_HEADER))));
	}

	@Override
	public Flux<WaitpointToken> listTokens(ListWaitpointTokensRequest request) {
		Objects.requireNonNull(request, "request must not be null");
		String name = Operation.WAITPOINTS_LIST_TOKENS.observationName();
		return CursorPager.stream(
				(cursor) -> this.http.execute(pageCall(request, "page[after]", cursor).readingPage(TokenPage.class,
						CursorPager.atMost(request.pageSize()), (json, page) -> page.toPage(json, name))),
				WaitpointToken::id);
	}

	@Override
	public Mono<CursorPage<WaitpointToken>> listTokensPage(ListWaitpointTokensRequest request,
			@Nullable String cursor) {
		Objects.requireNonNull(request, "request must not be null");
		if (cursor != null) {
			Checks.requireText("cursor", cursor);
		}
		return page(request, "page[after]", cursor);
	}

	@Override
	public Mono<CursorPage<WaitpointToken>> listTokensPageBefore(ListWaitpointTokensRequest request, String cursor) {
		Objects.requireNonNull(request, "request must not be null");
		return page(request, "page[before]", Checks.requireText("cursor", cursor));
	}

	private Mono<CursorPage<WaitpointToken>> page(ListWaitpointTokensRequest request, String cursorParameter,
			@Nullable String cursor) {
		String name = Operation.WAITPOINTS_LIST_TOKENS.observationName();
		return this.http.execute(pageCall(request, cursorParameter, cursor)
			.reading((json, body, headers) -> json.read(name, body, TokenPage.class).toPage(json, name)));
	}

	/** A page's call: the request's filters, its page size and the cursor. */
	private static ApiCall.Builder pageCall(ListWaitpointTokensRequest request, String cursorParameter,
			@Nullable String cursor) {
		return ApiCall.to(Operation.WAITPOINTS_LIST_TOKENS)
			.query(request.queryParameters())
			.query("page[size]", request.pageSize())
			.query(cursorParameter, cursor);
	}

	@Override
	public Mono<WaitpointToken> retrieveToken(String tokenId) {
		String name = Operation.WAITPOINTS_RETRIEVE_TOKEN.observationName();
		return this.http.execute(ApiCall.to(Operation.WAITPOINTS_RETRIEVE_TOKEN, tokenId)
			.reading((json, body, headers) -> json.read(name, body, TokenAnswer.class).toToken(json, name)));
	}

	@Override
	public Mono<Void> completeToken(String tokenId, Object data) {
		ApiCall.Builder call = ApiCall.to(Operation.WAITPOINTS_COMPLETE_TOKEN, tokenId);
		RawJson json = this.http.json().user("data", requireData(data));
		return this.http.execute(call.body(new CompleteBody(json)).reading(SuccessAnswer.class)).then();
	}

	@Override
	public Mono<Void> completeViaCallbackUrl(String url, Object data) {
		String[] path = callbackPath(url, URI.create(this.http.baseUrl()).getRawPath());
		ApiCall.Builder call;
		try {
			call = ApiCall.to(Operation.WAITPOINTS_COMPLETE_VIA_CALLBACK, path);
		}
		catch (IllegalArgumentException ex) {
			// The hash's kind never shows it; the token id's shows the id, which could be
			// the hash in a garbled URL.
			String reason = Pattern.compile(Pattern.quote(path[1]), Pattern.CASE_INSENSITIVE)
				.matcher(ex.getMessage())
				.replaceAll("******");
			throw new IllegalArgumentException("url must be " + CALLBACK_FORM + " but in its path, " + reason);
		}
		RawJson json = this.http.json().user("data", requireData(data));
		return this.http.execute(call.body(json).reading(SuccessAnswer.class)).then();
	}

	private static Object requireData(Object data) {
		return Objects.requireNonNull(data, "data must not be null; use Map.of() to complete without data");
	}

	/**
	 * The token id and hash of a callback URL; the URL's path must be the client's base
	 * path followed by the callback route. The values themselves are checked by their
	 * {@link PathParameter} kinds. Messages never show any part of the URL that could
	 * hold the hash.
	 */
	static String[] callbackPath(String url, @Nullable String basePath) {
		Checks.requireText("url", url);
		if (!url.strip().equals(url)) {
			throw new IllegalArgumentException("url must not start or end with whitespace");
		}
		URI uri;
		try {
			uri = new URI(url);
		}
		catch (Exception ex) {
			throw new IllegalArgumentException("url must be " + CALLBACK_FORM + " but it is not a valid URL");
		}
		if (uri.getScheme() == null
				|| !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))
				|| uri.getHost() == null) {
			throw new IllegalArgumentException(
					"url must be " + CALLBACK_FORM + " but it is not an absolute http(s) URL");
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
			throw new IllegalArgumentException(
					"url must be " + CALLBACK_FORM + " but it has user info, a query or a fragment");
		}
		Matcher matcher = CALLBACK_PATH.matcher((uri.getRawPath() != null) ? uri.getRawPath() : "");
		if (!matcher.matches()) {
			throw new IllegalArgumentException("url must be " + CALLBACK_FORM + " but its path has another form");
		}
		String prefix = matcher.group(1);
		String base = (basePath != null) ? basePath : "";
		if (!prefix.isEmpty() && !prefix.equals(base)) {
			throw new IllegalArgumentException("url must be " + CALLBACK_FORM
					+ " but its path does not start with the client's base path ('" + base + "')");
		}
		return new String[] { matcher.group(2), matcher.group(3) };
	}

	/**
	 * The completion data of a token as JSON, decoded by how the server stored it (its
	 * media type's type and subtype, in any case, parameters ignored). Data stored apart
	 * ({@code application/store}) is kept as its storage path, a JSON string, which
	 * {@link WaitpointToken#output()} refuses to hand out as data.
	 */
	static @Nullable JsonValue data(WireJson json, String name, @Nullable JsonNode output,
			@Nullable String outputType) {
		if (output == null || output.isNull() || output.isMissingNode()) {
			return null;
		}
		if (!output.isString()) {
			// Already JSON (not how the server sends it, but unambiguous).
			return json.read(name, WireJson.WIRE.writeValueAsBytes(output), JsonValue.class);
		}
		String text = output.stringValue();
		String type = (outputType != null) ? MediaTypes.essence(outputType) : MediaTypes.JSON;
		return switch (type) {
			case MediaTypes.JSON -> json.read(name, text.getBytes(StandardCharsets.UTF_8), JsonValue.class);
			case MediaTypes.SUPER_JSON ->
				json.read(name, text.getBytes(StandardCharsets.UTF_8), SuperJson.class).json();
			default -> json.read(name, WireJson.WIRE.writeValueAsBytes(text), JsonValue.class);
		};
	}

	record CreateBody(@Nullable String idempotencyKey,
			@JsonProperty("idempotencyKeyTTL") @Nullable String idempotencyKeyTtl, @Nullable String timeout,
			@Nullable List<String> tags) {
	}

	record CompleteBody(RawJson data) {
	}

	/** The answer of create. */
	record CreateAnswer(@JsonProperty(required = true) String id, boolean isCached,
			@JsonProperty(required = true) String url) {

		CreateAnswer {
			Objects.requireNonNull(id, "id must not be null");
			Objects.requireNonNull(url, "url must not be null");
		}

	}

	/** The answer of complete and of the callback: {@code {"success": true}}. */
	record SuccessAnswer(@Nullable Boolean success) {
	}

	/**
	 * A token as the server sends it: the output is serialised text, and
	 * {@code completedAfter} is the same value as {@code timeoutAt} (both come from the
	 * waitpoint's {@code completedAfter}), read only when {@code timeoutAt} is missing.
	 */
	record TokenAnswer(@JsonProperty(required = true) String id, @Nullable WaitpointTokenStatus status,
			@Nullable String url, @Nullable Instant completedAt, @Nullable Instant timeoutAt,
			@Nullable Instant completedAfter, @Nullable String idempotencyKey,
			@Nullable Instant idempotencyKeyExpiresAt, @Nullable List<String> tags, @Nullable Instant createdAt,
			@Nullable JsonNode output, @Nullable String outputType, @Nullable Boolean outputIsError) {

		TokenAnswer {
			Objects.requireNonNull(id, "id must not be null");
		}

		WaitpointToken toToken(WireJson json, String name) {
			return new WaitpointToken(this.id, this.status, this.url, this.completedAt,
					(this.timeoutAt != null) ? this.timeoutAt : this.completedAfter, this.idempotencyKey,
					this.idempotencyKeyExpiresAt, this.tags, this.createdAt,
					data(json, name, this.output, this.outputType), this.outputType,
					Boolean.TRUE.equals(this.outputIsError));
		}

	}

	/** The {@code application/super+json} envelope: the plain JSON and its type notes. */
	record SuperJson(@Nullable JsonValue json) {
	}

	/** The wire shape of a list page. */
	record TokenPage(@Nullable List<TokenAnswer> data, @Nullable Pagination pagination) {

		CursorPage<WaitpointToken> toPage(WireJson json, String name) {
			List<WaitpointToken> tokens = (this.data != null)
					? this.data.stream().map((token) -> token.toToken(json, name)).toList() : List.of();
			return (this.pagination != null)
					? new CursorPage<>(tokens, this.pagination.next(), this.pagination.previous())
					: new CursorPage<>(tokens, null, null);
		}

	}

	/** The wire shape of a page's cursors. */
	record Pagination(@Nullable String next, @Nullable String previous) {
	}

}
