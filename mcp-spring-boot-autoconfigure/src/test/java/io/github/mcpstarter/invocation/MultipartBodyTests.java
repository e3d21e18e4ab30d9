package io.github.mcpstarter.invocation;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class MultipartBodyTests {

	private static final MediaType MIXED = MediaType.parseMediaType("multipart/mixed; boundary=\"b 1\"");

	@Test
	void splitsThePartsWithTheirHeadersAndBytesIgnoringPreambleAndEpilogue() {
		String body = "preamble\r\n--b 1\r\nContent-Type: text/plain\r\nContent-Location: a://x\r\n\r\nfirst\r\nline\r\n"
				+ "--b 1  \r\n\r\nno headers\r\n--b 1--\r\nepilogue";

		List<MultipartBody.Part> parts = MultipartBody.parse(body.getBytes(StandardCharsets.UTF_8), MIXED);

		assertThat(parts).hasSize(2);
		assertThat(parts.get(0).contentType()).isEqualTo(MediaType.TEXT_PLAIN);
		assertThat(parts.get(0).headers().getFirst("Content-Location")).isEqualTo("a://x");
		assertThat(new String(parts.get(0).body(), StandardCharsets.UTF_8)).isEqualTo("first\r\nline");
		assertThat(parts.get(1).contentType()).isNull();
		assertThat(new String(parts.get(1).body(), StandardCharsets.UTF_8)).isEqualTo("no headers");
	}

	@Test
	void keepsBinaryBytesThatLookLikeLineBreaks() {
		byte[] head = "--b 1\r\nContent-Type: image/png\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		byte[] image = { (byte) 0x89, '\r', '\n', '-', '-', 'b', 0 };
		byte[] tail = "\r\n--b 1--".getBytes(StandardCharsets.US_ASCII);
		byte[] body = new byte[head.length + image.length + tail.length];
		System.arraycopy(head, 0, body, 0, head.length);
		System.arraycopy(image, 0, body, head.length, image.length);
		System.arraycopy(tail, 0, body, head.length + image.length, tail.length);

		assertThat(MultipartBody.parse(body, MIXED)).singleElement()
			.satisfies((part) -> assertThat(part.body()).isEqualTo(image));
	}

	@Test
	void refusesABodyWithoutItsClosingBoundary() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MultipartBody.parse("--b 1\r\n\r\ncut off".getBytes(StandardCharsets.US_ASCII), MIXED))
			.withMessageContaining("closing boundary");
	}

	@Test
	void refusesAMediaTypeWithoutBoundary() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MultipartBody.parse(new byte[0], MediaType.parseMediaType("multipart/mixed")))
			.withMessageContaining("no boundary");
	}

	@Test
	void refusesABodyWithoutAnyBoundaryLine() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> MultipartBody.parse("just text".getBytes(StandardCharsets.US_ASCII), MIXED))
			.withMessageContaining("no boundary line");
	}

}
