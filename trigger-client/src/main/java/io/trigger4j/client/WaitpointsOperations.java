package io.trigger4j.client;

import io.trigger4j.client.error.NotFoundException;
import io.trigger4j.client.model.CursorPage;
import io.trigger4j.client.model.waitpoints.CreateWaitpointTokenRequest;
import io.trigger4j.client.model.waitpoints.CreatedWaitpointToken;
import io.trigger4j.client.model.waitpoints.ListWaitpointTokensRequest;
import io.trigger4j.client.model.waitpoints.WaitpointToken;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Waitpoint tokens: create, list, retrieve and complete them. Obtain from
 * {@link TriggerOperations#waitpoints()}. A task waits on a token (in the TypeScript SDK,
 * {@code wait.forToken(id)}) until it is completed, here or through its callback URL, or
 * until its timeout passes.
 *
 * <p>
 * A token is named by its id, {@code waitpoint_...}; any other id is refused before
 * sending. Completing a token that is already completed succeeds and leaves its data
 * unchanged.
 *
 * <p>
 * The method names ({@code createToken}, {@code listTokens}, {@code retrieveToken},
 * {@code completeToken}) follow the official SDK's {@code wait.createToken},
 * {@code wait.listTokens}, {@code wait.retrieveToken} and {@code wait.completeToken} on
 * purpose, so code and documentation written for the SDK map one to one.
 */
public interface WaitpointsOperations {

	/**
	 * Creates a waitpoint token. {@code POST /api/v1/waitpoints/tokens}. Repeated after
	 * an ambiguous failure only when the request has an idempotency key (a repeat then
	 * returns the same token); without one, a repeat could create a second token.
	 * @param request the idempotency key, timeout and tags;
	 * {@link CreateWaitpointTokenRequest#none()} for none
	 * @return the token's id, its callback URL, and whether an idempotency key matched
	 */
	Mono<CreatedWaitpointToken> createToken(CreateWaitpointTokenRequest request);

	/**
	 * Streams every token matching the request, newest first, fetching page after page as
	 * the subscriber asks for tokens ({@code GET /api/v1/waitpoints/tokens}), the way
	 * {@link RunsOperations#list} walks runs: a page only while more is wanted than the
	 * walk holds, one request at a time, at most one page ahead, so {@code take(n)}
	 * fetches only the pages it needs. Tokens repeated across a page boundary are
	 * dropped. List items have no completion data: retrieve a token for it.
	 * @param request filters and page size; {@link ListWaitpointTokensRequest#all()} for
	 * none
	 * @return the matching tokens, newest first
	 */
	Flux<WaitpointToken> listTokens(ListWaitpointTokensRequest request);

	/**
	 * Fetches one page of tokens, newest first. {@code GET /api/v1/waitpoints/tokens}.
	 * @param request filters and page size
	 * @param cursor {@code null} for the first page, or a {@link CursorPage#next()}
	 * cursor (sent as {@code page[after]}; opaque)
	 * @return the page
	 */
	Mono<CursorPage<WaitpointToken>> listTokensPage(ListWaitpointTokensRequest request, @Nullable String cursor);

	/**
	 * Fetches the page before a cursor (newer tokens). {@code GET
	 * /api/v1/waitpoints/tokens} with {@code page[before]}.
	 * @param request filters and page size
	 * @param cursor a {@link CursorPage#previous()} cursor
	 * @return the page before the cursor
	 */
	Mono<CursorPage<WaitpointToken>> listTokensPageBefore(ListWaitpointTokensRequest request, String cursor);

	/**
	 * Retrieves a token with its status and, once completed, its data
	 * ({@link WaitpointToken#output(Class)}) or, once timed out, its error
	 * ({@link WaitpointToken#error()}). {@code GET
	 * /api/v1/waitpoints/tokens/{waitpointId}}. An unknown token fails with
	 * {@link NotFoundException}.
	 * @param tokenId the token id ({@code waitpoint_...})
	 * @return the token
	 */
	Mono<WaitpointToken> retrieveToken(String tokenId);

	/**
	 * Completes a token with data, resuming any run waiting on it. {@code POST
	 * /api/v1/waitpoints/tokens/{waitpointId}/complete} with the body {@code {"data":
	 * <data>}}. A token already completed stays as it was, and the call succeeds. Takes
	 * the secret key; the server also accepts a public access token scoped
	 * {@code write:waitpoints:<id>}.
	 * @param tokenId the token id ({@code waitpoint_...})
	 * @param data anything that serialises to JSON (written with the application's
	 * mapper); a {@code String} is stored as text. Use {@code Map.of()} for no data
	 * @return completes empty once the server has accepted it
	 */
	Mono<Void> completeToken(String tokenId, Object data);

	/**
	 * Completes a token through its callback URL ({@link WaitpointToken#url()}), as a
	 * third party holding only the URL would: no credential is sent, the URL's hash
	 * authenticates the call. {@code POST
	 * /api/v1/waitpoints/tokens/{waitpointId}/callback/{callbackHash}} with the data
	 * itself as the body (not wrapped in {@code data}).
	 *
	 * <p>
	 * The call goes to this client's base URL: only the URL's path (token id and hash) is
	 * used, its scheme and host are not, since the server builds them from its own
	 * configured origin, which need not be how this client reaches it. A URL whose path
	 * is not {@code [base path]/api/v1/waitpoints/tokens/waitpoint_.../callback/<64 hex
	 * characters>} is refused before anything is sent. A wrong hash gets 401.
	 * <p>
	 * The hash is a secret: no exception message, cause or observation of this call holds
	 * it (WebClient's own observation is left out for this call, as it records the URL).
	 * Spring's {@code ExchangeFunctions} and Reactor Netty log request URLs at DEBUG
	 * level: keep those loggers above DEBUG where the URL must stay secret.
	 * @param url the token's callback URL, as the server gave it; its hash is never
	 * printed
	 * @param data anything that serialises to JSON; use {@code Map.of()} for no data
	 * @return completes empty once the server has accepted it
	 */
	Mono<Void> completeViaCallbackUrl(String url, Object data);

}
