package io.github.mcpstarter.sample.common;

import java.util.List;

/**
 * One page of a longer, ordered result.
 *
 * <p>Our own record rather than Spring Data's {@code Page}: the stores are plain maps, and the
 * JSON shape stays small and stable for REST clients and MCP tools alike.
 *
 * @param content the elements of this page, empty past the last page
 * @param page the zero-based page number
 * @param size the requested page size
 * @param totalElements how many elements all pages hold together
 * @param totalPages how many pages of {@code size} the whole result fills
 * @param <T> the element type
 */
public record Page<T>(List<T> content, int page, int size, long totalElements, int totalPages) {

	/**
	 * Cuts one page out of a complete, already sorted and filtered result.
	 * @param all the whole result
	 * @param page the zero-based page number, not negative
	 * @param size the page size, at least 1
	 * @param <T> the element type
	 * @return the requested page, empty when {@code page} is past the end
	 */
	public static <T> Page<T> of(List<T> all, int page, int size) {
		int total = all.size();
		int from = (int) Math.min((long) page * size, total);
		int to = (int) Math.min((long) from + size, total);
		int totalPages = (int) (((long) total + size - 1) / size);
		return new Page<>(List.copyOf(all.subList(from, to)), page, size, total, totalPages);
	}

}
