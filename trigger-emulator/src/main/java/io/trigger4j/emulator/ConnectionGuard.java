package io.trigger4j.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;

/**
 * The handlers each connection of the emulator's servers gets, around the HTTP codec: the
 * read timeout (a request not fully received within it, from its first byte to its last,
 * is answered {@code 408} and its connection closed, as the Node http server behind the
 * real API does), and the faults that hit an answer after its route ran
 * ({@link Fault#afterServed()}).
 */
final class ConnectionGuard {

	/** The after-served fault waiting for the answer of the connection's request. */
	static final AttributeKey<Fault> ANSWER_FAULT = AttributeKey.valueOf("trigger4j.emulator.answerFault");

	/** What Node's http server writes when a request times out. */
	private static final byte[] REQUEST_TIMEOUT = "HTTP/1.1 408 Request Timeout\r\nConnection: close\r\n\r\n"
		.getBytes(StandardCharsets.US_ASCII);

	private final long timeoutMillis;

	/** Whether a request has begun arriving and has not arrived in full. */
	private boolean receiving;

	/** Whether the answer to the request being received has begun. */
	private boolean answered;

	private @Nullable ScheduledFuture<?> timer;

	private @Nullable ChannelHandlerContext raw;

	private ConnectionGuard(Duration readTimeout) {
		this.timeoutMillis = Math.max(1, readTimeout.toMillis());
	}

	/** Adds the handlers to a new connection of an HTTP/1.1 server. */
	static void install(Channel channel, Duration readTimeout) {
		if (channel.pipeline().get(NettyPipeline.HttpCodec) == null) {
			return;
		}
		ConnectionGuard guard = new ConnectionGuard(readTimeout);
		channel.pipeline().addFirst("trigger4j.rawReads", guard.new RawReads());
		channel.pipeline().addAfter(NettyPipeline.HttpCodec, "trigger4j.requests", guard.new Requests());
	}

	/** The error body of an injected status, as the emulator's other errors. */
	static String faultBody(int status) {
		String message = switch (status) {
			case 500 -> "Internal Server Error";
			case 502 -> "Bad Gateway";
			case 503 -> "Service Unavailable";
			case 504 -> "Gateway Timeout";
			default -> "Injected fault";
		};
		return "{\"error\":\"" + message + "\"}";
	}

	private void begin(ChannelHandlerContext ctx) {
		this.receiving = true;
		this.answered = false;
		this.timer = ctx.executor().schedule(this::timedOut, this.timeoutMillis, TimeUnit.MILLISECONDS);
	}

	private void received() {
		this.receiving = false;
		cancel();
	}

	private void cancel() {
		ScheduledFuture<?> pending = this.timer;
		this.timer = null;
		if (pending != null) {
			pending.cancel(false);
		}
	}

	private void timedOut() {
		ChannelHandlerContext ctx = this.raw;
		if (!this.receiving || ctx == null || !ctx.channel().isActive()) {
			return;
		}
		this.receiving = false;
		this.timer = null;
		if (this.answered) {
			ctx.close();
		}
		else {
			ctx.writeAndFlush(Unpooled.wrappedBuffer(REQUEST_TIMEOUT)).addListener(ChannelFutureListener.CLOSE);
		}
	}

	/** First in the pipeline: sees the bytes as they arrive, before any decoding. */
	private final class RawReads extends ChannelInboundHandlerAdapter {

		@Override
		public void handlerAdded(ChannelHandlerContext ctx) {
			ConnectionGuard.this.raw = ctx;
		}

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (!ConnectionGuard.this.receiving && msg instanceof ByteBuf bytes && bytes.isReadable()) {
				begin(ctx);
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void channelInactive(ChannelHandlerContext ctx) {
			cancel();
			ctx.fireChannelInactive();
		}

	}

	/** Just after the HTTP codec: sees requests decoded, answers before encoding. */
	private final class Requests extends ChannelDuplexHandler {

		private @Nullable Fault fault;

		private boolean holding;

		private boolean discarding;

		private final List<Held> held = new ArrayList<>();

		@Override
		public void channelRead(ChannelHandlerContext ctx, Object msg) {
			if (msg instanceof LastHttpContent
					|| (msg instanceof HttpObject decoded && decoded.decoderResult().isFailure())) {
				received();
			}
			else if (msg instanceof HttpRequest) {
				ConnectionGuard.this.answered = false;
			}
			ctx.fireChannelRead(msg);
		}

		@Override
		public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
			if (this.discarding) {
				ReferenceCountUtil.release(msg);
				promise.trySuccess();
				return;
			}
			if (this.holding) {
				this.held.add(new Held(msg, promise));
				return;
			}
			if (msg instanceof HttpResponse) {
				ConnectionGuard.this.answered = true;
				Fault injected = ctx.channel().attr(ANSWER_FAULT).getAndSet(null);
				if (injected != null) {
					this.fault = injected;
					this.holding = true;
					this.held.add(new Held(msg, promise));
					ctx.executor().schedule(() -> release(ctx), injected.latency().toMillis(), TimeUnit.MILLISECONDS);
					return;
				}
			}
			ctx.write(msg, promise);
		}

		@Override
		public void flush(ChannelHandlerContext ctx) {
			if (!this.holding && !this.discarding) {
				ctx.flush();
			}
		}

		/** The held answer goes on, or is replaced by the fault's status, or is lost. */
		private void release(ChannelHandlerContext ctx) {
			Fault injected = this.fault;
			this.fault = null;
			this.holding = false;
			if (injected == null || (!injected.dropConnection() && injected.status() == 0)) {
				this.held.forEach((answer) -> ctx.write(answer.msg(), answer.promise()));
				this.held.clear();
				ctx.flush();
				return;
			}
			this.discarding = true;
			this.held.forEach((answer) -> {
				ReferenceCountUtil.release(answer.msg());
				answer.promise().trySuccess();
			});
			this.held.clear();
			if (injected.dropConnection()) {
				ctx.close();
				return;
			}
			byte[] body = faultBody(injected.status()).getBytes(StandardCharsets.UTF_8);
			FullHttpResponse replaced = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
					HttpResponseStatus.valueOf(injected.status()), Unpooled.wrappedBuffer(body));
			replaced.headers()
				.set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8")
				.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length)
				.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
			ctx.writeAndFlush(replaced).addListener(ChannelFutureListener.CLOSE);
		}

	}

	private record Held(Object msg, ChannelPromise promise) {
	}

}
