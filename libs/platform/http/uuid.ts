/** A UUID as the database writes ids (any version, either case): checked before a lookup, so no query is wasted. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
