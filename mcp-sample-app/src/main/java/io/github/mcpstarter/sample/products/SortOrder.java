package io.github.mcpstarter.sample.products;

/** How product search results are ordered; ties are always broken by SKU, so results are stable. */
public enum SortOrder {

	/** Best match first: query words found in the name count more than words in the description. */
	RELEVANCE,

	/** Cheapest first. */
	PRICE_ASC,

	/** Most expensive first. */
	PRICE_DESC,

	/** Alphabetically by name, ignoring case and accents. */
	NAME

}
