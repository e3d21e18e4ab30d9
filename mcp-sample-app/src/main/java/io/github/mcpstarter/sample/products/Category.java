package io.github.mcpstarter.sample.products;

/** The departments of the catalog; an enum so that clients and agents see the closed list. */
public enum Category {

	/** Headphones, chargers and other devices. */
	ELECTRONICS,

	/** Cookware, knives and tableware. */
	KITCHEN,

	/** Food and drink. */
	GROCERY,

	/** Printed books. */
	BOOKS,

	/** Clothing and accessories. */
	APPAREL

}
